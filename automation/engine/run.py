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
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace

from playwright.async_api import BrowserContext, Page
from playwright.async_api import Error as PlaywrightError

from automation.catalogue.loader import load_catalogue
from automation.catalogue.models import Catalogue, Setting, SiteMap
from automation.engine import discover as discovery  # module: ``discover`` is opt_out's flag
from automation.engine.decide import Decision, unsettled
from automation.engine.flip import click_and_wait
from automation.engine.gate import ChangeGate
from automation.engine.guards import PageCheck, Verdict
from automation.engine.interrupt import Interrupt, run_jobs
from automation.engine.locate import notes, read_state
from automation.engine.navigate import open_settings_page
from automation.engine.options import Evidence, Hooks, Progress, Retry, Task, Timeouts, Waits, checked
from automation.engine.pages import PagePool
from automation.engine.read import Reader, Reading, page_paths, setting_switch
from automation.engine.safety import SaveLog
from automation.engine.settle import Settled
from automation.engine.slots import Slots, page_jobs
from automation.engine.stops import GUARD_STATUS, STOPS, Stopped, advised, rest_status
from automation.engine.trace import traced
from automation.engine.verify import verify
from automation.results.report import RunReport, SettingResult, Status, now
from automation.version import __version__

log = logging.getLogger(__name__)


@dataclass
class Run:
    context: BrowserContext
    catalogue: Catalogue
    apply: bool
    gate: ChangeGate
    timeouts: Timeouts
    retry: Retry
    slots: Slots  # pages at once (slots.py)
    progress: Progress
    saves: SaveLog
    pool: PagePool
    _focus: asyncio.Lock = field(default_factory=asyncio.Lock)  # one page in front at a time, for clicks
    stopped: Stopped | None = None
    clicked: set[str] = field(default_factory=set)  # settings clicked and not yet verified
    interrupt: Interrupt | None = None  # a signal: consulted at every load and change
    reader: Reader = field(init=False)  # every read of a switch's state (read.py)

    def __post_init__(self) -> None:
        self.reader = Reader(self.pool.watches, self.catalogue.site, self.timeouts, slots=self.slots,
                             focus=self._focus)

    # --- the run's brakes --------------------------------------------------------------------

    def stop(self, status: Status, reason: str, *, hard: bool = True) -> Stopped:
        if self.stopped is None or (hard and not self.stopped.hard):
            self.stopped = Stopped(status, reason, hard=hard)
        self.gate.stop()  # the pages queued at the gate give their slots back without waiting out the pace
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
        async with self.tab() as page:
            if page is None:
                return
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
                looked = await self.reader.read(page, page_paths(settings[0]),
                                                [setting_switch(page, s, check.lang, settings) for s in settings],
                                                first=check, give_slot=True)
                if looked.unsettled is not None:
                    await self._unread(page, settings, looked.unsettled, results)
                    return
                for s in settings:
                    reading = looked.readings[s.id]
                    decision = await self._decide(page, s, reading, settings, check.lang)
                    results[s.id] = self._result(s, reading, decision)
                    await self.pool.evidence(page, results[s.id])
                    self.progress(s.id, results[s.id].status.value)
                    if self.stopped and self.stopped.hard:
                        raise self.stopped
                await self.pool.screenshot(page, [results[s.id] for s in settings],
                                           [looked.readings[s.id].switch.control for s in settings])
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

    async def _unread(self, page: Page, settings: list[Setting], looked: Settled,
                      results: dict[str, SettingResult]) -> None:
        """The page's first read did not count: it did not settle (failed, with evidence), or a
        wall showed up (the guard decides, and may stop the run)."""
        if not looked.problem:
            self._guard(looked.check, settings, results)  # type: ignore[arg-type]
            return
        for s in settings:
            results[s.id] = SettingResult(setting=s.id, status=Status.FAILED, message=looked.problem,
                                          url=self.catalogue.url(s))
            await self.pool.evidence(page, results[s.id])
            self.progress(s.id, Status.FAILED.value)

    def _result(self, s: Setting, reading: Reading, decision: Decision) -> SettingResult:
        """The setting's result, made once from its first reading and what the steps decided."""
        found = reading.switch.found
        warnings = notes(found, s) if found.control is not None else []
        if decision.stops:
            self.stop(decision.status, decision.message)
        return SettingResult(setting=s.id, status=decision.status, url=self.catalogue.url(s), strategy=found.strategy,
                             before=reading.belief.state if found.control is not None else None,
                             after=decision.after, message=decision.message,
                             confirmed=decision.confirmed if decision.looked else reading.belief.confirmation,
                             warnings=[*warnings, *decision.warnings])

    # --- what the steps may ask (driver.py) ----------------------------------------------------

    @asynccontextmanager
    async def tab(self) -> AsyncIterator[Page | None]:
        await self.slots.take()
        try:
            page = await self.pool.take() if self.may_open() else None
        except BaseException:
            self.slots.put()
            raise
        if page is None:
            self.slots.put()
            yield None
            return
        self.slots.held_by(page)
        try:
            yield page
        finally:
            self.slots.free(page)
            self.pool.give_back(page)

    async def open(self, page: Page, settings: list[Setting], *, reload: bool = False) -> PageCheck:
        await self.slots.hold(page)  # a load: with a slot (taken again, first in line, if it gave its own back)
        return await open_settings_page(page, self.catalogue.url(settings[0]), settings, self.catalogue.site,
                                        self.timeouts, self.retry, reload=reload, watch=self.pool.watches[page],
                                        may_load=self.may_verify if reload else self.may_open)

    async def reopen(self, page: Page, settings: list[Setting]) -> PageCheck:
        return await self.open(page, settings, reload=True)

    async def visit(self, page: Page, path: str, ready: Callable[[Page], Awaitable[bool]] | None,
                    site: SiteMap) -> PageCheck:
        return await open_settings_page(page, site.base_url + path, [], site, self.timeouts, self.retry,
                                        expected=(path,), ready=ready, watch=self.pool.watches[page],
                                        may_load=self.may_open)

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

    async def _decide(self, page: Page, s: Setting, reading: Reading, page_settings: list[Setting],
                      lang: str) -> Decision:
        """From the page's first settled read (an "off" believed as read.py says): report it, or
        turn it off. ``lang``: the page's language."""
        found, belief = reading.switch.found, reading.belief
        log.debug("%s: lang=%s strategy=%s matches=%d url=%s", s.id, lang, found.strategy, found.count, page.url)
        if found.control is None:
            return Decision(Status.AMBIGUOUS if found.count > 1 else Status.NOT_FOUND, found.detail)
        if belief.problem:
            return Decision(Status.FAILED, belief.problem)
        if belief.state is None:
            return Decision(Status.NOT_FOUND, "found the switch but could not read its state")
        if belief.state is False:
            return Decision(Status.ALREADY_OFF, "off", after=False)
        if not self.apply:
            return Decision(Status.ON, "on (check mode: not changed)", after=True)
        return await self._turn_off(page, s, page_settings, lang)

    async def _turn_off(self, page: Page, s: Setting, page_settings: list[Setting], lang: str) -> Decision:
        async with self.gate:
            if not self.may_open():
                return Decision(Status.SKIPPED, f"the run stopped before this change: {self.stopped.reason}")  # type: ignore[union-attr]
            # Never click without reading again, and again only once the page has settled.
            again = await self.reader.read(page, page_paths(s), [setting_switch(page, s, lang, page_settings)])
            if again.unsettled is not None:
                return unsettled(again.unsettled, "before the click (nothing clicked): ")
            now = again.readings[s.id]
            control, state, confirmed = now.switch.control, now.belief.state, now.belief.confirmation
            if now.belief.problem:
                return Decision(Status.FAILED, f"before the click (nothing clicked): {now.belief.problem}",
                                confirmed=confirmed, looked=True)
            if control is None or state is not True:
                return Decision(Status.ALREADY_OFF if state is False else Status.NOT_FOUND,
                                "read off just before the click; nothing clicked" if state is False else
                                "the switch changed before the click; nothing clicked",
                                after=state, confirmed=confirmed, looked=True)
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
                return Decision(Status.FAILED, f"could not click the switch: {str(exc).splitlines()[0]}",
                                after=await read_state(control), confirmed=confirmed, looked=True)
        decision = await verify(self, page, s, page_settings, outcome, blocked_before)
        self.clicked.discard(s.id)  # not when cancelled: the page records "interrupted after the click"
        return decision if decision.looked else replace(decision, confirmed=confirmed, looked=True)

async def opt_out(context: BrowserContext, task: Task | None = None, *, evidence: Evidence | None = None,
                  waits: Waits | None = None, hooks: Hooks | None = None,
                  catalogue: Catalogue | None = None) -> RunReport:
    """Read each requested setting and, with ``task.apply``, turn off what is on and verify by reload.

    ``context`` must already carry the user's session; the engine opens and closes its own pages.
    ``task`` says what to do (``Task()``: apply to the whole catalogue at a human pace), ``evidence``
    where failures leave screenshots, snapshots and a trace, ``waits`` how long to wait, ``hooks``
    what to tell and the ``Interrupt`` to listen to: see options.py. When the interrupt is set
    (Ctrl-C, SIGTERM) the run starts nothing new, gives a change in flight ``timeouts.grace``
    seconds to verify, and returns with the rest ``skipped``. Looking for new settings
    (``task.discover``) reports switches no map covers as ``unlisted``, never changed, and handles
    a mapped setting that moved at its new page (discover.py).
    """
    for value, kind, name in ((task, Task, "task"), (evidence, Evidence, "evidence"), (waits, Waits, "waits"),
                              (hooks, Hooks, "hooks"), (catalogue, Catalogue, "catalogue")):
        checked(value, kind, name)
    task, evidence, waits, hooks = task or Task(), evidence or Evidence(), waits or Waits(), hooks or Hooks()
    catalogue = catalogue or load_catalogue()
    wanted = catalogue.resolve(task.only)  # type: ignore[arg-type]  # a str or a tuple (Task)
    started = now()
    saves = SaveLog()
    run = Run(context=context, catalogue=catalogue, apply=task.apply, gate=ChangeGate(task.pace, task.parallel_changes),
              timeouts=waits.timeouts, retry=waits.retry, slots=Slots(task.pages_at_once),
              progress=hooks.tell, saves=saves,
              pool=PagePool(context=context, catalogue=catalogue, apply=task.apply, saves=saves, lean=task.lean,
                            evidence_dir=evidence.folder, screenshots=evidence.screenshots),
              interrupt=hooks.interrupt)

    jobs = page_jobs(wanted, side_by_side=task.pages_at_once > 1)
    results: dict[str, SettingResult] = {}
    found = discovery.Discovered()
    brakes = (run.may_open, waits.timeouts.grace)  # on a signal: record the soft stop; the grace period
    async with traced(context, evidence.trace):
        try:
            await run_jobs([run.page(group, results) for group in jobs], hooks.interrupt, *brakes)
            if task.looks_for_new:
                await run_jobs([discovery.look_for_new(run, wanted, results, found, policy=task.policy)],
                               hooks.interrupt, *brakes)
        finally:
            await run.pool.close_all()

    rest = rest_status(run.stopped) if run.stopped else Status.SKIPPED
    for s in wanted:
        if s.id not in results:
            reason = run.stopped.reason if run.stopped else "not reached"
            results[s.id] = SettingResult(setting=s.id, status=rest, url=catalogue.url(s),
                                          message=advised(rest, f"the run stopped before this setting: {reason}"))
    return RunReport(mode="apply" if task.apply else "check", results=[results[s.id] for s in wanted],
                     started_at=started, finished_at=now(), tool_version=__version__,
                     interrupted=hooks.interrupt.signal if hooks.interrupt else None, unlisted=found.unlisted,
                     notices=found.notices, halted=found.halted, policy=found.policy)
