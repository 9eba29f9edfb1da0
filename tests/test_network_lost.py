"""The network goes away in the middle of a run.

What was done before stays reported as done; the settings that can no longer be reached are
``unreachable``, and nothing the browser shows instead of LinkedIn (its own error page) is kept as
evidence or as a page screenshot. A change whose verifying reload cannot be made says what the
click did, a failed save included. The demo's ``drop_connections`` closes every settings page's
connection unanswered, as a lost network does (Chromium: ERR_EMPTY_RESPONSE).
"""

from __future__ import annotations

from pathlib import Path

from playwright.async_api import Route

from automation.demo.site import DemoSite
from automation.results.report import ExitCode, Status

RESEARCH_KEY = "allowAnonymizedDataResearch"
THREE = ["ai-training", "research", "ads-inferred-age"]  # three pages, one at a time


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_settings_after_the_network_went_away_are_unreachable_with_no_screenshot(site: DemoSite, run_engine,
                                                                                   tmp_path: Path) -> None:
    """The first page is done; the second's save fails and the network goes away before its
    verifying reload; the third page is never reached."""
    site.faults.save_status[RESEARCH_KEY] = 500

    def progress(setting: str, what: str) -> None:
        if (setting, what) == ("research", "verifying"):
            site.faults.drop_connections = True

    report = run_engine(apply=True, only=THREE, concurrency=1, evidence_dir=tmp_path / "run", screenshots=True,
                        progress=progress)
    first, second, third = report.results
    assert first.status is Status.TURNED_OFF and first.screenshot
    assert second.status is Status.UNREACHABLE and second.before is True and second.after is None
    assert second.message.startswith("LinkedIn rejected the save (HTTP 500), and the reload that would verify it "
                                     "failed: LinkedIn could not be reached (ERR_EMPTY_RESPONSE)"), second.message
    assert third.status is Status.UNREACHABLE and "could not be reached" in third.message
    assert all(r.evidence == [] and r.screenshot is None for r in (second, third))
    assert _files(tmp_path / "run") == ["card-ai-training.png", "page-ai-training.png"], "only the page reached"
    assert report.exit_code == ExitCode.UNREACHABLE
    assert site.setting("research") is True and site.setting("ai-training") is False


def test_a_page_that_fails_to_load_keeps_no_picture_of_the_browser_error_page(site: DemoSite, run_engine, aio,
                                                                              context, tmp_path: Path) -> None:
    """A load that fails with an error that does not say the network is gone (net::ERR_FAILED) is
    ``failed``: its evidence would be the browser's own error page, so none is kept."""
    async def fail(route: Route) -> None:
        await route.abort("failed")

    aio.run(context.route("**/mypreferences/d/settings/policy-and-academic-research", fail))
    report = run_engine(apply=True, only=["ai-training", "research"], concurrency=1, evidence_dir=tmp_path / "run",
                        screenshots=True)
    research = report.result("research")
    assert research.status is Status.FAILED and "net::ERR_FAILED" in research.message
    assert research.evidence == [] and research.screenshot is None
    assert _files(tmp_path / "run") == ["card-ai-training.png", "page-ai-training.png"]


def test_a_tab_whose_load_failed_is_not_reused_for_the_next_page(site: DemoSite, run_engine, aio, context) -> None:
    """One tab at a time: the research page's load fails (net::ERR_FAILED). Chromium then draws
    its error page into that tab; reused, it would interrupt the next page's load. The next
    page gets a fresh tab and is turned off like any other."""
    async def fail(route: Route) -> None:
        await route.abort("failed")

    aio.run(context.route("**/mypreferences/d/settings/policy-and-academic-research", fail))
    report = run_engine(apply=True, only=["ai-training", "research", "ads-inferred-age"], concurrency=1)
    assert [r.status for r in report.results] == [Status.TURNED_OFF, Status.FAILED, Status.TURNED_OFF], \
        [r.message for r in report.results]
    assert "net::ERR_FAILED" in report.result("research").message
    assert site.setting("ads-inferred-age") is False


def test_the_pages_close_within_a_bound_after_the_network_drops(site: DemoSite, run_engine, monkeypatch) -> None:
    """The network goes away mid-run: closing the engine's pages (error pages among them) takes at
    most the pool's bound, not a 10 s wait per page."""
    import time

    from automation.engine import pages

    took: list[float] = []
    close_all = pages.PagePool.close_all

    async def timed(self: pages.PagePool) -> None:
        started = time.monotonic()
        await close_all(self)
        took.append(time.monotonic() - started)

    monkeypatch.setattr(pages.PagePool, "close_all", timed)

    def progress(setting: str, what: str) -> None:
        if (setting, what) == ("research", "verifying"):
            site.faults.drop_connections = True

    report = run_engine(apply=True, only=THREE, concurrency=3, progress=progress)
    assert report.result("research").status is Status.UNREACHABLE, report.result("research").message
    assert took and took[0] <= pages.CLOSE_WITHIN + 1, took
