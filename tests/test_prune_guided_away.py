"""`prune --guided` when the person leaves the item's page instead of deleting it: the tool must
verify at the item's own address, never on the page the person went to (here LinkedIn's
not-found page, which would otherwise read as "gone")."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from playwright.async_api import BrowserContext, async_playwright

from automation.demo.run import demo_context
from automation.demo.site import DemoSite
from automation.engine.options import Waits
from automation.pruning.options import PruneTask
from automation.pruning.report import ItemStatus, PruneReport
from automation.pruning.run import prune
from automation.session.browser import launch
from tests.helpers.headed import Window, screen, window  # noqa: F401  (fixtures)
from tests.helpers.prune import POST_1, demo_selection
from tests.helpers.timing import FAST, FAST_RETRY, scaled
from tests.test_prune_guided import _next_band

pytestmark = [pytest.mark.headed, pytest.mark.browser]


def test_guided_a_person_who_leaves_the_page_has_deleted_nothing(aio: Any, site: DemoSite,
                                                                 window: Window) -> None:  # noqa: F811
    selection = demo_selection(kinds=("email",), only=("posts",))

    async def person(context: BrowserContext) -> None:
        page, _text = await _next_band(context, "")
        await page.goto("https://www.linkedin.com/in/no-such-member/")  # off somewhere else: not found there

    async def go() -> PruneReport:
        async with async_playwright() as playwright:
            browser = await launch(playwright, headless=False, args=site.launch_args())
            try:
                context = await demo_context(browser, site)
                left = asyncio.ensure_future(person(context))
                report = await prune(context, selection, PruneTask(guided=True, guided_wait=scaled(60)),
                                     waits=Waits(timeouts=FAST, retry=FAST_RETRY))
                await left
                return report
            finally:
                await browser.close()

    report = aio.run(go(), timeout=120)
    item = report.items[0]
    assert not site.activity.is_deleted(POST_1)
    assert item.status is ItemStatus.FAILED and "still shows it" in item.why, item
