"""The HTML report of a run: one file in the run's folder, nothing fetched from anywhere.

It shows the table of settings (before, after, status, drift, note), when and how the run went,
and each setting's switch as the run left it: a close-up of its card (switch and label, embedded,
at the page's own scale) with a link to the screenshot of the whole page, a file beside the report
(a relative link). ``render_demo`` puts both halves of the demo on one page. No cookie, token or
session value is ever part of a RunReport, so none can reach this file.
"""

from __future__ import annotations

import base64
import os
from html import escape
from pathlib import Path
from urllib.parse import quote

from automation.private import write_private
from automation.results.report import FINE, RunReport
from automation.results.words import NOTHING_TO_ADOPT, adopt_advice, adopt_command, policy_words, summary

_CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1d2226}
h1{font-size:1.4rem} h2{font-size:1.15rem;margin-top:1.6rem} table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{border:1px solid #d0d7de;padding:.35rem .6rem;text-align:left;vertical-align:top}
/* long URLs, paths and commands wrap anywhere rather than widen the page */
code{white-space:pre-wrap} td code,td .dim{overflow-wrap:anywhere}
th{background:#f3f6f8} .st{font-weight:600} .ok{color:#057642} .bad{color:#b24020}
.warn{color:#915907} .dim{color:#666} tr.drift td{background:#fff4d6}
.summary{font-size:1.1rem;padding:.6rem;border-radius:6px;background:#f3f6f8}
section.run{border-top:3px solid #d0d7de;margin-top:2rem}
.cards{display:flex;flex-direction:column;gap:.6rem;margin:1rem 0}
figure.card{margin:0;border:1px solid #d0d7de;border-radius:6px;padding:.4rem .6rem;display:flex;flex-wrap:wrap;
 align-items:center;gap:.2rem 1rem}
figure.card figcaption{flex:1 1 12rem;order:-1} figure.card img{display:block;max-width:100%;height:auto}
"""


def _state(value: bool | None) -> str:
    return "?" if value is None else ("on" if value else "off")


def _row(r) -> str:
    note = escape(r.message)
    note += "".join(f'<br><span class="warn">⚠ {escape(w)}</span>' for w in r.warnings)
    note += "".join(f'<br><span class="dim">evidence: {escape(p)}</span>' for p in r.evidence)
    if r.confirmed:  # how the state was believed: the page's data, or its age and looks
        note += f'<br><span class="dim confirmed">believed by {escape(r.confirmed.by)}: {escape(r.confirmed.detail)}'
        note += f" ({escape(r.confirmed.source)})</span>" if r.confirmed.source else "</span>"
    css = "ok" if r.status in FINE else "bad"
    return (f'<tr class="{"drift" if r.drift else ""}" data-setting="{escape(r.setting)}">'
            f"<td>{escape(r.setting)}</td><td>{_state(r.before)}</td><td>{_state(r.after)}</td>"
            f'<td class="st {css}">{escape(r.status.value)}</td><td>{escape(r.drift or "")}</td><td>{note}</td></tr>')


def _link(path: str, base: Path | None) -> str:
    """A link to a file of the run: relative to the report's folder when it is beside it or below."""
    if base is not None:
        relative = os.path.relpath(path, base)
        if not relative.startswith(".."):
            return quote(Path(relative).as_posix())
    return Path(path).resolve().as_uri()


def _embedded(path: str) -> str | None:
    try:
        return "data:image/png;base64," + base64.b64encode(Path(path).read_bytes()).decode("ascii")
    except OSError:
        return None


def _cards(report: RunReport, base: Path | None) -> str:
    """Each setting's switch as the run left it (a close-up of its card), and its whole page one click away."""
    parts = []
    for r in report.results:
        if not (r.card or r.screenshot):
            continue
        state = _state(r.after)
        caption = (f'<strong>{escape(r.setting)}</strong>: <span class="st {"bad" if r.after else "ok"}">{state}</span>'
                   f' <span class="dim">({escape(r.status.value)})</span>')
        if r.screenshot:
            caption += f' · <a class="page" href="{escape(_link(r.screenshot, base))}">the whole page</a>'
        src = _embedded(r.card) if r.card else None
        if src:
            shot = f'<img alt="the {escape(r.setting)} switch as the run left it: {state}" src="{src}">'
        elif r.card:
            shot = f"<p class='warn'>screenshot missing: {escape(r.card)}</p>"
        else:
            shot = "<p class='dim'>no close-up of the switch: see the whole page</p>"
        parts.append(f'<figure class="card" data-setting="{escape(r.setting)}">{shot}<figcaption>{caption}'
                     "</figcaption></figure>")
    return f'<div class="cards">{"".join(parts)}</div>' if parts else ""


def _unlisted(report: RunReport, ids: str = "") -> str:
    """Switches on pages no map covers, with the run's notices and the policy date."""
    notes = [*([report.halted.message] if report.halted else []), *report.notices]
    parts = [f'<p class="warn">⚠ {escape(n)}</p>' for n in notes]
    if report.policy is not None:
        parts.append(f'<p id="{ids}policy" class="{"warn" if report.policy.changed_from else "dim"}">'
                     f"{escape(policy_words(report))}</p>")
    if report.unlisted:
        rows = "\n".join(
            f'<tr data-page="{escape(u.page)}"><td>{escape(u.title)}<br><span class="dim">{escape(u.page)}</span></td>'
            f'<td>{escape(u.label)}</td><td class="st {"bad" if u.state else "ok"}">{_state(u.state)}</td>'
            f"<td>{u.first_seen:%Y-%m-%d}</td><td>{_adopt(report, u.page)}</td></tr>"
            for u in report.unlisted)
        parts.append("<h2>Settings this tool does not know</h2><p>Read only: nothing here was changed, and "
                     f"none of it changes the exit code. {escape(adopt_advice(report, listed=False))}</p>"
                     f'<table id="{ids}unlisted"><thead><tr><th>page</th><th>switch</th><th>state</th>'
                     f"<th>first seen</th><th>to adopt it</th></tr></thead><tbody>\n{rows}\n</tbody></table>")
    return "\n".join(parts)


def _adopt(report: RunReport, page: str) -> str:
    command = adopt_command(report, page)
    return f"<code>{escape(command)}</code>" if command else f'<span class="dim">{escape(NOTHING_TO_ADOPT)}</span>'


def _run(report: RunReport, base: Path | None, *, ids: str = "", evidence: bool = True) -> str:
    """One run: its summary, how it went, the table, what it found unlisted, and its switches.
    ``ids`` prefixes the element ids, so that two runs can share a page."""
    took = (report.finished_at - report.started_at).total_seconds()
    rows = "\n".join(_row(r) for r in report.results)
    css = "ok" if report.exit_code == 0 else "bad"
    drift = len(report.drifted())
    cards = _cards(report, base) if evidence else ""
    shown = (f"<h2>The switches as the run left them</h2>{cards}" if cards
             else "<p class='dim'>No screenshots were taken.</p>" if evidence else "")
    return f"""<p class="summary {css}" id="{ids}summary">{escape(summary(report))}
{f"<strong>Drift: {drift} setting(s) changed since the last run.</strong>" if drift else ""}</p>
<dl><dt>Started</dt><dd>{report.started_at:%Y-%m-%d %H:%M:%S} UTC ({took:.1f} s)</dd>
<dt>How</dt><dd>{escape(report.trigger)} {escape(report.mode)}, profile {escape(report.profile or "-")},
linkedin-optout {escape(report.tool_version)}</dd></dl>
<table id="{ids}results"><thead><tr><th>setting</th><th>before</th><th>after</th><th>status</th><th>drift</th>
<th>note</th></tr></thead><tbody>
{rows}
</tbody></table>
{_unlisted(report, ids)}
{shown}"""


def _page(title: str, body: str) -> str:
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>{_CSS}</style></head>
<body><h1>{escape(title)}</h1>
{body}
</body></html>
"""


def render(report: RunReport, title: str = "linkedin-optout report", base: Path | None = None) -> str:
    """One run's report. ``base``: the folder the report is written to (its links are relative to it)."""
    return _page(f"{title}: {report.mode}", _run(report, base))


def render_demo(applied: RunReport, checked: RunReport, base: Path | None = None) -> str:
    """The whole demo on one page: the apply that turns every switch off, then the check that reads
    every page again from a fresh load."""
    return _page("linkedin-optout demo: apply, then check again", f"""<p>A stand-in of LinkedIn on 127.0.0.1 with
every switch on: first every switch is read and turned off, each change proved by a reload; then every page is
read again from a fresh load. Nothing left this machine.</p>
<section class="run" id="apply"><h2>1. Apply: read every switch, turn off what is on</h2>
{_run(applied, base, ids="apply-")}</section>
<section class="run" id="check"><h2>2. Check again: read every page afresh</h2>
{_run(checked, base, ids="check-", evidence=False)}</section>""")


def write(report: RunReport, path: Path) -> Path:
    return write_private(path, render(report, base=path.parent))


def write_demo(applied: RunReport, checked: RunReport, path: Path) -> Path:
    return write_private(path, render_demo(applied, checked, base=path.parent))
