"""The main job: `settings`, `check`, `apply` and `demo`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from automation.cli.base import (
    ExitCode,
    RunPlan,
    configure,
    console,
    finish,
    html_option,
    interruptible,
    json_option,
    pace_option,
    prepare_report,
    print_limits,
    progress_printer,
    quiet_option,
    report_option,
    run_options,
    run_with_profile,
    validate_only,
    write_report,
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
    config = configure(profile=profile, concurrency=concurrency, uses=CHECK_USES)
    validate_only(only)
    prepare_report(report)
    run = RunPlan(config, "check", html=html, trace=trace, notify=notify)
    finish(run_with_profile(config, apply=False, only=only or None, pace=None, headed=headed, quiet=quiet, run=run),
            as_json, report, run)


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
    from automation.results.report import ADOPT, Status
    from automation.results.terminal import print_report

    config = configure(profile=profile, pace=pace, concurrency=concurrency)
    validate_only(only)
    prepare_report(report)
    run = RunPlan(config, "apply", html=html, trace=trace, notify=notify)
    targets = only or None
    discover = not only  # the whole catalogue asked for: look for settings LinkedIn added, too
    if not yes:
        if not sys.stdin.isatty():
            raise UserError("apply changes your LinkedIn settings: confirm on a terminal, or pass --yes")
        plan = run_with_profile(config, apply=False, only=targets, pace=None, headed=headed, quiet=quiet,
                                discover=discover)
        print_report(plan, console())
        targets = tuple(r.setting for r in plan.results if r.status is Status.ON)
        if plan.interrupted:
            click.echo("interrupted while reading; nothing was changed", err=True)
            sys.exit(plan.exit_code)
        if not targets or plan.exit_code in (ExitCode.PAGE_CHANGED, ExitCode.SESSION, ExitCode.UNREACHABLE):
            click.echo("nothing to turn off" if not targets else "fix the problem above first", err=True)
            sys.exit(plan.exit_code)
        if plan.unlisted:
            click.echo(f"{len(plan.unlisted)} switch(es) this tool does not know will not be changed "
                       f"(adopt one with `{ADOPT.format(page='PAGE')}`)", err=True)
        if not click.confirm(f"Turn off {len(targets)} setting(s): {', '.join(targets)}?", default=False):
            click.echo("nothing changed", err=True)
            sys.exit(ExitCode.OK)
    finish(run_with_profile(config, apply=True, only=targets, pace=config.pace, headed=headed, quiet=quiet, run=run,
                            discover=discover), as_json, report, run)


@click.command()
@json_option
@report_option
@quiet_option
@click.option("--pace", type=click.FloatRange(min=0), default=0.0, show_default=True,
              help="Seconds between changes.")
@click.option("--headed", is_flag=True, help="Show the browser window.")
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

        return demo_teach(configure(uses=("browser",)), quiet)
    from automation.demo.run import run_demo
    from automation.paths import reports_root
    from automation.private import private_dir
    from automation.results.after_run import run_folder
    from automation.results.report import now
    from automation.results.terminal import print_report

    config = configure(uses=("browser", "report_dir"))
    prepare_report(report)
    run_dir = run_folder(private_dir(reports_root(config.report_dir)), "demo", now())
    out = console()
    if not as_json:
        out.print("[bold]Demo:[/bold] a stand-in of LinkedIn on 127.0.0.1 with every switch on.")
    applied, checked = interruptible(lambda interrupt: run_demo(
        pace=pace, headless=not headed, executable=config.browser, progress=progress_printer(quiet or as_json),
        evidence_dir=run_dir, screenshots=html, interrupt=interrupt))
    payload = json.dumps({"apply": applied.model_dump(mode="json"), "check": checked.model_dump(mode="json")},
                         indent=2)
    write_report(report, payload)
    if as_json:
        click.echo(payload)
    else:
        print_report(applied, out, demo=True)
        print_report(checked, out, demo=True)
        print_limits()
        out.print("Next, what LinkedIn already holds of you: linkedin-optout review --demo", soft_wrap=True)
    if html:  # the demo is not the person's LinkedIn: it never enters the history
        from automation.results.html_report import write_demo

        applied.run_dir = checked.run_dir = str(run_dir)
        click.echo(f"HTML report: {write_demo(applied, checked, run_dir / 'report.html')}", err=True)
    sys.exit(max(applied.exit_code, checked.exit_code))


