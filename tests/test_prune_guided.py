"""`prune --guided` in a real window on a virtual screen, with a scripted person: the tool shows
each item with a band that never covers its menu and clicks nothing; the person deletes one
item, skips one with `s`, deletes another, and stops with `q`; each deletion is verified by a
reload. A refusal met while the person deletes, or a signal, stops the run as such."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.async_api import BrowserContext

from automation.demo.site import DemoSite
from automation.engine.interrupt import Interrupt
from automation.pruning.report import ItemStatus
from tests.helpers.guided import delete_by_hand, next_band, run_guided
from tests.helpers.headed import Window, screen, window  # noqa: F401  (fixtures)
from tests.helpers.prune import demo_selection

pytestmark = [pytest.mark.headed, pytest.mark.browser]


def test_guided_the_person_deletes_skips_and_stops_and_each_deletion_is_verified(
        aio: Any, site: DemoSite, window: Window) -> None:  # noqa: F811
    selection = demo_selection(kinds=("email", "phone", "resume"), only=("posts", "comments", "resumes"))
    kinds = [i.kind for i in selection.items]
    assert kinds == ["post", "comment", "resume", "resume", "resume"]
    seen: list[str] = []

    async def person(context: BrowserContext) -> None:
        last = ""
        for action in ("delete", "s", "delete", "q"):
            page, last = await next_band(context, last)
            seen.append(last.splitlines()[0])
            await window.keep(page, f"{len(seen)}-{action}")
            if action == "delete":
                await delete_by_hand(page, last.splitlines()[0])
            else:
                await page.keyboard.press(action)

    report, _ = run_guided(aio, site, selection, person, timeout=240)
    statuses = [(i.kind, i.status, i.why) for i in report.items]
    assert [s[1] for s in statuses] == [ItemStatus.DELETED, ItemStatus.SKIPPED, ItemStatus.DELETED,
                                        ItemStatus.SKIPPED, ItemStatus.SKIPPED], statuses
    assert "you skipped it (s)" in statuses[1][2] and "you stopped the run (q)" in statuses[3][2]
    assert "the run stopped before this item" in statuses[4][2]
    assert seen[0].startswith("linkedin-optout: delete this post yourself")
    assert len(site.activity.deleted) == 2  # the person's two deletions; the tool clicked nothing
    assert report.mode == "guided"


def test_guided_saved_answers_are_opened_for_the_person_and_left_to_the_next_export(
        aio: Any, site: DemoSite, window: Window) -> None:  # noqa: F811
    selection = demo_selection(kinds=("screening-answer",))
    assert [i.kind for i in selection.items] == ["answers"]

    async def person(context: BrowserContext) -> str:
        page, text = await next_band(context, "")
        assert page.url.endswith("/jobs/application-settings/")
        await page.keyboard.press("Enter")  # "done": the person deleted them by hand
        return text

    report, band = run_guided(aio, site, selection, person, timeout=120)
    assert "No public source shows how LinkedIn lists them" in band
    item = report.items[0]
    assert item.status is ItemStatus.UNKNOWN and "only your next data export can show" in item.why


def test_guided_a_deletion_linkedin_refuses_stops_the_run_with_no_further_load(
        aio: Any, site: DemoSite, window: Window) -> None:  # noqa: F811
    """The person deletes a post and LinkedIn answers that request with 999: the run stops there,
    as when the tool clicks (nothing more loaded, not even the verifying reload), and says so."""
    site.activity.faults.refuse_delete = True
    selection = demo_selection(kinds=("old",), only=("posts",))

    async def person(context: BrowserContext) -> None:
        page, text = await next_band(context, "")
        await delete_by_hand(page, text.splitlines()[0])

    report, _ = run_guided(aio, site, selection, person)
    refused = [n for n, h in enumerate(site.hits) if h.status == 999]
    assert refused and site.hits[refused[0]].method == "DELETE"
    loads = [h for h in site.hits[refused[0] + 1:] if h.method == "GET" and "/feed/update/" in h.path]
    assert loads == [], loads
    assert report.halted and "999" in report.halted.message
    first, *rest = report.items
    assert first.status is ItemStatus.UNKNOWN and "LinkedIn answered" in first.why, first
    assert all(i.status is ItemStatus.SKIPPED for i in rest), rest


def test_guided_a_signal_while_the_person_works_is_not_their_q(
        aio: Any, site: DemoSite, window: Window) -> None:  # noqa: F811
    """Ctrl-C while an item waits for the person: it is skipped because the run was stopped, not
    reported as the person's own `q`; the rest are not opened."""
    interrupt = Interrupt()
    selection = demo_selection(kinds=("old",), only=("posts",))

    async def person(context: BrowserContext) -> None:
        await next_band(context, "")
        interrupt.set("SIGINT")

    report, _ = run_guided(aio, site, selection, person, interrupt=interrupt)
    first, *rest = report.items
    assert first.status is ItemStatus.SKIPPED and "the run was stopped" in first.why, first
    assert "(q)" not in first.why and report.interrupted == "SIGINT"
    assert all(i.status is ItemStatus.SKIPPED and "(q)" not in i.why for i in rest), rest
    assert site.activity.deleted == []
