"""``prune``: look whether each selected item is still up, or delete it and prove it gone.

One item at a time, in one tab: the run's pages are loaded one after the other, deletions spaced
at a human pace by the same change gate as ``apply``. A wall, a challenge, a refusal or no
network stops the run at once (no further page load, not even a verifying reload); the rest is
``skipped``. Ctrl-C or SIGTERM (``Hooks.interrupt``) lets the item in flight finish, verify
included, then stops. Each item's line goes into the ledger as soon as it is known, so a stopped
run keeps its record.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from playwright.async_api import BrowserContext

from automation.catalogue.loader import load_catalogue
from automation.catalogue.models import Catalogue
from automation.engine.gate import ChangeGate
from automation.engine.guards import PageCheck, Verdict
from automation.engine.interrupt import Interrupt, run_jobs
from automation.engine.options import Evidence, Hooks, Waits, checked
from automation.engine.stops import GUARD_STATUS, Stopped, advised
from automation.engine.trace import traced
from automation.errors import OptionsError, UserError
from automation.pruning import guided as guide
from automation.pruning.judge import Seen
from automation.pruning.map import PruneMap, load_prune_map
from automation.pruning.match import words
from automation.pruning.options import PruneTask
from automation.pruning.report import ItemStatus, PrunedItem, PruneReport
from automation.pruning.selection import Item, Selection
from automation.pruning.steps import Halted, Steps
from automation.pruning.tab import Tab
from automation.results.report import Halt, Status, now
from automation.review import ledger as records
from automation.version import __version__

FALLBACK = "the page matched the prune map only by a fallback ({what}): the page changed; the map needs an update"
ALIKE = ("another of your comments on that post has the same words (your export holds both): the page cannot "
         "tell which one it shows")
ANSWERS_WHY = ("no public source shows how LinkedIn lists or deletes saved answers: open {page} (prune --guided "
               "does), delete them by hand, and check with your next data export")


@dataclass
class Brakes:
    """The run's brakes (steps.Brakes): stopped by a wall or refusal (hard) or a signal (soft)."""

    interrupt: Interrupt | None
    stopped: Stopped | None = None
    halted: Halt | None = None

    def may_open(self) -> bool:
        if self.interrupt is not None and self.interrupt.signal and self.stopped is None:
            self.stopped = Stopped(Status.SKIPPED, f"interrupted ({self.interrupt.signal})", hard=False)
        return self.stopped is None

    def may_verify(self) -> bool:
        return self.stopped is None or not self.stopped.hard

    def stop_softly(self, reason: str) -> None:
        if self.stopped is None:
            self.stopped = Stopped(Status.SKIPPED, reason, hard=False)

    def halt(self, check: PageCheck) -> str:
        status = Status.REFUSED if check.verdict is Verdict.RATE_LIMITED else GUARD_STATUS[check.verdict]
        message = advised(status, check.reason)
        if self.stopped is None or not self.stopped.hard:
            self.stopped, self.halted = Stopped(status, message), Halt(status=status, message=message)
        return message


def _fresh(item: Item) -> PrunedItem:
    return PrunedItem(link=item.link, kind=item.kind, reason=list(item.reasons), status=ItemStatus.UNKNOWN,
                      label=item.label, key=item.key, date=item.date)


async def _one(steps: Steps, task: PruneTask, item: Item, result: PrunedItem) -> PrunedItem:
    """One item's whole course: look, then (when asked) delete or guide, and verify."""
    if item.kind == "answers":
        if task.guided:
            return await guide.answers(steps, task, item, result)
        status = ItemStatus.SKIPPED if task.delete else ItemStatus.UNKNOWN
        result.status, result.why = status, ANSWERS_WHY.format(page=item.link)
        return result
    if item.link is None:
        result.status, result.why = ItemStatus.SKIPPED, "the export gives no LinkedIn address for it to open"
        return result
    acting = task.delete or task.guided
    if acting and item.kind != "resume" and not words(item.words):
        result.status, result.why = ItemStatus.SKIPPED, "the export holds no words for it: nothing to check its page against"
        return result
    flow = steps.pmap.flow(item.kind)
    seen = await steps.look(item, flow.look, item.link)
    result.changed = seen.changed
    if seen.seen is Seen.GONE:
        result.status, result.why = ItemStatus.GONE, seen.why
    elif seen.seen is Seen.UNSURE:  # when in doubt, skip and say why
        result.status = ItemStatus.SKIPPED if acting else ItemStatus.UNKNOWN
        result.why = f"{seen.why}: nothing clicked" if acting else seen.why
    elif item.alike:  # the one shown may be its twin: when in doubt, skip and say why
        result.status = ItemStatus.SKIPPED if acting else ItemStatus.UNKNOWN
        result.why = (f"{ALIKE}: nothing clicked" if acting else ALIKE)
    elif task.delete:
        return await steps.delete(item, flow, item.link, seen, result)
    elif task.guided:
        return await guide.guided(steps, task, item, flow, seen, result)
    else:
        result.status, result.why = ItemStatus.STILL_UP, seen.why
    return result


def _ledger_line(result: PrunedItem, previous: records.Ledger, at: str) -> records.Entry | None:
    """The ledger line this result adds, if any: gone, deleted, or back up after being gone (then
    the result is marked ``restored``: LinkedIn may restore content, and that is alerted on)."""
    if result.key is None or result.kind not in records.CONTENT_KINDS:
        return None
    def line(status: str, **when: str) -> records.Entry:
        assert result.key is not None
        return records.Entry(result.key, result.kind, status, at, link=result.link, reasons=result.reason, **when)

    if result.status is ItemStatus.DELETED:
        return line(records.DELETED, deleted_at=at, verified_at=at)
    if result.status is ItemStatus.GONE:
        return line(records.GONE, verified_at=at)
    if result.status is ItemStatus.STILL_UP and (was := previous.gone(result.key)):
        result.restored = True
        result.why = f"LinkedIn shows it again: the ledger had it {was.status} on {was.at[:10]}"
        return line(records.RESTORED)
    return None


async def prune(context: BrowserContext, selection: Selection, task: PruneTask | None = None, *,
                evidence: Evidence | None = None, waits: Waits | None = None, hooks: Hooks | None = None,
                ledger: Path | None = None, prune_map: PruneMap | None = None,
                catalogue: Catalogue | None = None) -> PruneReport:
    """Look whether each item of ``selection`` is still up; with ``task.delete``, delete each
    (``task.confirm`` must be the number it may delete: ``Selection.deletable``) and verify it by reload; with
    ``task.guided``, let the person delete each in the window and verify.

    ``context`` carries the session; the run opens and closes its own page. ``evidence.folder``
    receives close-ups of each item before and after (``evidence.screenshots``) and
    ``evidence.trace`` a trace; ``ledger`` is the private file each result is appended to as it is
    known (None: no ledger). Returns the report; it never raises for what a page shows."""
    for value, kind, name in ((task, PruneTask, "task"), (selection, Selection, "selection"),
                              (evidence, Evidence, "evidence"), (waits, Waits, "waits"), (hooks, Hooks, "hooks")):
        checked(value, kind, name)
    task, evidence, waits, hooks = task or PruneTask(), evidence or Evidence(), waits or Waits(), hooks or Hooks()
    if task.delete and task.confirm != len(selection.deletable):
        raise OptionsError(f"{task.confirm} item(s) confirmed, but the selection holds {len(selection.deletable)} "
                           "to delete: "
                           "nothing deleted")
    if not selection.items:
        return empty(selection, task)
    site = (catalogue or load_catalogue()).site
    pmap = prune_map or load_prune_map()
    started = now()
    before = records.read(ledger) if ledger else records.Ledger()
    brakes = Brakes(hooks.interrupt)
    results: list[PrunedItem] = [_fresh(item) for item in selection.items]
    notices: list[str] = []
    async with traced(context, evidence.trace):
        tab = await Tab.new(context, site, waits.timeouts, waits.retry, lean=task.lean and not task.guided)
        steps = Steps(tab, pmap, site, ChangeGate(task.pace), brakes,
                      str(evidence.folder) if evidence.folder and evidence.screenshots else None, hooks.tell)

        async def work() -> None:
            for item, result in zip(selection.items, results, strict=True):
                if not brakes.may_open():
                    break
                hooks.tell(item.label, "looking" if not (task.delete or task.guided) else "working on it")
                steps.fallbacks.clear()
                try:
                    await _one(steps, task, item, result)
                except Halted as halt:
                    if not result.why:
                        result.status, result.why = ItemStatus.SKIPPED, f"the run stopped: {halt}"
                except asyncio.CancelledError:  # past the grace period after a signal
                    if not result.why:
                        result.status, result.why = ItemStatus.UNKNOWN, "interrupted while working on it: run prune again"
                    raise
                finally:
                    result.warnings.extend(FALLBACK.format(what=f) for f in sorted(steps.fallbacks))
                    _keep(ledger, result, before, notices)
                hooks.tell(item.label, result.status.value)

        try:
            await run_jobs([work()], hooks.interrupt, brakes.may_open, waits.timeouts.grace)
        finally:
            await tab.close()
    reason = brakes.stopped.reason if brakes.stopped else "not reached"
    for result in results:
        if not result.why and result.status is ItemStatus.UNKNOWN:
            result.status, result.why = ItemStatus.SKIPPED, f"the run stopped before this item: {reason}"
    return PruneReport(mode="recheck" if selection.recheck else task.mode,
                       items=results, started_at=started, finished_at=now(), tool_version=__version__,
                       interrupted=hooks.interrupt.signal if hooks.interrupt else None, halted=brakes.halted,
                       already_gone=selection.already_gone, over_limit=selection.over_limit, notices=notices)


def _keep(path: Path | None, result: PrunedItem, before: records.Ledger, notices: list[str]) -> None:
    """Append the item's ledger line at once; a ledger that cannot be written is a notice, never a lost run."""
    line = _ledger_line(result, before, datetime.now(UTC).isoformat(timespec="seconds"))
    if path is None or line is None:
        return
    try:
        records.append(path, [line])
    except (UserError, OSError) as exc:
        notices.append(f"the ledger {path} could not be written: {exc}")


def empty(selection: Selection, task: PruneTask) -> PruneReport:
    """The report of a run with nothing to do: no browser is started for it."""
    at = now()
    return PruneReport(mode="recheck" if selection.recheck else task.mode, items=[], started_at=at,
                       finished_at=at, tool_version=__version__, already_gone=selection.already_gone,
                       over_limit=selection.over_limit)
