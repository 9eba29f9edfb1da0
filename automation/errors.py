"""Expected errors: bad input or a state of the world the user can fix.

Each carries a one-line message and the CLI exit code. The CLI prints ``message`` without a
traceback; anything that is not a ``UserError`` is a bug and keeps its traceback
(the yt-dlp ``ExtractorError(expected=True)`` / click ``ClickException`` split).
"""

from __future__ import annotations

from automation.exit_codes import ExitCode


class UserError(Exception):
    """Something the user can fix. ``str(err)`` is one line; the cause stays chained."""

    exit_code: int = ExitCode.USAGE

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class MapError(UserError):
    """A selector map file is invalid. The message names the file and the field."""


class UnknownSettingError(UserError):
    """``--only`` named something that is neither a setting id nor a group."""


class BrowserNotFoundError(UserError):
    """No Chromium or Chrome could be found."""


class ConfigError(UserError):
    """A configuration value (environment, .env, option) is wrong."""


class OptionsError(UserError):
    """A library call's options (``Task``, ``Evidence``, ``Waits``, ``Hooks``) are of the wrong type or value."""


class StateFileError(UserError):
    """A profile, state or history file is corrupt, foreign or unreadable."""


class FolderError(UserError):
    """A folder the tool must write to cannot be created or written."""


class NoSessionGivenError(UserError):
    exit_code = ExitCode.USAGE


class SchedulerError(UserError):
    """The scheduler is missing or refused: one line, exit 2."""


class TeachTimeout(UserError):
    """The person changed nothing the tool could learn before the time ran out."""

    exit_code = ExitCode.TEACH_TIMEOUT


class NothingLearned(UserError):
    """What the person did cannot be learned safely (two switches, no save, no unique locator)."""

    exit_code = ExitCode.NOTHING_LEARNED


class SessionStopped(UserError):
    """Not signed in, or a security check: the same exit code as a run stopped by the session."""

    exit_code = ExitCode.SESSION


class Unreachable(UserError):
    """LinkedIn could not be reached while teaching."""

    exit_code = ExitCode.UNREACHABLE


class NoProfileError(UserError):
    exit_code = ExitCode.SESSION  # the same as signed out: the fix is to sign in


class ProfileLockedError(UserError):
    exit_code = ExitCode.USAGE
