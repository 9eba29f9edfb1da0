"""Pages at once: the run's bound on pages that load and read at the same time.

A page takes a slot to load and read, and holds it while it waits at the change gate (so that the
queue there does not fill the browser with loaded pages). While it only waits for its minimum age
(read.py) it gives the slot back, and the look that follows takes none: a look loads nothing. It
takes a slot again only before its next load (the verifying reload of another of its settings),
ahead of every page that has none yet: a change in flight comes first.

Why nothing stalls: no one waits for a slot while holding the change gate (the read before a
click never gives its slot back, and a page without one clicks without one). So the gate's holder
always moves on, and with it the queue at the gate, whose pages give their slots back once they
verify. After a signal the gate stops making its queue wait out the pace (gate.py), so a verifying
reload waiting for a slot gets one within the grace period.
"""

from __future__ import annotations

import asyncio
from collections import deque
from typing import TYPE_CHECKING

from playwright.async_api import Page

if TYPE_CHECKING:
    from automation.catalogue.models import Setting


def page_jobs(settings: list[Setting], *, side_by_side: bool) -> list[list[Setting]]:
    """The run's jobs: the settings that share a page, one job per page (handled one after the
    other on it), in the catalogue's order. Side by side, after the first page (a run meets a
    wall there first, as always), the pages with more settings: each of their changes waits for
    the one before to be verified (a reload and the minimum age), so they are the longest jobs."""
    pages: dict[str, list[Setting]] = {}
    for s in settings:
        pages.setdefault(s.path, []).append(s)
    lead, *others = pages.values()
    return [lead, *(sorted(others, key=len, reverse=True) if side_by_side else others)]


class Slots:
    """``count`` slots; ``take`` queues fairly, a page with a change in flight first."""

    def __init__(self, count: int) -> None:
        self._free = count
        self._queues: tuple[deque[asyncio.Future[None]], deque[asyncio.Future[None]]] = (deque(), deque())
        self._held: set[Page] = set()

    async def take(self, *, first: bool = False) -> None:
        """One slot (for a page about to be chosen: ``held_by`` names it); ``first``: before
        everyone who waits without ``first``."""
        if self._free > 0 and not any(self._queues):
            self._free -= 1
            return
        waiter = asyncio.get_running_loop().create_future()
        self._queues[0 if first else 1].append(waiter)
        try:
            await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():  # granted as we were cancelled: pass it on
                self.put()
            raise

    def put(self) -> None:
        """One slot back: to the first who waits, else free."""
        for queue in self._queues:
            while queue:
                waiter = queue.popleft()
                if not waiter.done():
                    waiter.set_result(None)
                    return
        self._free += 1

    def held_by(self, page: Page) -> None:
        """The slot just taken is ``page``'s."""
        self._held.add(page)

    def holds(self, page: Page) -> bool:
        return page in self._held

    async def hold(self, page: Page) -> None:
        """Before a load: ``page`` takes a slot again if it gave its own back (first in line)."""
        if page not in self._held:
            await self.take(first=True)
            self._held.add(page)

    def free(self, page: Page) -> None:
        """``page`` gives its slot back (when it holds one)."""
        if page in self._held:
            self._held.discard(page)
            self.put()
