"""The ``linkedin-optout`` command line: it parses, calls a flow (automation/flows/), prints.

Exit codes (the README's table; ``exit_codes.ExitCode``, ranked by ``exit_codes.PRECEDENCE``):
0 everything requested is off (or not offered); 1 a bug (with its traceback); 2 bad input (usage,
configuration, selector maps, a damaged state file, no browser, unwritable folder); 3 something is
on, a change failed, or a page did not settle; 4 a page changed and the maps need an update; 5
signed out, a security check, or LinkedIn refused (also while looking for new settings); 6
LinkedIn could not be reached; 8 ``teach``: nothing turned off in time; 9 ``teach``: nothing
could be learned safely; 130 Ctrl-C; 143 SIGTERM. Playwright is imported only by the commands
that drive a browser, so ``--help`` and ``settings`` start fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from automation.errors import UserError
from automation.exit_codes import ExitCode
from automation.schedule.formats import EVERY
from automation.version import __version__

if TYPE_CHECKING:
    from rich.console import Console

    from automation.config import Config
    from automation.flows import Env, Outcome
    from automation.session.runner import LiveSite

F = TypeVar("F", bound=Callable[..., Any])


class Terminated(BaseException):
    """SIGTERM outside a run (a run handles it itself: interrupt.py)."""


class _Group(click.Group):
    """Turns expected errors into one line on stderr and their exit code; bugs keep tracebacks.
    Ctrl-C or SIGTERM outside a run (at a prompt, say) is one line and 130 or 143, not click's
    "Aborted!" and 1 (the code for a bug)."""

    def invoke(self, ctx: click.Context) -> Any:
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


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr)


def progress_printer(quiet: bool) -> Callable[[str, str], None]:
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


def environment(config: Config, *, quiet: bool, headed: bool = False) -> Env:
    """The flows' ``Env``, built once per command: lines on stderr, questions on the terminal."""
    from automation.flows import Env
    from automation.results.terminal import print_report

    def ask(question: str) -> bool:
        return click.confirm(question, default=False)

    def say(line: str) -> None:
        click.echo(line, err=True)

    return Env(config=config, site=current_site(), headed=headed, progress=progress_printer(quiet), say=say,
               ask=ask if sys.stdin.isatty() else None, show=lambda report: print_report(report, console()))


def finish(outcome: Outcome, as_json: bool, report_path: Path | None) -> NoReturn:
    """Print what a flow found (the report, then what happened after it) and exit with its code."""
    from automation.results.terminal import print_report

    report = outcome.report
    if report is None:  # the flow stopped before a run worth reporting; it said why
        sys.exit(outcome.exit_code)
    payload = _payload(outcome)
    write_report(report_path, payload)
    if as_json:
        click.echo(payload)
    else:
        demo = outcome.checked is not None
        for shown in (report, outcome.checked):
            if shown is not None:
                print_report(shown, console(), demo=demo)
        if report.mode == "apply":
            print_limits()
        if demo:
            console().print("Next, what LinkedIn already holds of you, and deleting what you choose of it (on the "
                            "demo: linkedin-optout prune --demo): linkedin-optout review --demo", soft_wrap=True)
    if outcome.html is not None:
        click.echo(f"HTML report: {outcome.html}", err=True)
    if outcome.after:
        for note in outcome.after.notes:
            click.echo(note, err=True)
        for warning in outcome.after.warnings:
            click.echo(f"warning: {warning}", err=True)
    if report.interrupted and outcome.checked is None:
        kept = f"the report in {report_path}, " if report_path else ""
        click.echo(f"stopped by {report.interrupted}: {kept}the history and the run folder hold what was done",
                   err=True)
    sys.exit(outcome.exit_code)


def _payload(outcome: Outcome) -> str:
    if outcome.checked is None:
        return outcome.report.model_dump_json(indent=2)  # type: ignore[union-attr]
    import json

    return json.dumps({"apply": outcome.report.model_dump(mode="json"),  # type: ignore[union-attr]
                       "check": outcome.checked.model_dump(mode="json")}, indent=2)


def print_limits() -> None:
    from automation.catalogue.loader import load_catalogue
    from automation.results.terminal import limits_note

    site = load_catalogue().site
    console().print(limits_note(site.base_url, site.after.copy_of_data_path))


profile_option = click.option("--profile", default=None, help="Sign-in profile (default: 'default').")
headed_option = click.option("--headed", is_flag=True, help="Show the browser window.")
every_choice = click.Choice(list(EVERY))


def configure(*, uses: tuple[str, ...] | None = None, **overrides: object) -> Config:
    """Load the configuration (environment, .env, options) and set up logging. ``uses``: the
    settings the command uses (None: all); a wrong value of another one does not stop it."""
    from automation.config import load_config
    from automation.redact import setup_logging

    config = load_config(uses=uses, **overrides)
    setup_logging(config.log_level)
    return config


def current_site() -> LiveSite | None:
    """The ``LiveSite`` the command line was started with (click's context object), else None:
    the real LinkedIn. Only the tests start it with another (``automation.cli.main(site=...)``)."""
    from automation.session.runner import LiveSite

    ctx = click.get_current_context(silent=True)
    return ctx.find_object(LiveSite) if ctx is not None else None


html_option = click.option("--html", is_flag=True,
                           help="Write a self-contained HTML report with a screenshot of each page.")
trace_option = click.option("--trace", is_flag=True,
                            help="Write a Playwright trace into the run folder. It holds your session.")
notify_option = click.option("--notify", multiple=True, metavar="URL",
                             help="Alert this apprise target on drift or trouble (needs the [notify] extra).")


def run_options(command: F) -> F:
    """The options check and apply share (apply adds --pace and --yes)."""
    for option in reversed((only_option, json_option, report_option, quiet_option, profile_option, headed_option,
                            html_option, trace_option, notify_option, concurrency_option)):
        command = option(command)
    return command
