"""Open a page until it is ready: bounded retries, refusals and an unreachable site stop at once,
then wait for the switches (or a guard page) to show. Clicking is flip.py's job.

The run (run.py) decides what to do; this module does the waiting, bounded everywhere.
"""

from __future__ import annotations

import asyncio
import email.utils
import time
from collections.abc import Awaitable, Callable

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page, Response

from automation.catalogue.models import Setting, SiteMap
from automation.engine.guards import (
    PageCheck,
    Verdict,
    check_page,
    check_status,
    context_destroyed,
    reject_cookie_banner,
    unreachable_error,
)
from automation.engine.locate import any_candidate, switch_count
from automation.engine.options import Retry, Timeouts
from automation.engine.settle import NetworkWatch
from automation.engine.switches import SWITCH_SELECTOR

Ready = Callable[[Page], Awaitable[bool]]  # has the page drawn what we came for?
_TRANSIENT = ("net::ERR_", "NS_ERROR_", "Timeout", "timeout", "Target closed", "ECONNRESET")


def _retry_after(response: Response | None, attempt: int, retry: Retry) -> float:
    value = response.headers.get("retry-after") if response else None
    wait = retry.base_wait * 2**attempt
    if value:
        if value.strip().isdigit():
            wait = float(value)
        elif parsed := email.utils.parsedate_to_datetime(value):
            wait = parsed.timestamp() - time.time()
    return max(0.0, min(wait, retry.max_wait))


async def open_settings_page(page: Page, url: str, settings: list[Setting], site: SiteMap, timeouts: Timeouts,
                             retry: Retry, *, reload: bool = False, may_load: Callable[[], bool] | None = None,
                             watch: NetworkWatch | None = None, expected: tuple[str, ...] | None = None,
                             ready: Ready | None = None) -> PageCheck:
    """Navigate (or reload), pass the guards, and wait for the page to render its switches.

    ``may_load`` is asked before every page load, retries included: once the run has stopped
    (LinkedIn refused, a wall, a signal) no further page is loaded. LinkedIn's refusals are never
    retried (HTTP 999, 401/403 and the in-page walls); a 429 is retried after its Retry-After a
    bounded number of times and is a refusal after that; an unreachable site is retried the
    bounded number of navigation retries and then reported as such.

    Other pages (discover.py) pass no settings, the ``expected`` paths, and ``ready``: what shows
    the page has drawn its content (default: one of the settings' switches, or any switch).
    """
    expected = expected or (settings[0].path, *settings[0].aliases)
    nav_errors = limited = 0
    while True:
        if may_load is not None and not may_load():
            return PageCheck(Verdict.STOPPED, "the run stopped before this page was loaded")
        if watch is not None:
            watch.forget()
        try:
            if reload:
                response = await page.reload(wait_until="domcontentloaded", timeout=timeouts.navigation * 1000)
            else:
                response = await page.goto(url, wait_until="domcontentloaded", timeout=timeouts.navigation * 1000)
        except PlaywrightError as exc:
            unreachable = unreachable_error(str(exc))
            transient = unreachable or any(t in str(exc) for t in _TRANSIENT)
            if transient and nav_errors < retry.navigation:
                nav_errors += 1
                await asyncio.sleep(retry.base_wait * nav_errors)
                continue
            if unreachable:
                return PageCheck(Verdict.UNREACHABLE, f"LinkedIn could not be reached ({unreachable})")
            return PageCheck(Verdict.ERROR, f"the page kept failing to load: {str(exc).splitlines()[0]}")
        if watch is not None:
            watch.loaded()  # the page's age (the settle rule's minimum age) counts from here
        status = response.status if response else 200
        check = None
        if status == 429:
            check = PageCheck(Verdict.RATE_LIMITED, "LinkedIn answered 429 Too Many Requests")
        elif said := check_status(status, site):  # 999, 401, 403: the page itself may say more
            seen = await check_page(page, site, expected)
            return seen if seen.verdict in _WALLS else said
        elif status >= 500:
            if nav_errors >= retry.navigation:
                return PageCheck(Verdict.ERROR, f"the page kept failing: HTTP {status}")
            nav_errors += 1
            await asyncio.sleep(retry.base_wait * nav_errors)
            continue
        elif status in (404, 410):
            check = PageCheck(Verdict.UNAVAILABLE, f"LinkedIn has no such page for this account (HTTP {status})")
        check = check or await wait_until_ready(page, settings, site, expected, timeouts, ready)
        if check.verdict is Verdict.RATE_LIMITED:
            if limited < retry.rate_limit:
                await asyncio.sleep(_retry_after(response, limited, retry))
                limited += 1
                continue
            return PageCheck(Verdict.REFUSED, f"LinkedIn kept answering 'too many requests' ({limited + 1} tries: "
                                              f"{check.reason})")
        return check


_WALLS = (Verdict.SIGNED_OUT, Verdict.CHALLENGE, Verdict.REFUSED)


async def wait_until_ready(page: Page, settings: list[Setting], site: SiteMap, expected: tuple[str, ...],
                           timeouts: Timeouts, ready: Ready | None = None) -> PageCheck:
    """Poll until one of our switches shows (or ``ready`` says so), a guard page shows, or time is
    up (then locate decides)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeouts.render
    banner_clicks = 0
    lang = "en"  # until the page says otherwise
    switches_since: float | None = None
    while True:
        try:
            check = await check_page(page, site, expected)
            if check.verdict not in (Verdict.OK, Verdict.NAVIGATING):
                return check
            if check.verdict is Verdict.OK:
                if banner_clicks < site.cookie_banner.max_attempts and check.banner:
                    banner_clicks += await reject_cookie_banner(page, site)
                lang = check.lang
                if ready is not None and await ready(page):
                    return check
                for setting in settings:
                    if await any_candidate(page, setting, lang):
                        return check
                if await switch_count(page):
                    switches_since = switches_since or loop.time()
                    if loop.time() - switches_since >= timeouts.settle:
                        return check
        except PlaywrightError as exc:  # the document changed under us: look again
            if not context_destroyed(exc):
                raise
        if loop.time() >= deadline:
            return PageCheck(Verdict.OK, "timed out waiting for the switch to render", lang=lang)
        await _until_switches_or(page, 0.25, already=switches_since is not None)


# Resolves true as soon as a switch-like element is in the DOM, false after ``ms``. A
# MutationObserver, not Playwright's wait_for_selector: that one polls on animation frames, which
# Chromium starves in background tabs, so with three pages open it woke only at its timeout.
_WAIT_FOR_SWITCH = """
([selector, ms]) => new Promise((resolve) => {
  if (document.querySelector(selector)) return resolve(true);
  const observer = new MutationObserver(() => {
    if (document.querySelector(selector)) { observer.disconnect(); resolve(true); }
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
  setTimeout(() => { observer.disconnect(); resolve(false); }, ms);
})
"""


async def _until_switches_or(page: Page, seconds: float, *, already: bool) -> None:
    """Pause before looking again: until a switch appears (so a render is seen at once, not at
    the next tick), or ``seconds``. When switches are already there, simply wait."""
    if already:
        await asyncio.sleep(min(seconds, 0.1))
        return
    try:  # the page's own timer ends the wait; asyncio's is a backstop should the page hang
        await asyncio.wait_for(switch_drawn(page, seconds), seconds + 5)
    except (TimeoutError, PlaywrightError):  # the document changed, or hung: look again
        pass


async def switch_drawn(page: Page, seconds: float) -> bool:
    """True as soon as the page holds a switch (switches.py), False after ``seconds``."""
    return await page.evaluate(_WAIT_FOR_SWITCH, [SWITCH_SELECTOR, int(seconds * 1000)])
