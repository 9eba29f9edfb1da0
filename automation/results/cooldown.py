"""Backing off after LinkedIn refuses, and noticing checks that have gone stale.

When LinkedIn refuses a run (HTTP 999, a lasting 429, "unusual activity"), knocking again soon
makes it worse. The refusal starts a cool-down, kept per profile in the state folder; scheduled
runs skip while it lasts (and say so), and each refusal in a row doubles it. A run that reaches
LinkedIn and is not refused ends it.

An unreachable run (a laptop that wakes offline) is not alerted on by itself: a scheduled run
alerts when the last run that reached LinkedIn is older than twice the schedule's interval.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from automation.errors import StateFileError
from automation.paths import state_root
from automation.private import write_private
from automation.results.report import ExitCode, RunReport, Status, now

FIRST = timedelta(hours=6)  # "wait some hours"
LONGEST = timedelta(days=7)
INTERVALS = {"daily": timedelta(days=1), "weekly": timedelta(days=7), "monthly": timedelta(days=31)}
# Runs that did not read LinkedIn's settings: they do not make a check fresh.
NOT_REACHED = {ExitCode.SESSION, ExitCode.UNREACHABLE, ExitCode.INTERRUPTED, ExitCode.TERMINATED}


class Cooldown(BaseModel):
    model_config = ConfigDict(extra="forbid")

    since: datetime
    until: datetime
    reason: str
    refusals: int = 1  # in a row

    def describe(self) -> str:
        return (f"LinkedIn refused on {self.since:%Y-%m-%d %H:%M} UTC ({self.reason}); scheduled runs back off "
                f"until {self.until:%Y-%m-%d %H:%M} UTC")


def cooldown_path(profile: str) -> Path:
    return state_root() / "cooldown" / f"{profile}.json"


def read(profile: str) -> Cooldown | None:
    path = cooldown_path(profile)
    try:
        return Cooldown.model_validate_json(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, ValidationError) as exc:
        raise StateFileError(f"cool-down file {path} is damaged ({type(exc).__name__})",
                             hint="delete it to end the cool-down") from exc


def active(profile: str, at: datetime | None = None) -> Cooldown | None:
    found = read(profile)
    return found if found and found.until > (at or now()) else None


def refusal(report: RunReport) -> str | None:
    """What LinkedIn answered, when it refused this run."""
    refused = [r.message for r in report.results if r.status is Status.REFUSED]
    if report.halted and report.halted.status is Status.REFUSED:  # while looking for new settings
        refused.append(report.halted.message)
    return refused[0].split(". ")[0] if refused else None


def record(report: RunReport, profile: str) -> Cooldown | None:
    """After a run: start (or lengthen) the cool-down on a refusal, end it when LinkedIn answered."""
    why = refusal(report)
    path = cooldown_path(profile)
    if why is None:
        if report.exit_code not in NOT_REACHED and path.exists():
            path.unlink()
        return None
    before = read(profile)
    count = before.refusals + 1 if before else 1
    start = report.finished_at
    cooldown = Cooldown(since=start, until=start + min(FIRST * 2 ** (count - 1), LONGEST), reason=why,
                        refusals=count)
    write_private(path, json.dumps(cooldown.model_dump(mode="json")))
    return cooldown


def last_reached(records: list, profile: str) -> datetime | None:
    """When a run of ``profile`` last read LinkedIn's settings (from the history records)."""
    for r in reversed(records):
        if r.kind == "run" and r.report and r.profile == profile and r.report.exit_code not in NOT_REACHED:
            return r.report.finished_at
    return None


def stale(records: list, profile: str, every: str, at: datetime | None = None) -> str | None:
    """A sentence when no run has reached LinkedIn for over twice the interval, else None."""
    last = last_reached(records, profile)
    limit = 2 * INTERVALS[every]
    if last is not None and (at or now()) - last <= limit:
        return None
    since = f"since {last:%Y-%m-%d %H:%M} UTC" if last else "yet"
    return f"no check has reached LinkedIn {since} (more than twice the {every} interval): the settings are unverified"
