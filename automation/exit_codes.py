"""Every exit code of the command line, in one place (httpie's ``ExitStatus``): the README's table."""

from __future__ import annotations

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
