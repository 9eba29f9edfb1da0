"""A prune run on a terminal: the table of items (still up, gone, deleted, could not tell, ...),
the counts, and, without a selection, what each kind of flag would choose.

Names from the export (a resume's file name) and from pages (an author's name in a reason) are
shown with control characters escaped (``review.printable``): a file or a page must not drive
the terminal. Each function returns what to print, in order; the command line prints it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from rich.table import Table
from rich.text import Text

from automation.pruning.report import ItemStatus, PruneReport
from automation.review.printable import printable

STYLE = {ItemStatus.STILL_UP: "bold yellow", ItemStatus.GONE: "green", ItemStatus.DELETED: "bold green",
         ItemStatus.FAILED: "bold red", ItemStatus.SKIPPED: "yellow", ItemStatus.UNKNOWN: "magenta"}
WORDS = {ItemStatus.STILL_UP: "still up", ItemStatus.GONE: "gone", ItemStatus.DELETED: "deleted",
         ItemStatus.FAILED: "failed", ItemStatus.SKIPPED: "skipped", ItemStatus.UNKNOWN: "could not tell"}
TITLES = {"look": "Still up? (looked only; nothing was deleted)", "delete": "Deleted, each verified by a reload",
          "guided": "Deleted by you, each verified by a reload", "recheck": "Still gone? (the ledger's items)"}


def clean(text: str) -> str:
    return printable(text)


def prune_lines(report: PruneReport) -> list[object]:
    """A prune run: the table of its items, the counts, why it stopped, what came back."""
    out: list[object] = []
    table = Table(title=TITLES[report.mode], title_justify="left")
    for column in ("item", "selected for", "status", "why", "page (https://www.linkedin.com...)"):
        table.add_column(column, overflow="fold")
    for item in report.items:
        status = Text(WORDS[item.status], style=STYLE[item.status])
        if item.restored:
            status.append(" (restored)", style="bold red")
        table.add_row(Text(clean(item.label)), Text(clean(", ".join(item.reason))), status, Text(clean(item.why)),
                      Text(urlsplit(item.link).path if item.link else "-", style="dim"))
    out.append(table)
    line = Text(report.summary())
    if report.already_gone:
        line.append(f"; {report.already_gone} more the ledger has as gone (prune --recheck looks at them)")
    if report.over_limit:
        line.append(f"; {report.over_limit} more beyond --limit, for the next run")
    out.append(line)
    if report.halted:
        out.append(Text(f"stopped: {clean(report.halted.message)}", style="bold red"))
    for notice in report.notices:
        out.append(Text(f"warning: {clean(notice)}", style="yellow"))
    for item in report.restored():
        out.append(Text(f"restored: {clean(item.label)} is up again ({item.link})", style="bold red"))
    return out


def would_lines(table: dict[str, dict[str, int]]) -> list[object]:
    """What each kind of flag would choose: the answer to `prune EXPORT` with no selection."""
    shown = Table(title="Nothing chosen yet. Each of these would choose:", title_justify="left")
    for column in ("--kind", "posts", "comments", "articles", "resumes", "answers"):
        shown.add_column(column, justify="left" if column == "--kind" else "right")
    for kind, counts in table.items():
        shown.add_row(kind, *(str(counts.get(k, "")) for k in ("post", "comment", "article", "resume", "answers")))
    return [shown, "Choose with --kind (repeatable), --before YEAR or --watch WORDS; --only and --limit narrow it. "
                   "Then look (the default), or add --delete."]
