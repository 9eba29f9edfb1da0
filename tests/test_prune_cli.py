"""`linkedin-optout prune` through the real command line, against the demo site, with a session
imported into a temp HOME: the selection, the typed count, --json, the ledger, history, the HTML
report, --recheck and its alert, and `prune --demo`."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from automation.cli import cli
from automation.demo.site import DemoSite
from automation.pruning import run as pruning
from automation.pruning.report import PruneReport
from automation.results import history
from automation.review import ledger as records
from automation.review.synthetic import build
from tests.helpers.prune import POST_1
from tests.helpers.signed_in import import_demo_session
from tests.helpers.timing import waiting_as_tests_do
from tests.test_keep_it_off import alert_target  # noqa: F401  (a fixture: a local apprise json:// target)

pytestmark = pytest.mark.browser


def invoke(*args: str, **kwargs):
    return CliRunner().invoke(cli, list(args), **kwargs)


@pytest.fixture
def export(tmp_path: Path) -> Path:
    path = tmp_path / "Complete_LinkedInDataExport_12-01-2026.zip"
    path.write_bytes(build("complete").data)
    return path


@pytest.fixture
def signed_in(home: Path, via_demo: DemoSite, monkeypatch: pytest.MonkeyPatch) -> DemoSite:
    """A profile holding a demo session, imported as a person would; prune waits as the tests do."""
    import_demo_session(via_demo)
    monkeypatch.setattr(pruning, "prune", waiting_as_tests_do(pruning.prune))
    return via_demo


def _ledger(home: Path) -> Path:
    return home / "state" / "linkedin-optout" / "prune" / "ledger-default.jsonl"


def test_without_a_choice_it_says_what_each_kind_would_choose_and_exits_2(home: Path, export: Path) -> None:
    done = invoke("prune", str(export))
    assert done.exit_code == 2
    for kind in ("old", "email", "phone", "resume", "screening-answer"):
        assert kind in done.output
    assert "--kind" in done.output


def test_looking_is_the_default_and_exits_3_while_something_is_up(home: Path, export: Path, signed_in: DemoSite) -> None:
    done = invoke("prune", str(export), "--kind", "old", "--only", "posts", "--json", "-q")
    assert done.exit_code == 3, done.output
    report = PruneReport.model_validate_json(done.stdout)
    assert report.mode == "look" and {i.status.value for i in report.items} == {"still_up"}
    assert signed_in.activity.deletes_tried == 0


def test_a_count_that_is_not_the_selections_deletes_nothing(home: Path, export: Path, signed_in: DemoSite) -> None:
    done = invoke("prune", str(export), "--kind", "old", "--only", "posts", "--delete", "--yes", "3")
    assert done.exit_code == 2 and "--yes 3, but the selection holds 2 item(s) to delete: nothing deleted" in done.output
    assert signed_in.activity.deletes_tried == 0


def test_without_a_terminal_or_yes_it_asks_for_the_count_and_deletes_nothing(home: Path, export: Path,
                                                                           signed_in: DemoSite) -> None:
    done = invoke("prune", str(export), "--kind", "old", "--delete")
    assert done.exit_code == 2 and "type the count, or pass --yes" in done.output
    assert signed_in.activity.deletes_tried == 0


def test_delete_with_the_count_keeps_ledger_history_and_html(home: Path, export: Path, signed_in: DemoSite) -> None:
    done = invoke("prune", str(export), "--kind", "old", "--only", "posts", "--delete", "--yes", "2", "--pace", "0",
                  "--json", "-q", "--html")
    assert done.exit_code == 0, done.output
    data = json.loads(done.stdout)
    assert data["exit_code"] == 0 and [i["status"] for i in data["items"]] == ["deleted", "deleted"]
    assert all(set(i) >= {"link", "kind", "reason", "status", "why"} for i in data["items"])
    ledger = _ledger(home)
    assert stat.S_IMODE(ledger.stat().st_mode) == 0o600
    assert len([k for k in records.load(ledger).entries if records.load(ledger).gone(k)]) == 2
    records_, _bad = history.read()
    line = records_[-1]
    assert line.kind == "prune" and line.details == {"mode": "delete", "exit_code": "0", "deleted": "2"}
    assert "linkedin.com" not in history.history_path().read_text(encoding="utf-8")  # counts only, no links
    html = Path(data["run_dir"]) / "report.html"
    assert html.exists() and html.read_text(encoding="utf-8").count("data:image/png;base64,") == 4
    shown = invoke("history")
    assert "prune delete" in shown.output and "2 deleted" in shown.output


def test_recheck_reports_and_alerts_an_item_linkedin_restored(home: Path, export: Path, signed_in: DemoSite,
                                                               alert_target) -> None:
    assert invoke("prune", str(export), "--kind", "email", "--only", "posts", "--delete", "--yes", "1",
                  "--pace", "0", "-q").exit_code == 0
    still = invoke("prune", "--recheck", "--json", "-q")
    assert still.exit_code == 0 and [i["status"] for i in json.loads(still.stdout)["items"]] == ["gone"]
    signed_in.activity.posts[POST_1].deleted = False  # LinkedIn brings it back
    url, received = alert_target
    back = invoke("prune", "--recheck", "--json", "-q", "--notify", url)
    assert back.exit_code == 3, back.output
    item = json.loads(back.stdout)["items"][0]
    assert item["restored"] and item["status"] == "still_up" and "LinkedIn shows it again" in item["why"]
    assert received and "restored" in received[0]["message"]
    assert records.load(_ledger(home)).gone(f"post:{POST_1}") is None  # the ledger knows it is back


@pytest.mark.slow
def test_prune_demo_lists_then_deletes_and_verifies_every_selected_item(home: Path) -> None:
    listed = invoke("prune", "--demo", "-q")
    assert listed.exit_code == 3 and "still up" in listed.output and "Demo: choosing" in listed.output
    done = invoke("prune", "--demo", "--delete", "--yes", "10", "--pace", "0", "--json", "-q")
    assert done.exit_code == 0, done.output
    data = json.loads(done.stdout)
    assert len(data["items"]) == 10 and {i["status"] for i in data["items"]} == {"deleted"}
    assert not history.history_path().exists()  # the demo is not the person's LinkedIn


def test_guided_without_a_display_is_one_line_and_exit_2(home: Path, export: Path, signed_in: DemoSite,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    done = invoke("prune", str(export), "--kind", "old", "--guided")
    assert done.exit_code == 2 and "no display for a visible browser" in done.output
    assert not [h for h in signed_in.hits if "/feed/update/" in h.path]  # no page was opened


def test_a_choice_that_matches_nothing_says_so_and_exits_0(home: Path, export: Path, signed_in: DemoSite) -> None:
    done = invoke("prune", str(export), "--before", "1995", "--json")
    assert done.exit_code == 0 and "nothing to prune" in done.stderr
    assert json.loads(done.stdout)["items"] == []


def test_without_a_sign_in_profile_it_says_so_before_asking_anything(home: Path, export: Path) -> None:
    done = invoke("prune", str(export), "--kind", "old", "--delete", "--yes", "4")
    assert done.exit_code == 5 and "no sign-in profile 'default' yet" in done.output
    assert "About to delete" not in done.output
