"""The run's browser pages: one per concurrent worker, reused from one settings page to the
next, each with its network watch, resource blocking and save guard; evidence of failures.

A page whose load failed is not reused: Chromium draws its own error page into it after the
failure, and that navigation would interrupt the next settings page's load on the same tab. It is
closed (bounded) and the next page gets a fresh tab. Closing is bounded too: after the network
drops, closing a page was seen to take the whole of a 10 s wait; the browser context closes what
is left (docs/playwright.md#closing-after-the-network-drops)."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Locator, Page

from automation.engine.block_heavy import skip_heavy_resources
from automation.engine.evidence import save_card, save_evidence, save_screenshot
from automation.engine.safety import guard_saves
from automation.engine.settle import NetworkWatch
from automation.results.report import SettingResult, Status

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.async_api import BrowserContext

    from automation.catalogue.models import Catalogue
    from automation.engine.safety import SaveLog

log = logging.getLogger(__name__)
CLOSE_WITHIN = 3.0  # seconds for the run's pages to close, all at once


def browser_error_page(page: Page) -> bool:
    """The browser's own error page (a load that failed) shows nothing of LinkedIn: never evidence."""
    return page.url.startswith("chrome-error://")


EVIDENCE_FOR = {Status.NOT_FOUND, Status.AMBIGUOUS, Status.FAILED}


async def _close(page: Page) -> None:
    try:
        await page.close()
    except PlaywrightError as exc:  # already gone with its context: nothing left to close
        log.debug("could not close a page: %s", type(exc).__name__)


@dataclass
class PagePool:
    context: BrowserContext
    catalogue: Catalogue
    apply: bool  # saves pass the guard only when applying
    saves: SaveLog
    lean: bool = True  # skip images, media and fonts
    evidence_dir: Path | None = None  # where screenshots and snapshots of failures go
    screenshots: bool = False  # also keep a screenshot of each page as it was left (HTML report)
    idle: list[Page] = field(default_factory=list)
    opened: list[Page] = field(default_factory=list)
    watches: dict[Page, NetworkWatch] = field(default_factory=dict)
    dropped: set[asyncio.Task[None]] = field(default_factory=set)  # pages whose load failed, closing

    async def take(self) -> Page:
        """An idle page, or a new one with its routes. Reusing pages saves a tab's start-up per
        settings page; each navigation still starts from a fresh document."""
        while self.idle:
            page = self.idle.pop()
            if not page.is_closed():
                return page
        page = await self.context.new_page()
        self.opened.append(page)
        self.watches[page] = NetworkWatch(page, self.catalogue.site.network.long_lived, self.catalogue.site.state)
        if self.lean:
            await skip_heavy_resources(page)
        await guard_saves(page, self.catalogue.site, allow_saves=self.apply, log=self.saves)
        return page

    def give_back(self, page: Page) -> None:
        """The page is free again; one whose last load failed is closed instead of reused."""
        if self.watches[page].load_failed or browser_error_page(page):
            self.dropped.add(asyncio.ensure_future(_close(page)))
            return
        self.idle.append(page)

    async def close_all(self) -> None:
        """Close every page at once, within ``CLOSE_WITHIN`` seconds: the report matters more,
        and the browser context closes whatever is left."""
        closing = [*self.dropped, *(asyncio.ensure_future(_close(p)) for p in self.opened if not p.is_closed())]
        if not closing:
            return
        _done, late = await asyncio.wait(closing, timeout=CLOSE_WITHIN)
        for task in late:
            task.cancel()
        await asyncio.gather(*late, return_exceptions=True)
        if late:
            log.warning("%d page(s) did not close within %g s; the browser context closes them", len(late),
                        CLOSE_WITHIN)

    async def evidence(self, page: Page, result: SettingResult) -> None:
        """A screenshot and a sanitized snapshot for a setting that ended not_found, ambiguous or failed."""
        if self.evidence_dir is None or result.status not in EVIDENCE_FOR or browser_error_page(page):
            return
        paths, warning = await save_evidence(page, self.evidence_dir, result.setting, self.catalogue.site)
        result.evidence.extend(paths)
        if warning:
            result.warnings.append(warning)

    async def screenshot(self, page: Page, page_results: list[SettingResult],
                         controls: list[Locator | None]) -> None:
        """The page as the run left it, and each setting's card (its switch and label, from its
        ``controls`` entry): the evidence a switch is off, for the HTML report."""
        if self.evidence_dir is None or not self.screenshots or browser_error_page(page):
            return
        path, warning = await save_screenshot(page, self.evidence_dir, f"page-{page_results[0].setting}")
        for result, control in zip(page_results, controls, strict=True):
            result.screenshot = path
            if warning:
                result.warnings.append(warning)
            if control is not None:
                result.card, card_warning = await save_card(page, control, self.evidence_dir, f"card-{result.setting}")
                if card_warning:
                    result.warnings.append(card_warning)
