"""A self-contained HTML report of a run: one file, screenshots embedded, nothing fetched.

It shows the table of settings (before, after, status, drift, note), when and how the run went,
and a screenshot of each settings page as the run left it: the evidence that a switch is off.
No cookie, token or session value is ever part of a RunReport, so none can reach this file.
"""

from __future__ import annotations

import base64
from html import escape
from pathlib import Path

from automation.private import write_private
from automation.results.report import ADOPT, FINE, RunReport

_CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1d2226}
h1{font-size:1.4rem} table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{border:1px solid #d0d7de;padding:.35rem .6rem;text-align:left;vertical-align:top}
th{background:#f3f6f8} .st{font-weight:600} .ok{color:#057642} .bad{color:#b24020}
.warn{color:#915907} .dim{color:#666} tr.drift td{background:#fff4d6}
figure{margin:1.5rem 0;border:1px solid #d0d7de;padding:.5rem} img{max-width:100%}
.summary{font-size:1.1rem;padding:.6rem;border-radius:6px;background:#f3f6f8}
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


def _screenshots(report: RunReport) -> str:
    shown: dict[str, list[str]] = {}
    for r in report.results:
        if r.screenshot:
            shown.setdefault(r.screenshot, []).append(r.setting)
    parts = []
    for path, settings in shown.items():
        try:
            data = base64.b64encode(Path(path).read_bytes()).decode("ascii")
        except OSError:
            parts.append(f"<p class='warn'>screenshot missing: {escape(path)}</p>")
            continue
        parts.append(f'<figure><img alt="settings page for {escape(", ".join(settings))}" '
                     f'src="data:image/png;base64,{data}"><figcaption>{escape(", ".join(settings))} '
                     f"as the run left it</figcaption></figure>")
    return "\n".join(parts)


def _unlisted(report: RunReport) -> str:
    """Switches on pages no map covers, with the run's notices and the policy date."""
    from automation.results.terminal import policy_words

    notes = [*([report.halted.message] if report.halted else []), *report.notices]
    parts = [f'<p class="warn">⚠ {escape(n)}</p>' for n in notes]
    if report.policy is not None:
        parts.append(f'<p id="policy" class="{"warn" if report.policy.changed_from else "dim"}">'
                     f"{escape(policy_words(report))}</p>")
    if report.unlisted:
        rows = "\n".join(
            f'<tr data-page="{escape(u.page)}"><td>{escape(u.title)}<br><span class="dim">{escape(u.page)}</span></td>'
            f'<td>{escape(u.label)}</td><td class="st {"bad" if u.state else "ok"}">{_state(u.state)}</td>'
            f"<td>{u.first_seen:%Y-%m-%d}</td><td><code>{escape(ADOPT.format(page=u.page))}</code></td></tr>"
            for u in report.unlisted)
        parts.append("<h2>Settings this tool does not know</h2><p>Read only: nothing here was changed, and "
                     "none of it changes the exit code. Adopt one to have every run turn it off.</p>"
                     '<table id="unlisted"><thead><tr><th>page</th><th>switch</th><th>state</th>'
                     f"<th>first seen</th><th>to adopt it</th></tr></thead><tbody>\n{rows}\n</tbody></table>")
    return "\n".join(parts)


def render(report: RunReport, title: str = "linkedin-optout report") -> str:
    took = (report.finished_at - report.started_at).total_seconds()
    rows = "\n".join(_row(r) for r in report.results)
    css = "ok" if report.exit_code == 0 else "bad"
    drift = len(report.drifted())
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>{_CSS}</style></head>
<body><h1>{escape(title)}: {escape(report.mode)}</h1>
<p class="summary {css}" id="summary">{escape(report.summary())}. Exit code {report.exit_code}.
{f"<strong>Drift: {drift} setting(s) changed since the last run.</strong>" if drift else ""}</p>
<dl><dt>Started</dt><dd>{report.started_at:%Y-%m-%d %H:%M:%S} UTC ({took:.1f} s)</dd>
<dt>How</dt><dd>{escape(report.trigger)} {escape(report.mode)}, profile {escape(report.profile or "-")},
linkedin-optout {escape(report.tool_version)}</dd></dl>
<table id="results"><thead><tr><th>setting</th><th>before</th><th>after</th><th>status</th><th>drift</th>
<th>note</th></tr></thead><tbody>
{rows}
</tbody></table>
{_unlisted(report)}
<h2>Pages as the run left them</h2>
{_screenshots(report) or "<p class='dim'>No screenshots were taken.</p>"}
</body></html>
"""


def write(report: RunReport, path: Path) -> Path:
    return write_private(path, render(report))
