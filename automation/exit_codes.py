"""Every exit code of the command line, once, as data (httpie's ``ExitStatus``).

``ExitCode`` names the codes, ``MEANING`` says what each means (the README's table and the epilog
of ``linkedin-optout --help`` are made from it; a test compares them), and ``PRECEDENCE`` is the
one table that picks a command's code when it has several reasons (``most_urgent``).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum, unique


@unique
class ExitCode(IntEnum):
    """Every exit code the command line uses; ``MEANING`` says what each means."""

    OK = 0
    UNEXPECTED = 1
    USAGE = 2
    NOT_OFF = 3
    PAGE_CHANGED = 4
    SESSION = 5
    UNREACHABLE = 6
    TEACH_TIMEOUT = 8
    NOTHING_LEARNED = 9
    INTERRUPTED = 130
    TERMINATED = 143


MEANING: dict[ExitCode, str] = {
    ExitCode.OK: "everything requested is off (or not offered to you)",
    ExitCode.UNEXPECTED: "a bug: please report it with the traceback",
    ExitCode.USAGE: "bad input: usage, configuration, selector maps, a damaged state file, no browser, "
                    "unwritable folder",
    ExitCode.NOT_OFF: "something is on (check mode), a change failed, or a page did not settle in time; `prune`: a "
                      "chosen item is still up, or could not be deleted or told gone",
    ExitCode.PAGE_CHANGED: "a page changed and the selector maps need an update",
    ExitCode.SESSION: "signed out, LinkedIn asks for a security check, or LinkedIn refused (HTTP 999 or 403, a "
                      "lasting 429, \"unusual activity\", a restricted account), also when met while looking for "
                      "settings LinkedIn added",
    ExitCode.UNREACHABLE: "LinkedIn could not be reached (offline, DNS, connection refused or reset, a TLS error): "
                          "nothing is known about the settings",
    ExitCode.TEACH_TIMEOUT: "`teach`: no switch was turned off before the timeout",
    ExitCode.NOTHING_LEARNED: "`teach`: what was changed cannot be learned safely (nothing learned)",
    ExitCode.INTERRUPTED: "stopped by Ctrl-C (SIGINT); what was done is in the report and the history",
    ExitCode.TERMINATED: "stopped by SIGTERM (a shutdown, systemd); likewise",
}

# The one precedence table: when a command (a run, the demo's two runs, doctor's checks, a
# capture) has several reasons to exit, the first of these that applies is its code. A signal
# outranks everything (the command was cut short), then a bug, then something to fix here before
# anything else counts; a wall or refusal outranks a map to update, which outranks a switch still
# on; unreachable says nothing about any switch, so it comes last.
PRECEDENCE: tuple[ExitCode, ...] = (
    ExitCode.TERMINATED, ExitCode.INTERRUPTED, ExitCode.UNEXPECTED, ExitCode.USAGE, ExitCode.SESSION,
    ExitCode.PAGE_CHANGED, ExitCode.NOT_OFF, ExitCode.NOTHING_LEARNED, ExitCode.TEACH_TIMEOUT, ExitCode.UNREACHABLE,
    ExitCode.OK,
)


def most_urgent(codes: Iterable[int]) -> ExitCode:
    """The code that comes first in ``PRECEDENCE`` among ``codes`` (OK when there are none)."""
    given = {ExitCode(code) for code in codes}
    return next((code for code in PRECEDENCE if code in given), ExitCode.OK)
