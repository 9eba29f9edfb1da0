"""Runs against the real LinkedIn with the user's own session (filled in by the sign-in work)."""

from __future__ import annotations

from .engine import Progress
from .errors import UserError
from .report import RunReport


class NotSignedInError(UserError):
    exit_code = 5


async def run_live(*, apply: bool, only, pace: float | None, profile: str | None, headed: bool,
                   progress: Progress) -> RunReport:
    raise NotSignedInError("signing in to LinkedIn is not implemented yet",
                           hint="try `linkedin-optout demo` to see the tool work on a stand-in")


def confirm_plan(only) -> bool:
    return True
