"""The review as one self-contained HTML page: nothing fetched, no script. What to do first: the
flags per kind with their links (old content oldest first, with a count per year; those prune's
ledger has gone apart, marked done), then a table per category, what LinkedIn infers and the ad
targeting. Every value from the export is escaped."""

from __future__ import annotations

from html import escape

from automation.review.flag_kinds import FlagKind
from automation.review.flags import Flag
from automation.review.kinds import CATEGORIES
from automation.review.result import Review

SHOWN_PER_KIND = 2000  # a page a browser still scrolls; --csv and --json hold every flag

_CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d2226}
h1{font-size:1.4rem} h2{font-size:1.15rem;margin-top:2rem} table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #d0d7de;padding:.35rem .6rem;text-align:left;vertical-align:top}
th{background:#f3f6f8} .used{color:#915907;font-weight:600} .excluded{color:#057642} .dim{color:#666}
.summary{font-size:1.05rem;padding:.6rem;border-radius:6px;background:#f3f6f8} td.n{text-align:right}
table.flags{table-layout:fixed} table.flags td{overflow-wrap:anywhere}
table.flags th:nth-child(1){width:7.5rem} table.flags th:nth-child(2){width:11rem}
table.flags th:nth-child(4),table.flags th:nth-child(5){width:22%} .done td{color:#057642}
.missing{font-weight:600;color:#915907} table.years{width:auto}
"""


def _ai(value: bool | None) -> str:
    if value is None:
        return '<span class="dim">not named</span>'
    return '<span class="used">used</span>' if value else '<span class="excluded">excluded</span>'


def _link(url: str | None) -> str:
    if not url:
        return ""
    safe = url if url.startswith(("https://", "http://")) else ""
    shown = escape(url)
    return f'<a href="{escape(safe)}" rel="noreferrer noopener">{shown}</a>' if safe else shown


def render(review: Review) -> str:
    what = "a synthetic export of an invented person" if review.synthetic else review.source
    counts, done = review.flag_counts(), review.flag_counts(done=True)
    gone = f", {sum(done.values()):,} already gone per prune's ledger" if sum(done.values()) else ""
    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>LinkedIn export review</title>"
             f"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
             f"<style>{_CSS}</style></head><body>",
             f"<h1>What LinkedIn holds: review of {escape(what)}</h1>",
             f"<p class='summary' id='summary'>{len(review.files)} files, {sum(f.rows for f in review.files):,} rows, "
             f"{sum(counts.values())} flags to act on{gone}. Reviewed offline on {escape(review.today)}; nothing was "
             "changed or sent.</p>"]
    missing = review.missing_note()
    if missing:
        parts.append(f"<p class='missing' id='missing'>{escape(missing)}</p>")
    for note in (review.region_note(), review.older_than_note()):
        if note:
            parts.append(f"<p class='dim'>{escape(note)}</p>")
    parts.append("<h2>Flags</h2>")
    for kind in FlagKind:
        parts.extend(_flags(review, kind, counts[kind]))
    parts.extend(_categories(review))
    if review.inferences:
        names = list(review.inferences[0])
        parts.append("<h2>What LinkedIn infers about you</h2><table id='inferences'><thead><tr>"
                     + "".join(f"<th>{escape(n)}</th>" for n in names) + "</tr></thead><tbody>")
        for row in review.inferences:
            parts.append("<tr>" + "".join(f"<td>{escape(row.get(n, ''))}</td>" for n in names) + "</tr>")
        parts.append("</tbody></table>")
    if review.ad_targeting:
        parts.append("<h2>What advertisers can target you by</h2><table id='ad-targeting'><tbody>")
        for name, values in review.ad_targeting.items():
            if values:
                parts.append(f"<tr><th>{escape(name)}</th><td>{escape('; '.join(values))}</td></tr>")
        parts.append("</tbody></table>")
    parts.append("<p class='dim'>Nothing was deleted or changed by this tool. E-mail addresses and phone numbers "
                 "in excerpts are masked unless the review ran with --show.</p></body></html>")
    return "\n".join(parts)


_HEAD = ("<thead><tr><th>date</th><th>file</th><th>excerpt</th><th>link</th><th>where to change or delete"
         "</th></tr></thead><tbody>")


def _flags(review: Review, kind: FlagKind, count: int) -> list[str]:
    flags, done = review.of_kind(kind), review.of_kind(kind, done=True)
    if not flags and not done:
        return []
    parts = [f"<h3>{escape(kind.heading)} ({count})</h3>"]
    if kind is FlagKind.OLD and flags:
        parts.append("<table class='years' id='old-by-year'><thead><tr><th>year</th><th>old items</th></tr></thead>"
                     "<tbody>" + "".join(f"<tr><td>{escape(year)}</td><td class='n'>{n:,}</td></tr>"
                                         for year, n in review.old_by_year().items()) + "</tbody></table>")
    if flags:
        parts.append(f"<table class='flags' data-kind='{kind}'>{_HEAD}")
        parts.extend(_row(flag) for flag in flags[:SHOWN_PER_KIND])
        parts.append("</tbody></table>")
    if len(flags) > SHOWN_PER_KIND:
        parts.append(f"<p class='dim'>… and {len(flags) - SHOWN_PER_KIND:,} more: all of them are in --csv and "
                     "--json.</p>")
    if done:
        parts.append(f"<p>Already gone per prune's ledger: {len(done):,}</p><table class='flags done-flags' "
                     f"data-kind='{kind}'>{_HEAD}")
        parts.extend(_row(flag) for flag in done[:SHOWN_PER_KIND])
        parts.append("</tbody></table>")
    return parts


def _row(flag: Flag) -> str:
    when = flag.date or (flag.date_text or "")
    status = f" ({escape(flag.done)})" if flag.done else ""
    return (f"<tr{' class=done' if flag.done else ''}><td>{escape(when)}{status}</td><td>{escape(flag.file)}</td>"
            f"<td>{escape(flag.excerpt)}</td><td>{_link(flag.link)}</td><td>{escape(flag.where)}</td></tr>")


def _categories(review: Review) -> list[str]:
    parts = ["<h2>Per category of LinkedIn's generative-AI policy</h2>"]
    for category in CATEGORIES:
        files = [f for f in review.files if f.category == category.key]
        if not files:
            continue
        parts.append(f"<table class='category' data-category='{category.key}'><caption>{escape(category.title)} "
                     f"— AI training: {_ai(category.ai_training)}</caption>"
                     "<thead><tr><th>file</th><th>kind</th><th>rows</th><th>AI training</th><th>notes</th></tr></thead><tbody>")
        for f in files:
            parts.append(f"<tr><td>{escape(f.name)}</td><td>{escape(f.kind)}</td><td class='n'>{f.rows:,}</td>"
                         f"<td>{_ai(f.ai_training)}</td><td>{escape('; '.join(f.notes))}</td></tr>")
        parts.append("</tbody></table>")
    if review.unknown_files:
        parts.append(f"<p class='dim'>Files this tool does not know (not read): "
                     f"{escape(', '.join(review.unknown_files))}</p>")
    for note in review.notes:
        parts.append(f"<p class='dim'>note: {escape(note)}</p>")
    return parts
