"""Every exit code of the command line, in one place (httpie's ``ExitStatus``): the README's table."""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum, unique


@unique
class ExitCode(IntEnum):
    """Every exit code the command line uses (the README's table), the httpie way."""

    OK = 0
    UNEXPECTED = 1  # a bug: the CLI shows the traceback
    USAGE = 2  # bad input: config, maps, unknown setting, missing browser, unwritable folder
    NOT_OFF = 3  # something is on, or a change failed
    PAGE_CHANGED = 4  # the selector maps need an update
    SESSION = 5  # signed out, challenged, or LinkedIn refused
    UNREACHABLE = 6  # LinkedIn could not be reached: nothing is known about the settings
    TEACH_TIMEOUT = 8  # teach: nothing was turned off before the timeout
    NOTHING_LEARNED = 9  # teach: what was changed cannot be learned safely
    INTERRUPTED = 130  # Ctrl-C (SIGINT): the report and history were still written
    TERMINATED = 143  # SIGTERM (a shutdown, systemd): likewise


# The one precedence table: when a run (or the demo's two) has several reasons to exit, the
# first of these that applies is its code. A signal outranks everything (the run was cut short);
# a wall or refusal outranks a map to update, which outranks a switch still on; unreachable says
# nothing about any switch, so it comes last.
PRECEDENCE: tuple[ExitCode, ...] = (
    ExitCode.TERMINATED, ExitCode.INTERRUPTED, ExitCode.SESSION, ExitCode.PAGE_CHANGED, ExitCode.NOT_OFF,
    ExitCode.UNREACHABLE, ExitCode.OK,
)


def most_urgent(codes: Iterable[int]) -> ExitCode:
    """The code that comes first in ``PRECEDENCE`` among ``codes`` (OK when there are none)."""
    given = {ExitCode(code) for code in codes}
    return next((code for code in PRECEDENCE if code in given), ExitCode.OK)
