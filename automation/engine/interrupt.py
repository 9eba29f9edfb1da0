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
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from typing import Any

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


async def run_jobs(jobs: list[Coroutine[Any, Any, None]], interrupt: Interrupt | None,
                   soft_stop: Callable[[], object], grace: float) -> None:
    """Run a run's page jobs; on an interrupt, ``soft_stop()`` (nothing new starts) and give them
    ``grace`` seconds to finish before they are cancelled. A bug in a job keeps its traceback."""
    tasks = [asyncio.ensure_future(job) for job in jobs]
    if interrupt is None:
        await asyncio.gather(*tasks)
        return
    everything: asyncio.Future[Any] = asyncio.gather(*tasks)
    signalled: asyncio.Future[Any] = asyncio.ensure_future(interrupt.wait())
    try:
        await asyncio.wait({everything, signalled}, return_when=asyncio.FIRST_COMPLETED)
        if not everything.done():
            soft_stop()
            _done, late = await asyncio.wait(tasks, timeout=grace)
            for task in late:
                task.cancel()
            await asyncio.gather(*late, return_exceptions=True)
        for task in tasks:
            if not task.cancelled() and task.exception() is not None:
                raise task.exception()  # type: ignore[misc]
    finally:
        signalled.cancel()
        everything.cancel()
