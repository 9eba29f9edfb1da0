"""``demo --teach``: rehearse ``teach`` on the demo, in a window, before a real page changes."""

from __future__ import annotations

import asyncio
import sys
from typing import TYPE_CHECKING, NoReturn

import click

from automation.errors import UserError

if TYPE_CHECKING:
    from automation.config import Config


def demo_teach(config: Config, quiet: bool) -> NoReturn:
    """Open the demo with its AI-training page changed, teach its switch, then run with what was learned."""
    from automation.catalogue.overrides import overrides_path
    from automation.cli.base import console, progress_printer
    from automation.cli.teach_terminal import teaching_terminal
    from automation.results.terminal import print_report
    from automation.session.browser import has_display
    from automation.tools.teach_rehearsal import SETTING, rehearse

    if not has_display():
        raise UserError("no display for the teaching window here",
                        hint="`demo --teach` rehearses teach in a browser window: run it on a machine with a screen")
    with teaching_terminal() as terminal:
        terminal.say("Demo: a stand-in of LinkedIn on 127.0.0.1, with one page changed as LinkedIn may change it "
                     f"one day: the maps no longer find the switch of '{SETTING}'. Nothing here touches your "
                     "LinkedIn, your profile or your overrides.")
        taught, report = asyncio.run(rehearse(confirm=terminal.confirm, say=terminal.say, tick=terminal.tick,
                                              executable=config.browser, progress=progress_printer(quiet)))
    learned = taught.override
    if learned is None:  # the maps found the switch after all: nothing was taught
        click.echo(f"{taught.setting}: {taught.detail}")
    else:
        click.echo(f"{taught.setting}: learned by {learned.kind} {learned.value!r}; the demo then turned the switch "
                   "back on, and the next run used what you taught:")
    print_report(report, console())
    click.echo(f"A real `linkedin-optout teach {SETTING}` keeps what it learns in {overrides_path()} and lists the "
               "files to send to the project; the demo threw both away.", err=True)
    sys.exit(report.exit_code)
