"""Run the engine against the demo site: what `linkedin-optout demo` and the tests share."""

from __future__ import annotations

from playwright.async_api import Browser, BrowserContext, async_playwright

from automation.demo.site import DemoSite, Faults
from automation.engine.options import Evidence, Hooks, Task
from automation.engine.run import opt_out
from automation.results.report import RunReport
from automation.session.browser import launch as launch_browser
from automation.session.runner import Launch


async def demo_context(browser: Browser, site: DemoSite, *, signed_in: bool = True) -> BrowserContext:
    """A fresh context that reaches the demo site, signed in with a fake demo session."""
    # The demo's certificate is issued by a throwaway CA, hence ignore_https_errors. Service
    # workers are blocked because routed requests bypass them
    # (docs/playwright.md#routing-and-service-workers).
    context = await browser.new_context(ignore_https_errors=True, service_workers="block")
    if signed_in:
        await context.add_cookies(site.session_cookies())  # type: ignore[arg-type]
    return context


async def run_demo(*, pace: float = 0, launch: Launch | None = None, faults: Faults | None = None,
                   evidence: Evidence | None = None, hooks: Hooks | None = None) -> tuple[RunReport, RunReport]:
    """Start the demo site with every setting on, apply (``pace`` seconds between changes), then
    check. Returns both reports. ``launch.site`` is ignored: the demo site is the site. After an
    interrupt the check reads nothing new: its settings are ``skipped`` too."""
    launch = launch or Launch()
    with DemoSite(faults=faults) as site:
        async with async_playwright() as playwright:
            browser = await launch_browser(playwright, headless=launch.headless, args=site.launch_args(),
                                           executable=launch.executable)
            try:
                context = await demo_context(browser, site)
                applied = await opt_out(context, Task(apply=True, pace=pace), evidence=evidence, hooks=hooks)
                checked = await opt_out(context, Task(apply=False), hooks=hooks)
            finally:
                await browser.close()
    return applied, checked
