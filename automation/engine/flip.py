"""Flip: click a switch once, and wait for the save request(s) the click caused."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from playwright.async_api import Locator, Page, Request, Response

from automation.catalogue.models import SiteMap
from automation.engine.guards import banner_present, reject_cookie_banner
from automation.engine.locate import read_state
from automation.engine.options import Timeouts


@dataclass
class ClickOutcome:
    saves_seen: int = 0
    statuses: list[int] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    final_state: bool | None = None

    @property
    def rejected_status(self) -> int | None:
        return next((s for s in self.statuses if s >= 400), None)


async def clear_cookie_banner(page: Page, site: SiteMap, timeouts: Timeouts) -> None:
    """Right before a click: a cookie banner may have been drawn since the page was first looked
    at (on a busy machine it comes with the switches, after the first look) and would take the
    click. Only the banner's DENY control (site.toml) is ever clicked, at most
    ``cookie_banner.max_attempts`` times; then the banner must be gone before the click."""
    loop = asyncio.get_running_loop()
    for _ in range(site.cookie_banner.max_attempts):
        if not await banner_present(page, site):
            return
        if not await reject_cookie_banner(page, site):
            return  # a banner without exactly one visible DENY control: leave it, never guess
        deadline = loop.time() + timeouts.action
        while await banner_present(page, site) and loop.time() < deadline:
            await asyncio.sleep(0.05)


async def click_and_wait(page: Page, control: Locator, timeouts: Timeouts,
                         focus: asyncio.Lock | None = None, *, site: SiteMap | None = None) -> ClickOutcome:
    """Click once, then wait for the save request(s) it caused to finish and the switch to settle.

    Does not depend on knowing the save URL: it watches every non-GET XHR/fetch the click causes.
    A switch that flips only after its save returns (docs/playwright.md#a-switch-that-flips-after-its-save)
    is waited for, not clicked again.

    The page is brought to the front for the click: Chromium starves a background tab's
    animation frames, which Playwright's actionability checks wait on (measured: ~2 s per click
    with three pages open, ~0.05 s in front). ``focus`` keeps concurrent clicks from taking the
    front from each other; the waits for saves still overlap.

    ``site``: look for the cookie banner again right before the click, and reject it
    (``clear_cookie_banner``).
    """
    outcome = ClickOutcome()
    pending: set[Request] = set()

    def on_request(request: Request) -> None:
        if request.method != "GET" and request.resource_type in ("xhr", "fetch"):
            pending.add(request)
            outcome.saves_seen += 1

    def on_response(response: Response) -> None:
        if response.request in pending:
            outcome.statuses.append(response.status)

    def on_finished(request: Request) -> None:
        pending.discard(request)

    def on_failed(request: Request) -> None:
        if request in pending:
            outcome.failed_requests.append(request.failure or "failed")
        pending.discard(request)

    page.on("request", on_request)
    page.on("response", on_response)
    page.on("requestfinished", on_finished)
    page.on("requestfailed", on_failed)
    loop = asyncio.get_running_loop()
    try:
        async with focus or asyncio.Lock():
            await page.bring_to_front()
            if site is not None:
                await clear_cookie_banner(page, site, timeouts)
            await control.click(timeout=timeouts.action * 1000)
        started = loop.time()
        off_since: float | None = None
        while loop.time() - started < timeouts.save:
            state = await read_state(control, 500)
            outcome.final_state = state
            off_since = (off_since or loop.time()) if state is False else None
            if not pending:
                answered = outcome.statuses or outcome.failed_requests
                if outcome.rejected_status or outcome.failed_requests:
                    break
                if off_since is not None and (answered or loop.time() - off_since >= timeouts.quiet):
                    break
                if state is True and answered and loop.time() - started >= timeouts.quiet:
                    break  # the save came back and the switch still (or again) reads on
            await asyncio.sleep(0.1)
    finally:
        page.remove_listener("request", on_request)
        page.remove_listener("response", on_response)
        page.remove_listener("requestfinished", on_finished)
        page.remove_listener("requestfailed", on_failed)
    return outcome
