"""What comes after a prune run: the history line, the HTML report, the cool-down after a
refusal, the alert for an item LinkedIn restored. The run has happened: nothing here may lose its
result, so a problem is a warning beside the report. The demo keeps none of it but its HTML page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from automation.errors import UserError
from automation.pruning.report import PruneReport
from automation.results import alerts, cooldown, history
from automation.results.report import RunReport, SettingResult, Status

if TYPE_CHECKING:
    from automation.flows.env import Env


def record(report: PruneReport, profile: str) -> None:
    """One history line: the mode, the exit code and a count per status; never an item's words or link."""
    details = {"mode": report.mode, "exit_code": str(report.exit_code),
               **{status: str(n) for status, n in report.counts().items()}}
    if report.restored():
        details["restored"] = str(len(report.restored()))
    history.append(history.Record(kind="prune", profile=profile, details=details))


def refused_as_run(report: PruneReport) -> RunReport:
    """A refusal met while pruning, as the run report the cool-down reads (one rule for every command)."""
    assert report.halted is not None
    return RunReport(mode="prune", results=[SettingResult(setting="prune", status=report.halted.status,
                                                          message=report.halted.message)],
                     started_at=report.started_at, finished_at=report.finished_at)


def restored_alert(report: PruneReport) -> tuple[str, str]:
    title = "linkedin-optout: content you deleted is back" + (f" ({report.profile})" if report.profile else "")
    lines = [f"restored: {i.label} ({i.link})" for i in report.restored()]
    return title, "\n".join([*lines, report.summary(), "Run `linkedin-optout prune --recheck` to see details."])


@dataclass
class Kept:
    """What the run left besides its report: paths written and alerts sent, and warnings."""

    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def after(env: Env, report: PruneReport, run_dir: Path, *, demo: bool, html: bool, notify: tuple[str, ...]) -> Kept:
    outcome, profile = Kept(), env.config.profile
    if not demo:
        try:
            record(report, profile)
        except UserError as err:
            outcome.warnings.append(f"run not recorded in the history: {err}")
        if report.halted is not None and report.halted.status is Status.REFUSED:
            try:
                if started := cooldown.record(refused_as_run(report), profile):
                    outcome.notes.append(f"{started.describe()}. Run by hand only after some hours.")
            except UserError as err:
                outcome.warnings.append(str(err))
    if html:
        from automation.pruning.html_page import write

        try:
            outcome.notes.append(f"HTML report: {write(report, run_dir / 'report.html')}")
        except UserError as err:
            outcome.warnings.append(f"no HTML report: {err}")
    if report.restored():
        title, body = restored_alert(report)
        if alerts.desktop(title, body):
            outcome.notes.append("desktop notification shown")
        targets = [*notify, *env.config.notify_urls()]
        failed = alerts.send(targets, title, body)
        outcome.warnings.extend(failed)
        if targets and len(failed) < len(targets):
            outcome.notes.append(f"alert sent to {len(targets) - len(failed)} target(s)")
    return outcome
