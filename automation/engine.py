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
from collections.abc import Awaitable, Callable, Coroutine, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.async_api import BrowserContext, Locator, Page
from playwright.async_api import Error as PlaywrightError

from . import __version__
from .evidence import save_evidence, save_screenshot
from .guards import PageCheck, Verdict, check_page
from .interrupt import Interrupt
from .lean import skip_heavy_resources
from .locate import Found, locate, notes, read_state
from .maps import Catalogue, Setting, load_catalogue
from .report import RunReport, SettingResult, Status, now
from .safety import SaveLog, guard_saves
from .settle import NetworkWatch, Settled, settle
from .visit import ClickOutcome, Retry, Timeouts, click_and_wait, open_settings_page

DEFAULT_CONCURRENCY = 3  # pages read at once: conservative for the real site
DEFAULT_PACE = (2.5, 6.0)  # seconds between changes when pace is None: a human pace, with jitter

Progress = Callable[[str, str], None]  # (setting id, what is happening)
log = logging.getLogger(__name__)

EVIDENCE_FOR = {Status.NOT_FOUND, Status.AMBIGUOUS, Status.FAILED}

_GUARD_STATUS = {
    Verdict.SIGNED_OUT: Status.SIGNED_OUT,
    Verdict.CHALLENGE: Status.CHALLENGE,
    Verdict.REFUSED: Status.REFUSED,
    Verdict.UNREACHABLE: Status.UNREACHABLE,
    Verdict.UNAVAILABLE: Status.UNAVAILABLE,
    Verdict.RATE_LIMITED: Status.REFUSED,
    Verdict.ERROR: Status.FAILED,
}
# Verdicts that stop the whole run: no further page load, no further change.
_STOPS = {Verdict.SIGNED_OUT, Verdict.CHALLENGE, Verdict.REFUSED, Verdict.UNREACHABLE}

# What to tell the person, by why the run stopped (the CLI adds the exact command to sign in).
ADVICE = {
    Status.REFUSED: "LinkedIn is refusing this browser for now. Wait some hours before the next run; "
                    "open LinkedIn in your normal browser, and sign in again if it asks",
    Status.UNREACHABLE: "check this machine's network connection, then run again; nothing is known about "
                        "the settings until then",
}


class _Stopped(Exception):
    """The run stops. ``hard``: a refusal, a wall or no network: not even a verifying reload.
    Soft (a signal): no new page and no new change, but a change in flight is verified."""

    def __init__(self, status: Status, reason: str, *, hard: bool = True) -> None:
        super().__init__(reason)
        self.status, self.reason, self.hard = status, reason, hard


class _ChangeGate:
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


# What one settled read of a page holds per setting: (matches, strategy, state).
_Seen = dict[str, tuple[int, str | None, bool | None]]


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
    _watches: dict[Page, NetworkWatch] = field(default_factory=dict)
    stopped: _Stopped | None = None
    clicked: set[str] = field(default_factory=set)  # settings clicked and not yet verified
    interrupt: Interrupt | None = None  # a signal: consulted at every load and change

    # --- the run's brakes --------------------------------------------------------------------

    def stop(self, status: Status, reason: str, *, hard: bool = True) -> _Stopped:
        if self.stopped is None or (hard and not self.stopped.hard):
            self.stopped = _Stopped(status, reason, hard=hard)
        return self.stopped

    def may_open(self) -> bool:
        """A new page load or a new change: only while nothing has stopped the run."""
        if self.interrupt is not None and self.interrupt.signal and self.stopped is None:
            self.stop(Status.SKIPPED, f"interrupted ({self.interrupt.signal})", hard=False)
        return self.stopped is None

    def may_verify(self) -> bool:
        """The reload that verifies a change already made: also after a signal, not after a refusal."""
        return self.stopped is None or not self.stopped.hard

    # --- one page ------------------------------------------------------------------------

    async def page(self, settings: list[Setting], results: dict[str, SettingResult]) -> None:
        async with self.semaphore:
            if not self.may_open():
                return
            page = await self._take_page()
            try:
                for s in settings:
                    self.progress(s.id, "reading")
                check = await self._open(page, settings)
                if check.verdict is Verdict.STOPPED:
                    return
                if check.verdict is not Verdict.OK:
                    self._guard(check, settings, results)
                    for s in settings:
                        await self._evidence(page, results[s.id])
                    return
                seen, found = await self._read(page, settings, check, results)
                if seen is None:
                    return
                for s in settings:
                    results[s.id] = await self._setting(page, s, found[s.id], seen[s.id][2], settings, check.lang)
                    await self._evidence(page, results[s.id])
                    self.progress(s.id, results[s.id].status.value)
                    if self.stopped and self.stopped.hard:
                        raise self.stopped
                await self._page_screenshot(page, [results[s.id] for s in settings])
            except _Stopped as stop:
                for s in settings:
                    if s.id not in results:
                        results[s.id] = SettingResult(setting=s.id, status=_rest_status(stop), url=self.catalogue.url(s),
                                                      message=f"the run stopped before this setting: {stop.reason}")
            except asyncio.CancelledError:  # past the grace period after a signal
                for s in settings:
                    if s.id in self.clicked and s.id not in results:
                        results[s.id] = SettingResult(
                            setting=s.id, status=Status.FAILED, before=True, url=self.catalogue.url(s),
                            message="interrupted after the click, before a reload could verify it: run check")
                raise
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
        self._watches[page] = NetworkWatch(page, self.catalogue.site.network.long_lived)
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
                                        self.timeouts, self.retry, reload=reload, watch=self._watches[page],
                                        may_load=self.may_verify if reload else self.may_open)

    def _guard(self, check: PageCheck, settings: list[Setting], results: dict[str, SettingResult]) -> None:
        """The page is not a settings page: record why for its settings; stop the run if it must."""
        status = _GUARD_STATUS[check.verdict]
        message = check.reason
        if status in ADVICE:
            message = f"{message}. {ADVICE[status]}"
        for s in settings:
            results[s.id] = SettingResult(setting=s.id, status=status, message=message, url=self.catalogue.url(s))
            self.progress(s.id, status.value)
        if check.verdict in _STOPS:
            raise self.stop(status, check.reason)

    # --- read: a settled state, never the first thing drawn ------------------------------------

    async def _read(self, page: Page, settings: list[Setting], check: PageCheck,
                    results: dict[str, SettingResult]) -> tuple[_Seen | None, dict[str, Found]]:
        """Locate and read every setting of the page once it has settled (settle.py), looking at
        the guards at both ends (a wall may be drawn when the page's data comes back).
        Returns (None, {}) when the results are already recorded (did not settle, or a wall)."""
        found: dict[str, Found] = {}

        async def read_all() -> _Seen:
            seen: _Seen = {}
            for s in settings:
                found[s.id] = await locate(page, s, check.lang, len(settings))
                control = found[s.id].control
                seen[s.id] = (found[s.id].count, found[s.id].strategy,
                              await read_state(control) if control is not None else None)
            return seen

        settled = await self._settle(page, settings, read_all, first=check)
        if settled.problem:
            for s in settings:
                results[s.id] = SettingResult(setting=s.id, status=Status.FAILED, message=settled.problem,
                                              url=self.catalogue.url(s))
                await self._evidence(page, results[s.id])
                self.progress(s.id, Status.FAILED.value)
            return None, {}
        if not settled.ok:
            self._guard(settled.check, settings, results)  # type: ignore[arg-type]
            return None, {}
        return settled.value, found

    async def _settle(self, page: Page, settings: list[Setting], read, *, first: PageCheck | None = None) -> Settled:
        site = self.catalogue.site
        expected = (settings[0].path, *settings[0].aliases)
        return await settle(self._watches[page], lambda: check_page(page, site, expected), read,
                            window=self.timeouts.settle_window, timeout=self.timeouts.render, first=first)

    # --- one setting -----------------------------------------------------------------------

    async def _setting(self, page: Page, s: Setting, found: Found, state: bool | None,
                       page_settings: list[Setting], lang: str) -> SettingResult:
        """Decide from a settled read: report it, or turn it off. ``lang``: the page's language."""
        result = SettingResult(setting=s.id, status=Status.NOT_FOUND, url=self.catalogue.url(s))
        result.strategy = found.strategy
        log.debug("%s: lang=%s strategy=%s matches=%d url=%s", s.id, lang, found.strategy, found.count, page.url)
        if found.control is None:
            result.status = Status.AMBIGUOUS if found.count > 1 else Status.NOT_FOUND
            result.message = found.detail
            return result
        result.warnings.extend(notes(found, s))
        result.before = state
        if state is None:
            result.message = "found the switch but could not read its state"
            return result
        if state is False:
            result.status, result.after, result.message = Status.ALREADY_OFF, False, "off"
            return result
        if not self.apply:
            result.status, result.after, result.message = Status.ON, True, "on (check mode: not changed)"
            return result
        return await self._turn_off(page, s, result, page_settings, lang)

    async def _turn_off(self, page: Page, s: Setting, result: SettingResult, page_settings: list[Setting],
                        lang: str) -> SettingResult:
        async with self.gate:
            if not self.may_open():
                result.status, result.message = Status.SKIPPED, f"the run stopped before this change: {self.stopped.reason}"  # type: ignore[union-attr]
                return result
            # Never click without reading again, and again only once the page has settled.
            again = await self._read_one(page, s, lang, page_settings)
            if isinstance(again, Settled):
                return self._unsettled(result, again, "before the click (nothing clicked): ")
            control, state = again
            if control is None or state is not True:
                result.status = Status.ALREADY_OFF if state is False else Status.NOT_FOUND
                result.after = state
                result.message = "read off just before the click; nothing clicked" if state is False else \
                    "the switch changed before the click; nothing clicked"
                return result
            self.progress(s.id, "turning off")
            blocked_before = len(self.saves.blocked)
            log.debug("%s: clicking once (read on twice, settled)", s.id)
            self.clicked.add(s.id)
            try:
                outcome = await click_and_wait(page, control, self.timeouts, self._focus)
                log.debug("%s: save requests=%d statuses=%s failed=%s state=%s", s.id, outcome.saves_seen,
                          outcome.statuses, outcome.failed_requests, outcome.final_state)
            except PlaywrightError as exc:
                self.clicked.discard(s.id)
                result.status, result.after = Status.FAILED, await read_state(control)
                result.message = f"could not click the switch: {str(exc).splitlines()[0]}"
                return result
        try:
            return await self._verify(page, s, result, page_settings, outcome, blocked_before)
        finally:
            self.clicked.discard(s.id)

    async def _read_one(self, page: Page, s: Setting, lang: str, page_settings: list[Setting],
                        first: PageCheck | None = None) -> tuple[Locator | None, bool | None] | Settled:
        """One setting's control and settled state; or the Settled that says why there is none
        (the page did not settle, or a wall showed up)."""
        holder: dict[str, Found] = {}

        async def read() -> bool | None:
            holder["found"] = found = await locate(page, s, lang, len(page_settings))
            return await read_state(found.control) if found.control is not None else None

        settled = await self._settle(page, page_settings, read, first=first)
        if not settled.ok:
            return settled
        return holder["found"].control, settled.value

    def _unsettled(self, result: SettingResult, settled: Settled, when: str) -> SettingResult:
        """A read that did not count: the page did not settle (failed), or a wall showed up
        (that wall's status; the run stops)."""
        if settled.problem or settled.check is None:
            result.status, result.message = Status.FAILED, f"{when}{settled.problem}"
            return result
        result.status = _GUARD_STATUS.get(settled.check.verdict, Status.FAILED)
        result.message = f"{when}{settled.check.reason}"
        if result.status in ADVICE:
            result.message += f". {ADVICE[result.status]}"
        if settled.check.verdict in _STOPS:
            self.stop(result.status, result.message)
        return result

    # --- verify: reload, settle, read; "off" only if the reload shows it off -----------------

    async def _verify(self, page: Page, s: Setting, result: SettingResult, page_settings: list[Setting],
                      outcome: ClickOutcome, blocked_before: int) -> SettingResult:
        if not self.may_verify():
            result.status = Status.FAILED
            result.message = (f"clicked, but the run stopped before a reload could verify it "
                              f"({self.stopped.reason}): run check later")  # type: ignore[union-attr]
            return result
        self.progress(s.id, "verifying")
        check = await self._open(page, page_settings, reload=True)
        if check.verdict is Verdict.STOPPED:
            result.status, result.message = Status.FAILED, "clicked, but the run stopped before the verifying reload"
            return result
        if check.verdict in _STOPS:
            result.status = _GUARD_STATUS[check.verdict]
            result.message = f"after the change: {check.reason}"
            if result.status in ADVICE:
                result.message += f". {ADVICE[result.status]}"
            self.stop(result.status, f"after the change: {check.reason}")
            return result
        if check.verdict is not Verdict.OK:
            result.status, result.message = Status.FAILED, f"could not verify after the change: {check.reason}"
            return result
        again = await self._read_one(page, s, check.lang, page_settings, first=check)
        if isinstance(again, Settled):
            return self._unsettled(result, again, "after the change: ")
        result.after = again[1]
        if result.after is False:
            result.status, result.message = Status.TURNED_OFF, "turned off; a reload shows it off"
            if outcome.rejected_status:
                result.warnings.append(f"the save answered HTTP {outcome.rejected_status}, yet a reload shows off")
            return result
        result.status = Status.FAILED
        result.message = failure_message(outcome, after=result.after,
                                         blocked=len(self.saves.blocked) > blocked_before)
        return result


def failure_message(outcome: ClickOutcome, *, after: bool | None, blocked: bool) -> str:
    """Why a change did not hold, from what the click and the reload showed (most specific first)."""
    if blocked:
        return "blocked a save that would have turned a setting on; nothing changed"
    if outcome.rejected_status:
        return f"LinkedIn rejected the save (HTTP {outcome.rejected_status}); still on"
    if outcome.failed_requests:
        return f"the save request failed ({outcome.failed_requests[0]}); still on"
    if after is None:
        return "could not read the switch after the reload"
    if outcome.final_state is True:
        return "the switch flipped back on after the save"
    return "the change did not persist: a reload shows it on"


def _rest_status(stop: _Stopped) -> Status:
    """What the settings a stopped run never reached are: unreachable if the network went away
    (nothing is known about them), else skipped."""
    return Status.UNREACHABLE if stop.status is Status.UNREACHABLE else Status.SKIPPED


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
    interrupt: Interrupt | None = None,
) -> RunReport:
    """Read each requested setting and, with ``apply``, turn off what is on and verify by reload.

    ``context`` must already carry the user's session; the engine opens and closes its own pages.
    ``only`` takes setting ids and group names (``None``: the whole catalogue). ``pace`` is the
    seconds between changes (``None``: a few seconds with jitter; ``0``: no pause).
    ``concurrency`` bounds the pages open at once (``None``: 3). Changes are serialized, unless
    ``pace`` is 0 and ``concurrency`` was given. ``lean`` skips images, media and fonts. With
    ``evidence_dir``, a setting that ends not_found, ambiguous or failed gets a screenshot and a
    sanitized HTML snapshot there (private folder, created only when needed). With ``screenshots``
    too, every page is photographed as it was left (``SettingResult.screenshot``). When
    ``interrupt`` is set (interrupt.py: Ctrl-C, SIGTERM) the run starts nothing new, gives a change
    in flight ``timeouts.grace`` seconds to verify, and returns with the rest ``skipped``.
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
               evidence_dir=Path(evidence_dir) if evidence_dir else None, screenshots=screenshots, lean=lean,
               interrupt=interrupt)

    pages: dict[str, list[Setting]] = {}
    for s in wanted:  # settings that share a page are handled on one page, one after the other
        pages.setdefault(s.path, []).append(s)
    results: dict[str, SettingResult] = {}
    try:
        await _work(run, [run.page(group, results) for group in pages.values()], interrupt)
    finally:
        await run.close_pages()

    rest = _rest_status(run.stopped) if run.stopped else Status.SKIPPED
    for s in wanted:
        if s.id not in results:
            reason = run.stopped.reason if run.stopped else "not reached"
            results[s.id] = SettingResult(setting=s.id, status=rest, url=catalogue.url(s),
                                          message=f"the run stopped before this setting: {reason}")
    if rest is Status.UNREACHABLE:
        for r in results.values():
            if r.status is Status.UNREACHABLE:
                r.message = f"{r.message}. {ADVICE[Status.UNREACHABLE]}" if ADVICE[Status.UNREACHABLE] not in r.message \
                    else r.message
    return RunReport(mode="apply" if apply else "check", results=[results[s.id] for s in wanted],
                     started_at=started, finished_at=now(), tool_version=__version__,
                     interrupted=interrupt.signal if interrupt else None)


async def _work(run: _Run, jobs: list[Coroutine[Any, Any, None]], interrupt: Interrupt | None) -> None:
    """Run the page jobs; on an interrupt, stop softly and give them ``grace`` seconds to finish."""
    tasks = [asyncio.ensure_future(job) for job in jobs]
    if interrupt is None:
        await asyncio.gather(*tasks)
        return
    everything = asyncio.gather(*tasks)
    signalled = asyncio.ensure_future(interrupt.wait())
    try:
        await asyncio.wait({everything, signalled}, return_when=asyncio.FIRST_COMPLETED)
        if not everything.done():
            run.may_open()  # records the soft stop
            _done, late = await asyncio.wait(tasks, timeout=run.timeouts.grace)
            for task in late:
                task.cancel()
            await asyncio.gather(*late, return_exceptions=True)
        for task in tasks:  # a bug in a job keeps its traceback
            if not task.cancelled() and task.exception() is not None:
                raise task.exception()  # type: ignore[misc]
    finally:
        signalled.cancel()
        everything.cancel()
