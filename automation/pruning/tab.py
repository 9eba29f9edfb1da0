"""The page a prune run works in: opened through the engine's guarded navigation, read only once
it has settled, and judged (judge.py) only at the minimum page age unless it shows the item.

``Tab.open`` loads a page the way every page of this tool is loaded (navigate.open_settings_page:
bounded retries, walls and refusals recognised, no load once the run has stopped) and keeps the
document's HTTP status. ``Tab.read`` is the settled read: the guard scan and the item scan at both
ends of a quiet window (settle.py) must agree, with none of the page's own requests in flight; an
"up" counts at once, anything else only once the page is ``min_age`` old.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from urllib.parse import unquote, urlsplit

from playwright.async_api import BrowserContext, Page, Request, Response
from playwright.async_api import Error as PlaywrightError

from automation.catalogue.models import SiteMap
from automation.engine.block_heavy import skip_heavy_resources
from automation.engine.guards import PageCheck, Verdict, check_page, check_status
from automation.engine.navigate import open_settings_page
from automation.engine.options import Retry, Timeouts
from automation.engine.settle import NetworkWatch, settle
from automation.pruning.judge import Judgement, Seen, Target, judge
from automation.pruning.map import Surface
from automation.pruning.scan import Scan, scan

INTERRUPTED = "is interrupted by another navigation"  # Playwright's words when the page navigates during a load
INTERRUPTED_TRIES = 3
INTERRUPTED_PAUSE = 0.5  # seconds, times the attempt
CLOSE_TIMEOUT = 10.0  # seconds
MAX_SCROLLS = 5  # times a list is scrolled to its end before its absence is believed (or doubted)
SCROLL_TIMEOUT = 5.0  # seconds

# Scroll each element the drawn markers name, and the page, to their end; did anything move?
_SCROLL_TO_END = """
(drawn) => {
  let moved = false;
  const end = (node) => {  // to its end; moved only if it really moved (it may already be there)
    const before = node.scrollTop;
    node.scrollTop = node.scrollHeight - node.clientHeight;
    if (Math.abs(node.scrollTop - before) >= 1) moved = true;
  };
  for (const sel of drawn) {
    let found = [];
    try { found = Array.from(document.querySelectorAll(sel)); } catch (e) { continue; }
    for (const node of found) if (node.scrollHeight > node.clientHeight + 1) end(node);
  }
  const page = document.scrollingElement || document.documentElement;
  if (page) end(page);
  return moved;
}
"""


def same_path(a: str, b: str) -> bool:
    return unquote(a).rstrip("/") == unquote(b).rstrip("/")


@dataclass
class Tab:
    page: Page
    watch: NetworkWatch
    site: SiteMap
    timeouts: Timeouts
    retry: Retry
    status: int | None = None  # the current document's HTTP status
    failed: str = ""  # why one of the current document's data requests failed ("": none did)
    refusal: PageCheck | None = None  # a data request answered as a refusal or a wall (since ``watch_refusals``)
    lang: str = "en"
    last: Scan = field(default_factory=Scan)

    @classmethod
    async def new(cls, context: BrowserContext, site: SiteMap, timeouts: Timeouts, retry: Retry, *,
                  lean: bool) -> Tab:
        page = await context.new_page()
        tab = cls(page, NetworkWatch(page, site.network.long_lived), site, timeouts, retry)
        page.on("response", tab._document)
        page.on("requestfailed", tab._request_failed)
        if lean:
            await skip_heavy_resources(page)
        return tab

    def _document(self, response: Response) -> None:
        if response.request.is_navigation_request() and response.frame == self.page.main_frame:
            self.status = response.status
        elif response.status >= 400 and self._data(response.request):
            self.failed = self.failed or f"HTTP {response.status} from {urlsplit(response.url).path}"
            self.refusal = self.refusal or check_status(response.status, self.site)

    def watch_refusals(self) -> None:
        """From now on, a data request answered as a refusal or a wall (HTTP 999, say: the page's
        own deletion request refused) is kept in ``refusal``, for the run to stop on."""
        self.refusal = None

    def _request_failed(self, request: Request) -> None:
        # Aborted: the page left, or cancelled the request itself; not data that failed to arrive.
        if self._data(request) and "ERR_ABORTED" not in (request.failure or ""):
            self.failed = self.failed or f"{request.failure or 'failed'} for {urlsplit(request.url).path}"

    def _data(self, request: Request) -> bool:
        """A request that may carry the page's data: a fetch or XHR to the site, not a long-lived one.
        When one fails, what the page draws may be an empty state, not the person's data."""
        return (request.resource_type in ("fetch", "xhr")
                and urlsplit(request.url).netloc == urlsplit(self.site.base_url).netloc
                and not any(part in request.url for part in self.site.network.long_lived))

    async def open(self, url: str, surface: Surface, may_load: Callable[[], bool], *,
                   reload: bool = False) -> PageCheck:
        """Load (or reload) ``url`` and wait until it draws an item or its list, or a guard page."""
        self.status, self.failed = None, ""

        async def ready(page: Page) -> bool:
            seen = await scan(page, surface)
            return seen is not None and not seen.busy and bool(seen.items or seen.drawn)

        for attempt in range(INTERRUPTED_TRIES):
            if attempt:  # let the page's own navigation land before loading the address again
                await asyncio.sleep(INTERRUPTED_PAUSE * attempt)
            check = await open_settings_page(self.page, url, [], self.site, self.timeouts, self.retry, reload=reload,
                                             may_load=may_load, watch=self.watch, expected=(urlsplit(url).path,),
                                             ready=ready)
            # The page's own navigation (the site moving on after a deletion) cut this load short:
            # load it again, bounded; it is still the same address that is read.
            if check.verdict is not Verdict.ERROR or INTERRUPTED not in check.reason:
                break
        self.lang = check.lang or self.lang
        return check

    async def read(self, surface: Surface, target: Target, *, expected: str, tombstones: list[str]) -> Judgement | PageCheck:
        """Judge ``target`` from settled looks (the module's rules); a wall or refusal met while
        looking is returned as its ``PageCheck``, for the run to stop on."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeouts.render + self.timeouts.min_age
        scrolls = 0
        while (left := deadline - loop.time()) > 0:
            settled = await settle(self.watch, self._look(surface), self._last, window=self.timeouts.settle_window,
                                   timeout=left)
            if settled.check is not None and settled.check.verdict is not Verdict.OK:
                return settled.check
            if settled.problem or settled.value is None:
                return Judgement(Seen.UNSURE, settled.problem or "the page could not be read")
            seen = settled.value
            verdict = judge(seen, target, surface, tombstones=tombstones, status=self.status,
                            redirected=not same_path(seen.path, expected))
            # Absent from a list: a list may load (more of) its items only once scrolled to. Scroll
            # to its end and look again, settled, while that moves the page (bounded).
            if verdict.absent:
                if scrolls >= MAX_SCROLLS:
                    return Judgement(Seen.UNSURE, f"the page's list kept growing as it was scrolled ({scrolls} times)")
                if await self._scroll_to_end(surface):
                    scrolls += 1
                    continue
            if verdict.at_once or self.watch.age >= self.timeouts.min_age:
                return verdict
            await asyncio.sleep(self.timeouts.min_age - self.watch.age)  # only "up" is believed before that age
        return Judgement(Seen.UNSURE, f"the page did not settle within {self.timeouts.render:g} s")

    async def _scroll_to_end(self, surface: Surface) -> bool:
        """Scroll the page, and each drawn list that scrolls by itself, to its end; True if anything moved."""
        try:
            return bool(await asyncio.wait_for(self.page.evaluate(_SCROLL_TO_END, surface.drawn), SCROLL_TIMEOUT))
        except (TimeoutError, PlaywrightError):  # between documents: the next look says what is there
            return False

    def _look(self, surface: Surface) -> Callable[[], Awaitable[PageCheck]]:
        """The guard scan and the item scan in one look; the item scan's fingerprint stands in
        for the switches' (settle.py compares the two looks by it)."""
        base = urlsplit(self.site.base_url)

        async def look() -> PageCheck:
            where = urlsplit(self.page.url)
            check = await check_page(self.page, self.site, (where.path,))
            unavailable = check.verdict is Verdict.UNAVAILABLE and where.netloc == base.netloc
            if unavailable:
                check = replace(check, verdict=Verdict.OK)
            if check.verdict is not Verdict.OK:
                return check
            seen = await scan(self.page, surface)
            if seen is None:
                return PageCheck(Verdict.NAVIGATING)
            # The guard knows the not-found page by its words too, and people write those words
            # ("Page not found" in a post or a comment): a page that draws the person's content
            # is not LinkedIn's not-found page.
            not_found = unavailable and not seen.items
            self.last = replace(seen, not_found=not_found, path=where.path, failed=self.failed)
            return replace(check, switches=self.last.fingerprint())

        return look

    async def _last(self) -> Scan:
        return self.last

    async def close(self) -> None:
        """Close the page, bounded: Chromium was seen to leave ``page.close`` waiting for ever when a
        navigation the page started itself was still pending (with tracing on); the run's result
        must not hang on it. The context's owner closes what is left."""
        if self.page.is_closed():
            return
        try:
            await asyncio.wait_for(self.page.close(), CLOSE_TIMEOUT)
        except (TimeoutError, PlaywrightError):
            pass
