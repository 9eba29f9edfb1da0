"""Lean, concurrent runs: images, media and fonts are not fetched; pages are reused and closed;
overlapping changes (pace 0 with a chosen concurrency) still verify every setting."""

from __future__ import annotations

from automation.demo.site import DemoSite
from automation.results.report import Status

HEAVY = ("/image", ".woff2", ".woff", ".jpg", ".png", ".mp4")


def heavy_hits(site: DemoSite) -> list[str]:
    return [h.path for h in site.hits if h.host != "www.linkedin.com" and any(x in h.path for x in HEAVY)]


def test_a_check_fetches_no_images_or_fonts(site: DemoSite, run_engine) -> None:
    report = run_engine(apply=False, only="ads")
    assert {r.status for r in report.results} == {Status.ON}
    assert heavy_hits(site) == []


def test_the_demo_pages_do_carry_images_and_fonts(site: DemoSite, run_engine) -> None:
    """Without this, the test above would pass by construction."""
    run_engine(apply=False, only="ads", lean=False)
    assert heavy_hits(site) != []


def test_overlapping_changes_still_verify_each_setting(site: DemoSite, run_engine, context) -> None:
    report = run_engine(apply=True, pace=0, concurrency=4)
    assert {r.status for r in report.results} == {Status.TURNED_OFF}
    assert all(site.setting(r.setting) is False for r in report.results)
    assert [s for s in site.saves if s.value is not False] == []
    assert len(site.saves) == len(report.results)  # one click each, never a second
    assert context.pages == []
