"""The HTML report of a prune run: the table of items and, for each deleted (or tried) item, a
close-up of it before the deletion beside its page after the verifying reload.

One self-contained file in the run's private folder (0600), styled and framed as ``apply``'s
report (results/html_report.py: its page, its embedded images, its relative links). The
close-ups show the person's own content, so the file stays on this machine; no item's words are
written into it as text.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from automation.private import write_private
from automation.pruning.report import ItemStatus, PrunedItem, PruneReport
from automation.pruning.terminal import TITLES, WORDS, clean
from automation.results import html_report as shared  # the page frame and image helpers apply's report uses

_GOOD = (ItemStatus.GONE, ItemStatus.DELETED)


def _row(item: PrunedItem) -> str:
    css = "ok" if item.status in _GOOD else "bad"
    note = escape(clean(item.why)) + "".join(f'<br><span class="warn">⚠ {escape(w)}</span>' for w in item.warnings)
    link = f'<a href="{escape(item.link)}"><code>{escape(urlsplit(item.link).path)}</code></a>' if item.link else "-"
    restored = ' <strong class="bad">restored</strong>' if item.restored else ""
    return (f'<tr data-key="{escape(item.key or "")}"><td>{escape(clean(item.label))}</td>'
            f"<td>{escape(', '.join(item.reason))}</td><td class=\"st {css}\">{WORDS[item.status]}{restored}</td>"
            f"<td>{note}</td><td>{link}</td></tr>")


def _shot(path: str | None, what: str, base: Path | None) -> str:
    if not path:
        return f"<p class='dim'>no close-up {what}</p>"
    src = shared._embedded(path)
    if src is None:
        return f"<p class='warn'>screenshot missing: {escape(path)}</p>"
    return (f'<a href="{escape(shared._link(path, base))}"><img alt="the item {what}" src="{src}"></a>'
            f"<div class='dim'>{what}</div>")


def _pairs(report: PruneReport, base: Path | None) -> str:
    parts = []
    for item in report.items:
        if not (item.before or item.after):
            continue
        caption = (f"<strong>{escape(clean(item.label))}</strong>: "
                   f'<span class="st {"ok" if item.status in _GOOD else "bad"}">{WORDS[item.status]}</span>')
        parts.append(f'<figure class="card" data-key="{escape(item.key or "")}"><figcaption>{caption}</figcaption>'
                     f"{_shot(item.before, 'before', base)}{_shot(item.after, 'after the reload', base)}</figure>")
    return ("<h2>Each item before, and its page after the reload</h2>"
            f'<div class="cards">{"".join(parts)}</div>') if parts else ""


def render(report: PruneReport, base: Path | None = None) -> str:
    took = (report.finished_at - report.started_at).total_seconds()
    rows = "\n".join(_row(i) for i in report.items)
    notes = [*([report.halted.message] if report.halted else []), *report.notices]
    body = f"""<p class="summary {"ok" if report.exit_code == 0 else "bad"}" id="summary">{escape(report.summary())}.
Exit code {report.exit_code}.</p>
{"".join(f'<p class="warn">⚠ {escape(n)}</p>' for n in notes)}
<dl><dt>Started</dt><dd>{report.started_at:%Y-%m-%d %H:%M:%S} UTC ({took:.1f} s)</dd>
<dt>How</dt><dd>prune {escape(report.mode)}, profile {escape(report.profile or "-")}, linkedin-optout
{escape(report.tool_version)}</dd></dl>
<table id="items"><thead><tr><th>item</th><th>selected for</th><th>status</th><th>why</th><th>page
(https://www.linkedin.com…)</th></tr></thead>
<tbody>
{rows}
</tbody></table>
{_pairs(report, base)}"""
    return shared._page(f"linkedin-optout prune: {TITLES[report.mode]}", body)


def write(report: PruneReport, path: Path) -> Path:
    return write_private(path, render(report, base=path.parent))
