"""The change gate: one change at a time, at a human pace."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable

DEFAULT_PACE = (2.5, 6.0)  # seconds between changes when pace is None: a human pace, with jitter


class ChangeGate:
    """Serializes changes and spaces them ``pace`` seconds apart (random when pace is None).

    With ``parallel`` (only for pace 0 and a concurrency the caller chose) it lets changes on
    different pages overlap: each change is still read, clicked once and verified on its own page.

    Once the run stops (``stop()``: a signal, a refusal), no one waits out the pace any more: the
    pages queued here hold a page slot each, and a verifying read that gave its slot back while it
    waited for its age must get one back within the grace period (engine/read.py). The caller
    still asks, once through, whether it may change anything (it may not).
    """

    def __init__(self, pace: float | None, parallel: bool = False, *,
                 sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
                 uniform: Callable[[float, float], float] = random.uniform) -> None:
        # sleep and uniform are seams for tests: the pace is checked with an injected clock, not a wait.
        self._pace = pace
        self._lock = asyncio.Lock() if not parallel else None
        self._last: float | None = None
        self._sleep = sleep
        self._uniform = uniform
        self._stopped = asyncio.Event()

    def stop(self) -> None:
        """The run stopped: wake whoever waits out the pace, and wait it out no more."""
        self._stopped.set()

    def _interval(self) -> float:
        return self._uniform(*DEFAULT_PACE) if self._pace is None else self._pace

    async def __aenter__(self) -> None:
        if self._lock is None:
            return
        await self._lock.acquire()
        try:
            if self._last is not None and not self._stopped.is_set():
                wait = self._interval() - (asyncio.get_running_loop().time() - self._last)
                if wait > 0:
                    await self._pause(wait)
        except BaseException:  # cancelled while waiting: the next change must not wait for us
            self._lock.release()
            raise

    async def _pause(self, seconds: float) -> None:
        """The pace, or less once the run stops."""
        pace = asyncio.ensure_future(self._sleep(seconds))
        stopped = asyncio.ensure_future(self._stopped.wait())
        try:
            await asyncio.wait({pace, stopped}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            pace.cancel()
            stopped.cancel()

    async def __aexit__(self, *exc: object) -> None:
        if self._lock is None:
            return
        self._last = asyncio.get_running_loop().time()
        self._lock.release()
