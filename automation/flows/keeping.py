"""Keeping it off: the ``schedule`` (``print``, ``install``, ``remove``, ``status``) that runs the
scheduled check (flows/scheduled.py), and the ``history`` of runs."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from automation.errors import SchedulerError, StateFileError
from automation.exit_codes import ExitCode
from automation.flows.outcome import Line, Outcome, said
from automation.paths import state_root
from automation.schedule import platforms
from automation.schedule.formats import Job


def program() -> tuple[str, ...]:
    """An absolute command that starts this installed tool (the venv's script when present)."""
    python = Path(sys.executable).absolute()  # not resolved: a venv's python is a symlink on purpose
    script = python.parent / ("linkedin-optout.exe" if sys.platform == "win32" else "linkedin-optout")
    return (str(script),) if script.exists() else (str(python), "-m", "automation")


def job(profile: str, every: str, fix: bool) -> Job:
    return Job(profile=profile, every=every, fix=fix, program=program(),  # type: ignore[arg-type]
               state_dir=state_root())  # every: the command line has checked it is one of EVERY


def _scheduler(name: str) -> str:
    return platforms.detect() if name == "auto" else name


def show_plan(profile: str, *, every: str, fix: bool, scheduler: str) -> Outcome:
    """Exactly what ``install`` would write and run; nothing is changed. Where no scheduler
    answers, what it would write for the platform's usual one, under a first line saying so."""
    lines: tuple[Line, ...] = ()
    try:
        chosen = _scheduler(scheduler)
    except SchedulerError as err:
        chosen = platforms.usual()
        lines = said(f"no scheduler answers here ({err.message}); this is what `install` would write for "
                     f"{chosen}, this platform's usual scheduler:")
    current = platforms.read_crontab() if chosen == "cron" and shutil.which("crontab") else ""
    return Outcome(ExitCode.OK, (*lines, *said(platforms.plan(chosen, job(profile, every, fix),
                                                              current_crontab=current).describe())))


def install(profile: str, *, every: str, fix: bool, scheduler: str) -> Outcome:
    """Install and enable the timer (replacing an earlier one of this profile)."""
    from automation.private import private_dir
    from automation.session.profile import Profile

    planned = job(profile, every, fix)
    Profile(planned.profile).require()  # a timer for a profile that cannot sign in would only fail
    chosen = _scheduler(scheduler)
    current = platforms.read_crontab() if chosen == "cron" else ""
    plan = platforms.plan(chosen, planned, current_crontab=current)
    private_dir(planned.log.parent)  # cron's ">> log" needs the folder before the first run
    platforms.install(plan)
    what = "check and turn off (apply --yes)" if fix else "check (read only)"
    return Outcome(ExitCode.OK, said(
        f"installed: {chosen} runs a {every} {what} for profile {planned.profile!r}",
        f"log: {planned.log}; see `linkedin-optout schedule status` and `linkedin-optout history`"))


def remove(profile: str, *, scheduler: str) -> Outcome:
    """Remove this profile's timer; anything else in the scheduler stays as it was."""
    removed = platforms.remove(_scheduler(scheduler), profile)
    return Outcome(ExitCode.OK, said(*(f"removed {r}" for r in removed)) if removed
                   else said(f"no schedule installed for {profile!r}"))


def status(profile: str, *, scheduler: str) -> Outcome:
    """Whether a timer is installed, when it runs next, how the last scheduled run went, whether
    LinkedIn's last refusal still holds the runs back."""
    from automation.flows.scheduled import log_path
    from automation.results import cooldown, history

    chosen = _scheduler(scheduler)
    installed, detail = platforms.status(chosen, profile)
    lines = [f"{chosen}: {'installed' if installed else 'not installed'} for profile {profile!r}",
             *([detail] if detail else [])]
    records, _bad = history.read()
    last = next((r for r in reversed(records) if r.kind == "run" and r.report and r.profile == profile
                 and r.report.trigger == "scheduled"), None)
    if last and last.report:
        lines.append(f"last scheduled run: {last.at:%Y-%m-%d %H:%M} UTC, {last.report.mode}, "
                     f"exit code {last.report.exit_code}: {last.report.summary()}")
    else:
        lines.append("last scheduled run: none yet")
    reached = cooldown.last_reached(records, profile)
    lines.append(f"last check that reached LinkedIn: {f'{reached:%Y-%m-%d %H:%M} UTC' if reached else 'none yet'}")
    if last and last.details.get("every") and (stale := cooldown.stale(records, profile, last.details["every"])):
        lines.append(f"warning: {stale}")
    if waiting := cooldown.active(profile):
        lines.append(f"backing off: {waiting.describe()}")
    lines.append(f"log: {log_path(profile)}")
    return Outcome(ExitCode.OK, said(*lines))


def history(*, limit: int, profile: str | None) -> Outcome:
    """The ``limit`` most recent records (of ``profile``, or every profile's), newest last. A history
    with no readable record stops (exit 2) and is left untouched; unreadable lines are a warning."""
    from automation.results import history as kept
    from automation.results.terminal import history_table

    path = kept.history_path()
    records, bad = kept.read()
    if bad and not records:
        raise StateFileError(f"history {path} has no readable record ({len(bad)} bad line(s)); it was "
                             "left untouched: move it aside to start a new one")
    warnings = (f"warning: skipped unreadable line(s) {bad[:5]} of {path} (left untouched)",) if bad else ()
    if profile:
        records = [r for r in records if r.profile == profile]
    records = records[-limit:]
    shown = Line(history_table(records)) if records else Line(f"no runs recorded yet ({path})")
    return Outcome(ExitCode.OK, (shown,), json.dumps([r.model_dump(mode="json") for r in records], indent=2),
                   notes=warnings)
