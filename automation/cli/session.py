"""Sign-in commands: login, whoami, import-session, logout."""

from __future__ import annotations

import asyncio
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from automation.cli.base import current_site, profile_option
from automation.errors import UserError
from automation.results.report import ExitCode

if TYPE_CHECKING:
    from automation.config import Config
    from automation.session.signin import WhoAmI


def configure(profile: str | None) -> Config:
    from automation.cli.base import configure as load

    return load(profile=profile, uses=("profile", "browser"))



@click.command()
@profile_option
@click.option("--timeout", type=click.IntRange(30, 3600), default=300, show_default=True,
              help="Seconds to wait for you to sign in.")
def login(profile: str | None, timeout: int) -> None:
    """Open a browser window on LinkedIn's sign-in page and wait while you sign in by hand.

    The session is kept in a dedicated profile on this machine. The tool never sees your password.
    """
    from rich.console import Console

    from automation.session.browser import has_display
    from automation.session.profile import Profile
    from automation.session.runner import login_flow

    config = configure(profile)
    if not has_display():
        raise UserError("no display for the sign-in window here",
                        hint="sign in on a machine with a screen, or use `linkedin-optout import-session`")
    prof = Profile(config.profile)
    console = Console(stderr=True)
    with console.status("Opening the browser...") as status:
        def tick(left: float, what: str) -> None:
            status.update(f"Please {what} in the browser window ({int(left) // 60}:{int(left) % 60:02d} left)")

        seen = asyncio.run(login_flow(prof, timeout=timeout, tick=tick, executable=config.browser,
                                          site=current_site()))
    _report_who(seen, prof.name)

@click.command()
@profile_option
def whoami(profile: str | None) -> None:
    """Tell whether the profile's session is signed in, and as whom. Changes nothing."""
    from automation.session.profile import Profile
    from automation.session.runner import who

    config = configure(profile)
    _report_who(asyncio.run(who(Profile(config.profile), executable=config.browser, site=current_site())), config.profile)

@click.command("import-session")
@profile_option
@click.option("--storage-state", type=click.Path(dir_okay=False, path_type=Path),
              help="A Playwright storage-state JSON file with your LinkedIn cookies.")
def import_session(profile: str | None, storage_state: Path | None) -> None:
    """Store a session made elsewhere in a profile, for machines without a screen.

    Takes --storage-state FILE, or LINKEDIN_LI_AT and LINKEDIN_JSESSIONID from the environment
    or .env. Values are never shown.
    """
    from automation.catalogue.loader import load_catalogue
    from automation.session.importing import from_environment, from_storage_state
    from automation.session.profile import Profile
    from automation.session.runner import import_cookies

    config = configure(profile)
    site = load_catalogue().site
    cookies, warnings = (from_storage_state(storage_state, site) if storage_state
                         else from_environment(site))
    prof = Profile(config.profile)
    logging.getLogger(__name__).debug("importing cookies %s", [(c["name"], c["domain"]) for c in cookies])
    asyncio.run(import_cookies(prof, cookies, executable=config.browser))
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    names = ", ".join(sorted({c["name"] for c in cookies}))
    click.echo(f"stored {len(cookies)} LinkedIn cookie(s) ({names}) in profile {prof.name!r}; values not shown.")
    flag = "" if prof.name == "default" else f" --profile {prof.name}"
    click.echo(f"check it with `linkedin-optout whoami{flag}`. Sessions are tied to the machine and IP "
               "they were made on; a copied one may be challenged or expire early.")

@click.command()
@profile_option
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
def logout(profile: str | None, yes: bool) -> None:
    """Delete the profile (its browser data and session) from this machine."""
    from automation.errors import StateFileError
    from automation.session.profile import Profile

    config = configure(profile)
    prof = Profile(config.profile)
    if not prof.exists():
        click.echo(f"no profile {prof.name!r}: nothing to delete")
        return
    try:
        prof.meta()
        what = f"profile {prof.name!r} at {prof.dir}"
    except StateFileError:
        what = f"{prof.dir} (NOT recognised as a linkedin-optout profile)"
    if not yes:
        if not sys.stdin.isatty():
            raise UserError(f"deleting {what} needs confirmation: run on a terminal or pass --yes")
        if not click.confirm(f"Delete {what}? Your LinkedIn account itself is untouched.", default=False):
            click.echo("nothing deleted")
            return
    with prof.lock():
        prof.delete()
    click.echo(f"deleted {what}")


def _report_who(seen: WhoAmI, profile: str) -> NoReturn:
    from automation.session.profile import login_hint
    from automation.session.signin import UNREACHABLE_FIX

    if seen.state == "signed_in":
        click.echo(f"signed in as {seen.name or 'an unnamed member'} (profile {profile!r})")
        if seen.previous:
            click.echo(f"warning: profile {profile!r} held {seen.previous}'s session before; it is now "
                       f"{seen.name}'s. Its history and drift go on under this profile: to keep two accounts "
                       "apart, give each its own (--profile NAME)", err=True)
        sys.exit(ExitCode.OK)
    if seen.state == "unreachable":  # nothing is known about the session: never "signed out"
        click.echo(f"unreachable: {seen.reason}; whether {profile!r} is signed in is not known")
        click.echo(f"to fix: {UNREACHABLE_FIX}", err=True)
        sys.exit(ExitCode.UNREACHABLE)
    label = "signed out" if seen.state == "signed_out" else "challenge"
    click.echo(f"{label}: {seen.reason}")
    what = "sign in" if seen.state == "signed_out" else "finish the security check"
    click.echo(f"to fix: {login_hint(profile).replace('sign in', what, 1)}", err=True)
    sys.exit(ExitCode.SESSION)
