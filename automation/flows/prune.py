"""``prune``: choose from the export, confirm, run in the person's own session, keep the record.

The flow reads the selection (or the ledger, for ``--recheck``), asks for the typed count before
deleting, runs ``automation.pruning.run.prune`` in the profile's browser (or on the demo site),
then writes what comes after: the history line (counts only), the HTML report, the cool-down
after a refusal, and the alert for an item LinkedIn restored. It prints nothing itself: its
``Outcome`` says what to print, what ``--json`` prints and the exit code.
"""

from __future__ import annotations

import json
from collections.abc import Coroutine
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from automation.catalogue.loader import load_catalogue
from automation.config import report_root
from automation.engine.interrupt import Interrupt
from automation.engine.options import Evidence, Hooks
from automation.errors import UserError
from automation.exit_codes import ExitCode
from automation.flows.env import Env
from automation.flows.outcome import Line, Outcome
from automation.flows.prune_after import after
from automation.paths import state_root
from automation.private import private_dir
from automation.pruning import run as pruning
from automation.pruning.map import load_prune_map
from automation.pruning.options import PruneTask
from automation.pruning.recheck import from_ledger, words_by_key
from automation.pruning.report import PruneReport
from automation.pruning.selection import Criteria, NoSelection, Selection, select, would_choose
from automation.pruning.terminal import prune_lines, would_lines
from automation.results.after_run import run_folder
from automation.results.report import now
from automation.review import ledger as records
from automation.session.browser import require_display
from automation.session.profile import Profile
from automation.session.runner import profile_context

DEMO_CRITERIA = dict(kinds=("old", "email", "phone", "watch-word", "resume"))  # what `review --demo` flags


@dataclass(frozen=True)
class PruneRequest:
    """What the command line asked for, built once."""

    export: Path | None = None
    demo: bool = False
    criteria: Criteria = field(default_factory=Criteria)
    delete: bool = False
    yes: int | None = None  # --yes N: the count, typed in advance
    guided: bool = False
    recheck: bool = False
    pace: float | None = None
    html: bool = False
    trace: bool = False
    notify: tuple[str, ...] = ()


def _source(env: Env, request: PruneRequest) -> tuple[Path | bytes | None, str | None, Criteria]:
    if not request.demo:
        return (request.export.expanduser() if request.export else None), None, request.criteria
    from automation.review.synthetic import WATCH, build

    criteria = request.criteria
    if not criteria.given:  # the demo chooses what its own review flags, and says so
        criteria = replace(criteria, watch=criteria.watch or WATCH, **DEMO_CRITERIA)  # type: ignore[arg-type]
        env.say(f"Demo: choosing what `review --demo` flags: --kind {','.join(DEMO_CRITERIA['kinds'])} "
                f"--watch \"{','.join(WATCH)}\"")
    sample = build("complete")
    return sample.data, f"{sample.name} (synthetic)", criteria


def choose(env: Env, request: PruneRequest, ledger_file: Path | None) -> Selection | dict[str, dict[str, int]]:
    """The selection; without a criterion, what each kind would choose."""
    site, pmap = load_catalogue().site, load_prune_map()
    answers = site.base_url + pmap.answers.path
    source, label, criteria = _source(env, request)
    if request.recheck:
        ledger = records.read(ledger_file) if ledger_file else records.Ledger()
        words = words_by_key(source, label=label) if source is not None else None
        return from_ledger(ledger, base_url=site.base_url, answers_page=answers, words=words, limit=criteria.limit)
    if source is None:
        raise UserError("give the export to prune from (the zip or its folder), or --demo",
                        hint="`linkedin-optout review` says how to request it")
    try:
        return select(source, criteria, base_url=site.base_url, answers_page=answers, label=label,
                      ledger=records.read(ledger_file) if ledger_file else None)
    except NoSelection:
        return would_choose(source, criteria, base_url=site.base_url, answers_page=answers, label=label)


def confirmed(env: Env, selection: Selection, yes: int | None) -> int | None:
    """The count the person typed (or gave with --yes); None when they typed something else. The
    count is what the tool will delete: saved answers are chosen but never deleted by it."""
    count = len(selection.deletable)
    kinds = ", ".join(f"{n} {kind}{'s' if n > 1 else ''}" for kind, n in selection.counts().items() if kind != "answers")
    left = sum(item.count for item in selection.items if item.kind == "answers")
    aside = (f" Your {left} saved screening answer(s) are not deleted by the tool: `prune --guided` opens their page "
             "for you.") if left else ""
    env.say(f"About to delete {count} item(s): {kinds}. Each is opened, checked to be yours and the one the export "
            f"names, deleted through LinkedIn's own menu, and verified gone by a reload. This cannot be undone.{aside}")
    if yes is not None:
        if yes != count:
            raise UserError(f"--yes {yes}, but the selection holds {count} item(s) to delete: nothing deleted")
        return count
    if env.type_in is None:
        raise UserError("deleting needs your confirmation: run it on a terminal and type the count, "
                        f"or pass --yes {count}")
    return count if env.type_in(f"Type {count} to delete them (anything else stops)").strip() == str(count) else None


async def _live(env: Env, selection: Selection, task: PruneTask, evidence: Evidence, hooks: Hooks,
                ledger_file: Path | None) -> PruneReport:
    launch = env.launch
    async with profile_context(Profile(env.config.profile), headless=launch.headless and not task.guided,
                               executable=launch.executable, site=launch.site) as context:
        return await pruning.prune(context, selection, task, evidence=evidence, hooks=hooks, ledger=ledger_file)


def _would(table: dict[str, dict[str, int]]) -> Outcome:
    """No choice given: what each kind would choose, and exit 2."""
    return Outcome(ExitCode.USAGE, lines=tuple(Line(shown) for shown in would_lines(table)),
                   json=json.dumps({"would_choose": table, "exit_code": int(ExitCode.USAGE)}, indent=2))


def _outcome(report: PruneReport, notes: list[str], warnings: list[str]) -> Outcome:
    stopped = (f"stopped by {report.interrupted}: the ledger, the history and the run folder hold what was done",) \
        if report.interrupted else ()
    return Outcome(ExitCode(report.exit_code), lines=tuple(Line(shown) for shown in prune_lines(report)),
                   json=report.model_dump_json(indent=2),
                   notes=(*stopped, *notes, *(f"warning: {w}" for w in warnings)))


def prune(env: Env, request: PruneRequest) -> Outcome:
    """Look, delete (after the typed count), guide or recheck; then keep the record."""
    ledger_file = None if request.demo else records.ledger_path(env.config.profile)
    if not request.demo:
        private_dir(state_root())  # fail now, before any browser, if the ledger and history cannot be kept
    selection = choose(env, request, ledger_file)
    if isinstance(selection, dict):
        return _would(selection)
    if not selection.items:
        gone = f" ({selection.already_gone} chosen, all gone by the ledger)" if selection.already_gone else ""
        env.say(f"nothing to prune: the choice matches no item{gone}")
    if not request.demo and selection.items:
        Profile(env.config.profile).require()  # signed in at all? One line (exit 5) before any question
    if request.guided and selection.items:
        require_display(headless=False)  # before the typed count or any browser: one line, exit 2
    confirm = None
    if request.delete and selection.deletable:
        confirm = confirmed(env, selection, request.yes)
        if confirm is None:
            return Outcome(ExitCode.OK, notes=("nothing deleted",))
    elif request.delete:  # nothing the tool may delete (no item, or only saved answers): nothing to confirm
        if request.yes not in (None, 0):
            raise UserError(f"--yes {request.yes}, but the selection holds 0 item(s) to delete: nothing deleted")
        confirm = 0
    task = PruneTask(delete=request.delete, confirm=confirm, guided=request.guided,
                     pace=request.pace if request.pace is not None else env.config.pace)
    run_dir = run_folder(report_root(env.config.report_dir), "prune", now())
    evidence = Evidence(folder=run_dir, screenshots=request.html, trace=run_dir / "trace.zip" if request.trace else None)
    if evidence.trace is not None:
        env.say(f"warning: the trace {evidence.trace} will hold your LinkedIn session cookies; keep it private and "
                "delete it when done")
    demo_ledger = run_dir / "ledger.jsonl" if request.demo else None  # the demo's own, never the person's

    def run(interrupt: Interrupt) -> Coroutine[Any, Any, PruneReport]:
        hooks = Hooks(progress=env.progress, interrupt=interrupt)
        if request.demo:
            from automation.demo.activity_run import prune_demo

            launch = replace(env.launch, headless=not (env.headed or task.guided), site=None)
            return prune_demo(selection, task, launch=launch, evidence=evidence, hooks=hooks, ledger=demo_ledger)
        return _live(env, selection, task, evidence, hooks, ledger_file)

    report = env.interruptible(run) if selection.items else pruning.empty(selection, task)
    report.profile = None if request.demo else env.config.profile
    report.run_dir = str(run_dir)
    kept = after(env, report, run_dir, demo=request.demo, html=request.html, notify=request.notify)
    return _outcome(report, kept.notes, kept.warnings)
