"""Maintenance commands: ``doctor`` (is this machine ready?), ``capture`` (new fixtures) and
``selftest`` (the selector maps against saved pages, offline); their flows: flows/upkeep.py."""

from __future__ import annotations

from pathlib import Path

import click

from automation.cli.base import configure, environment, finish, headed_option, json_option, profile_option


@click.command()
@profile_option
@click.option("--no-session", is_flag=True, help="Skip the signed-in check (it opens LinkedIn's feed).")
def doctor(profile: str | None, no_session: bool) -> None:
    """Check Python, Playwright, the browser, the display, the profile, the maps and the folders.

    Exit 0: ready. 2: something to install or fix. 5: sign in again. 6: LinkedIn could not be reached.
    """
    from automation.flows import upkeep

    finish(upkeep.doctor(environment(configure(profile=profile)), session=not no_session))


@click.command()
@profile_option
@click.option("--out", "folder", type=click.Path(file_okay=False, path_type=Path), default=Path("captured-fixtures"),
              show_default=True, help="Folder for the sanitized pages (created 0700).")
@headed_option
def capture(profile: str | None, folder: Path, headed: bool) -> None:
    """Save every settings page, sanitized, in the fixtures format, to contribute as new fixtures.

    Reads only: nothing is clicked and every save is blocked. Names, e-mail addresses, photos,
    member ids, tokens and cookie values are removed; still, look the files over before sharing.
    Exit 0: captured. 5: signed out, a security check or LinkedIn refused. 6: LinkedIn could not be reached.
    """
    from automation.flows import upkeep

    config = configure(profile=profile, uses=("profile", "browser", "headless"))
    finish(upkeep.capture(environment(config, headed=headed), folder=folder))


@click.command()
@click.option("--fixtures", "folder", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Check these pages (e.g. from `capture`) instead of the bundled fixtures.")
@json_option
def selftest(folder: Path | None, as_json: bool) -> None:
    """Check the selector maps against saved pages in your own browser: offline, nothing clicked.

    Exit 0: every page reads as its metadata says. 4: a map does not match its page.
    2: the browser cannot start.
    """
    from automation.flows import upkeep

    finish(upkeep.selftest(environment(configure(uses=("browser",))), folder=folder), as_json)
