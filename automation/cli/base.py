"""The ``linkedin-optout`` command line: a thin layer over the library.

Exit codes: 0 all off or unavailable, 3 something on or a change failed, 4 the page changed (maps
need an update), 5 signed out or challenged, 2 bad input (usage, config, maps, browser, folders),
1 a bug (with its traceback). Playwright is imported only by the commands that drive a browser,
so ``--help`` and ``settings`` start fast.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import click

from automation.errors import UserError
from automation.results.report import ExitCode
from automation.version import __version__


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


def console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr)


def progress_printer(quiet: bool):
    """Progress lines on stderr while pages are worked on (stdout stays clean for --json)."""
    err = console(stderr=True)

    def show(setting: str, what: str) -> None:
        if not quiet:
            err.print(f"  [dim]{setting}[/dim] {what}", highlight=False)

    return show


def write_report(path: Path | None, payload: str) -> None:
    if path is not None:
        from automation.private import write_private

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


def prepare_report(path: Path | None) -> None:
    """Fail before any work if the report cannot be written."""
    if path is not None:
        from automation.private import private_dir

        private_dir(path.expanduser().absolute().parent)


def validate_only(only: tuple[str, ...]) -> None:
    """Refuse an unknown --only before any browser starts."""
    from automation.catalogue.loader import load_catalogue

    load_catalogue().resolve(only or None)


def finish(report, as_json: bool, report_path: Path | None, run: RunPlan | None = None, after=None) -> None:
    """History, HTML and alerts (unless ``after`` already holds them), then output and exit."""
    from automation.results.terminal import print_report

    if after is None and run is not None:
        after = run.after(report)
    payload = report.model_dump_json(indent=2)
    write_report(report_path, payload)
    if as_json:
        click.echo(payload)
    else:
        print_report(report, console())
        if report.mode == "apply":
            print_limits()
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


def print_limits() -> None:
    from automation.catalogue.loader import load_catalogue
    from automation.results.terminal import limits_note

    site = load_catalogue().site
    console().print(limits_note(site.base_url, site.after.copy_of_data_path))


class RunPlan:
    """One check or apply run's private folder, history record, HTML report, trace and alerts."""

    def __init__(self, config, mode: str, *, html: bool, trace: bool, notify: tuple[str, ...],
                 trigger: str = "manual", desktop: bool = False, every: str | None = None) -> None:
        from automation.config import report_root
        from automation.paths import state_root
        from automation.private import private_dir
        from automation.results.after_run import run_folder
        from automation.results.report import now

        private_dir(state_root())  # fail now, before any browser, if history cannot be kept
        root = report_root(config.report_dir)
        self.config, self.html, self.trigger, self.desktop, self.every = config, html, trigger, desktop, every
        self.notify = [*notify, *config.notify_urls()]
        self.dir = run_folder(root, mode, now())
        self.trace = self.dir / "trace.zip" if trace else None
        if self.trace:
            click.echo(f"warning: the trace {self.trace} will hold your LinkedIn session cookies; "
                       "keep it private and delete it when done", err=True)

    def after(self, report):
        from automation.results.after_run import after_run

        return after_run(report, profile=self.config.profile, trigger=self.trigger, run_dir=self.dir,
                         html=self.html, notify_urls=self.notify, desktop=self.desktop, every=self.every)


profile_option = click.option("--profile", default=None, help="Sign-in profile (default: 'default').")
headed_option = click.option("--headed", is_flag=True, help="Show the browser window.")


def configure(*, uses: tuple[str, ...] | None = None, **overrides):
    """Load the configuration (environment, .env, options) and set up logging. ``uses``: the
    settings the command uses (None: all); a wrong value of another one does not stop it."""
    from automation.config import load_config
    from automation.redact import setup_logging

    config = load_config(uses=uses, **overrides)
    setup_logging(config.log_level)
    return config


def interruptible(make):
    """Run ``make(interrupt)`` (a coroutine) with Ctrl-C and SIGTERM stopping it softly: the run
    returns its report with the rest ``skipped`` and the signal recorded (interrupt.py)."""
    from automation.engine.interrupt import Interrupt, signals_stop

    async def go():
        interrupt = Interrupt()
        with signals_stop(interrupt, lambda line: click.echo(line, err=True)):
            return await make(interrupt)

    return asyncio.run(go())


def current_site():
    """The ``LiveSite`` the command line was started with (click's context object), else None:
    the real LinkedIn. Only the tests start it with another (``automation.cli.main(site=...)``)."""
    from automation.session.runner import LiveSite

    ctx = click.get_current_context(silent=True)
    return ctx.find_object(LiveSite) if ctx is not None else None


def run_with_profile(config, *, apply: bool, only, pace, headed: bool, quiet: bool, run: RunPlan | None = None,
                     discover: bool | None = None, policy: bool = False):
    """``discover`` (default: when ``only`` is None) also reads the category pages for settings no
    map covers; ``policy`` the privacy policy's date (engine/discover.py)."""
    from automation.session.profile import Profile
    from automation.session.runner import run_live

    return interruptible(lambda interrupt: run_live(
        apply=apply, only=only, pace=pace, profile=Profile(config.profile), headless=config.headless and not headed,
        executable=config.browser, concurrency=config.concurrency, progress=progress_printer(quiet),
        evidence_dir=run.dir if run else None, screenshots=bool(run and run.html), trace=run.trace if run else None,
        interrupt=interrupt, site=current_site(), discover=discover, policy=policy))


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
