"""The ``linkedin-optout`` command line: it parses, calls a flow (automation/flows/), prints.

Every command ends in ``finish(outcome)``, the one way out: it prints what the flow's ``Outcome``
says and exits with its code (exit_codes.py: the codes, what each means, and the one precedence
table). An expected error meets the same ``finish``. Each option several commands share is
defined once here, with one help text and one check. Playwright is imported only by the flows
that drive a browser, so ``--help`` and ``settings`` start fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from automation.errors import ConfigError, UserError
from automation.exit_codes import MEANING, ExitCode
from automation.schedule.formats import EVERY
from automation.version import __version__

if TYPE_CHECKING:
    from rich.console import Console

    from automation.config import Config
    from automation.flows.env import Env
    from automation.flows.outcome import Line, Outcome

F = TypeVar("F", bound=Callable[..., Any])


class Terminated(BaseException):
    """SIGTERM outside a run (a run handles it itself: interrupt.py)."""


class _Group(click.Group):
    """Turns expected errors into one line on stderr and their exit code, through ``finish``; bugs
    keep their tracebacks. Ctrl-C or SIGTERM outside a run (at a prompt, say) is one line and 130
    or 143, not click's "Aborted!" and 1 (the code for a bug). Its ``--help`` ends with every
    exit code and what it means (exit_codes.MEANING)."""

    def invoke(self, ctx: click.Context) -> Any:
        from automation.flows import outcome

        try:
            return super().invoke(ctx)
        except UserError as err:
            ended = outcome.refused(err)
        except (KeyboardInterrupt, click.exceptions.Abort):
            ended = outcome.stopped("SIGINT")
        except Terminated:
            ended = outcome.stopped("SIGTERM")
        finish(ended)

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Exit codes"):
            formatter.write_dl([(str(int(code)), meaning) for code, meaning in MEANING.items()])


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, emoji=False)


def show(line: Line, consoles: dict[bool, Console] | None = None) -> None:
    """Print one line of an outcome: a string as it is, styled text unwrapped, a table as Rich lays it out."""
    from rich.text import Text

    if isinstance(line.text, str) and consoles is None:
        click.echo(line.text, err=line.err)
        return
    where = (consoles or {}).get(line.err) or console(stderr=line.err)
    if isinstance(line.text, str):
        where.print(line.text, markup=False, soft_wrap=True)
    else:
        where.print(line.text, soft_wrap=isinstance(line.text, Text))


def finish(outcome: Outcome, as_json: bool = False, report_path: Path | None = None) -> NoReturn:
    """The one way out of every command: keep the JSON where ``--report`` asks, print what the
    flow says (its lines, or its JSON with ``--json``), then its notes on stderr, and exit with its
    code."""
    if report_path is not None and outcome.json is not None:
        from automation.private import write_private

        text = outcome.json if isinstance(outcome.json, str) else _collected(outcome.json)
        click.echo(f"report written to {write_private(report_path, text)}", err=True)
    if as_json:
        if isinstance(outcome.json, str):
            click.echo(outcome.json)
        elif outcome.json is not None:
            outcome.json(sys.stdout)
    else:
        for line in outcome.lines:
            show(line)
    for note in outcome.notes:
        click.echo(note, err=True)
    sys.exit(outcome.exit_code)


def _collected(write: Callable[[Any], None]) -> str:
    import io

    buffer = io.StringIO()
    write(buffer)
    return buffer.getvalue()


def progress_printer(quiet: bool) -> Callable[[str, str], None]:
    """Progress lines on stderr while pages are worked on (stdout stays clean for --json)."""
    err = console(stderr=True)

    def progress(setting: str, what: str) -> None:
        if not quiet:
            err.print(f"  [dim]{setting}[/dim] {what}", highlight=False)

    return progress


def environment(config: Config, *, quiet: bool = False, headed: bool = False, as_json: bool = False,
                attended: bool = False) -> Env:
    """The flows' ``Env``, built once per command: lines on stdout and stderr, questions and
    waiting lines on the terminal (stderr, so that stdout stays the data's). Questions are asked
    only on a terminal, or with ``attended`` whatever stdin is: a command that needs a person at a
    window anyway (teach)."""
    from automation.flows.env import Env

    consoles = {False: console(), True: console(stderr=True)}

    def ask(question: str) -> bool:
        return click.confirm(question, default=False, err=True)

    def type_in(question: str) -> str:
        return str(click.prompt(question, default="", show_default=False, err=True))

    someone = attended or sys.stdin.isatty()
    return Env(config=config, site=current_site(), headed=headed, progress=progress_printer(quiet),
               printer=lambda line: show(line, consoles), ask=ask if someone else None,
               type_in=type_in if someone else None, waiting=consoles[True].status, as_json=as_json)


def configure(*, uses: tuple[str, ...] | None = None, **overrides: object) -> Config:
    """Load the configuration (environment, .env, options) and set up logging. ``uses``: the
    settings the command uses (None: all); a wrong value of another one does not stop it."""
    from automation.config import load_config
    from automation.redact import setup_logging

    config = load_config(uses=uses, **overrides)
    setup_logging(config.log_level)
    return config


def current_site() -> Any:
    """What the command line was started with in place of www.linkedin.com (click's context
    object): only the tests start it with one (``automation.cli.main(site=...)``, a ``LiveSite``);
    ``Env`` checks what it is."""
    ctx = click.get_current_context(silent=True)
    return ctx.find_root().obj if ctx is not None else None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="linkedin-optout")
def cli() -> None:
    """Turn off LinkedIn's generative-AI training, ad-personalization and data-sharing
    switches with your own session, prove each stayed off by reloading, and re-check later.

    Start with `linkedin-optout demo` (a built-in stand-in of LinkedIn, no account needed).
    """


# --- every option several commands share: one definition, one help text, one check ---------------

def _profile_name(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """The same check as LINKEDIN_OPTOUT_PROFILE's (config.py), in every command that takes --profile."""
    import re

    from automation.config import PROFILE_NAME, PROFILE_RULE

    if value is not None and not re.match(PROFILE_NAME, value):
        raise ConfigError(f"--profile: {PROFILE_RULE} (got {value!r})")
    return value


profile_option = click.option("--profile", default=None, callback=_profile_name,
                              help="Sign-in profile (default: 'default', or LINKEDIN_OPTOUT_PROFILE).")
json_option = click.option("--json", "as_json", is_flag=True,
                           help="Print the result as JSON on stdout (messages for you stay on stderr).")
# Checked where LINKEDIN_OPTOUT_PACE is (config.py), by every command that takes it.
pace_option = click.option("--pace", type=float, default=None,
                           help="Seconds between changes (0: no pause). Default: a few, with jitter (the demo: 0).")
timeout_option = click.option("--timeout", type=click.IntRange(10, 3600), default=300, show_default=True,
                              help="Seconds to wait for you in the browser window.")
only_option = click.option("--only", multiple=True, metavar="ID|GROUP",
                           help="Setting ids or group names (repeat or comma-separate). Default: all.")
report_option = click.option("--report", type=click.Path(dir_okay=False, path_type=Path),
                             help="Also write the JSON report to this file (mode 0600).")
quiet_option = click.option("-q", "--quiet", is_flag=True, help="No progress lines.")
concurrency_option = click.option("--concurrency", type=click.IntRange(1, 16), default=None,
                                  help="Pages at once (default 3). With --pace 0, changes overlap too.")
headed_option = click.option("--headed", is_flag=True, help="Show the browser window.")
html_option = click.option("--html", is_flag=True,
                           help="Write a self-contained HTML report with a screenshot of each page.")
trace_option = click.option("--trace", is_flag=True,
                            help="Write a Playwright trace into the run folder. It holds your session.")
notify_option = click.option("--notify", multiple=True, metavar="URL",
                             help="Alert this apprise target on drift or trouble (needs the [notify] extra).")
yes_option = click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
every_choice = click.Choice(list(EVERY))


def run_options(command: F) -> F:
    """The options check and apply share (apply adds --pace and --yes)."""
    for option in reversed((only_option, json_option, report_option, quiet_option, profile_option, headed_option,
                            html_option, trace_option, notify_option, concurrency_option)):
        command = option(command)
    return command


def prepare_report(path: Path | None) -> None:
    """Fail before any work if the report cannot be written."""
    if path is not None:
        from automation.private import private_dir

        private_dir(path.expanduser().absolute().parent)


__all__ = ["ExitCode", "cli", "configure", "environment", "finish", "json_option"]
