"""Run history: one JSON line per run (and per objection text produced) in the state folder.

Append-only and private (0600). Drift is read from it: a setting that the previous run saw off
and this run sees on, or a setting seen for the first time after earlier runs. A damaged line is
never rewritten or dropped from the file; readers skip it and say so.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from automation.errors import FolderError
from automation.paths import state_root
from automation.private import open_private, private_dir
from automation.results.report import RunReport, UnlistedSwitch, now


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["run", "objection", "skipped", "prune"]
    at: datetime = Field(default_factory=now)
    profile: str | None = None
    report: RunReport | None = None  # kind == "run"
    # objection: region, form; run: every (a scheduled run's interval); skipped: reason, until;
    # prune: mode, exit_code and a count per status (never an item's words or link)
    details: dict[str, str] = Field(default_factory=dict)


def history_path() -> Path:
    return state_root() / "history.jsonl"


def append(record: Record, path: Path | None = None) -> Path:
    """Add one line. O_APPEND keeps concurrent writers' lines whole; the file is 0600."""
    target = path or history_path()
    private_dir(target.parent)
    line = (record.model_dump_json() + "\n").encode("utf-8")
    try:
        fd = open_private(target)
        try:
            os.write(fd, line)
        finally:
            os.close(fd)
    except OSError as exc:
        raise FolderError(f"cannot write history {target}: {exc.strerror or exc}") from exc
    return target


def read(path: Path | None = None) -> tuple[list[Record], list[int]]:
    """All readable records, oldest first, and the line numbers that could not be read."""
    target = path or history_path()
    records: list[Record] = []
    bad: list[int] = []
    try:
        lines = target.read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        return [], []
    except OSError as exc:
        raise FolderError(f"cannot read history {target}: {exc.strerror or exc}") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            records.append(Record.model_validate(json.loads(line)))
        except (ValueError, ValidationError):
            bad.append(number)
    return records, bad


def mark_drift(report: RunReport, previous: list[Record]) -> RunReport:
    """Set ``drift`` on each result that changed since earlier runs of the same profile."""
    runs = [r.report for r in previous if r.kind == "run" and r.report is not None and r.profile == report.profile]
    if not runs:
        return report  # the first run: everything is new, nothing drifted
    for result in report.results:
        if result.before is None:  # no switch was read: nothing to compare
            continue
        last = _last_known(runs, result.setting)
        if last is None:
            result.drift = "seen for the first time"
        elif last[0] is False and result.before is True:
            result.drift = f"was off on {last[1]:%Y-%m-%d %H:%M} UTC, now on"
    return report


def _last_known(runs: list[RunReport], setting: str) -> tuple[bool, datetime] | None:
    for run in reversed(runs):
        for r in run.results:
            if r.setting == setting:
                state = r.after if r.after is not None else r.before
                if state is not None:
                    return state, run.finished_at
    return None


def mark_unlisted(report: RunReport, previous: list[Record]) -> list[UnlistedSwitch]:
    """Give each unlisted switch the date it was first seen (earlier runs of the same profile), and
    return those that are on now and were never seen on before: each is alerted once."""
    runs = [r.report for r in previous if r.kind == "run" and r.report is not None and r.profile == report.profile]
    fresh = []
    for switch in report.unlisted:
        earlier = [u for run in runs for u in run.unlisted if u.same_as(switch)]
        if earlier:
            switch.first_seen = min(u.first_seen for u in earlier)
        if switch.state and not any(u.state for u in earlier):
            fresh.append(switch)
    return fresh


def mark_policy(report: RunReport, previous: list[Record]) -> RunReport:
    """Set ``policy.changed_from`` when the policy's date differs from the last one recorded (any
    profile: the policy is LinkedIn's, not the account's)."""
    if report.policy is None or report.policy.effective is None:
        return report
    for record in reversed(previous):
        policy = record.report.policy if record.kind == "run" and record.report is not None else None
        if policy is not None and policy.effective is not None:
            if policy.effective != report.policy.effective:
                report.policy.changed_from = policy.effective
            break
    return report
