"""Expected errors: bad input or a state of the world the user can fix.

Each carries a one-line message and the CLI exit code. The CLI prints ``message`` without a
traceback; anything that is not a ``UserError`` is a bug and keeps its traceback
(the yt-dlp ``ExtractorError(expected=True)`` / click ``ClickException`` split).
"""

from __future__ import annotations


class UserError(Exception):
    """Something the user can fix. ``str(err)`` is one line; the cause stays chained."""

    exit_code = 2

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


class StateFileError(UserError):
    """A profile, state or history file is corrupt, foreign or unreadable."""


class FolderError(UserError):
    """A folder the tool must write to cannot be created or written."""
