"""The user's own LinkedIn session: open a profile's browser, tell who is signed in, wait for a
person to sign in by hand, and import cookies. Never sees or stores a password.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from playwright.async_api import BrowserContext, Page
from playwright.async_api import Error as PlaywrightError

from automation.catalogue.models import SiteMap
from automation.engine.evidence import member_name
from automation.engine.guards import Verdict, check_page, unreachable_error
from automation.errors import StateFileError, Unreachable
from automation.session.browser import choose, close_page, require_display
from automation.session.profile import Profile

# "unreachable": LinkedIn did not answer, so nothing is known about the session (never "signed out").
State = Literal["signed_in", "signed_out", "challenge", "unreachable"]


@dataclass(frozen=True)
class WhoAmI:
    state: State
    name: str | None = None
    reason: str = ""
    previous: str | None = None  # the other account this profile held before (set by the runner)


async def open_profile(playwright, profile: Profile, *, headless: bool = True,
                       executable: str | os.PathLike[str] | None = None, args: list[str] | None = None,
                       ignore_https_errors: bool = False) -> BrowserContext:
    """Launch the browser on the profile's own user data dir (a persistent context).

    ``args`` and ``ignore_https_errors`` exist for the demo site and tests only.
    """
    require_display(headless)
    path = choose(playwright.chromium.executable_path, executable)
    old_umask = os.umask(0o077)  # whatever the browser writes in the profile is private
    try:
        return await playwright.chromium.launch_persistent_context(
            str(profile.browser_dir), executable_path=path, headless=headless, args=args or [],
            service_workers="block", ignore_https_errors=ignore_https_errors,
            handle_sigint=False)  # the CLI handles Ctrl-C: see browser.launch
    except PlaywrightError as exc:
        raise StateFileError(f"the browser could not open profile {profile.name!r}: {str(exc).splitlines()[0]}",
                             hint=f"if {profile.browser_dir} is damaged, `linkedin-optout logout --profile "
                                  f"{profile.name}` deletes it and `login` makes a new one") from exc
    finally:
        os.umask(old_umask)


async def _read_page(page: Page, site: SiteMap) -> WhoAmI | None:
    """Signed in, signed out, challenge, or None while it cannot tell yet."""
    check = await check_page(page, site, (urlsplit(page.url).path,))
    if check.verdict is Verdict.CHALLENGE:
        return WhoAmI("challenge", reason=check.reason)
    if check.verdict is Verdict.SIGNED_OUT:
        return WhoAmI("signed_out", reason=check.reason)
    if check.verdict is Verdict.NAVIGATING or not page.url.startswith(site.base_url):
        return None
    try:
        for selector in site.signed_in.selectors:
            if await page.locator(selector).count():
                return WhoAmI("signed_in", name=await member_name(page, site))
    except PlaywrightError:
        return None
    return None


async def whoami(context: BrowserContext, site: SiteMap, *, timeout: float = 20) -> WhoAmI:
    """Open one signed-in page and tell who is signed in. Changes nothing."""
    page = await context.new_page()
    try:
        try:
            await page.goto(site.base_url + site.session.probe_path, wait_until="domcontentloaded",
                            timeout=timeout * 1000)
        except PlaywrightError as exc:
            return WhoAmI("unreachable", reason=not_loaded(str(exc)))
        deadline = asyncio.get_running_loop().time() + timeout
        while asyncio.get_running_loop().time() < deadline:
            if seen := await _read_page(page, site):
                return seen
            await asyncio.sleep(0.25)
        return WhoAmI("signed_out", reason="no sign of a signed-in session on LinkedIn's page")
    finally:
        await close_page(page)


UNREACHABLE_FIX = "check this machine's network connection, then try again"


def not_loaded(error: str) -> str:
    """What a failed load of LinkedIn's page means: it could not be reached (the network), or it
    did not load. Either way the session's state is unknown: it is never read as signed out."""
    if name := unreachable_error(error):
        return f"LinkedIn could not be reached ({name})"
    return f"LinkedIn's page did not load ({error.splitlines()[0]})"


async def wait_for_sign_in(context: BrowserContext, site: SiteMap, *, timeout: float,
                           tick: Callable[[float, str], None] | None = None) -> WhoAmI:
    """Open LinkedIn's sign-in page and wait (bounded) while the person signs in by hand.

    ``tick(seconds_left, what)`` is called about once a second for a visible countdown. A
    challenge is not an end here: the person solves it in the window.
    """
    page = context.pages[0] if context.pages else await context.new_page()
    try:
        await page.goto(site.base_url + site.session.login_path, wait_until="domcontentloaded")
    except PlaywrightError as exc:
        raise Unreachable(not_loaded(str(exc)), hint=UNREACHABLE_FIX) from None
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    last = WhoAmI("signed_out", reason="not signed in yet")
    while (left := deadline - loop.time()) > 0:
        open_pages = [p for p in context.pages if not p.is_closed()]
        if not open_pages:
            return WhoAmI("signed_out", reason="the window was closed before sign-in finished")
        for candidate in open_pages:
            try:
                seen = await _read_page(candidate, site)
            except PlaywrightError:
                seen = None
            if seen and seen.state == "signed_in":
                return seen
            last = seen or last
        if tick:
            tick(left, "finish the security check in the window" if last.state == "challenge" else "sign in")
        await asyncio.sleep(1)
    return WhoAmI(last.state, reason=f"timed out after {int(timeout)} s: {last.reason}")
