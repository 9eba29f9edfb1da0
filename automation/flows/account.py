"""The person's session: ``login`` (by hand, in a window), ``whoami``, ``import_session`` (for a
machine without a screen) and ``logout``."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from automation.errors import StateFileError, UserError
from automation.exit_codes import ExitCode
from automation.flows.env import Env
from automation.flows.outcome import Line, Outcome, said
from automation.session.profile import Profile, login_hint
from automation.session.signin import UNREACHABLE_FIX, WhoAmI


def login(env: Env, *, timeout: int) -> Outcome:
    """Open a window on LinkedIn's sign-in page and wait ``timeout`` seconds while the person signs in."""
    from automation.session import browser
    from automation.session.runner import login_flow

    if not browser.has_display():
        raise UserError("no display for the sign-in window here",
                        hint="sign in on a machine with a screen, or use `linkedin-optout import-session`")
    profile = Profile(env.config.profile)
    with env.waiting("Opening the browser...") as waiting:
        def tick(left: float, what: str) -> None:
            waiting.update(f"Please {what} in the browser window ({int(left) // 60}:{int(left) % 60:02d} left)")

        seen = asyncio.run(login_flow(profile, timeout=timeout, tick=tick, executable=env.config.browser,
                                      site=env.site))
    return who_is_it(seen, profile.name)


def whoami(env: Env) -> Outcome:
    """Whether the profile's session is signed in, and as whom. Changes nothing."""
    from automation.session.runner import who

    profile = Profile(env.config.profile)
    return who_is_it(asyncio.run(who(profile, executable=env.config.browser, site=env.site)), profile.name)


def who_is_it(seen: WhoAmI, profile: str) -> Outcome:
    """What LinkedIn said of the session: signed in (0), unreachable (6: nothing is known, never
    "signed out"), signed out or a security check (5), each with what to do."""
    if seen.state == "signed_in":
        lines = said(f"signed in as {seen.name or 'an unnamed member'} (profile {profile!r})")
        if seen.previous:
            lines += said(f"warning: profile {profile!r} held {seen.previous}'s session before; it is now "
                          f"{seen.name}'s. Its history and drift go on under this profile: to keep two accounts "
                          "apart, give each its own (--profile NAME)", err=True)
        return Outcome(ExitCode.OK, lines)
    if seen.state == "unreachable":
        return Outcome(ExitCode.UNREACHABLE, (
            Line(f"unreachable: {seen.reason}; whether {profile!r} is signed in is not known"),
            Line(f"to fix: {UNREACHABLE_FIX}", err=True)))
    label, what = ("signed out", "sign in") if seen.state == "signed_out" else ("challenge", "finish the security check")
    return Outcome(ExitCode.SESSION, (Line(f"{label}: {seen.reason}"),
                                      Line(f"to fix: {login_hint(profile).replace('sign in', what, 1)}", err=True)))


def import_session(env: Env, *, storage_state: Path | None) -> Outcome:
    """Store a session made elsewhere in the profile: from a Playwright storage-state file, else
    from LINKEDIN_LI_AT and LINKEDIN_JSESSIONID. No value is ever shown."""
    from automation.catalogue.loader import load_catalogue
    from automation.session.importing import from_environment, from_storage_state
    from automation.session.runner import import_cookies

    site = load_catalogue().site
    cookies, warnings = from_storage_state(storage_state, site) if storage_state else from_environment(site)
    profile = Profile(env.config.profile)
    logging.getLogger(__name__).debug("importing cookies %s", [(c["name"], c["domain"]) for c in cookies])
    asyncio.run(import_cookies(profile, cookies, executable=env.config.browser))
    names = ", ".join(sorted({c["name"] for c in cookies}))
    flag = "" if profile.name == "default" else f" --profile {profile.name}"
    return Outcome(ExitCode.OK, (
        *said(*(f"warning: {warning}" for warning in warnings), err=True),
        *said(f"stored {len(cookies)} LinkedIn cookie(s) ({names}) in profile {profile.name!r}; values not shown.",
              f"check it with `linkedin-optout whoami{flag}`. Sessions are tied to the machine and IP they were "
              "made on; a copied one may be challenged or expire early.")))


def logout(env: Env, *, yes: bool) -> Outcome:
    """Delete the profile (its browser data and session) from this machine; unless ``yes``, ask first."""
    profile = Profile(env.config.profile)
    if not profile.exists():
        return Outcome(ExitCode.OK, said(f"no profile {profile.name!r}: nothing to delete"))
    try:
        profile.meta()
        what = f"profile {profile.name!r} at {profile.dir}"
    except StateFileError:
        what = f"{profile.dir} (NOT recognised as a linkedin-optout profile)"
    if not yes:
        if env.ask is None:
            raise UserError(f"deleting {what} needs confirmation: run on a terminal or pass --yes")
        if not env.ask(f"Delete {what}? Your LinkedIn account itself is untouched."):
            return Outcome(ExitCode.OK, said("nothing deleted"))
    with profile.lock():
        profile.delete()
    return Outcome(ExitCode.OK, said(f"deleted {what}"))
