"""The opt-out engine: read every requested switch, turn off what is on, prove it by reload.

Rules it never bends:
- a control is clicked only when resolved to exactly one element for exactly this setting;
- it is clicked only right after being read as on, under the change gate, and never twice;
- a state is read only once the page has settled (settle.py), before and after the click too;
- "off" is reported only when a reload shows it off;
- a wall, a challenge or a refusal stops the whole run at once, with no further page load; the
  rest is ``skipped`` (``unreachable`` when LinkedIn could not be reached at all);
- a signal stops it softly: nothing new starts, a change in flight is verified (interrupt.py).
Reads of different pages run concurrently (bounded); changes are serialized at a human pace.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.async_api import BrowserContext, Page
from playwright.async_api import Error as PlaywrightError

from automation.catalogue.loader import load_catalogue
from automation.catalogue.models import Catalogue, Setting
from automation.engine import discover as discovery  # module: ``discover`` is opt_out's flag
from automation.engine.flip import click_and_wait
from automation.engine.gate import ChangeGate
from automation.engine.guards import PageCheck, Verdict
from automation.engine.interrupt import Interrupt
from automation.engine.locate import Found, notes, read_state
from automation.engine.navigate import Retry, Timeouts, open_settings_page
from automation.engine.pages import PagePool
from automation.engine.read import Belief, SettledReads
from automation.engine.safety import SaveLog
from automation.engine.settle import Settled
from automation.engine.stops import GUARD_STATUS, STOPS, Stopped, advised, rest_status
from automation.engine.verify import verify
from automation.results.report import RunReport, SettingResult, Status, now
from automation.version import __version__

DEFAULT_CONCURRENCY = 3  # pages read at once: conservative for the real site

Progress = Callable[[str, str], None]  # (setting id, what is happening)
log = logging.getLogger(__name__)


@dataclass
class Run(SettledReads):
    context: BrowserContext
    catalogue: Catalogue
    apply: bool
    gate: ChangeGate
    timeouts: Timeouts
    retry: Retry
    semaphore: asyncio.Semaphore
    progress: Progress
    saves: SaveLog
    pool: PagePool
    _focus: asyncio.Lock = field(default_factory=asyncio.Lock)  # one page in front at a time, for clicks
    stopped: Stopped | None = None
    clicked: set[str] = field(default_factory=set)  # settings clicked and not yet verified
    interrupt: Interrupt | None = None  # a signal: consulted at every load and change

    # --- the run's brakes --------------------------------------------------------------------

    def stop(self, status: Status, reason: str, *, hard: bool = True) -> Stopped:
        if self.stopped is None or (hard and not self.stopped.hard):
            self.stopped = Stopped(status, reason, hard=hard)
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
            page = await self.pool.take()
            try:
                for s in settings:
                    self.progress(s.id, "reading")
                check = await self.open(page, settings)
                if check.verdict is Verdict.STOPPED:
                    return
                if check.verdict is not Verdict.OK:
                    self._guard(check, settings, results)
                    for s in settings:
                        await self.pool.evidence(page, results[s.id])
                    return
                seen, found = await self.read_page(page, settings, check, results)
                if seen is None:
                    return
                for s in settings:
                    results[s.id] = await self._setting(page, s, found[s.id], seen[s.id][3], settings, check.lang)
                    await self.pool.evidence(page, results[s.id])
                    self.progress(s.id, results[s.id].status.value)
                    if self.stopped and self.stopped.hard:
                        raise self.stopped
                await self.pool.screenshot(page, [results[s.id] for s in settings], [found[s.id].control for s in settings])
            except Stopped as stop:
                for s in settings:
                    if s.id not in results:
                        rest = rest_status(stop)
                        results[s.id] = SettingResult(setting=s.id, status=rest, url=self.catalogue.url(s),
                                                      message=advised(rest, f"the run stopped before this setting: "
                                                                            f"{stop.reason}"))
            except asyncio.CancelledError:  # past the grace period after a signal
                for s in settings:
                    if s.id in self.clicked and s.id not in results:
                        results[s.id] = SettingResult(
                            setting=s.id, status=Status.FAILED, before=True, url=self.catalogue.url(s),
                            message="interrupted after the click, before a reload could verify it: run check")
                raise
            finally:
                self.pool.give_back(page)

    async def open(self, page: Page, settings: list[Setting], *, reload: bool = False) -> PageCheck:
        return await open_settings_page(page, self.catalogue.url(settings[0]), settings, self.catalogue.site,
                                        self.timeouts, self.retry, reload=reload, watch=self.pool.watches[page],
                                        may_load=self.may_verify if reload else self.may_open)

    def _guard(self, check: PageCheck, settings: list[Setting], results: dict[str, SettingResult]) -> None:
        """The page is not a settings page: record why for its settings; stop the run if it must."""
        status = GUARD_STATUS[check.verdict]
        message = advised(status, check.reason)
        for s in settings:
            results[s.id] = SettingResult(setting=s.id, status=status, message=message, url=self.catalogue.url(s))
            self.progress(s.id, status.value)
        if check.verdict in STOPS:
            raise self.stop(status, check.reason)

    # --- one setting -----------------------------------------------------------------------

    async def _setting(self, page: Page, s: Setting, found: Found, belief: Belief | None,
                       page_settings: list[Setting], lang: str) -> SettingResult:
        """Decide from a settled read (an "off" believed as read.py says): report it, or turn it
        off. ``lang``: the page's language."""
        result = SettingResult(setting=s.id, status=Status.NOT_FOUND, url=self.catalogue.url(s))
        result.strategy = found.strategy
        log.debug("%s: lang=%s strategy=%s matches=%d url=%s", s.id, lang, found.strategy, found.count, page.url)
        if found.control is None:
            result.status = Status.AMBIGUOUS if found.count > 1 else Status.NOT_FOUND
            result.message = found.detail
            return result
        result.warnings.extend(notes(found, s))
        state = belief.state if belief else None
        result.before, result.confirmed = state, belief.confirmation if belief else None
        if belief and belief.problem:
            result.status, result.message = Status.FAILED, belief.problem
            return result
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
            again = await self.read_believed(page, s, lang, page_settings)
            if isinstance(again, Settled):
                return self.unsettled(result, again, "before the click (nothing clicked): ")
            control, belief = again
            state, result.confirmed = belief.state, belief.confirmation
            if belief.problem:
                result.status, result.message = Status.FAILED, f"before the click (nothing clicked): {belief.problem}"
                return result
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
                outcome = await click_and_wait(page, control, self.timeouts, self._focus, site=self.catalogue.site)
                log.debug("%s: save requests=%d statuses=%s failed=%s state=%s", s.id, outcome.saves_seen,
                          outcome.statuses, outcome.failed_requests, outcome.final_state)
            except PlaywrightError as exc:
                self.clicked.discard(s.id)
                result.status, result.after = Status.FAILED, await read_state(control)
                result.message = f"could not click the switch: {str(exc).splitlines()[0]}"
                return result
        try:
            return await verify(self, page, s, result, page_settings, outcome, blocked_before)
        finally:
            self.clicked.discard(s.id)

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
    discover: bool | None = None,
    policy: bool = False,
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
    ``discover`` (default: when the whole catalogue is asked for) reads the category pages for
    settings no map covers, reported as ``unlisted`` and never changed, and handles a mapped
    setting that moved at its new page (discover.py). ``policy`` reads the privacy policy's date.
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
    saves = SaveLog()
    run = Run(context=context, catalogue=catalogue, apply=apply, gate=ChangeGate(pace, parallel_changes),
               timeouts=timeouts or Timeouts(), retry=retry or Retry(), semaphore=asyncio.Semaphore(concurrency),
               progress=progress or (lambda _id, _what: None), saves=saves,
               pool=PagePool(context=context, catalogue=catalogue, apply=apply, saves=saves, lean=lean,
                             evidence_dir=Path(evidence_dir) if evidence_dir else None, screenshots=screenshots),
               interrupt=interrupt)

    pages: dict[str, list[Setting]] = {}
    for s in wanted:  # settings that share a page are handled on one page, one after the other
        pages.setdefault(s.path, []).append(s)
    results: dict[str, SettingResult] = {}
    found = discovery.Discovered()
    try:
        await _work(run, [run.page(group, results) for group in pages.values()], interrupt)
        if discover if discover is not None else only is None:
            await _work(run, [discovery.discover(run, wanted, results, found, policy=policy)], interrupt)
    finally:
        await run.pool.close_all()

    rest = rest_status(run.stopped) if run.stopped else Status.SKIPPED
    for s in wanted:
        if s.id not in results:
            reason = run.stopped.reason if run.stopped else "not reached"
            results[s.id] = SettingResult(setting=s.id, status=rest, url=catalogue.url(s),
                                          message=advised(rest, f"the run stopped before this setting: {reason}"))
    return RunReport(mode="apply" if apply else "check", results=[results[s.id] for s in wanted],
                     started_at=started, finished_at=now(), tool_version=__version__,
                     interrupted=interrupt.signal if interrupt else None, unlisted=found.unlisted,
                     notices=found.notices, halted=found.halted, policy=found.policy)



async def _work(run: Run, jobs: list[Coroutine[Any, Any, None]], interrupt: Interrupt | None) -> None:
    """Run the page jobs; on an interrupt, stop softly and give them ``grace`` seconds to finish."""
    tasks = [asyncio.ensure_future(job) for job in jobs]
    if interrupt is None:
        await asyncio.gather(*tasks)
        return
    everything: asyncio.Future[Any] = asyncio.gather(*tasks)
    signalled: asyncio.Future[Any] = asyncio.ensure_future(interrupt.wait())
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
