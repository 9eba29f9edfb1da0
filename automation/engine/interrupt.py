"""Ctrl-C and SIGTERM: stop a run without losing its record.

On the first SIGINT or SIGTERM the run starts no new page and no new change, lets a change in
flight finish its verifying reload (bounded by ``Timeouts.grace``), marks the rest ``skipped``,
and returns its report, so the CLI can still write the report, the history line and the HTML
report, close the browser and exit 130 (SIGINT) or 143 (SIGTERM). A second signal exits at once.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from automation.results.report import SIGNAL_EXIT


class Interrupt:
    """Set by a signal handler, awaited and read by the engine."""

    def __init__(self) -> None:
        self.signal: str | None = None  # "SIGINT" or "SIGTERM" once set
        self._event = asyncio.Event()

    def set(self, name: str) -> None:
        if self.signal is None:
            self.signal = name
            self._event.set()

    async def wait(self) -> str:
        await self._event.wait()
        return self.signal or ""


_HANDLED = ("SIGINT", "SIGTERM")


@contextmanager
def signals_stop(interrupt: Interrupt, say: Callable[[str], None]) -> Iterator[None]:
    """Within this block (inside a running event loop) the first SIGINT/SIGTERM sets ``interrupt``
    and the second ends the process at once. Handlers are restored on the way out."""
    loop = asyncio.get_running_loop()
    previous: dict[int, object] = {}

    def first(name: str) -> None:
        if interrupt.signal is not None:  # the second signal: the person insists
            os._exit(SIGNAL_EXIT[name])
        interrupt.set(name)
        say(f"{name}: finishing the change in flight, then writing the report "
            f"(press Ctrl-C again to quit at once)")

    for name in _HANDLED:
        number = getattr(signal, name)
        previous[number] = signal.getsignal(number)
        if sys.platform == "win32":  # no add_signal_handler on Windows' event loops
            signal.signal(number, lambda _n, _f, name=name: loop.call_soon_threadsafe(first, name))
        else:
            loop.add_signal_handler(number, first, name)
    try:
        yield
    finally:
        for number, handler in previous.items():
            if sys.platform != "win32":
                loop.remove_signal_handler(number)
            signal.signal(number, handler)  # type: ignore[arg-type]
