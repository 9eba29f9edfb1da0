"""What a flow may use of the world around it, and what it hands back."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from automation.config import Config
from automation.engine.interrupt import Interrupt, signals_stop
from automation.engine.options import Progress
from automation.results.after_run import Aftermath
from automation.results.report import RunReport
from automation.session.runner import Launch, LiveSite

T = TypeVar("T")


def _to_stderr(line: str) -> None:
    print(line, file=sys.stderr)


@dataclass(frozen=True)
class Env:
    """The configuration and the terminal as a flow may use them (httpie's ``Environment``).

    ``say`` writes one line for the person on stderr (stdout stays clean for ``--json``);
    ``ask`` puts a yes/no question on the terminal (None: there is no terminal to ask on);
    ``show`` prints a report before a question (apply's preview). ``site``: where the browser
    finds www.linkedin.com (None: the real site; only the tests set it)."""

    config: Config
    site: LiveSite | None = None
    headed: bool = False
    progress: Progress | None = None
    say: Callable[[str], None] = _to_stderr
    ask: Callable[[str], bool] | None = None
    show: Callable[[RunReport], None] | None = None

    @property
    def launch(self) -> Launch:
        return Launch(headless=self.config.headless and not self.headed, executable=self.config.browser,
                      site=self.site)

    def interruptible(self, make: Callable[[Interrupt], Coroutine[Any, Any, T]]) -> T:
        """Run ``make(interrupt)`` with Ctrl-C and SIGTERM stopping it softly: the run returns its
        report with the rest ``skipped`` and the signal recorded (interrupt.py)."""

        async def go() -> T:
            interrupt = Interrupt()
            with signals_stop(interrupt, self.say):
                return await make(interrupt)

        return asyncio.run(go())


@dataclass
class Outcome:
    """What a flow hands back to be printed: the report (None when the flow stopped before a run
    worth reporting, its lines already said), what happened after it, and the exit code."""

    exit_code: int
    report: RunReport | None = None
    after: Aftermath | None = None
    checked: RunReport | None = None  # demo: the check that followed the apply
    html: Path | None = None  # demo: its HTML report
