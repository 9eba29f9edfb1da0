"""Run the engine against the demo site: what `linkedin-optout demo` and the tests share."""

from __future__ import annotations

import os
from pathlib import Path

from playwright.async_api import Browser, BrowserContext, async_playwright

from automation.demo.site import DemoSite, Faults
from automation.engine.interrupt import Interrupt
from automation.engine.run import Progress, opt_out
from automation.results.report import RunReport
from automation.session.browser import launch


async def demo_context(browser: Browser, site: DemoSite, *, signed_in: bool = True) -> BrowserContext:
    """A fresh context that reaches the demo site, signed in with a fake demo session."""
    # The demo's certificate is issued by a throwaway CA, hence ignore_https_errors. Service
    # workers are blocked because routed requests bypass them
    # (docs/playwright.md#routing-and-service-workers).
    context = await browser.new_context(ignore_https_errors=True, service_workers="block")
    if signed_in:
        await context.add_cookies(site.session_cookies())  # type: ignore[arg-type]
    return context


async def run_demo(*, pace: float = 0, headless: bool = True, executable: str | os.PathLike[str] | None = None,
                   faults: Faults | None = None, progress: Progress | None = None,
                   evidence_dir: Path | None = None, screenshots: bool = False,
                   interrupt: Interrupt | None = None) -> tuple[RunReport, RunReport]:
    """Start the demo site with every setting on, apply, then check. Returns both reports.
    After an interrupt the check reads nothing new: its settings are ``skipped`` too."""
    with DemoSite(faults=faults) as site:
        async with async_playwright() as playwright:
            browser = await launch(playwright, headless=headless, args=site.launch_args(), executable=executable)
            try:
                context = await demo_context(browser, site)
                applied = await opt_out(context, apply=True, pace=pace, progress=progress,
                                        evidence_dir=evidence_dir, screenshots=screenshots, interrupt=interrupt)
                checked = await opt_out(context, apply=False, progress=progress, interrupt=interrupt)
            finally:
                await browser.close()
    return applied, checked
