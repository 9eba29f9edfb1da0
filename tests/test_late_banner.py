"""A cookie banner drawn after the page was first looked at (a busy machine draws it with, or
after, the switches) must not take the click: it is looked for again right before each click,
and only its DENY control (selectors/site.toml) is ever clicked."""

from __future__ import annotations

from dataclasses import replace

from automation.demo.site import DemoSite
from automation.results.report import Status
from tests.helpers.timing import FAST

AI = "ai-training"


def test_a_banner_drawn_after_the_first_look_is_rejected_before_the_click(site: DemoSite, run_engine, aio,
                                                                          context) -> None:
    # The banner comes half a second after the switches, over the whole page; the engine's two
    # settled reads (before it decides, and again just before the click) take at least two windows
    # of a second each, so the first look finds no banner and the click finds one.
    site.faults.cookie_banner, site.faults.banner_delay = True, 0.5
    report = run_engine(apply=True, only=AI, timeouts=replace(FAST, settle_window=max(FAST.settle_window, 1.0)))
    result = report.results[0]
    assert result.status is Status.TURNED_OFF, (result.status, result.message)
    key = next(s.key for s in site.catalogue.settings if s.id == AI)
    assert [s.key for s in site.saves if s.status == 200] == [key] and site.state[key] is False
    cookies = {c["name"]: c["value"] for c in aio.run(context.cookies())}
    assert cookies.get("li_gc_demo") == "DENY"  # rejected, never accepted
