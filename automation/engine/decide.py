"""Decide: what a step found for one setting, as a value (httpie's ``program()`` returns an
``ExitStatus`` on every path). The steps (the run's reads, the click, ``verify``) each return a
``Decision``; the run turns it into the setting's result once, and stops the run when it says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from automation.engine.settle import Settled
from automation.engine.stops import GUARD_STATUS, STOPS, advised
from automation.results.report import Confirmation, Status


@dataclass(frozen=True)
class Decision:
    """A setting's status and the words for it; ``after`` the state the last read believed.
    ``looked``: the step read the switch, and ``confirmed`` (how that read believed its state)
    replaces what an earlier read said. ``stops``: a wall, a refusal or no network was met, and
    the run stops with this status (no further page load)."""

    status: Status
    message: str = ""
    after: bool | None = None
    confirmed: Confirmation | None = None
    looked: bool = False
    warnings: tuple[str, ...] = ()
    stops: bool = False


def unsettled(settled: Settled, when: str) -> Decision:
    """A read that did not count: the page did not settle (failed), or a wall showed up (that
    wall's status; a wall that stops the run says so). ``when`` starts the message."""
    if settled.problem or settled.check is None:
        return Decision(Status.FAILED, f"{when}{settled.problem}")
    status = GUARD_STATUS.get(settled.check.verdict, Status.FAILED)
    return Decision(status, advised(status, f"{when}{settled.check.reason}"), stops=settled.check.verdict in STOPS)
