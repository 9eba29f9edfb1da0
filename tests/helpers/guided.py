"""The guided prune's test harness: a headed run on the demo site beside a scripted person who
watches for the band, deletes by hand, or presses keys."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from playwright.async_api import BrowserContext, Page, async_playwright

from automation.demo.run import demo_context
from automation.demo.site import DemoSite
from automation.engine.interrupt import Interrupt
from automation.engine.options import Hooks, Waits
from automation.pruning.options import PruneTask
from automation.pruning.report import PruneReport
from automation.pruning.run import prune
from automation.pruning.scan import BAND_ID
from automation.pruning.selection import Selection
from automation.session.browser import launch
from tests.helpers.timing import FAST, FAST_RETRY, scaled

BAND = f"#{BAND_ID}"


async def next_band(context: BrowserContext, last: str) -> tuple[Page, str]:
    """The prune tab once it shows the band of an item other than ``last``."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + scaled(60)
    while loop.time() < deadline:
        for page in context.pages:
            try:
                band = page.locator(BAND)
                if await band.count() and (text := await band.inner_text()) != last:
                    return page, text
            except Exception:  # noqa: BLE001 - a page between documents: look again
                pass
        await asyncio.sleep(0.2)
    raise AssertionError(f"no new band after {last!r}")


async def band_clear_of_the_button(page: Page) -> None:
    band = await page.locator(BAND).bounding_box()
    button = await page.locator("button[style*='outline']").bounding_box()
    assert band and button
    assert button["y"] + button["height"] <= band["y"] or band["y"] + band["height"] <= button["y"]


async def delete_by_hand(page: Page, item: str) -> None:
    """What a person does: the outlined "…", the delete item, the dialog's Delete."""
    await band_clear_of_the_button(page)
    await page.locator("button[style*='outline']").click()
    await page.get_by_role("button", name="Delete post" if "post" in item else "Delete", exact=True).click()
    await page.locator(".artdeco-modal").get_by_role("button", name="Delete").click()


def run_guided(aio: Any, site: DemoSite, selection: Selection,
               person: Callable[[BrowserContext], Awaitable[Any]], *, interrupt: Interrupt | None = None,
               timeout: float = 180) -> tuple[PruneReport, Any]:
    """A guided prune in a real window on the demo site, ``person`` acting in it meanwhile; the
    report and what the person's coroutine returned."""

    async def go() -> tuple[PruneReport, Any]:
        async with async_playwright() as playwright:
            browser = await launch(playwright, headless=False, args=site.launch_args())
            try:
                context = await demo_context(browser, site)
                acting = asyncio.ensure_future(person(context))
                report = await prune(context, selection, PruneTask(guided=True, guided_wait=scaled(60)),
                                     waits=Waits(timeouts=FAST, retry=FAST_RETRY), hooks=Hooks(interrupt=interrupt))
                return report, await acting
            finally:
                await browser.close()

    return aio.run(go(), timeout=timeout)
