"""Sign-in commands: login, whoami, import-session, logout (their flows: flows/account.py)."""

from __future__ import annotations

from pathlib import Path

import click

from automation.cli.base import configure, environment, finish, profile_option, timeout_option, yes_option

USES = ("profile", "browser")  # what these commands use of the configuration


@click.command()
@profile_option
@timeout_option
def login(profile: str | None, timeout: int) -> None:
    """Open a browser window on LinkedIn's sign-in page and wait while you sign in by hand.

    The session is kept in a dedicated profile on this machine. The tool never sees your password.
    """
    from automation.flows import account

    finish(account.login(environment(configure(profile=profile, uses=USES)), timeout=timeout))


@click.command()
@profile_option
def whoami(profile: str | None) -> None:
    """Tell whether the profile's session is signed in, and as whom. Changes nothing."""
    from automation.flows import account

    finish(account.whoami(environment(configure(profile=profile, uses=USES))))


@click.command("import-session")
@profile_option
@click.option("--storage-state", type=click.Path(dir_okay=False, path_type=Path),
              help="A Playwright storage-state JSON file with your LinkedIn cookies.")
def import_session(profile: str | None, storage_state: Path | None) -> None:
    """Store a session made elsewhere in a profile, for machines without a screen.

    Takes --storage-state FILE, or LINKEDIN_LI_AT and LINKEDIN_JSESSIONID from the environment
    or .env. Values are never shown.
    """
    from automation.flows import account

    env = environment(configure(profile=profile, uses=USES))
    finish(account.import_session(env, storage_state=storage_state))


@click.command()
@profile_option
@yes_option
def logout(profile: str | None, yes: bool) -> None:
    """Delete the profile (its browser data and session) from this machine."""
    from automation.flows import account

    finish(account.logout(environment(configure(profile=profile, uses=USES)), yes=yes))
