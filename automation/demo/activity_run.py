"""``prune`` against the demo site: the synthetic person's activity, deleted end to end.

What `linkedin-optout prune --demo`, the tests and benchmarks/prune.py share. No profile, no
ledger of the person's: a fresh browser context signed in to the stand-in, which is served on
127.0.0.1 and reached as www.linkedin.com.
"""

from __future__ import annotations

from pathlib import Path

from playwright.async_api import async_playwright

from automation.demo.activity import ActivityFaults
from automation.demo.run import demo_context
from automation.demo.site import DemoSite
from automation.engine.options import Evidence, Hooks, Waits
from automation.pruning import run as pruning
from automation.pruning.options import PruneTask
from automation.pruning.report import PruneReport
from automation.pruning.selection import Selection
from automation.session.browser import launch as launch_browser
from automation.session.runner import Launch


async def prune_demo(selection: Selection, task: PruneTask, *, launch: Launch | None = None,
                     evidence: Evidence | None = None, waits: Waits | None = None, hooks: Hooks | None = None,
                     ledger: Path | None = None, faults: ActivityFaults | None = None) -> PruneReport:
    """Start the demo site (``faults`` on its activity pages), open a browser signed in to it, and
    prune ``selection`` there. ``launch.site`` is ignored: the demo site is the site."""
    launch = launch or Launch()
    with DemoSite() as site:
        if faults is not None:
            site.activity.faults = faults
        async with async_playwright() as playwright:
            browser = await launch_browser(playwright, headless=launch.headless, args=site.launch_args(),
                                           executable=launch.executable)
            try:
                context = await demo_context(browser, site)
                return await pruning.prune(context, selection, task, evidence=evidence, waits=waits, hooks=hooks,
                                           ledger=ledger)
            finally:
                await browser.close()
