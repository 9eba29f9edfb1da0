"""The main job: `settings`, `check`, `apply` and `demo` (their flows: automation/flows/)."""

from __future__ import annotations

from pathlib import Path

import click

from automation.cli.base import (
    configure,
    environment,
    finish,
    headed_option,
    html_option,
    json_option,
    pace_option,
    prepare_report,
    quiet_option,
    report_option,
    run_options,
    yes_option,
)
from automation.errors import UserError

# What `check` uses of the configuration (apply uses all of it, the pace too).
CHECK_USES = ("profile", "browser", "headless", "concurrency", "report_dir", "notify")


@click.command()
@json_option
def settings(as_json: bool) -> None:
    """List the settings this tool knows: id, group, page, what it controls."""
    from automation.flows.listing import settings as listed

    finish(listed(), as_json)


@click.command()
@run_options
def check(only: tuple[str, ...], as_json: bool, report: Path | None, quiet: bool, profile: str | None,
          headed: bool, html: bool, trace: bool, notify: tuple[str, ...], concurrency: int | None) -> None:
    """Read every switch with your session; change nothing."""
    from automation.flows import plan, runs

    config = configure(profile=profile, concurrency=concurrency, uses=CHECK_USES)
    task = plan.task_for(config, apply=False, only=only)
    prepare_report(report)
    keep = plan.Keep(html=html, trace=trace, notify=notify)
    finish(runs.check(environment(config, quiet=quiet, headed=headed, as_json=as_json), task, keep), as_json, report)


@click.command()
@run_options
@pace_option
@yes_option
def apply(only: tuple[str, ...], as_json: bool, report: Path | None, quiet: bool, pace: float | None, yes: bool,
          profile: str | None, headed: bool, html: bool, trace: bool, notify: tuple[str, ...],
          concurrency: int | None) -> None:
    """Turn off every switch that is on, then reload and prove it is off.

    Without --yes it first reads every switch, shows what is on, and asks before changing anything.
    """
    from automation.flows import plan, runs

    config = configure(profile=profile, pace=pace, concurrency=concurrency)
    task = plan.task_for(config, apply=True, only=only)
    prepare_report(report)
    keep = plan.Keep(html=html, trace=trace, notify=notify)
    env = environment(config, quiet=quiet, headed=headed, as_json=as_json)
    finish(runs.apply(env, task, keep, yes=yes), as_json, report)


@click.command()
@json_option
@report_option
@quiet_option
@pace_option
@headed_option
@html_option
@click.option("--teach", "rehearse", is_flag=True,
              help="Rehearse `teach` in a window: one demo page changed so the maps miss its switch.")
def demo(as_json: bool, report: Path | None, quiet: bool, pace: float | None, headed: bool, html: bool,
         rehearse: bool) -> None:
    """Run the whole job on a built-in stand-in of LinkedIn: every switch starts on; apply, then check.

    Nothing leaves this machine: the stand-in is served on 127.0.0.1 and the browser is told that
    www.linkedin.com lives there. With --teach: show the tool a switch the maps no longer find, as
    `teach` does after LinkedIn changes a page (exit 2 without a display).
    """
    if rehearse:
        from automation.flows.teaching import rehearse as rehearsal

        if as_json or report or html or pace is not None:
            raise UserError("demo --teach takes no --json, --report, --html or --pace",
                            hint="`linkedin-optout demo --teach`")
        finish(rehearsal(environment(configure(uses=("browser",)), quiet=quiet, attended=True)))
    from automation.flows import runs

    config = configure(pace=pace, uses=("browser", "report_dir"))
    prepare_report(report)
    env = environment(config, quiet=quiet or as_json, headed=headed, as_json=as_json)
    finish(runs.demo(env, pace=pace, html=html), as_json, report)
