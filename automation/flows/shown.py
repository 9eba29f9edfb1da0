"""How a run's outcome is shown: its report as tables (or as JSON), what happened after it (the
history, the HTML report, alerts), and its exit code."""

from __future__ import annotations

import json
from pathlib import Path

from automation.exit_codes import ExitCode
from automation.flows.env import Line, Outcome
from automation.results.after_run import Aftermath
from automation.results.report import RunReport

NEXT_AFTER_DEMO = (
    "Next, what LinkedIn already holds of you, and deleting what you choose of it (on the demo: "
    "linkedin-optout prune --demo): linkedin-optout review --demo")


def report_lines(report: RunReport) -> tuple[Line, ...]:
    """A run on a terminal: its results, the unlisted switches, the notes, the summary."""
    from automation.results.terminal import report_parts

    return tuple(Line(part) for part in report_parts(report))


def run_outcome(report: RunReport, after: Aftermath | None = None, *, checked: RunReport | None = None,
                html: Path | None = None, code: ExitCode | None = None) -> Outcome:
    """A check's or apply's outcome; the demo's too (``checked``: its second run, ``html``: its page)."""
    lines = [*report_lines(report), *(report_lines(checked) if checked else ())]
    if report.mode == "apply":
        lines.append(Line(_limits()))
    if checked is not None:
        lines.append(Line(NEXT_AFTER_DEMO))
    notes = [f"HTML report: {html}"] if html is not None else []
    if after is not None:
        notes += [*after.notes, *(f"warning: {warning}" for warning in after.warnings)]
    if report.interrupted and checked is None:
        notes.append(f"stopped by {report.interrupted}: the history and the run folder hold what was done")
    if checked is None:
        payload = report.model_dump_json(indent=2)
    else:
        payload = json.dumps({"apply": report.model_dump(mode="json"), "check": checked.model_dump(mode="json")},
                             indent=2)
    return Outcome(ExitCode(report.exit_code) if code is None else code, tuple(lines), payload, tuple(notes),
                   report=report, checked=checked, after=after)


def _limits() -> object:
    """After apply: what the switches cannot do, and where to go next."""
    from automation.catalogue.loader import load_catalogue
    from automation.results.terminal import limits_note

    site = load_catalogue().site
    return limits_note(site.base_url, site.after.copy_of_data_path)
