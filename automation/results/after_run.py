"""What happens after a check or apply: history and drift, the HTML report, alerts.

The run has already happened, so nothing here may lose its result: problems become warnings
that the CLI prints beside the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from automation.errors import UserError
from automation.results import alerts as notify
from automation.results import cooldown, history, html_report
from automation.results.report import ExitCode, RunReport


def run_folder(root: Path, mode: str, started: datetime) -> Path:
    """A new run's private folder name (created only when something is written into it)."""
    return root / f"{started:%Y%m%dT%H%M%S}{started.microsecond // 1000:03d}Z-{mode}"


@dataclass
class Aftermath:
    notes: list[str] = field(default_factory=list)  # paths written, alerts sent
    warnings: list[str] = field(default_factory=list)


def after_run(report: RunReport, *, profile: str | None, trigger: str, run_dir: Path, html: bool,
              notify_urls: list[str], desktop: bool, every: str | None = None) -> Aftermath:
    done = Aftermath()
    report.profile, report.trigger, report.run_dir = profile, trigger, str(run_dir)
    previous: list[history.Record] = []
    fresh = []
    try:
        previous, bad = history.read()
        if bad:
            done.warnings.append(f"history {history.history_path()}: skipped unreadable line(s) {bad[:5]}")
        history.mark_drift(report, previous)
        fresh = history.mark_unlisted(report, previous)
        history.mark_policy(report, previous)
        history.append(history.Record(kind="run", profile=profile, report=report,
                                      details={"every": every} if every else {}))
    except UserError as err:
        done.warnings.append(f"run not recorded in the history: {err}")
    if profile is not None:
        try:
            if started := cooldown.record(report, profile):
                done.notes.append(f"{started.describe()}. Run by hand only after some hours.")
        except UserError as err:
            done.warnings.append(str(err))
    stale = cooldown.stale(previous, profile, every) if (
        every and profile and report.exit_code == ExitCode.UNREACHABLE) else None
    if html:
        try:
            done.notes.append(f"HTML report: {html_report.write(report, run_dir / 'report.html')}")
        except UserError as err:
            done.warnings.append(f"no HTML report: {err}")
    why = notify.reasons(report, fresh) + ([stale] if stale else [])
    if why and (notify_urls or desktop):
        title, body = notify.compose(report, why)
        if desktop and notify.desktop(title, body):
            done.notes.append("desktop notification shown")
        failed = notify.send(notify_urls, title, body)
        done.warnings.extend(failed)
        if notify_urls and len(failed) < len(notify_urls):
            done.notes.append(f"alert sent to {len(notify_urls) - len(failed)} target(s)")
    return done
