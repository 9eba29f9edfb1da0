"""The ``linkedin-optout`` command line: a thin layer over the library.

Exit codes: 0 all off or unavailable, 3 something on or a change failed, 4 the page changed (maps
need an update), 5 signed out or challenged, 2 bad input (usage, config, maps, browser, folders),
1 a bug (with its traceback). Playwright is imported only by the commands that drive a browser,
so ``--help`` and ``settings`` start fast.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import click

from . import __version__
from .errors import UserError
from .report import ExitCode


class Terminated(BaseException):
    """SIGTERM outside a run (a run handles it itself: interrupt.py)."""


class _Group(click.Group):
    """Turns expected errors into one line on stderr and their exit code; bugs keep tracebacks.
    Ctrl-C or SIGTERM outside a run (at a prompt, say) is one line and 130 or 143, not click's
    "Aborted!" and 1 (the code for a bug)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except UserError as err:
            click.echo(f"linkedin-optout: error: {err}", err=True)
            ctx.exit(err.exit_code)
        except (KeyboardInterrupt, click.exceptions.Abort):
            click.echo("linkedin-optout: interrupted; nothing was changed after the interruption", err=True)
            ctx.exit(ExitCode.INTERRUPTED)
        except Terminated:
            click.echo("linkedin-optout: terminated (SIGTERM)", err=True)
            ctx.exit(ExitCode.TERMINATED)


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr)


def _progress(quiet: bool):
    """Progress lines on stderr while pages are worked on (stdout stays clean for --json)."""
    console = _console(stderr=True)

    def show(setting: str, what: str) -> None:
        if not quiet:
            console.print(f"  [dim]{setting}[/dim] {what}", highlight=False)

    return show


def _write_report(path: Path | None, payload: str) -> None:
    if path is not None:
        from .private import write_private

        written = write_private(path, payload)
        click.echo(f"report written to {written}", err=True)


only_option = click.option("--only", multiple=True, metavar="ID|GROUP",
                           help="Setting ids or group names (repeat or comma-separate). Default: all.")
json_option = click.option("--json", "as_json", is_flag=True, help="Print the report as JSON on stdout.")
report_option = click.option("--report", type=click.Path(dir_okay=False, path_type=Path),
                             help="Also write the JSON report to this file (mode 0600).")
pace_option = click.option("--pace", type=click.FloatRange(min=0), default=None,
                           help="Seconds between changes. Default: a few, with jitter. 0: no pause.")
quiet_option = click.option("-q", "--quiet", is_flag=True, help="No progress lines.")
concurrency_option = click.option("--concurrency", type=click.IntRange(1, 16), default=None,
                                  help="Pages at once (default 3). With --pace 0, changes overlap too.")


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="linkedin-optout")
def cli() -> None:
    """Turn off LinkedIn's generative-AI training, ad-personalization and data-sharing
    switches with your own session, prove each stayed off by reloading, and re-check later.

    Start with `linkedin-optout demo` (a built-in stand-in of LinkedIn, no account needed).
    """


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the catalogue as JSON.")
def settings(as_json: bool) -> None:
    """List the settings this tool knows: id, group, page, what it controls."""
    from .maps import load_catalogue
    from .output import catalogue_table

    catalogue = load_catalogue()
    if as_json:
        rows = [{"id": s.id, "group": s.group, "page": catalogue.url(s), "controls": s.controls}
                for s in catalogue.settings]
        click.echo(json.dumps({"settings": rows, "groups": catalogue.groups}, indent=2))
    else:
        _console().print(catalogue_table(catalogue))


def _prepare_report(path: Path | None) -> None:
    """Fail before any work if the report cannot be written."""
    if path is not None:
        from .private import private_dir

        private_dir(path.expanduser().absolute().parent)


def _validate_only(only: tuple[str, ...]) -> None:
    """Refuse an unknown --only before any browser starts."""
    from .maps import load_catalogue

    load_catalogue().resolve(only or None)


def _finish(report, as_json: bool, report_path: Path | None, run: "_RunPlan | None" = None, after=None) -> None:
    """History, HTML and alerts (unless ``after`` already holds them), then output and exit."""
    from .output import print_report

    if after is None and run is not None:
        after = run.after(report)
    payload = report.model_dump_json(indent=2)
    _write_report(report_path, payload)
    if as_json:
        click.echo(payload)
    else:
        print_report(report, _console())
        if report.mode == "apply":
            _limits()
    if after:
        for note in after.notes:
            click.echo(note, err=True)
        for warning in after.warnings:
            click.echo(f"warning: {warning}", err=True)
    if report.interrupted:
        kept = f"the report in {report_path}, " if report_path else ""
        click.echo(f"stopped by {report.interrupted}: {kept}the history and the run folder hold what was done",
                   err=True)
    sys.exit(report.exit_code)


def _limits() -> None:
    from .maps import load_catalogue
    from .output import limits_note

    site = load_catalogue().site
    _console().print(limits_note(site.base_url, site.after.copy_of_data_path))


class _RunPlan:
    """One check or apply run's private folder, history record, HTML report, trace and alerts."""

    def __init__(self, config, mode: str, *, html: bool, trace: bool, notify: tuple[str, ...],
                 trigger: str = "manual", desktop: bool = False, every: str | None = None) -> None:
        from .aftermath import run_folder
        from .paths import reports_root, state_root
        from .private import private_dir
        from .report import now

        private_dir(state_root())  # fail now, before any browser, if history cannot be kept
        root = private_dir(reports_root(config.report_dir))
        self.config, self.html, self.trigger, self.desktop, self.every = config, html, trigger, desktop, every
        self.notify = [*notify, *config.notify_urls()]
        self.dir = run_folder(root, mode, now())
        self.trace = self.dir / "trace.zip" if trace else None
        if self.trace:
            click.echo(f"warning: the trace {self.trace} will hold your LinkedIn session cookies; "
                       "keep it private and delete it when done", err=True)

    def after(self, report):
        from .aftermath import after_run

        return after_run(report, profile=self.config.profile, trigger=self.trigger, run_dir=self.dir,
                         html=self.html, notify_urls=self.notify, desktop=self.desktop, every=self.every)


profile_option = click.option("--profile", default=None, help="Sign-in profile (default: 'default').")
headed_option = click.option("--headed", is_flag=True, help="Show the browser window.")


def _config(**overrides):
    """Load the configuration (environment, .env, options) and set up logging."""
    from .config import load_config
    from .redact import setup_logging

    config = load_config(**overrides)
    setup_logging(config.log_level)
    return config


def _interruptible(make):
    """Run ``make(interrupt)`` (a coroutine) with Ctrl-C and SIGTERM stopping it softly: the run
    returns its report with the rest ``skipped`` and the signal recorded (interrupt.py)."""
    from .interrupt import Interrupt, signals_stop

    async def go():
        interrupt = Interrupt()
        with signals_stop(interrupt, lambda line: click.echo(line, err=True)):
            return await make(interrupt)

    return asyncio.run(go())


def _live(config, *, apply: bool, only, pace, headed: bool, quiet: bool, run: _RunPlan | None = None):
    from .live import run_live
    from .profile import Profile

    return _interruptible(lambda interrupt: run_live(
        apply=apply, only=only, pace=pace, profile=Profile(config.profile), headless=config.headless and not headed,
        executable=config.browser, concurrency=config.concurrency, progress=_progress(quiet),
        evidence_dir=run.dir if run else None, screenshots=bool(run and run.html), trace=run.trace if run else None,
        interrupt=interrupt))


html_option = click.option("--html", is_flag=True,
                           help="Write a self-contained HTML report with a screenshot of each page.")
trace_option = click.option("--trace", is_flag=True,
                            help="Write a Playwright trace into the run folder. It holds your session.")
notify_option = click.option("--notify", multiple=True, metavar="URL",
                             help="Alert this apprise target on drift or trouble (needs the [notify] extra).")


def run_options(command):
    """The options check and apply share (apply adds --pace and --yes)."""
    for option in reversed((only_option, json_option, report_option, quiet_option, profile_option, headed_option,
                            html_option, trace_option, notify_option, concurrency_option)):
        command = option(command)
    return command


@cli.command()
@run_options
def check(only: tuple[str, ...], as_json: bool, report: Path | None, quiet: bool, profile: str | None,
          headed: bool, html: bool, trace: bool, notify: tuple[str, ...], concurrency: int | None) -> None:
    """Read every switch with your session; change nothing."""
    config = _config(profile=profile, concurrency=concurrency)
    _validate_only(only)
    _prepare_report(report)
    run = _RunPlan(config, "check", html=html, trace=trace, notify=notify)
    _finish(_live(config, apply=False, only=only or None, pace=None, headed=headed, quiet=quiet, run=run),
            as_json, report, run)


@cli.command()
@run_options
@pace_option
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
def apply(only: tuple[str, ...], as_json: bool, report: Path | None, quiet: bool, pace: float | None, yes: bool,
          profile: str | None, headed: bool, html: bool, trace: bool, notify: tuple[str, ...],
          concurrency: int | None) -> None:
    """Turn off every switch that is on, then reload and prove it is off.

    Without --yes it first reads every switch, shows what is on, and asks before changing anything.
    """
    from .output import print_report
    from .report import Status

    config = _config(profile=profile, pace=pace, concurrency=concurrency)
    _validate_only(only)
    _prepare_report(report)
    run = _RunPlan(config, "apply", html=html, trace=trace, notify=notify)
    targets = only or None
    if not yes:
        if not sys.stdin.isatty():
            raise UserError("apply changes your LinkedIn settings: confirm on a terminal, or pass --yes")
        plan = _live(config, apply=False, only=targets, pace=None, headed=headed, quiet=quiet)
        print_report(plan, _console())
        targets = tuple(r.setting for r in plan.results if r.status is Status.ON)
        if plan.interrupted:
            click.echo("interrupted while reading; nothing was changed", err=True)
            sys.exit(plan.exit_code)
        if not targets or plan.exit_code in (ExitCode.PAGE_CHANGED, ExitCode.SESSION, ExitCode.UNREACHABLE):
            click.echo("nothing to turn off" if not targets else "fix the problem above first", err=True)
            sys.exit(plan.exit_code)
        if not click.confirm(f"Turn off {len(targets)} setting(s): {', '.join(targets)}?", default=False):
            click.echo("nothing changed", err=True)
            sys.exit(ExitCode.OK)
    _finish(_live(config, apply=True, only=targets, pace=config.pace, headed=headed, quiet=quiet, run=run),
            as_json, report, run)


@cli.command()
@json_option
@report_option
@quiet_option
@click.option("--pace", type=click.FloatRange(min=0), default=0.0, show_default=True,
              help="Seconds between changes.")
@click.option("--headed", is_flag=True, help="Show the browser window.")
@html_option
def demo(as_json: bool, report: Path | None, quiet: bool, pace: float, headed: bool, html: bool) -> None:
    """Run the whole job on a built-in stand-in of LinkedIn: every switch starts on; apply, then check.

    Nothing leaves this machine: the stand-in is served on 127.0.0.1 and the browser is told that
    www.linkedin.com lives there.
    """
    from .demo.run import run_demo
    from .output import print_report

    from .aftermath import run_folder
    from .paths import reports_root
    from .private import private_dir
    from .report import now

    config = _config()
    _prepare_report(report)
    run_dir = run_folder(private_dir(reports_root(config.report_dir)), "demo", now())
    console = _console()
    if not as_json:
        console.print("[bold]Demo:[/bold] a stand-in of LinkedIn on 127.0.0.1 with every switch on.")
    applied, checked = _interruptible(lambda interrupt: run_demo(
        pace=pace, headless=not headed, executable=config.browser, progress=_progress(quiet or as_json),
        evidence_dir=run_dir, screenshots=html, interrupt=interrupt))
    payload = json.dumps({"apply": applied.model_dump(mode="json"), "check": checked.model_dump(mode="json")},
                         indent=2)
    _write_report(report, payload)
    if as_json:
        click.echo(payload)
    else:
        print_report(applied, console)
        print_report(checked, console)
        _limits()
    if html:  # the demo is not the person's LinkedIn: it never enters the history
        from .html_report import write

        applied.run_dir = str(run_dir)
        click.echo(f"HTML report: {write(applied, run_dir / 'report.html')}", err=True)
    sys.exit(max(applied.exit_code, checked.exit_code))


from . import cli_session  # noqa: E402  (registers login, whoami, import-session, logout)

cli_session.register(cli)

from . import cli_schedule  # noqa: E402  (registers schedule, scheduled, history)

cli_schedule.register(cli)

from . import cli_objection  # noqa: E402  (registers objection)

cli_objection.register(cli)

from . import cli_tools  # noqa: E402  (registers doctor, capture)

cli_tools.register(cli)

from . import cli_teach  # noqa: E402  (registers teach)

cli_teach.register(cli)


def _terminate(_signum, _frame) -> None:
    raise Terminated()


def main(argv: list[str] | None = None) -> None:
    import signal

    signal.signal(signal.SIGTERM, _terminate)  # a run replaces this with its own soft stop
    cli.main(args=argv, prog_name="linkedin-optout")
