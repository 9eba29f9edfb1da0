"""prune on the demo site, as a library user calls it: look, delete end to end with each item
verified gone by a reload, the ledger, the close-ups, walls and refusals."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

import automation
from automation.demo.site import DemoSite
from automation.engine.options import Evidence
from automation.errors import OptionsError
from automation.exit_codes import ExitCode
from automation.pruning.report import ItemStatus
from automation.review import ledger as records
from tests.helpers.prune import POST_1, demo_selection, run
from tests.helpers.timing import FAST

pytestmark = pytest.mark.browser


def _by_kind(report) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for item in report.items:
        found.setdefault(item.kind, set()).add(item.status.value)
    return found


def test_looking_only_reports_each_selected_item_still_up_and_deletes_nothing(aio, context, site: DemoSite) -> None:
    selection = demo_selection(kinds=("old", "phone", "resume"))
    report = run(aio, context, selection)
    assert report.mode == "look" and report.exit_code == ExitCode.NOT_OFF
    assert _by_kind(report) == {"post": {"still_up"}, "comment": {"still_up"}, "article": {"still_up"},
                                "resume": {"still_up"}}
    assert site.activity.deletes_tried == 0
    assert not [h for h in site.hits if h.method == "DELETE"]


def test_delete_removes_exactly_the_selection_and_proves_each_gone(aio, context, site: DemoSite,
                                                                   tmp_path: Path) -> None:
    selection = demo_selection(kinds=("old", "phone", "resume"))
    ledger = tmp_path / "state" / "ledger.jsonl"
    report = run(aio, context, selection, delete=True, ledger=ledger)
    assert {i.status for i in report.items} == {ItemStatus.DELETED}, [(i.label, i.why) for i in report.items]
    assert report.exit_code == ExitCode.OK
    chosen = {i.key for i in selection.items}
    assert len(site.activity.deleted) == len(chosen)  # one deletion per item, nothing else
    assert "Rowan_Vale_Cover_Letter.pdf" not in site.activity.deleted  # on the page, never chosen
    assert all(site.activity.post(urn) is not None for urn in site.activity.posts
               if f"post:{urn}" not in chosen and not urn.endswith("-other"))
    kept = records.load(ledger)
    assert {k for k in chosen if kept.gone(k)} == chosen
    assert stat.S_IMODE(ledger.stat().st_mode) == 0o600
    text = ledger.read_text(encoding="utf-8")
    assert all(item.words[:20] not in text for item in selection.items if item.kind != "resume")


def test_a_second_look_finds_them_gone_and_a_new_selection_leaves_them_out(aio, context, site: DemoSite,
                                                                            tmp_path: Path) -> None:
    selection = demo_selection(kinds=("old",), only=("posts",))
    ledger = tmp_path / "ledger.jsonl"
    run(aio, context, selection, delete=True, ledger=ledger)
    again = run(aio, context, selection)
    assert {i.status for i in again.items} == {ItemStatus.GONE} and again.exit_code == ExitCode.OK
    left = demo_selection(kinds=("old",), only=("posts",))
    from automation.pruning.selection import select  # what the command line does with the ledger
    from automation.review.synthetic import build
    from tests.helpers.prune import ANSWERS, BASE

    assert select(build("complete").data, left.criteria, base_url=BASE, answers_page=ANSWERS,
                  ledger=records.load(ledger)).already_gone == len(selection.items)


def test_the_library_call_and_its_options_are_public(aio, context, site: DemoSite, tmp_path: Path) -> None:
    from automation.review.synthetic import build

    export = tmp_path / "export.zip"
    export.write_bytes(build("complete").data)
    selection = automation.Selection.from_export(export, automation.Criteria(kinds=["email"], only=["posts"]))
    task = automation.PruneTask(delete=True, confirm=len(selection.items), pace=0)
    report = aio.run(automation.prune(context, selection, task, waits=automation.Waits(timeouts=FAST)))
    assert [(i.link, i.status) for i in report.items] == [
        (f"https://www.linkedin.com/feed/update/{POST_1}/", ItemStatus.DELETED)]
    data = report.model_dump(mode="json")
    assert set(data["items"][0]) >= {"link", "kind", "reason", "status", "why"} and data["exit_code"] == 0


def test_a_confirmed_count_that_is_not_the_selections_deletes_nothing(aio, context, site: DemoSite) -> None:
    selection = demo_selection(kinds=("old",))
    with pytest.raises(OptionsError, match="nothing deleted"):
        aio.run(automation.prune(context, selection, automation.PruneTask(delete=True, confirm=1)))
    assert site.activity.deletes_tried == 0


def test_close_ups_before_and_after_are_kept_for_the_report(aio, context, site: DemoSite, tmp_path: Path) -> None:
    selection = demo_selection(kinds=("email",), only=("posts",))
    report = run(aio, context, selection, delete=True, evidence=Evidence(folder=tmp_path / "run", screenshots=True))
    item = report.items[0]
    assert item.before and item.after and Path(item.before).read_bytes().startswith(b"\x89PNG")
    assert stat.S_IMODE(Path(item.after).stat().st_mode) == 0o600
    from automation.pruning.html_page import render

    page = render(report, base=tmp_path / "run")
    assert page.count("data:image/png;base64,") == 2 and "deleted" in page


def test_a_refusal_mid_run_stops_at_once_with_no_further_load(aio, context, site: DemoSite) -> None:
    site.activity.faults.refuse_after_deletes = 1
    selection = demo_selection(kinds=("old",), only=("posts",))
    report = run(aio, context, selection, delete=True)
    assert report.exit_code == ExitCode.SESSION and report.halted and "999" in report.halted.message
    statuses = [i.status for i in report.items]
    assert statuses[0] in (ItemStatus.UNKNOWN, ItemStatus.DELETED) and statuses[1:] == [ItemStatus.SKIPPED]
    refused = [n for n, h in enumerate(site.hits) if h.status == 999]
    assert refused and site.hits[refused[0] + 1:] == []  # nothing loaded after LinkedIn said no
    assert len(site.activity.deleted) == 1


def test_a_sign_in_wall_stops_the_run_before_anything_is_deleted(aio, context, site: DemoSite) -> None:
    site.end_sessions()
    report = run(aio, context, demo_selection(kinds=("old",)), delete=True)
    assert report.exit_code == ExitCode.SESSION and report.halted and report.halted.status.value == "signed_out"
    assert {i.status for i in report.items} == {ItemStatus.SKIPPED} and site.activity.deletes_tried == 0


@pytest.mark.parametrize("kind", ["post", "comment", "article", "resume"])
def test_each_flow_of_the_prune_map_deletes_its_kind(aio, context, site: DemoSite, kind: str) -> None:
    """One case per entry of selectors/prune.toml, on the demo page that stands for it."""
    selection = demo_selection(kinds=("old", "phone", "resume"), only=(f"{kind}s",), limit=1)
    assert [i.kind for i in selection.items] == [kind]
    report = run(aio, context, selection, delete=True)
    assert report.items[0].status is ItemStatus.DELETED, report.items[0].why
    assert report.items[0].warnings == []


def test_a_fallback_selector_still_finds_the_item_and_says_the_map_needs_an_update(aio, context,
                                                                                  site: DemoSite) -> None:
    from automation.pruning.map import load_prune_map

    pmap = load_prune_map()
    look = pmap.post.look.model_copy(update={"item": ["div.renamed-update-card", *pmap.post.look.item]})
    moved = pmap.model_copy(update={"post": pmap.post.model_copy(update={"look": look})})
    selection = demo_selection(kinds=("email",), only=("posts",))
    report = aio.run(automation.prune(context, selection, automation.PruneTask(), prune_map=moved,
                                      waits=automation.Waits(timeouts=FAST)))
    assert report.items[0].status is ItemStatus.STILL_UP
    assert any("fallback (item: div.feed-shared-update-v2)" in w for w in report.items[0].warnings)


@pytest.mark.parametrize("wall", ["challenge", "lasting 429"])
def test_a_challenge_or_a_lasting_rate_limit_stops_the_run_like_a_refusal(aio, context, site: DemoSite,
                                                                        wall: str) -> None:
    if wall == "challenge":
        site.activity.faults.challenge_after_deletes = 1
    selection = demo_selection(kinds=("old",), only=("posts",))
    if wall == "lasting 429":
        site.faults.rate_limit = 1000  # every page load answers 429: past the bounded retries, a refusal
    report = run(aio, context, selection, delete=True)
    assert report.exit_code == ExitCode.SESSION and report.halted is not None
    assert report.halted.status.value == ("challenge" if wall == "challenge" else "refused")
    assert ItemStatus.SKIPPED in {i.status for i in report.items}
    assert len(site.activity.deleted) == (1 if wall == "challenge" else 0)
