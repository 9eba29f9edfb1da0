"""The main job: `settings`, `check`, `apply` and `demo` (their flows: automation/flows/)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from automation.cli.base import (
    configure,
    console,
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
)
from automation.errors import UserError

# What `check` uses of the configuration (apply uses all of it, the pace too).
CHECK_USES = ("profile", "browser", "headless", "concurrency", "report_dir", "notify")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the catalogue as JSON.")
def settings(as_json: bool) -> None:
    """List the settings this tool knows: id, group, page, what it controls."""
    from automation.catalogue.loader import load_catalogue
    from automation.results.terminal import catalogue_table

    catalogue = load_catalogue()
    if as_json:
        rows = [{"id": s.id, "group": s.group, "page": catalogue.url(s), "controls": s.controls}
                for s in catalogue.settings]
        click.echo(json.dumps({"settings": rows, "groups": catalogue.groups}, indent=2))
    else:
        console().print(catalogue_table(catalogue))


@click.command()
@run_options
def check(only: tuple[str, ...], as_json: bool, report: Path | None, quiet: bool, profile: str | None,
          headed: bool, html: bool, trace: bool, notify: tuple[str, ...], concurrency: int | None) -> None:
    """Read every switch with your session; change nothing."""
    from automation import flows

    config = configure(profile=profile, concurrency=concurrency, uses=CHECK_USES)
    task = flows.task_for(config, apply=False, only=only)
    prepare_report(report)
    keep = flows.Keep(html=html, trace=trace, notify=notify)
    finish(flows.check(environment(config, quiet=quiet, headed=headed), task, keep), as_json, report)


@click.command()
@run_options
@pace_option
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
def apply(only: tuple[str, ...], as_json: bool, report: Path | None, quiet: bool, pace: float | None, yes: bool,
          profile: str | None, headed: bool, html: bool, trace: bool, notify: tuple[str, ...],
          concurrency: int | None) -> None:
    """Turn off every switch that is on, then reload and prove it is off.

    Without --yes it first reads every switch, shows what is on, and asks before changing anything.
    """
    from automation import flows

    config = configure(profile=profile, pace=pace, concurrency=concurrency)
    task = flows.task_for(config, apply=True, only=only)
    prepare_report(report)
    keep = flows.Keep(html=html, trace=trace, notify=notify)
    finish(flows.apply(environment(config, quiet=quiet, headed=headed), task, keep, yes=yes), as_json, report)


@click.command()
@json_option
@report_option
@quiet_option
@click.option("--pace", type=click.FloatRange(min=0), default=0.0, show_default=True,
              help="Seconds between changes.")
@headed_option
@html_option
@click.option("--teach", "rehearse", is_flag=True,
              help="Rehearse `teach` in a window: one demo page changed so the maps miss its switch.")
def demo(as_json: bool, report: Path | None, quiet: bool, pace: float, headed: bool, html: bool,
         rehearse: bool) -> None:
    """Run the whole job on a built-in stand-in of LinkedIn: every switch starts on; apply, then check.

    Nothing leaves this machine: the stand-in is served on 127.0.0.1 and the browser is told that
    www.linkedin.com lives there. With --teach: show the tool a switch the maps no longer find, as
    `teach` does after LinkedIn changes a page (exit 2 without a display).
    """
    if rehearse:
        if as_json or report or html:
            raise UserError("demo --teach takes no --json, --report or --html", hint="`linkedin-optout demo --teach`")
        from automation.cli.rehearse import demo_teach

        demo_teach(configure(uses=("browser",)), quiet)
    from automation import flows

    config = configure(uses=("browser", "report_dir"))
    prepare_report(report)
    if not as_json:
        console().print("[bold]Demo:[/bold] a stand-in of LinkedIn on 127.0.0.1 with every switch on.")
    finish(flows.demo(environment(config, quiet=quiet or as_json, headed=headed), pace=pace, html=html),
           as_json, report)
