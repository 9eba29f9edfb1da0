"""Settle: a switch's state counts only once the page has stopped changing it.

LinkedIn's settings pages are client-rendered. A page may draw its switches in a default state
(a skeleton, off or on) and correct them a moment later when its own data request returns. A
state read before that is a guess, and a guessed "off" is the worst answer this tool can give.

The rule: a state counts only when
- none of the page's own requests (fetch, XHR, scripts) is in flight, for a quiet window that
  starts after the switch is seen, and
- two reads across that window agree: the guard scan, which runs anyway, fingerprints every
  switch's state at both ends, and the costly read (locate each setting, read it) runs in the
  window between them, so the rule costs one round trip more than reading at once.
Requests the page keeps open for as long as it is shown (LinkedIn's ``/realtime/connect``
event stream, docs/linkedin.md#long-lived-requests) are not counted: ``NetworkWatch`` ignores the URL substrings of
``selectors/site.toml`` ``[network] long_lived`` and anything sent or answered as
``text/event-stream``. Every wait is bounded: past its timeout the answer is "did not settle",
which the engine reports as ``failed``, never as a state.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Generic, TypeVar
from urllib.parse import urlsplit

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page, Request, Response

from automation.catalogue.models import StateFacts, StateResponse
from automation.engine.guards import PageCheck, Verdict
from automation.engine.witness import Witnessed, states_in

T = TypeVar("T")

# Resource types that can carry the page's data, or code that will fetch it. Not counted:
# images, fonts, stylesheets, beacons ("ping"), event sources and web sockets.
COUNTED_TYPES = frozenset({"fetch", "xhr", "script"})
STREAM_TYPES = ("text/event-stream", "multipart/x-mixed-replace")


MAX_DATA_BYTES = 2_000_000  # a data response larger than this is not read as a witness


class NetworkWatch:
    """The page's own requests in flight, minus the long-lived ones. One per page, for its life.

    It also keeps, for the current document, how old it is (``age``) and what the page's own
    data said about its switches (``data``: the responses the site map's ``[state]`` names)."""

    def __init__(self, page: Page, long_lived: list[str] | tuple[str, ...] = (),
                 state: StateFacts | None = None) -> None:
        self._long_lived = tuple(long_lived)
        self._state = state
        self._pending: dict[Request, None] = {}
        self._reading: set[asyncio.Task[None]] = set()  # data responses being read
        self._document = 0  # bumped per navigation: data of an older document is dropped
        self.loaded_at: float | None = None  # loop time the current document was loaded
        self.data: dict[str, Witnessed] = {}  # switch key -> its state in the page's own data
        self.activity = 0  # bumped whenever a counted request starts or ends
        self.load_failed = False  # the last load of the page's document failed (Chromium shows its error page)
        self._page = page
        page.on("request", self._started)
        page.on("response", self._answered)
        page.on("requestfinished", self._finished)
        page.on("requestfailed", self._failed)

    def detach(self) -> None:
        """Stop watching (for a page that lives on after the reads, as teach's does)."""
        for event, handler in (("request", self._started), ("response", self._answered),
                               ("requestfinished", self._finished), ("requestfailed", self._failed)):
            self._page.remove_listener(event, handler)

    def counts(self, request: Request) -> bool:
        if request.resource_type not in COUNTED_TYPES:
            return False
        if any(part in request.url for part in self._long_lived):
            return False
        return not any(kind in request.headers.get("accept", "") for kind in STREAM_TYPES)

    def _started(self, request: Request) -> None:
        if self.counts(request):
            self._pending[request] = None
            self.activity += 1

    def _answered(self, response: Response) -> None:
        # A response that streams (its body never ends) stops counting once its headers arrive.
        if response.request in self._pending and any(
                kind in response.headers.get("content-type", "") for kind in STREAM_TYPES):
            self._ended(response.request)

    def _ended(self, request: Request) -> None:
        if request in self._pending:
            del self._pending[request]
            self.activity += 1

    def _failed(self, request: Request) -> None:
        try:
            if request.is_navigation_request() and request.frame.parent_frame is None:
                self.load_failed = True
        except PlaywrightError:  # a request of no frame (a worker's): not the page's load
            pass
        self._ended(request)

    def _finished(self, request: Request) -> None:
        source = self._data_source(request)
        if source is not None and request in self._pending:
            task = asyncio.ensure_future(self._read_data(request, source, self._document))
            self._reading.add(task)
            task.add_done_callback(self._read_done)
        self._ended(request)

    def _data_source(self, request: Request) -> StateResponse | None:
        if self._state is None or request.resource_type not in ("fetch", "xhr"):
            return None
        path = urlsplit(request.url).path
        return next((r for r in self._state.responses
                     if request.method in r.methods and path.startswith(r.path_prefix)), None)

    async def _read_data(self, request: Request, source: StateResponse, document: int) -> None:
        assert self._state is not None
        try:
            response = await request.response()
            if response is None or not response.ok or "json" not in response.headers.get("content-type", ""):
                return
            body = await response.body()
            if len(body) > MAX_DATA_BYTES:
                return
            states = states_in(json.loads(body), self._state)
        except (PlaywrightError, ValueError):  # gone with its page, or not JSON: no witness
            return
        if document != self._document:
            return
        where = f"response {request.method} {urlsplit(request.url).path} ({source.confidence})"
        for key, on in states.items():
            if not (key in self.data and self.data[key].state):  # "on" wins within a document
                self.data[key] = Witnessed(on, where)

    def _read_done(self, task: asyncio.Task[None]) -> None:
        self._reading.discard(task)
        self.activity += 1

    def forget(self) -> None:
        """Drop what the previous document left in flight and said (called before each navigation)."""
        self._pending.clear()
        self._document += 1
        self.data = {}
        self.loaded_at = None
        self.load_failed = False
        self.activity += 1

    def loaded(self) -> None:
        """The new document has loaded: its age counts from now."""
        self.loaded_at = asyncio.get_running_loop().time()

    @property
    def age(self) -> float:
        """Seconds since the current document loaded (0 before it has)."""
        return 0.0 if self.loaded_at is None else asyncio.get_running_loop().time() - self.loaded_at

    @property
    def busy(self) -> bool:
        return bool(self._pending or self._reading)

    def in_flight(self) -> str:
        """What is still pending, by path only (a query string may hold a token)."""
        paths = sorted({urlsplit(r.url).path or "/" for r in self._pending})
        return ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")


@dataclass(frozen=True)
class Settled(Generic[T]):
    value: T | None = None
    check: PageCheck | None = None  # the last look at the page; not OK when a wall showed up
    problem: str = ""  # set when the page did not settle in time

    @property
    def ok(self) -> bool:
        return not self.problem and self.check is not None and self.check.verdict is Verdict.OK


async def settle(watch: NetworkWatch, look: Callable[[], Awaitable[PageCheck]], read: Callable[[], Awaitable[T]],
                 *, window: float, timeout: float, first: PageCheck | None = None, poll: float = 0.05) -> Settled[T]:
    """Read once the page has settled.

    ``look`` is the guard scan (one round trip; it also fingerprints every switch's state);
    ``read`` is the costly part (locate and read the settings). Each try: look, read, wait out
    what is left of the quiet ``window``, look again. The read counts when both looks show the
    same switches and no counted request was in flight or came and went in between; a look
    that shows a wall ends the wait (the caller handles it). ``first``: a look just taken
    (saves a round trip). Gives up after ``timeout`` seconds with ``problem`` set.
    ``window`` 0 reads once, without looking: only for measuring what the rule costs.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    if window <= 0:
        return Settled(await read(), first or await look())
    started, mark = loop.time(), watch.activity
    while loop.time() < deadline:
        if watch.busy:
            first = None
            await asyncio.sleep(poll)
            continue
        if first is None:
            started, mark = loop.time(), watch.activity
            first = await look()
        if first.verdict is Verdict.NAVIGATING:  # between documents: look again
            first = None
            await asyncio.sleep(poll)
            continue
        if first.verdict is not Verdict.OK:
            return Settled(None, first)
        value = await read()
        rest = window - (loop.time() - started)
        if rest > 0:
            await asyncio.sleep(rest)
        second = await look()
        if second.verdict is Verdict.NAVIGATING:
            first = None
            continue
        if second.verdict is not Verdict.OK:
            return Settled(None, second)
        if not watch.busy and watch.activity == mark and second.switches == first.switches:
            return Settled(value, second)
        first, started, mark = second, loop.time(), watch.activity
    waiting = f": still loading {watch.in_flight()}" if watch.busy else ": the switches kept changing"
    return Settled(None, first, f"the page did not settle within {timeout:g} s{waiting}")
