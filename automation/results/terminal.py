"""How results look on a terminal: the catalogue table, the results table, the summary line."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from rich.console import Console
from rich.table import Table
from rich.text import Text

from automation.results.words import adopt_advice, policy_words, summary

if TYPE_CHECKING:
    from automation.catalogue.models import Catalogue
    from automation.results.report import RunReport

# Failures and drift must stand out; what is fine stays quiet.
STYLE = {
    "already_off": "green",
    "turned_off": "bold green",
    "on": "bold yellow",
    "unavailable": "dim",
    "not_found": "bold magenta",
    "ambiguous": "bold magenta",
    "failed": "bold red",
    "signed_out": "bold red",
    "challenge": "bold red",
    "refused": "bold red",
    "unreachable": "bold blue",
    "skipped": "dim",
}


def _state(value: bool | None) -> Text:
    if value is None:
        return Text("?", style="dim")
    return Text("on", style="yellow") if value else Text("off", style="green")


def catalogue_table(catalogue: Catalogue) -> Table:
    table = Table(title="LinkedIn settings this tool turns off", title_justify="left")
    # A page path has no space to wrap at: fold it (and a long id) rather than cut it short.
    table.add_column("id", style="bold", overflow="fold")
    table.add_column("group")
    table.add_column("page", overflow="fold")
    table.add_column("what it controls")
    for s in catalogue.settings:
        table.add_row(s.id, s.group, s.path, s.controls)
    return table


def results_table(report: RunReport) -> Table:
    title = "Check (read only)" if report.mode == "check" else "Apply (turn off, verify by reload)"
    table = Table(title=title, title_justify="left")
    table.add_column("setting", style="bold")
    table.add_column("before")
    table.add_column("after")
    table.add_column("status")
    table.add_column("note", overflow="fold")
    for r in report.results:
        note = Text(r.message)
        for warning in r.warnings:
            note.append(f"\n⚠ {warning}", style="yellow")
        for path in r.evidence:
            note.append(f"\nevidence: {path}", style="dim")
        table.add_row(r.setting, _state(r.before), _state(r.after), Text(r.status.value, style=STYLE[r.status]), note)
    return table


def summary_line(report: RunReport) -> Text:
    style = "green" if report.exit_code == 0 else "bold red"
    drift = sum(1 for r in report.results if r.warnings)
    text = Text(summary(report), style=style)
    if drift:
        text.append(f" {drift} found by a fallback: the selector maps need an update.", style="yellow")
    if on := sum(1 for u in report.unlisted if u.state):
        text.append(f" {on} setting(s) this tool does not know are on (not changed, not in the exit code).",
                    style="bold yellow")
    if report.interrupted:
        text.append(f" Stopped by {report.interrupted}: what was done is recorded; the rest was skipped.",
                    style="yellow")
    return text


def unlisted_table(report: RunReport) -> Table:
    """Switches on pages no map covers: shown, never changed, never in the exit code."""
    table = Table(title="Settings this tool does not know (read only: nothing here was changed)", title_justify="left",
                  caption=adopt_advice(report), caption_justify="left")
    for column in ("page", "switch", "state", "first seen"):
        table.add_column(column, overflow="fold")
    for u in report.unlisted:
        table.add_row(f"{u.title}\n{urlsplit(u.page).path}", u.label or "(no name)", _state(u.state),
                      f"{u.first_seen:%Y-%m-%d}")
    return table


def notes_lines(report: RunReport) -> list[Text]:
    """What the run met beyond the settings: a halt, the category pages, the policy date."""
    lines = []
    if report.halted:
        lines.append(Text(f"⚠ {report.halted.message}", style="bold red"))
    lines += [Text(f"⚠ {notice}", style="yellow") for notice in report.notices]
    if report.policy is not None:
        lines.append(Text(policy_words(report), style="bold yellow" if report.policy.changed_from else ""))
    return lines


def report_parts(report: RunReport) -> list[Table | Text]:
    """A run on a terminal: the results, the unlisted switches, the notes, the summary."""
    return [results_table(report), *([unlisted_table(report)] if report.unlisted else []), *notes_lines(report),
            summary_line(report)]


def print_report(report: RunReport, console: Console | None = None) -> None:
    console = console or Console()
    for part in report_parts(report):
        console.print(part)


def history_table(records) -> Table:
    table = Table(title="Run history (newest last)", title_justify="left")
    for column in ("when (UTC)", "profile", "how", "result", "exit", "drift"):
        table.add_column(column)
    for record in records:
        when = f"{record.at:%Y-%m-%d %H:%M}"
        if record.kind == "skipped":
            until = record.details.get("until", "?")[:16].replace("T", " ")
            table.add_row(when, record.profile or "-", "scheduled", Text(
                f"skipped: backing off after LinkedIn refused ({record.details.get('reason', '?')}) until {until}",
                style="yellow"), "", "")
            continue
        if record.kind == "prune":
            counts = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in record.details.items()
                               if k not in ("mode", "exit_code"))
            table.add_row(when, record.profile or "-", f"prune {record.details.get('mode', '?')}", counts or "no items",
                          record.details.get("exit_code", ""), "")
            continue
        if record.kind == "objection":
            region = record.details.get("region", "?")
            table.add_row(when, record.profile or "-", "objection", f"objection text produced (region {region})", "", "")
            continue
        report = record.report
        drift = ", ".join(r.setting for r in report.drifted())
        code = Text(str(report.exit_code), style="green" if report.exit_code == 0 else "bold red")
        changes = Text(drift, style="bold yellow")  # and, below, what else the run saw
        if (seen := also_seen(report)).plain:
            changes.append("\n" if drift else "")
            changes.append_text(seen)
        table.add_row(when, record.profile or "-", f"{report.trigger} {report.mode}", report.summary(), code, changes)
    return table


def also_seen(report: RunReport) -> Text:
    """Below the drift in history: unlisted settings and the policy date."""
    lines = [Text(f"unlisted {'on' if u.state else 'off' if u.state is False else '?'}: {u.label}",
                  style="bold yellow" if u.state else "") for u in report.unlisted]
    if report.policy is not None and report.policy.effective is not None:
        changed = f" (was {report.policy.changed_from})" if report.policy.changed_from else ""
        lines.append(Text(f"policy {report.policy.effective}{changed}", style="bold yellow" if changed else "dim"))
    return Text("\n").join(lines)


def limits_note(base_url: str, copy_of_data_path: str) -> Text:
    """After apply: what the switches cannot do, and where to go next."""
    text = Text("What the switches cannot do: ", style="bold")
    text.append("they stop future use only; data and content already used to train models stays used. "
                "LinkedIn says private messages are not used for AI training in any case. To object to "
                "the rest (non-generative models, personalization), run ")
    text.append("linkedin-optout objection", style="bold")
    text.append(f". To see what LinkedIn holds, use \"Get a copy of your data\": {base_url}{copy_of_data_path}")
    return text
