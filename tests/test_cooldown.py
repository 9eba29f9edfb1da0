"""After a refusal the scheduled runs back off; an unreachable run alerts only once checks go
stale. The CLI runs in-process against the demo site."""

from __future__ import annotations

import json
import stat
from datetime import timedelta
from pathlib import Path

import pytest

from automation.demo.site import DemoSite
from automation.results import cooldown, history
from automation.results.report import ExitCode, RunReport, SettingResult, Status, now

from .test_keep_it_off import alert_target, history_file, invoke, signed_in  # noqa: F401 (fixtures)

PAGES = "/mypreferences/"


def _loads(site: DemoSite) -> int:
    return sum(1 for h in site.hits if h.method == "GET" and h.path.startswith(PAGES))


def _report(status: Status, message: str = "", ago: timedelta = timedelta()) -> RunReport:
    at = now() - ago
    return RunReport(mode="check", results=[SettingResult(setting="ai-training", status=status, message=message)],
                     started_at=at, finished_at=at)


def test_each_refusal_in_a_row_doubles_the_cool_down_and_an_answer_ends_it(home: Path) -> None:
    first = cooldown.record(_report(Status.REFUSED, "LinkedIn refused the request (HTTP 999). Wait"), "p")
    assert first and first.until - first.since == timedelta(hours=6) and first.reason.endswith("(HTTP 999)")
    assert stat.S_IMODE(cooldown.cooldown_path("p").stat().st_mode) == 0o600
    second = cooldown.record(_report(Status.REFUSED, "again"), "p")
    assert second and second.until - second.since == timedelta(hours=12) and second.refusals == 2
    assert cooldown.record(_report(Status.UNREACHABLE), "p") is None and cooldown.read("p"), "offline says nothing"
    assert cooldown.record(_report(Status.ALREADY_OFF), "p") is None and cooldown.read("p") is None


def test_a_damaged_cool_down_file_is_one_clear_error(home: Path) -> None:
    path = cooldown.cooldown_path("p")
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    with pytest.raises(cooldown.StateFileError, match="cool-down file .* is damaged"):
        cooldown.active("p")


def test_a_check_is_stale_after_twice_the_interval() -> None:
    records = [history.Record(kind="run", profile="p", report=_report(Status.ALREADY_OFF, ago=timedelta(days=13)))]
    assert cooldown.stale(records, "p", "weekly") is None
    assert cooldown.stale(records, "p", "daily") is not None
    old = [history.Record(kind="run", profile="p", report=_report(Status.ALREADY_OFF, ago=timedelta(days=15)))]
    assert "no check has reached LinkedIn since" in (cooldown.stale(old, "p", "weekly") or "")
    unreached = [history.Record(kind="run", profile="p", report=_report(Status.UNREACHABLE))]
    assert "reached LinkedIn yet" in (cooldown.stale(unreached, "p", "weekly") or "")


def test_a_refused_scheduled_run_alerts_once_and_the_next_ones_back_off(home: Path, signed_in, via_demo: DemoSite,
                                                                        alert_target, monkeypatch) -> None:
    url, received = alert_target
    monkeypatch.setenv("LINKEDIN_OPTOUT_NOTIFY", url)
    for s in via_demo.catalogue.settings:
        via_demo.faults.status[s.path] = 999
    done = invoke("scheduled")
    assert done.exit_code == ExitCode.SESSION, done.output
    assert len(received) == 1 and "refused" in json.dumps(received[0])
    loads = _loads(via_demo)

    again = invoke("scheduled")  # within the cool-down: no browser, no page, no alert
    assert again.exit_code == ExitCode.SESSION and "skipped: LinkedIn refused" in again.output
    assert _loads(via_demo) == loads and len(received) == 1
    last = json.loads(history_file(home).read_text().splitlines()[-1])
    assert last["kind"] == "skipped" and "HTTP 999" in last["details"]["reason"]
    assert "backing off" in invoke("schedule", "status", "--scheduler", "systemd").output
    assert "skipped:" in invoke("history", env={"COLUMNS": "200"}).output
    assert json.loads(invoke("history", "--json").output)[-1]["kind"] == "skipped"

    via_demo.faults.status.clear()  # hours later: the cool-down is over and LinkedIn answers
    path = cooldown.cooldown_path("default")
    passed = cooldown.read("default").model_copy(update={"until": now() - timedelta(minutes=1)})  # type: ignore[union-attr]
    path.write_text(passed.model_dump_json())
    assert invoke("scheduled").exit_code == 0
    assert not path.exists()


def test_one_unreachable_scheduled_run_is_quiet_but_a_stale_one_alerts(home: Path, signed_in, via_demo: DemoSite,
                                                                     alert_target, monkeypatch) -> None:
    url, received = alert_target
    monkeypatch.setenv("LINKEDIN_OPTOUT_NOTIFY", url)
    via_demo.faults.unlisted = False  # nothing new on LinkedIn (a new setting alerts once: test_unlisted_cli)
    assert invoke("scheduled", "--every", "daily").exit_code == 0  # reaches LinkedIn: all off
    via_demo.faults.drop_connections = True
    done = invoke("scheduled", "--every", "daily")
    assert done.exit_code == ExitCode.UNREACHABLE, done.output
    assert received == [], "one offline run is not news"
    # Three days without a check that reached LinkedIn: twice the daily interval has passed.
    lines = history_file(home).read_text().splitlines()
    old = json.loads(lines[0])
    old["report"]["finished_at"] = (now() - timedelta(days=3)).isoformat()
    history_file(home).write_text("\n".join([json.dumps(old), *lines[1:]]) + "\n")
    assert invoke("scheduled", "--every", "daily").exit_code == ExitCode.UNREACHABLE
    assert len(received) == 1 and "no check has reached LinkedIn since" in json.dumps(received[0])
    assert "last check that reached LinkedIn:" in invoke("schedule", "status", "--scheduler", "systemd").output
