"""The review on a terminal: counts per category, the files, what LinkedIn infers, what advertisers
can target, then the flags grouped by kind, newest first (the first few of each; --json, --csv
and --html hold them all)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from automation.review.flags import FLAG_KINDS
from automation.review.result import Review

TITLES = {"email": "E-mail addresses in your text", "phone": "Phone numbers in your text",
          "birth-date": "Birth date in your profile", "address": "Street address in your profile",
          "watch-word": "Your watch words", "old": "Old content", "resume": "Resumes named in the export",
          "screening-answer": "Saved screening answers"}
SHOWN_PER_KIND = 10


def _ai(value: bool | None) -> Text:
    if value is None:
        return Text("not named", style="dim")
    return Text("used", style="bold yellow") if value else Text("excluded", style="green")


def print_review(review: Review, out: Console) -> None:
    what = "a synthetic export of an invented person" if review.synthetic else review.source
    out.print(Text.assemble(("Review of ", "bold"), (what, "bold"), " (offline; nothing was changed or sent)"))
    cats = Table(title="Per category of LinkedIn's generative-AI policy", title_justify="left")
    for column in ("category", "AI training", "files", "rows"):
        cats.add_column(column, justify="right" if column in ("files", "rows") else "left")
    for c in review.categories():
        cats.add_row(c["title"], _ai(c["ai_training"]), str(c["files"]), f"{c['rows']:,}")
    out.print(cats)
    files = Table(title="Files", title_justify="left")
    for column in ("file", "kind", "rows", "notes"):
        files.add_column(column, justify="right" if column == "rows" else "left", overflow="fold")
    for f in review.files:
        files.add_row(f.name, f.kind, f"{f.rows:,}", "; ".join(f.notes))
    out.print(files)
    if review.unknown_files:
        out.print(Text(f"Files this tool does not know (not read): {', '.join(review.unknown_files)}", style="dim"))
    for note in review.notes:
        out.print(Text(f"note: {note}", style="yellow"))
    if review.inferences:
        inf = Table(title="What LinkedIn infers about you", title_justify="left")
        names = list(review.inferences[0])
        for name in names:
            inf.add_column(name, overflow="fold")
        for row in review.inferences:
            inf.add_row(*(row.get(n, "") for n in names))
        out.print(inf)
    if review.ad_targeting:
        ads = Table(title="What advertisers can target you by", title_justify="left")
        ads.add_column("targeting")
        ads.add_column("values", overflow="fold")
        for name, values in review.ad_targeting.items():
            if values:
                ads.add_row(name, "; ".join(values))
        out.print(ads)
    _flags(review, out)


def _flags(review: Review, out: Console) -> None:
    counts = review.flag_counts()
    total = sum(counts.values())
    out.print(Text(f"\n{total} flag(s)" + (": " + ", ".join(f"{n} {k}" for k, n in counts.items() if n) if total else ""),
                   style="bold"))
    for kind in FLAG_KINDS:
        flags = [f for f in review.flags if f.kind == kind]
        if not flags:
            continue
        out.print(Text(f"\n{TITLES[kind]} ({len(flags)})", style="bold"))
        where = ""
        for flag in flags[:SHOWN_PER_KIND]:
            if flag.where != where:  # said once for a run of flags that are changed in the same place
                where = flag.where
                out.print(Text(f"  where to change or delete: {where}", style="magenta"))
            when = flag.date or (f"“{flag.date_text}”" if flag.date_text else "no date")
            line = Text(f"  {when}  ", style="cyan")
            line.append(f"{flag.file}: ", style="dim")
            line.append(flag.excerpt)
            out.print(line, soft_wrap=False, overflow="fold")
            if flag.link:  # on its own line and never wrapped: a broken link cannot be clicked or copied
                out.print(Text(f"      {flag.link}", style="blue"), soft_wrap=True)
        if len(flags) > SHOWN_PER_KIND:
            out.print(Text(f"  … and {len(flags) - SHOWN_PER_KIND} more (all of them: --json, --csv or --html)",
                           style="dim"))
    out.print(Text("\nNothing was deleted or changed: each flag is a pointer for you. Excerpts mask e-mail "
                   "addresses and phone numbers (--show shows them whole).", style="dim"))
