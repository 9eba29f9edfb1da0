"""Runs with the user's own session: a locked profile, a persistent browser, then the engine.

``site`` (a ``LiveSite``) lets the tests point the same code at the demo site; the console
script never sets it.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace

from playwright.async_api import BrowserContext, async_playwright
from playwright.async_api import Error as PlaywrightError

from automation.catalogue.loader import load_catalogue
from automation.engine.options import Evidence, Hooks, Task, Waits
from automation.engine.run import opt_out
from automation.errors import StateFileError
from automation.results.report import RunReport, Status
from automation.session.profile import Profile, login_hint
from automation.session.signin import WhoAmI, open_profile, wait_for_sign_in, whoami


@dataclass(frozen=True)
class LiveSite:
    """Where the browser finds www.linkedin.com. The default, None everywhere, is the real site.

    The tests pass the demo site's resolver rules here, explicitly: through the library call, or
    as the command line's context object (``main(site=...)``, click's ``obj``). Deliberately not an
    environment variable: nothing outside the process can point a real session at another server
    or turn off certificate checks.
    """

    browser_args: tuple[str, ...] = ()
    ignore_https_errors: bool = False


@asynccontextmanager
async def profile_context(profile: Profile, *, headless: bool = True, executable: str | os.PathLike[str] | None = None,
                          site: LiveSite | None = None,
                          create: bool = False) -> AsyncIterator[BrowserContext]:
    """Lock the profile and open its browser; close and tighten file modes afterwards."""
    if create:
        profile.create()
    else:
        profile.require()
    with profile.lock():
        try:
            async with async_playwright() as playwright:
                context = await open_profile(playwright, profile, headless=headless, executable=executable,
                                             args=list(site.browser_args) if site else None,
                                             ignore_https_errors=bool(site and site.ignore_https_errors))
                try:
                    yield context
                finally:
                    await context.close()
        finally:
            profile.tighten()


@dataclass(frozen=True)
class Launch:
    """How the profile's browser starts: hidden or shown, which executable, and where it finds
    www.linkedin.com (``LiveSite``; None: the real site)."""

    headless: bool = True
    executable: str | os.PathLike[str] | None = None
    site: LiveSite | None = None


async def run_live(profile: Profile, task: Task | None = None, *, launch: Launch | None = None,
                   evidence: Evidence | None = None, waits: Waits | None = None, hooks: Hooks | None = None) -> RunReport:
    """Lock the profile, open its browser and run the engine in it with every option whole
    (options.py). ``evidence.trace`` holds the session: the command line says so."""
    launch = launch or Launch()
    async with profile_context(profile, headless=launch.headless, executable=launch.executable,
                               site=launch.site) as context:
        report = await opt_out(context, task, evidence=evidence, waits=waits, hooks=hooks)
    return with_session_advice(report, profile)


def with_session_advice(report: RunReport, profile: Profile) -> RunReport:
    """Tell the person exactly what to do when the session stopped the run."""
    for result in report.results:
        if result.status in (Status.SIGNED_OUT, Status.CHALLENGE) and "To fix:" not in result.message:
            what = "sign in" if result.status is Status.SIGNED_OUT else "finish the security check"
            result.message += f". To fix: {login_hint(profile.name).replace('sign in', what, 1)}"
    return report


async def who(profile: Profile, *, executable: str | os.PathLike[str] | None = None,
              site: LiveSite | None = None) -> WhoAmI:
    async with profile_context(profile, executable=executable, site=site) as context:
        seen = await whoami(context, load_catalogue().site)
    if seen.state == "signed_in" and (before := profile.record_account(seen.name)):
        seen = replace(seen, previous=before)
    return seen


async def login_flow(profile: Profile, *, timeout: float, tick=None, executable: str | os.PathLike[str] | None = None,
                     headless: bool = False, site: LiveSite | None = None,
                     on_open=None) -> WhoAmI:
    """Open a visible browser on the profile at LinkedIn's sign-in page and wait for the person.

    ``on_open(context)`` runs once the page is open; the tests use it to play the person.
    """
    site_map = load_catalogue().site
    async with profile_context(profile, headless=headless, executable=executable, site=site, create=True) as context:
        waiting = wait_for_sign_in(context, site_map, timeout=timeout, tick=tick)
        if on_open is None:
            seen = await waiting
        else:
            import asyncio

            task = asyncio.ensure_future(waiting)
            await on_open(context)
            seen = await task
    if seen.state == "signed_in" and (before := profile.record_account(seen.name)):
        seen = replace(seen, previous=before)
    return seen


async def import_cookies(profile: Profile, cookies: list[dict], *, executable: str | os.PathLike[str] | None = None) -> None:
    """Store cookies in the profile's browser (no page is opened, nothing is sent)."""
    async with profile_context(profile, executable=executable, create=True) as context:
        try:
            await context.add_cookies(cookies)  # type: ignore[arg-type]  # plain dicts of SetCookieParam's keys
        except PlaywrightError:  # Playwright's message may quote the cookie: never show it
            raise StateFileError("the browser refused the imported cookies (malformed cookie fields)") from None
