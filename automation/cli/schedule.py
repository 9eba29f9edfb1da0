"""Keep it off: ``schedule`` (install, print, remove, status), the ``scheduled`` run the timer
starts, and ``history``."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from automation.cli.base import configure, environment, every_choice, finish, notify_option, profile_option
from automation.errors import SchedulerError, StateFileError

if TYPE_CHECKING:
    from automation.schedule.formats import Job


def program() -> tuple[str, ...]:
    """An absolute command that starts this installed tool (the venv's script when present)."""
    python = Path(sys.executable).absolute()  # not resolved: a venv's python is a symlink on purpose
    script = python.parent / ("linkedin-optout.exe" if sys.platform == "win32" else "linkedin-optout")
    return (str(script),) if script.exists() else (str(python), "-m", "automation")


def _job(profile: str | None, every: str, fix: bool) -> Job:
    from automation.paths import state_root
    from automation.schedule.formats import Job

    config = configure(profile=profile, uses=("profile",))
    return Job(profile=config.profile, every=every, fix=fix, program=program(),  # type: ignore[arg-type]
               state_dir=state_root())  # every: click.Choice has checked it is one of EVERY


def _scheduler(name: str) -> str:
    from automation.schedule import platforms

    return platforms.detect() if name == "auto" else name


every_option = click.option("--every", type=every_choice, default="weekly",
                            show_default=True, help="How often to re-verify.")
fix_option = click.option("--fix", is_flag=True, help="Turn off what is found on (apply --yes), not only check.")
scheduler_option = click.option("--scheduler", type=click.Choice(["auto", "systemd", "cron", "launchd", "schtasks"]),
                                default="auto", show_default=True, help="Which scheduler to use.")

@click.group()
def schedule() -> None:
    """Re-verify on a timer (systemd, cron, launchd or Task Scheduler) that nothing came back on."""

@schedule.command("print")
@every_option
@fix_option
@profile_option
@scheduler_option
def print_(every: str, fix: bool, profile: str | None, scheduler: str) -> None:
    """Show exactly what `install` would write and run; change nothing."""
    from automation.schedule import platforms

    try:
        chosen = _scheduler(scheduler)
    except SchedulerError as err:  # print changes nothing: show the usual one instead
        chosen = platforms.usual()
        click.echo(f"no scheduler answers here ({err.message}); this is what `install` would write "
                   f"for {chosen}, this platform's usual scheduler:")
    current = platforms.read_crontab() if chosen == "cron" and shutil.which("crontab") else ""
    click.echo(platforms.plan(chosen, _job(profile, every, fix), current_crontab=current).describe())

@schedule.command()
@every_option
@fix_option
@profile_option
@scheduler_option
def install(every: str, fix: bool, profile: str | None, scheduler: str) -> None:
    """Install and enable the timer for this platform (replaces an earlier one of this profile)."""
    from automation.private import private_dir
    from automation.schedule import platforms
    from automation.session.profile import Profile

    job = _job(profile, every, fix)
    Profile(job.profile).require()  # a timer for a profile that cannot sign in would only fail
    chosen = _scheduler(scheduler)
    current = platforms.read_crontab() if chosen == "cron" else ""
    plan = platforms.plan(chosen, job, current_crontab=current)
    private_dir(job.log.parent)  # cron's ">> log" needs the folder before the first run
    platforms.install(plan)
    what = "check and turn off (apply --yes)" if fix else "check (read only)"
    click.echo(f"installed: {chosen} runs a {every} {what} for profile {job.profile!r}")
    click.echo(f"log: {job.log}; see `linkedin-optout schedule status` and `linkedin-optout history`")

@schedule.command()
@profile_option
@scheduler_option
def remove(profile: str | None, scheduler: str) -> None:
    """Remove this profile's timer. Anything else in your scheduler is left as it was."""
    from automation.schedule import platforms

    name = configure(profile=profile, uses=("profile",)).profile
    removed = platforms.remove(_scheduler(scheduler), name)
    click.echo("\n".join(f"removed {r}" for r in removed) if removed else f"no schedule installed for {name!r}")

@schedule.command()
@profile_option
@scheduler_option
def status(profile: str | None, scheduler: str) -> None:
    """Is a timer installed, when does it run next, and how did the last scheduled run go?"""
    from automation.flows.scheduled import log_path
    from automation.results import history
    from automation.schedule import platforms

    name = configure(profile=profile, uses=("profile",)).profile
    chosen = _scheduler(scheduler)
    installed, detail = platforms.status(chosen, name)
    click.echo(f"{chosen}: {'installed' if installed else 'not installed'} for profile {name!r}")
    if detail:
        click.echo(detail)
    records, _bad = history.read()
    last = next((r for r in reversed(records) if r.kind == "run" and r.report and r.profile == name
                 and r.report.trigger == "scheduled"), None)
    if last and last.report:
        click.echo(f"last scheduled run: {last.at:%Y-%m-%d %H:%M} UTC, {last.report.mode}, "
                   f"exit code {last.report.exit_code}: {last.report.summary()}")
    else:
        click.echo("last scheduled run: none yet")
    from automation.results import cooldown

    reached = cooldown.last_reached(records, name)
    click.echo(f"last check that reached LinkedIn: {f'{reached:%Y-%m-%d %H:%M} UTC' if reached else 'none yet'}")
    if last and last.details.get("every") and (stale := cooldown.stale(records, name, last.details["every"])):
        click.echo(f"warning: {stale}")
    if waiting := cooldown.active(name):
        click.echo(f"backing off: {waiting.describe()}")
    click.echo(f"log: {log_path(name)}")

@click.command(hidden=True)
@profile_option
@fix_option
@notify_option
@click.option("--every", type=every_choice, default="weekly",
              help="The schedule's interval: a check older than two of them is alerted on.")
def scheduled(profile: str | None, fix: bool, notify: tuple[str, ...], every: str) -> None:
    """What the timer runs: check (or apply --yes with --fix); never prompts; alerts on trouble.
    While LinkedIn's last refusal cools down it skips, and says so (cooldown.py)."""
    from automation import flows

    config = configure(profile=profile)
    finish(flows.scheduled(environment(config, quiet=True), fix=fix, notify=notify, every=every), False, None)


@click.command("history")
@click.option("--json", "as_json", is_flag=True, help="Print the records as JSON.")
@click.option("-n", "--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="How many of the most recent records.")
@profile_option
def history_(as_json: bool, limit: int, profile: str | None) -> None:
    """Recent runs (and objection texts produced), newest last, with drift."""
    import json

    from automation.results import history
    from automation.results.terminal import history_table

    path = history.history_path()
    records, bad = history.read()
    if bad and not records:
        raise StateFileError(f"history {path} has no readable record ({len(bad)} bad line(s)); it was "
                             "left untouched: move it aside to start a new one")
    if bad:
        click.echo(f"warning: skipped unreadable line(s) {bad[:5]} of {path} (left untouched)", err=True)
    if profile:
        records = [r for r in records if r.profile == profile]
    records = records[-limit:]
    if as_json:
        click.echo(json.dumps([r.model_dump(mode="json") for r in records], indent=2))
    elif not records:
        click.echo(f"no runs recorded yet ({path})")
    else:
        from rich.console import Console

        Console().print(history_table(records))
