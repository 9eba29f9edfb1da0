"""`prune --guided` when the person leaves the item's page instead of deleting it: the tool must
verify at the item's own address, never on the page the person went to (here LinkedIn's
not-found page, which would otherwise read as "gone")."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.async_api import BrowserContext

from automation.demo.site import DemoSite
from automation.pruning.report import ItemStatus
from tests.helpers.guided import next_band, run_guided
from tests.helpers.headed import Window, screen, window  # noqa: F401  (fixtures)
from tests.helpers.prune import POST_1, demo_selection

pytestmark = [pytest.mark.headed, pytest.mark.browser]


def test_guided_a_person_who_leaves_the_page_has_deleted_nothing(aio: Any, site: DemoSite,
                                                                 window: Window) -> None:  # noqa: F811
    selection = demo_selection(kinds=("email",), only=("posts",))

    async def person(context: BrowserContext) -> None:
        page, _text = await next_band(context, "")
        await page.goto("https://www.linkedin.com/in/no-such-member/")  # off somewhere else: not found there

    report, _ = run_guided(aio, site, selection, person, timeout=120)
    item = report.items[0]
    assert not site.activity.is_deleted(POST_1)
    assert item.status is ItemStatus.FAILED and "still shows it" in item.why, item
