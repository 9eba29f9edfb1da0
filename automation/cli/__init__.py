"""The ``linkedin-optout`` command line, apart from the core (httpie's ``cli/`` layout).

``base`` holds the group, the shared options and helpers; each family of commands has its own
module with its commands at module level; they are attached here, in one place.
"""

from __future__ import annotations

import signal

from automation.cli.base import Terminated, cli
from automation.cli.objection import objection
from automation.cli.prune import prune  # noqa: F401  (attaches itself: @cli.command)
from automation.cli.review import review  # noqa: F401  (attaches itself: @cli.command)
from automation.cli.run import apply, check, demo, settings
from automation.cli.schedule import history_, schedule, scheduled
from automation.cli.session import import_session, login, logout, whoami
from automation.cli.teach import teach
from automation.cli.tools import capture, doctor, selftest

for command in (settings, check, apply, demo, login, whoami, import_session, logout, schedule, scheduled,
                history_, objection, doctor, capture, selftest, teach):
    cli.add_command(command)


def _terminate(_signum: int, _frame: object) -> None:
    raise Terminated()


def main(argv: list[str] | None = None, *, site: object | None = None) -> None:
    """The console script. ``site`` (a ``LiveSite``) points every run at another server: the
    tests' stand-in of LinkedIn; the console script never sets it."""
    signal.signal(signal.SIGTERM, _terminate)  # a run replaces this with its own soft stop
    cli.main(args=argv, prog_name="linkedin-optout", obj=site)


__all__ = ["cli", "main"]
