"""Why a run stops, and what each stop means for the settings it did not reach.

A refusal, a wall or an unreachable site is a hard stop: no further page load, not even the
reload that would verify a change. A signal is a soft stop: nothing new starts, a change in
flight is still verified (interrupt.py).
"""

from __future__ import annotations

from automation.engine.guards import Verdict
from automation.results.report import Status

GUARD_STATUS = {
    Verdict.SIGNED_OUT: Status.SIGNED_OUT,
    Verdict.CHALLENGE: Status.CHALLENGE,
    Verdict.REFUSED: Status.REFUSED,
    Verdict.UNREACHABLE: Status.UNREACHABLE,
    Verdict.UNAVAILABLE: Status.UNAVAILABLE,
    Verdict.RATE_LIMITED: Status.REFUSED,
    Verdict.ERROR: Status.FAILED,
}
# Verdicts that stop the whole run: no further page load, no further change.
STOPS = {Verdict.SIGNED_OUT, Verdict.CHALLENGE, Verdict.REFUSED, Verdict.UNREACHABLE}

# What to tell the person, by why the run stopped (the CLI adds the exact command to sign in).
ADVICE = {
    Status.REFUSED: "LinkedIn is refusing this browser for now. Wait some hours before the next run; "
                    "open LinkedIn in your normal browser, and sign in again if it asks",
    Status.UNREACHABLE: "check this machine's network connection, then run again; nothing is known about "
                        "the settings until then",
}


class Stopped(Exception):
    """The run stops. ``hard``: a refusal, a wall or no network: not even a verifying reload.
    Soft (a signal): no new page and no new change, but a change in flight is verified."""

    def __init__(self, status: Status, reason: str, *, hard: bool = True) -> None:
        super().__init__(reason)
        self.status, self.reason, self.hard = status, reason, hard




def advised(status: Status, message: str) -> str:
    """``message``, followed by what to do when ``status`` has advice (refused, unreachable)."""
    return f"{message}. {ADVICE[status]}" if status in ADVICE and ADVICE[status] not in message else message


def rest_status(stop: Stopped) -> Status:
    """What the settings a stopped run never reached are: unreachable if the network went away
    (nothing is known about them), else skipped."""
    return Status.UNREACHABLE if stop.status is Status.UNREACHABLE else Status.SKIPPED


