"""Maintenance commands: ``doctor`` (is this machine ready?), ``capture`` (new fixtures) and
``selftest`` (the selector maps against saved pages, offline)."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from automation.cli.base import configure, current_site, headed_option, profile_option
from automation.exit_codes import ExitCode

if TYPE_CHECKING:
    from automation.tools.capture import Capture


@click.command()
@profile_option
@click.option("--no-session", is_flag=True, help="Skip the signed-in check (it opens LinkedIn's feed).")
def doctor(profile: str | None, no_session: bool) -> None:
    """Check Python, Playwright, the browser, the display, the profile, the maps and the folders.

    Exit 0: ready. 2: something to install or fix. 5: sign in again. 6: LinkedIn could not be reached.
    """
    from rich.console import Console
    from rich.text import Text

    from automation.tools import doctor as d

    config = configure(profile=profile)
    console = Console(highlight=False)
    checks = [*d.versions(), asyncio.run(d.browser(config.browser)), d.display(), d.maps(), *d.folders(config.report_dir)]
    checks.append(asyncio.run(d.selftest(config.browser)))
    if not no_session:
        checks.append(asyncio.run(d.session(config.profile, config.browser, site=current_site())))
    colour = {"OK": "green", "WARN": "yellow", "FAIL": "bold red"}
    for c in checks:
        line = Text(f"{c.outcome:<4}", style=colour[c.outcome])
        line.append(f" {c.name}: {c.detail}")
        if c.fix and c.outcome != "OK":
            line.append(f" -> {c.fix}", style="bold")
        console.print(line, soft_wrap=True)  # one line per check, whatever the width
    sys.exit(d.exit_code(checks))

@click.command()
@profile_option
@click.option("--out", "folder", type=click.Path(file_okay=False, path_type=Path), default=Path("captured-fixtures"),
              show_default=True, help="Folder for the sanitized pages (created 0700).")
@headed_option
def capture(profile: str | None, folder: Path, headed: bool) -> None:
    """Save every settings page, sanitized, in the fixtures format, to contribute as new fixtures.

    Reads only: nothing is clicked and every save is blocked. Names, e-mail addresses, photos,
    member ids, tokens and cookie values are removed; still, look the files over before sharing.
    """
    from automation.engine.guards import Verdict
    from automation.private import private_dir
    from automation.session.profile import Profile
    from automation.session.runner import profile_context
    from automation.session.signin import UNREACHABLE_FIX
    from automation.tools.capture import capture as run_capture

    config = configure(profile=profile, uses=("profile", "browser", "headless"))
    private_dir(folder)  # fail before the browser starts

    async def go() -> Capture:
        async with profile_context(Profile(config.profile), site=current_site(), headless=config.headless and not headed,
                                   executable=config.browser) as context:
            return await run_capture(context, folder)

    done = asyncio.run(go())
    for page in done.pages:  # a page not saved is named by the file it would have been
        click.echo(f"{page.path if page.saved else page.path.name}: {page.summary}")
    saved = done.saved
    if saved:
        click.echo(f"{len(saved)} page(s) saved in {folder}. Read them before sharing; open an issue with them "
                   "attached to add them to fixtures/pages/.", err=True)
    else:
        click.echo(f"nothing saved in {folder}", err=True)
    if done.stopped_by is not None:
        click.echo("stopped early: " + ("the remaining pages were not captured" if saved else "no page was captured"),
                   err=True)
    if done.stopped_by is Verdict.UNREACHABLE:
        click.echo(f"to fix: {UNREACHABLE_FIX}", err=True)
        sys.exit(ExitCode.UNREACHABLE)
    if any(p.summary.startswith(("signed_out", "challenge")) for p in done.pages):
        sys.exit(ExitCode.SESSION)


@click.command()
@click.option("--fixtures", "folder", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Check these pages (e.g. from `capture`) instead of the bundled fixtures.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def selftest(folder: Path | None, as_json: bool) -> None:
    """Check the selector maps against saved pages in your own browser: offline, nothing clicked.

    Exit 0: every page reads as its metadata says. 4: a map does not match its page.
    2: the browser cannot start.
    """
    import json

    from automation.tools import selftest as st

    config = configure(uses=("browser",))
    report = asyncio.run(st.selftest(folder, config.browser))
    if as_json:
        click.echo(json.dumps(report.to_json(), indent=2))
    else:
        for page in report.pages:
            click.echo(page.line())
        click.echo(report.summary())
    sys.exit(report.exit_code)
