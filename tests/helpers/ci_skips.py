"""Under CI, a test skipped for a tool that `make test` installs is a failure.

`make test` installs Xvfb (the headed tests) and systemd-analyze and crontab (the scheduler
tests) where it can (scripts/test_tools.sh), and says so in every skip for a missing one
(``INSTALLED``). On a developer's machine such a skip stays a skip, with its reason. With ``CI``
set it fails: a CI run that skipped every headed test, or every scheduler test, must not pass.
A skip for anything else (no root to make a user, no package registry) stays a skip everywhere.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

import pytest

INSTALLED = "make test installs it"  # the words every skip for such a tool carries


def tool_skip(reason: str) -> None:
    """Skip for a missing tool that `make test` installs (a failure under CI)."""
    pytest.skip(reason if INSTALLED in reason else f"{reason} ({INSTALLED} as root on Debian)")


def skip_reason(report: pytest.TestReport) -> str | None:
    """The reason of a skipped test's report (None for a report that is no skip)."""
    if not report.skipped or not isinstance(report.longrepr, tuple):
        return None
    return str(report.longrepr[2])


def strict(report: pytest.TestReport, environ: Mapping[str, str] = os.environ) -> None:
    """Turn a skip for a tool `make test` installs into a failure when ``CI`` is set."""
    reason = skip_reason(report)
    if reason is None or not environ.get("CI") or INSTALLED not in reason or hasattr(report, "wasxfail"):
        return
    report.outcome = "failed"
    report.longrepr = (f"{reason}\nUnder CI this skip is a failure: `make test` installs the tool "
                       "(scripts/test_tools.sh), so a run without it would pass without checking anything.")
