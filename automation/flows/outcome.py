"""What a flow hands back (``Outcome``): what to print, what ``--json`` prints, and the exit code.

Light on purpose: the command line turns every expected error into an ``Outcome`` too, and that
must not wait for a browser library to load."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from automation.errors import UserError
from automation.exit_codes import ExitCode

if TYPE_CHECKING:
    from automation.results.after_run import Aftermath
    from automation.results.report import RunReport


@dataclass(frozen=True)
class Line:
    """One thing a command says: on stdout (its answer), or with ``err`` on stderr (for the person).
    ``text`` is a string, printed as it is, or something Rich prints (styled text, a table)."""

    text: object
    err: bool = False


# What ``--json`` prints (and ``--report FILE`` keeps): JSON text, or a writer that streams it.
Json = str | Callable[[TextIO], None]


@dataclass(frozen=True)
class Outcome:
    """What a command did, for the command line to print, and how it exits.

    ``exit_code`` comes from ``exit_codes`` (``most_urgent`` when there are several reasons);
    ``lines``: what it says, in order (none with ``--json``); ``json``: what ``--json`` prints
    instead; ``notes``: lines on stderr either way, after the rest (files written, warnings).
    A run also hands back its ``report`` (the demo: its apply, and ``checked``) and ``after``
    (history, HTML report, alerts) for whoever calls the flow; the command line prints only the
    four fields above."""

    exit_code: ExitCode = ExitCode.OK
    lines: tuple[Line, ...] = ()
    json: Json | None = None
    notes: tuple[str, ...] = ()
    report: RunReport | None = None
    checked: RunReport | None = None
    after: Aftermath | None = None


def said(*texts: str, err: bool = False) -> tuple[Line, ...]:
    """Plain lines, on stdout (or stderr with ``err``)."""
    return tuple(Line(text, err) for text in texts)


def refused(err: UserError) -> Outcome:
    """An expected error (bad input, a state of the world the person can fix): one line, its code."""
    return Outcome(ExitCode(err.exit_code), notes=(f"linkedin-optout: error: {err}",))


def stopped(signal: str) -> Outcome:
    """Ctrl-C or SIGTERM outside a run (at a prompt, say): one line, 130 or 143. A run stopped by
    a signal keeps its record and says so itself."""
    if signal == "SIGTERM":
        return Outcome(ExitCode.TERMINATED, notes=("linkedin-optout: terminated (SIGTERM)",))
    return Outcome(ExitCode.INTERRUPTED,
                   notes=("linkedin-optout: interrupted; nothing was changed after the interruption",))
