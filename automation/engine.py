"""The opt-out engine: read every requested switch, turn off what is on, prove it by reload.

Rules it never bends:
- a control is clicked only when resolved to exactly one element for exactly this setting;
- it is clicked only right after being read as on, under the change gate, and never twice;
- "off" is reported only when a reload shows it off;
- a sign-in wall or challenge stops the whole run; the rest is ``skipped``.
Reads of different pages run concurrently (bounded); changes are serialized at a human pace.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from playwright.async_api import BrowserContext, Page
from playwright.async_api import Error as PlaywrightError

from . import __version__
from .evidence import save_evidence, save_screenshot
from .guards import PageCheck, Verdict
from .lean import skip_heavy_resources
from .locate import locate, notes, read_state
from .maps import Catalogue, Setting, load_catalogue
from .report import RunReport, SettingResult, Status, now
from .safety import SaveLog, guard_saves
from .visit import Retry, Timeouts, click_and_wait, open_settings_page

DEFAULT_CONCURRENCY = 3  # pages read at once: conservative for the real site
DEFAULT_PACE = (2.5, 6.0)  # seconds between changes when pace is None: a human pace, with jitter

Progress = Callable[[str, str], None]  # (setting id, what is happening)
log = logging.getLogger(__name__)

EVIDENCE_FOR = {Status.NOT_FOUND, Status.AMBIGUOUS, Status.FAILED}

_GUARD_STATUS = {
    Verdict.SIGNED_OUT: Status.SIGNED_OUT,
    Verdict.CHALLENGE: Status.CHALLENGE,
    Verdict.UNAVAILABLE: Status.UNAVAILABLE,
    Verdict.RATE_LIMITED: Status.FAILED,
    Verdict.ERROR: Status.FAILED,
}


class _Stopped(Exception):
    """A sign-in wall or challenge: the run stops."""

    def __init__(self, status: Status, reason: str) -> None:
        super().__init__(reason)
        self.status, self.reason = status, reason


class _ChangeGate:
    """Serializes changes and spaces them ``pace`` seconds apart (random when pace is None).

    With ``parallel`` (only for pace 0 and a concurrency the caller chose) it lets changes on
    different pages overlap: each change is still read, clicked once and verified on its own page.
    """

    def __init__(self, pace: float | None, parallel: bool = False) -> None:
        self._pace = pace
        self._lock = asyncio.Lock() if not parallel else None
        self._last: float | None = None

    def _interval(self) -> float:
        return random.uniform(*DEFAULT_PACE) if self._pace is None else self._pace

    async def __aenter__(self) -> None:
        if self._lock is None:
            return
        await self._lock.acquire()
        if self._last is not None:
            wait = self._interval() - (asyncio.get_running_loop().time() - self._last)
            if wait > 0:
                await asyncio.sleep(wait)

    async def __aexit__(self, *exc: object) -> None:
        if self._lock is None:
            return
        self._last = asyncio.get_running_loop().time()
        self._lock.release()


@dataclass
class _Run:
    context: BrowserContext
    catalogue: Catalogue
    apply: bool
    gate: _ChangeGate
    timeouts: Timeouts
    retry: Retry
    semaphore: asyncio.Semaphore
    progress: Progress
    saves: SaveLog
    evidence_dir: Path | None = None  # where screenshots and snapshots of failures go
    screenshots: bool = False  # also keep a screenshot of each page as it was left (HTML report)
    lean: bool = True  # skip images, media and fonts
    _focus: asyncio.Lock = field(default_factory=asyncio.Lock)  # one page in front at a time, for clicks
    _idle: list[Page] = field(default_factory=list)
    _opened: list[Page] = field(default_factory=list)
    stopped: _Stopped | None = None
    no_changes: str | None = None  # set after rate limiting: read on, change nothing

    # --- one page ------------------------------------------------------------------------

    async def page(self, settings: list[Setting], results: dict[str, SettingResult]) -> None:
        async with self.semaphore:
            if self.stopped:
                return
            page = await self._take_page()
            try:
                for s in settings:
                    self.progress(s.id, "reading")
                check = await self._open(page, settings)
                if check.verdict is not Verdict.OK:
                    self._guard(check, settings, results)
                    for s in settings:
                        await self._evidence(page, results[s.id])
                    return
                for s in settings:
                    results[s.id] = await self._setting(page, s, len(settings), settings, check.lang)
                    await self._evidence(page, results[s.id])
                    self.progress(s.id, results[s.id].status.value)
                    if results[s.id].status in (Status.SIGNED_OUT, Status.CHALLENGE):
                        raise self.stopped  # type: ignore[misc]
                await self._page_screenshot(page, [results[s.id] for s in settings])
            except _Stopped as stop:
                for s in settings:
                    if s.id not in results:
                        results[s.id] = SettingResult(setting=s.id, status=stop.status, message=stop.reason,
                                                      url=self.catalogue.url(s))
            finally:
                self._idle.append(page)

    # --- pages: one per concurrent worker, reused from one settings page to the next ----------

    async def _take_page(self) -> Page:
        """An idle page, or a new one with its routes. Reusing pages saves a tab's start-up per
        settings page; each navigation still starts from a fresh document."""
        while self._idle:
            page = self._idle.pop()
            if not page.is_closed():
                return page
        page = await self.context.new_page()
        self._opened.append(page)
        if self.lean:
            await skip_heavy_resources(page)
        await guard_saves(page, self.catalogue.site, allow_saves=self.apply, log=self.saves)
        return page

    async def close_pages(self) -> None:
        for page in self._opened:
            if not page.is_closed():
                try:
                    await asyncio.wait_for(page.close(), 10)
                except (PlaywrightError, asyncio.TimeoutError) as exc:  # the report matters more
                    log.warning("could not close a page: %s", type(exc).__name__)

    async def _evidence(self, page: Page, result: SettingResult) -> None:
        if self.evidence_dir is None or result.status not in EVIDENCE_FOR:
            return
        paths, warning = await save_evidence(page, self.evidence_dir, result.setting, self.catalogue.site)
        result.evidence.extend(paths)
        if warning:
            result.warnings.append(warning)

    async def _page_screenshot(self, page: Page, page_results: list[SettingResult]) -> None:
        """The page as the run left it: the evidence a switch is off, for the HTML report."""
        if self.evidence_dir is None or not self.screenshots:
            return
        path, warning = await save_screenshot(page, self.evidence_dir, f"page-{page_results[0].setting}")
        for result in page_results:
            result.screenshot = path
            if warning:
                result.warnings.append(warning)

    async def _open(self, page: Page, settings: list[Setting], *, reload: bool = False) -> PageCheck:
        return await open_settings_page(page, self.catalogue.url(settings[0]), settings, self.catalogue.site,
                                        self.timeouts, self.retry, reload=reload)

    def _guard(self, check: PageCheck, settings: list[Setting], results: dict[str, SettingResult]) -> None:
        status = _GUARD_STATUS[check.verdict]
        if status in (Status.SIGNED_OUT, Status.CHALLENGE):
            self._stop(status, check.reason)
            raise self.stopped  # type: ignore[misc]
        if check.verdict is Verdict.RATE_LIMITED:
            self.no_changes = "rate limited"
        for s in settings:
            message = f"rate limited: {check.reason}" if check.verdict is Verdict.RATE_LIMITED else check.reason
            results[s.id] = SettingResult(setting=s.id, status=status, message=message, url=self.catalogue.url(s))
            self.progress(s.id, status.value)

    def _stop(self, status: Status, reason: str) -> None:
        if self.stopped is None:
            self.stopped = _Stopped(status, reason)

    # --- one setting -----------------------------------------------------------------------

    async def _setting(self, page: Page, s: Setting, on_page: int, page_settings: list[Setting],
                       lang: str) -> SettingResult:
        """``lang``: the page's language, as the guard read it with the page's other markers."""
        result = SettingResult(setting=s.id, status=Status.NOT_FOUND, url=self.catalogue.url(s))
        found = await locate(page, s, lang, on_page)
        result.strategy = found.strategy
        log.debug("%s: lang=%s strategy=%s matches=%d url=%s", s.id, lang, found.strategy, found.count, page.url)
        if found.control is None:
            result.status = Status.AMBIGUOUS if found.count > 1 else Status.NOT_FOUND
            result.message = found.detail
            return result
        result.warnings.extend(notes(found, s))
        result.before = await read_state(found.control)
        if result.before is None:
            result.message = "found the switch but could not read its state"
            return result
        if result.before is False:
            result.status, result.after, result.message = Status.ALREADY_OFF, False, "off"
            return result
        if not self.apply:
            result.status, result.after, result.message = Status.ON, True, "on (check mode: not changed)"
            return result
        if self.no_changes:
            result.status, result.after = Status.FAILED, True
            result.message = f"{self.no_changes}: left on; run again later"
            return result
        return await self._turn_off(page, s, found.control, result, page_settings)

    async def _turn_off(self, page: Page, s: Setting, control, result: SettingResult,
                        page_settings: list[Setting]) -> SettingResult:
        async with self.gate:
            if self.stopped:
                result.status, result.message = Status.SKIPPED, f"the run stopped before this change: {self.stopped.reason}"
                return result
            again = await read_state(control)  # never click without reading again
            if again is not True:
                result.status = Status.ALREADY_OFF if again is False else Status.NOT_FOUND
                result.after = again
                result.message = "read off just before the click; nothing clicked" if again is False else \
                    "the switch changed before the click; nothing clicked"
                return result
            self.progress(s.id, "turning off")
            blocked_before = len(self.saves.blocked)
            log.debug("%s: clicking once (read on twice)", s.id)
            try:
                outcome = await click_and_wait(page, control, self.timeouts, self._focus)
                log.debug("%s: save requests=%d statuses=%s failed=%s state=%s", s.id, outcome.saves_seen,
                          outcome.statuses, outcome.failed_requests, outcome.final_state)
            except PlaywrightError as exc:
                result.status, result.after = Status.FAILED, await read_state(control)
                result.message = f"could not click the switch: {str(exc).splitlines()[0]}"
                return result
        self.progress(s.id, "verifying")
        check = await self._open(page, page_settings, reload=True)
        if check.verdict in (Verdict.SIGNED_OUT, Verdict.CHALLENGE):
            result.status, result.message = _GUARD_STATUS[check.verdict], f"after the change: {check.reason}"
            self._stop(result.status, result.message)
            return result
        if check.verdict is not Verdict.OK:
            result.status, result.message = Status.FAILED, f"could not verify after the change: {check.reason}"
            return result
        found = await locate(page, s, check.lang, len(page_settings))
        result.after = await read_state(found.control) if found.control else None
        if result.after is False:
            result.status, result.message = Status.TURNED_OFF, "turned off; a reload shows it off"
            if outcome.rejected_status:
                result.warnings.append(f"the save answered HTTP {outcome.rejected_status}, yet a reload shows off")
            return result
        result.status = Status.FAILED
        if len(self.saves.blocked) > blocked_before:
            result.message = "blocked a save that would have turned a setting on; nothing changed"
        elif outcome.rejected_status:
            result.message = f"LinkedIn rejected the save (HTTP {outcome.rejected_status}); still on"
        elif outcome.failed_requests:
            result.message = f"the save request failed ({outcome.failed_requests[0]}); still on"
        elif result.after is None:
            result.message = "could not read the switch after the reload"
        elif outcome.final_state is True:
            result.message = "the switch flipped back on after the save"
        else:
            result.message = "the change did not persist: a reload shows it on"
        return result


async def opt_out(
    context: BrowserContext,
    *,
    apply: bool = True,
    only: str | Iterable[str] | None = None,
    pace: float | None = None,
    concurrency: int | None = None,
    catalogue: Catalogue | None = None,
    timeouts: Timeouts | None = None,
    retry: Retry | None = None,
    progress: Progress | None = None,
    evidence_dir: str | Path | None = None,
    screenshots: bool = False,
    lean: bool = True,
) -> RunReport:
    """Read each requested setting and, with ``apply``, turn off what is on and verify by reload.

    ``context`` must already carry the user's session; the engine opens and closes its own pages.
    ``only`` takes setting ids and group names (``None``: the whole catalogue). ``pace`` is the
    seconds between changes (``None``: a few seconds with jitter; ``0``: no pause).
    ``concurrency`` bounds the pages open at once (``None``: 3). Changes are serialized, unless
    ``pace`` is 0 and ``concurrency`` was given. ``lean`` skips images, media and fonts. With
    ``evidence_dir``, a setting that ends not_found, ambiguous or failed gets a screenshot and a
    sanitized HTML snapshot there (private folder, created only when needed). With ``screenshots``
    too, every page is photographed as it was left (``SettingResult.screenshot``).
    """
    if pace is not None and pace < 0:
        raise ValueError("pace must be >= 0")
    parallel_changes = pace == 0 and concurrency is not None
    concurrency = DEFAULT_CONCURRENCY if concurrency is None else concurrency
    if concurrency < 1:
        raise ValueError("concurrency must be >= 1")
    catalogue = catalogue or load_catalogue()
    wanted = catalogue.resolve(None if only is None else (only if isinstance(only, str) else list(only)))
    started = now()
    run = _Run(context=context, catalogue=catalogue, apply=apply, gate=_ChangeGate(pace, parallel_changes),
               timeouts=timeouts or Timeouts(), retry=retry or Retry(), semaphore=asyncio.Semaphore(concurrency),
               progress=progress or (lambda _id, _what: None), saves=SaveLog(),
               evidence_dir=Path(evidence_dir) if evidence_dir else None, screenshots=screenshots, lean=lean)

    pages: dict[str, list[Setting]] = {}
    for s in wanted:  # settings that share a page are handled on one page, one after the other
        pages.setdefault(s.path, []).append(s)
    results: dict[str, SettingResult] = {}
    try:
        await asyncio.gather(*(run.page(group, results) for group in pages.values()))
    finally:
        await run.close_pages()

    for s in wanted:
        if s.id not in results:
            reason = run.stopped.reason if run.stopped else "not reached"
            results[s.id] = SettingResult(setting=s.id, status=Status.SKIPPED, url=catalogue.url(s),
                                          message=f"the run stopped before this setting: {reason}")
    return RunReport(mode="apply" if apply else "check", results=[results[s.id] for s in wanted],
                     started_at=started, finished_at=now(), tool_version=__version__)
