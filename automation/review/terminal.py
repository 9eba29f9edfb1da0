"""The review on a terminal, what to do first: the count of flags per kind, then the flags (old
content oldest first, with a count per year; the first few of each kind: --json, --csv and --html
hold them all), then the categories of LinkedIn's policy, the files' notes (every file with
``--files``), what LinkedIn infers and what advertisers can target.

``review_lines`` makes it, as the lines of the command's outcome (``print_review`` prints them).
Every string from the export goes through ``printable`` and reaches Rich as ``Text``, never as
markup: an export cannot move the cursor, clear the screen or plant a link on the terminal.
"""

from __future__ import annotations

from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from automation.review.flag_kinds import FlagKind
from automation.review.flags import Flag
from automation.review.printable import printable
from automation.review.result import Review

SHOWN_PER_KIND = 10
SHOWN_DONE = 3


def _t(text: str, style: str = "") -> Text:
    return Text(printable(text), style=style)


def _ai(value: bool | None) -> Text:
    if value is None:
        return Text("not named", style="dim")
    return Text("used", style="bold yellow") if value else Text("excluded", style="green")


def review_lines(review: Review, *, files: bool = False) -> list[RenderableType]:
    """The review as what a terminal shows, in order: styled lines (``Text``, printed unwrapped) and
    tables (laid out to the terminal's width)."""
    out: list[RenderableType] = []
    what = "a synthetic export of an invented person" if review.synthetic else printable(review.source)
    out.append(Text.assemble(("Review of ", "bold"), (what, "bold"), " (offline; nothing was changed or sent)"))
    _summary(review, out)
    for kind in FlagKind:
        _kind(review, kind, out)
    cats = Table(title="\nPer category of LinkedIn's generative-AI policy", title_justify="left")
    for column in ("category", "AI training", "files", "rows"):
        cats.add_column(column, justify="right" if column in ("files", "rows") else "left")
    for c in review.categories():
        cats.add_row(Text(c["title"]), _ai(c["ai_training"]), Text(str(c["files"])), Text(f"{c['rows']:,}"))
    out.append(cats)
    if files:
        _files(review, out)
    else:
        for f in review.files:
            if f.notes:
                out.append(_t(f"  {f.name}: {'; '.join(f.notes)}", "dim"))
        out.append(Text(f"  {len(review.files)} files read (--files lists each with its rows)", style="dim"))
    if review.unknown_files:
        out.append(_t(f"Files this tool does not know (not read): {', '.join(review.unknown_files)}", "dim"))
    for note in review.notes:
        out.append(_t(f"note: {note}", "yellow"))
    _tables(review, out)
    out.append(Text("\nNothing was deleted or changed: each flag is a pointer for you. Excerpts mask e-mail "
                   "addresses and phone numbers (--show shows them whole).", style="dim"))
    return out


def print_review(review: Review, console: Console, *, files: bool = False) -> None:
    """The review on ``console``, as the command line prints it: styled lines unwrapped (a link is
    never broken across lines), tables to the console's width."""
    for shown in review_lines(review, files=files):
        console.print(shown, soft_wrap=isinstance(shown, Text))


def _summary(review: Review, out: list[RenderableType]) -> None:
    counts, done = review.flag_counts(), review.flag_counts(done=True)
    total = sum(counts.values())
    line = f"{total} flag(s) to act on" + (": " + ", ".join(f"{n} {k}" for k, n in counts.items() if n) if total else "")
    if sum(done.values()):
        line += f"; {sum(done.values())} already gone per prune's ledger (" + \
            ", ".join(f"{n} {k}" for k, n in done.items() if n) + ")"
    out.append(Text(line, style="bold"))
    missing = review.missing_note()
    if missing:
        out.append(Text(missing, style="bold yellow"))
    for note in (review.region_note(), review.older_than_note()):
        if note:
            out.append(Text(note, style="yellow"))


def _kind(review: Review, kind: FlagKind, out: list[RenderableType]) -> None:
    flags, done = review.of_kind(kind), review.of_kind(kind, done=True)
    if not flags and not done:
        return
    out.append(Text(f"\n{kind.heading} ({len(flags)})", style="bold"))
    if kind is FlagKind.OLD and flags:
        years = " · ".join(f"{year}: {n:,}" for year, n in review.old_by_year().items())
        out.append(Text(f"  by year: {years}", style="cyan"))
    where = ""
    for flag in flags[:SHOWN_PER_KIND]:
        if flag.where != where:  # said once for a run of flags that are changed in the same place
            where = flag.where
            out.append(Text(f"  where to change or delete: {where}", style="magenta"))
            if kind.link:  # one page for all of them (saved resumes and answers): said once too
                out.append(Text(f"      {kind.link}", style="blue"))
        _flag(flag, out, page=kind.link)
    if len(flags) > SHOWN_PER_KIND:
        out.append(Text(f"  … and {len(flags) - SHOWN_PER_KIND:,} more (all of them: --json, --csv or --html)",
                       style="dim"))
    if done:
        out.append(Text(f"  already gone per prune's ledger: {len(done):,}", style="green"))
        for flag in done[:SHOWN_DONE]:
            _flag(flag, out, done=True)


def _flag(flag: Flag, out: list[RenderableType], *, done: bool = False, page: str | None = None) -> None:
    when = flag.date or (f"“{flag.date_text}”" if flag.date_text else "no date")
    line = Text(f"  {'✓ ' if done else ''}{printable(when)}  ", style="green" if done else "cyan")
    line.append(f"{printable(flag.file)}: ", style="dim")
    line.append(printable(flag.excerpt), style="dim" if done else "")
    if done:
        line.append(f"  ({flag.done})", style="green")
    out.append(line)
    # On its own line and never wrapped: a broken link cannot be clicked or copied.
    if flag.link and flag.link != page and not done:
        out.append(_t(f"      {flag.link}", "blue"))


def _files(review: Review, out: list[RenderableType]) -> None:
    table = Table(title="Files", title_justify="left")
    for column in ("file", "kind", "rows", "notes"):
        table.add_column(column, justify="right" if column == "rows" else "left", overflow="fold")
    for f in review.files:
        table.add_row(_t(f.name), Text(f.kind), Text(f"{f.rows:,}"), _t("; ".join(f.notes)))
    out.append(table)


def _tables(review: Review, out: list[RenderableType]) -> None:
    if review.inferences:
        inf = Table(title="What LinkedIn infers about you", title_justify="left")
        names = list(review.inferences[0])
        for name in names:
            inf.add_column(_t(name), overflow="fold")
        for row in review.inferences:
            inf.add_row(*(_t(row.get(n, "")) for n in names))
        out.append(inf)
    if review.ad_targeting:
        ads = Table(title="What advertisers can target you by", title_justify="left")
        ads.add_column("targeting")
        ads.add_column("values", overflow="fold")
        for name, values in review.ad_targeting.items():
            if values:
                ads.add_row(_t(name), _t("; ".join(values)))
        out.append(ads)
