"""Keep it off: ``schedule`` (install, print, remove, status), the ``scheduled`` run the timer
starts, and ``history`` (their flows: flows/keeping.py, flows/scheduled.py)."""

from __future__ import annotations

import click

from automation.cli.base import (
    configure,
    environment,
    every_choice,
    finish,
    json_option,
    notify_option,
    profile_option,
)


def _profile(profile: str | None) -> str:
    """The profile named, or the configured one."""
    return configure(profile=profile, uses=("profile",)).profile


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
    from automation.flows import keeping

    finish(keeping.show_plan(_profile(profile), every=every, fix=fix, scheduler=scheduler))


@schedule.command()
@every_option
@fix_option
@profile_option
@scheduler_option
def install(every: str, fix: bool, profile: str | None, scheduler: str) -> None:
    """Install and enable the timer for this platform (replaces an earlier one of this profile)."""
    from automation.flows import keeping

    finish(keeping.install(_profile(profile), every=every, fix=fix, scheduler=scheduler))


@schedule.command()
@profile_option
@scheduler_option
def remove(profile: str | None, scheduler: str) -> None:
    """Remove this profile's timer. Anything else in your scheduler is left as it was."""
    from automation.flows import keeping

    finish(keeping.remove(_profile(profile), scheduler=scheduler))


@schedule.command()
@profile_option
@scheduler_option
def status(profile: str | None, scheduler: str) -> None:
    """Is a timer installed, when does it run next, and how did the last scheduled run go?"""
    from automation.flows import keeping

    finish(keeping.status(_profile(profile), scheduler=scheduler))


@click.command(hidden=True)
@profile_option
@fix_option
@notify_option
@click.option("--every", type=every_choice, default="weekly",
              help="The schedule's interval: a check older than two of them is alerted on.")
def scheduled(profile: str | None, fix: bool, notify: tuple[str, ...], every: str) -> None:
    """What the timer runs: check (or apply --yes with --fix); never prompts; alerts on trouble.
    While LinkedIn's last refusal cools down it skips, and says so (cooldown.py)."""
    from automation.flows.scheduled import scheduled as run

    finish(run(environment(configure(profile=profile), quiet=True), fix=fix, notify=notify, every=every))


@click.command("history")
@json_option
@click.option("-n", "--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="How many of the most recent records.")
@profile_option
def history_(as_json: bool, limit: int, profile: str | None) -> None:
    """Recent runs (and objection texts produced), newest last, with drift. Every profile's,
    unless --profile names one."""
    from automation.flows import keeping

    finish(keeping.history(limit=limit, profile=profile), as_json)
