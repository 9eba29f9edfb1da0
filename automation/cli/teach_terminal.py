"""The terminal side of teaching: the notice, the countdown, and the question after a change.

``demo --teach`` rehearses ``teach`` with the same words ``teach`` uses (cli/teach.py): a spinner on
stderr counts down while the person works in the browser window, and stops while they answer
whether the switch they changed is the one meant.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

import click

from automation.errors import UserError

if TYPE_CHECKING:
    from rich.console import Console
    from rich.status import Status

    from automation.tools.teach_watch import Seen

QUESTION = "Is this the switch for the setting?"


@dataclass
class Terminal:
    """``say``, ``tick`` and ``confirm`` as the teaching flow takes them."""

    question: str
    console: Console
    status: Status

    def say(self, line: str) -> None:
        self.console.print(line, markup=False, soft_wrap=True)

    def tick(self, left: float) -> None:
        self.status.update(
            f"Waiting for you to click the switch in the browser ({int(left) // 60}:{int(left) % 60:02d} left)")

    def confirm(self, seen: Seen) -> bool:
        self.status.stop()
        try:
            self.say(f"You changed the switch {seen.name or '(no accessible name)'!r}: "
                     f"{'on' if seen.before else 'off'} -> {'on' if seen.after else 'off'}, "
                     f"on the page {seen.title!r}; it sent {seen.save}.")
            try:
                return click.confirm(self.question, default=False, err=True)
            except click.Abort:
                raise UserError("no answer at the confirmation; nothing learned") from None
        finally:
            self.status.start()


@contextmanager
def teaching_terminal(question: str = QUESTION) -> Iterator[Terminal]:
    """The spinner runs for the whole ``with`` block (the browser opening, then the countdown)."""
    from rich.console import Console

    console = Console(stderr=True, highlight=False)
    with console.status("Opening the browser...") as status:
        yield Terminal(question, console, status)
