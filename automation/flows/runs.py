"""``check``, ``apply`` (with its confirmation) and ``demo``: each runs, then says what it found
through its ``Outcome``; nothing here prints a report."""

from __future__ import annotations

from dataclasses import replace

from automation.engine.options import Evidence, Hooks, Task
from automation.errors import UserError
from automation.exit_codes import ExitCode, most_urgent
from automation.flows.env import Env, Line, Outcome
from automation.flows.plan import Keep, RunPlan
from automation.flows.shown import report_lines, run_outcome
from automation.paths import reports_root
from automation.private import private_dir
from automation.results.after_run import run_folder
from automation.results.report import DEMO, RunReport, Status, now
from automation.results.words import ADOPT
from automation.session.profile import Profile
from automation.session.runner import Launch, run_live

# A preview that met one of these has nothing safe to confirm: fix it first.
_NOT_TO_APPLY = (ExitCode.PAGE_CHANGED, ExitCode.SESSION, ExitCode.UNREACHABLE)


def run_task(env: Env, task: Task, evidence: Evidence | None = None) -> RunReport:
    """Run ``task`` in the configured profile's browser, stopped softly by Ctrl-C or SIGTERM."""
    return env.interruptible(lambda interrupt: run_live(
        Profile(env.config.profile), task, launch=env.launch, evidence=evidence,
        hooks=Hooks(progress=env.progress, interrupt=interrupt)))


def start_plan(env: Env, mode: str, keep: Keep) -> RunPlan:
    plan = RunPlan(env.config, mode, keep)
    if warning := plan.trace_warning():
        env.say(warning)
    return plan


def _run(env: Env, task: Task, plan: RunPlan) -> Outcome:
    report = run_task(env, task, plan.evidence)
    return run_outcome(report, plan.after(report))


def check(env: Env, task: Task, keep: Keep) -> Outcome:
    """Read every requested switch; change nothing."""
    return _run(env, replace(task, apply=False), start_plan(env, "check", keep))


def apply(env: Env, task: Task, keep: Keep, *, yes: bool) -> Outcome:
    """Turn off what is on. Unless ``yes``: read first, show it, and ask on the terminal; a
    preview that was interrupted, found nothing on, or met a problem changes nothing."""
    ask = env.ask
    if not yes and ask is None:
        raise UserError("apply changes your LinkedIn settings: confirm on a terminal, or pass --yes")
    plan = start_plan(env, "apply", keep)
    discover = task.only is None  # the whole catalogue asked for: look for settings LinkedIn added, too
    if not yes:
        preview = run_task(env, replace(task, apply=False, pace=None))
        for line in report_lines(preview):
            env.show(line)
        targets = tuple(r.setting for r in preview.results if r.status is Status.ON)
        code = ExitCode(preview.exit_code)
        if preview.interrupted:
            env.say("interrupted while reading; nothing was changed")
            return Outcome(code)
        if not targets or code in _NOT_TO_APPLY:
            env.say("nothing to turn off" if not targets else "fix the problem above first")
            return Outcome(code)
        if preview.unlisted:
            env.say(f"{len(preview.unlisted)} switch(es) this tool does not know will not be changed "
                    f"(adopt one with `{ADOPT.format(page='PAGE')}`)")
        if ask is None or not ask(f"Turn off {len(targets)} setting(s): {', '.join(targets)}?"):
            env.say("nothing changed")
            return Outcome(ExitCode.OK)
        task = replace(task, only=targets, discover=discover)
    return _run(env, replace(task, apply=True), plan)


def demo_exit_code(applied: RunReport, checked: RunReport) -> ExitCode:
    """The demo's code: the more urgent of its two runs', by the one precedence table."""
    return most_urgent((applied.exit_code, checked.exit_code))


def demo(env: Env, *, pace: float | None, html: bool) -> Outcome:
    """The whole job on the built-in stand-in of LinkedIn: every switch starts on; apply (``pace``
    seconds between changes, none by default), then check. It is not the person's LinkedIn: it
    never enters the history, and its unlisted page is its own invention (nothing to adopt)."""
    from rich.text import Text

    from automation.demo.run import run_demo

    env.show(Line(Text.from_markup("[bold]Demo:[/bold] a stand-in of LinkedIn on 127.0.0.1 with every switch on.")))
    run_dir = run_folder(private_dir(reports_root(env.config.report_dir)), "demo", now())
    launch = Launch(headless=not env.headed, executable=env.config.browser)  # the demo site, never LinkedIn
    applied, checked = env.interruptible(lambda interrupt: run_demo(
        pace=pace or 0, launch=launch, evidence=Evidence(folder=run_dir, screenshots=html),
        hooks=Hooks(progress=env.progress, interrupt=interrupt)))
    applied.trigger = checked.trigger = DEMO
    page = None
    if html:
        from automation.results.html_report import write_demo

        applied.run_dir = checked.run_dir = str(run_dir)
        page = write_demo(applied, checked, run_dir / "report.html")
    return run_outcome(applied, checked=checked, html=page, code=demo_exit_code(applied, checked))
