"""What a flow may use of the world around it: ``Env`` (what it hands back: ``flows.outcome``)."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from automation.config import Config
from automation.engine.interrupt import Interrupt, signals_stop
from automation.engine.options import Progress
from automation.errors import OptionsError
from automation.flows.outcome import Line, Outcome

if TYPE_CHECKING:  # the browser library loads only for a flow that starts a browser
    from automation.session.runner import Launch, LiveSite

T = TypeVar("T")
__all__ = ["Env", "Line", "Outcome", "Waiting"]  # Outcome and Line: flows.outcome, named here too


class Waiting(Protocol):
    """A line on the terminal that says what the tool waits for, updated in place (a spinner)."""

    def update(self, text: str) -> None: ...
    def stop(self) -> None: ...
    def start(self) -> None: ...


class _Silent:
    def update(self, text: str) -> None:
        pass

    def stop(self) -> None:
        pass

    def start(self) -> None:
        pass


@contextmanager
def _no_status(_text: str) -> Iterator[Waiting]:
    yield _Silent()


def _print(line: Line) -> None:
    print(line.text, file=sys.stderr if line.err else sys.stdout)


@dataclass(frozen=True)
class Env:
    """The configuration and the terminal as a flow may use them (httpie's ``Environment``).

    ``show`` prints a ``Line`` at once (apply's preview before its question) through ``printer``,
    ``say`` one line for the person on stderr, ``waiting`` a line updated in place while the
    person works in a browser window. ``ask`` puts a yes/no question to the person; None: nobody
    is there to answer (an unattended command must be told ``--yes``); ``type_in`` asks for a typed
answer (prune's count before deleting), None likewise. ``as_json``: stdout carries
    JSON, so nothing else is shown on it.
    ``site``: where the browser finds www.linkedin.com (None: the real site; only tests set it)."""

    config: Config
    site: LiveSite | None = None
    headed: bool = False
    progress: Progress | None = None
    printer: Callable[[Line], None] = _print
    ask: Callable[[str], bool] | None = None
    type_in: Callable[[str], str] | None = None
    waiting: Callable[[str], Any] = _no_status  # a context manager giving a Waiting
    as_json: bool = False

    def __post_init__(self) -> None:
        if self.site is not None:
            from automation.session.runner import LiveSite

            if not isinstance(self.site, LiveSite):
                raise OptionsError(f"Env.site must be a LiveSite, not {self.site!r}")

    def show(self, line: Line) -> None:
        """Print ``line`` now; a line for stdout is dropped while stdout carries JSON."""
        if line.err or not self.as_json:
            self.printer(line)

    def say(self, text: str) -> None:
        self.show(Line(text, err=True))

    @property
    def launch(self) -> Launch:
        from automation.session.runner import Launch

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
