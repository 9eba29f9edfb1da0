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

    def _interval(self) -> float:
        return self._uniform(*DEFAULT_PACE) if self._pace is None else self._pace

    async def __aenter__(self) -> None:
        if self._lock is None:
            return
        await self._lock.acquire()
        if self._last is not None:
            wait = self._interval() - (asyncio.get_running_loop().time() - self._last)
            if wait > 0:
                await self._sleep(wait)

    async def __aexit__(self, *exc: object) -> None:
        if self._lock is None:
            return
        self._last = asyncio.get_running_loop().time()
        self._lock.release()
