"""The review itself: every file of an export read once, as a stream, into a ``Review``.

Known files are read and counted; files the tool does not know are listed, never a failure.
Excluded categories (messages, logins, payments) are counted, never scanned. Memory grows with
the flags found, not with the size of the export.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from automation.review.archive import Budget, Export, Member
from automation.review.articles import read_article
from automation.review.dates import parse_date
from automation.review.flags import Detector, Flag, looks_like_resume
from automation.review.kinds import ARTICLE, EXCLUDED, Kind, kind_of
from automation.review.limits import DEFAULT, ExportError, LimitError, Limits
from automation.review.lines import Decoding, decode, text_lines
from automation.review.result import FileInfo, Review
from automation.review.table import Row, read_table

# The column that holds the words of each kind of content (the excerpt of an "old" flag).
MAIN_TEXT = {"posts": ("ShareCommentary", "SharedUrl"), "comments": ("Message",), "poll-votes": ("OptionText",),
             "media": ("Media Description", "Media Link")}
# Profile fields that are personal data in themselves.
PERSONAL = {"birth date": "birth-date", "address": "address"}
MAX_RESUME_NAME = 255  # the longest file name most systems allow
_NOT_TEXT = ("url", "link", "date", "time", "started on", "finished on")


# The export's content kinds that ``prune`` can act on, by the kind of their file.
CONTENT_ITEMS = {"posts": "post", "comments": "comment", "articles": "article"}


@dataclass(frozen=True)
class ContentItem:
    """One piece of the person's own content as the export gives it, for ``prune``: it matches
    the page against these words before it deletes anything. ``text`` is held in memory only,
    never written (not to the ledger, not to a report)."""

    kind: str  # "post", "comment" or "article" (ledger.CONTENT_KINDS)
    file: str
    row: int | None
    link: str | None
    date: str | None  # ISO 8601, as the flags give it
    date_text: str  # the date as written in the export (a comment's ledger key uses it)
    text: str


@dataclass(frozen=True)
class Options:
    watch: tuple[str, ...] = ()
    older_than: float = 5.0
    show: bool = False
    today: date | None = None
    limits: Limits = DEFAULT


def review_export(source: Path | bytes, options: Options = Options(), *, label: str | None = None,
                  synthetic: bool = False, items: Callable[[ContentItem], None] | None = None) -> Review:
    """Review the export at ``source`` (a zip, a folder, or a zip's bytes). ``items``, when given,
    is called with each post, comment and article the export holds (``prune`` selects from them)."""
    today = options.today or date.today()
    detector = Detector(watch=options.watch, older_than=options.older_than, today=today, show=options.show,
                        limit=options.limits.flags)
    shown = label or (str(source) if isinstance(source, Path) else "the export")
    result = Review(source=shown, today=today.isoformat(), older_than=options.older_than,
                    watch_words=len(options.watch), synthetic=synthetic)
    reader = _Reader(result, detector, options.limits, items)
    with Export(source, limits=options.limits, label=label) as export:
        for member in export.members():
            kind = kind_of(member.name)
            if kind is None:
                result.unknown_files.append(member.name)
            elif kind is ARTICLE:
                reader.article(member, export.budget)
            else:
                reader.table(member, kind, export.budget)
        result.notes.extend(export.notes)
    if not result.files:
        raise ExportError(f"{result.source} is not a LinkedIn data export: none of the files LinkedIn puts in one "
                          "(Profile.csv, Connections.csv, Shares.csv, …) is in it")
    result.flags.extend(reader.resumes.values())
    result.sort()
    return result


class _Reader:
    def __init__(self, result: Review, detector: Detector, limits: Limits,
                 items: Callable[[ContentItem], None] | None = None) -> None:
        self.result, self.detector, self.limits, self.items = result, detector, limits, items
        self.rows = 0
        self.resumes: dict[str, Flag] = {}  # one flag per resume name, dated by its latest use
        self.kept = 0  # bytes of inference rows and ad-targeting values held to be shown
        self.targeting_seen: dict[str, set[str]] = {}  # each column's values so far: merging stays linear

    def table(self, member: Member, kind: Kind, budget: Budget) -> None:
        info = FileInfo(member.name, kind.kind, kind.category.key, kind.ai_training)
        self.result.files.append(info)
        seen = Decoding()
        lines = text_lines(member.chunks(budget), name=member.shown, max_line=self.limits.field_bytes, seen=seen)
        table = read_table(lines, name=member.shown, expect=kind.expect, quirk=kind.quirk,
                           field_limit=self.limits.field_bytes, row_limit=self.limits.rows)
        if table is None:
            info.notes.append("empty: no header")
            return
        header = table.header
        scan = [i for i, name in enumerate(header.names)
                if (kind.kind == "profile" and name.lower() in PERSONAL) or not any(w in name.lower() for w in _NOT_TEXT)]
        unreadable_dates = 0
        try:
            for row in table.rows:
                info.rows += 1
                self.rows += 1
                if self.rows > self.limits.total_rows:
                    raise LimitError(f"the export has more than {self.limits.total_rows:,} rows: not a LinkedIn "
                                     "export; review stopped")
                if kind.category is EXCLUDED:
                    continue  # counted, never scanned
                unreadable_dates += self._row(row, kind, member.name, scan)
        except csv.Error as exc:  # a broken file is noted, the rest of the export still reviewed
            info.notes.append(f"could not be read past row {info.rows}: {exc}")
        if header.preamble_rows:
            info.notes.append(f"{header.preamble_rows} row(s) before the header skipped")
        if header.trailing_empty:
            info.notes.append("trailing comma on the header: the empty column dropped")
        if header.repeated:
            info.notes.append(f"repeated columns merged: {', '.join(header.repeated)}")
        if seen.fallback_lines:
            info.notes.append(f"{seen.fallback_lines} line(s) not UTF-8: read as Windows-1252")
        if unreadable_dates:
            info.notes.append(f"{unreadable_dates} date(s) in no known format: kept as text")

    def _row(self, row: Row, kind: Kind, file: str, scan: list[int]) -> int:
        """Flags and inferences of one row; 1 if its date could not be read."""
        raw = row.get(*kind.date) if kind.date else ""
        when = parse_date(raw) if raw else None
        base = Flag("", file, when.iso if when else None, "", (row.get(kind.link) or None) if kind.link else None,
                    kind.where, row=row.number, date_text=raw.strip() if raw and when is None else None)
        flags = self.result.flags
        if kind.kind == "inferences":
            inference = row.as_dict()
            self._keep(file, sum(len(k) + len(v) + 64 for k, v in inference.items()))
            self.result.inferences.append(inference)
        elif kind.kind == "ad-targeting":
            targeting = self.result.ad_targeting
            for name in dict.fromkeys(row.header.names):
                values, seen = targeting.setdefault(name, []), self.targeting_seen.setdefault(name, set())
                for cell in row.merged(name):
                    for value in (v.strip() for v in cell.split(";")):
                        if value and value not in seen:
                            self._keep(file, len(value) + 64)
                            seen.add(value)
                            values.append(value)
        elif kind.kind == "job-applications":
            resume = row.get("Resume Name").strip()
            if resume:
                self._resume(resume, base)
        if kind.scan:
            for i in scan:
                if i >= len(row.cells) or not row.cells[i].strip():
                    continue
                personal = PERSONAL.get(row.header.names[i].lower()) if kind.kind == "profile" else None
                if personal:
                    flags.append(self.detector.plain(base, personal, row.cells[i], row.header.names[i]))
                else:
                    flags.extend(self.detector.in_text(row.cells[i], base))
        if kind.content:
            main = row.get(*MAIN_TEXT.get(kind.kind, ()))
            if self.items is not None and kind.kind in CONTENT_ITEMS:
                self.items(ContentItem(CONTENT_ITEMS[kind.kind], file, row.number, base.link, base.date,
                                       raw.strip(), row.get(MAIN_TEXT[kind.kind][0])))
            old = self.detector.old(when, main, base)
            if old:
                flags.append(old)
        if kind.kind == "saved-answers":
            question, answer = row.get("Question"), row.get("Answer")
            flags.append(self.detector.plain(base, "screening-answer", f"{question.strip()} → {answer.strip()}",
                                             "saved answer"))
            if looks_like_resume(answer):
                self._resume(answer.strip(), base)
        return 1 if raw.strip() and when is None else 0

    def _keep(self, file: str, size: int) -> None:
        """Count what is held to be shown against its cap: a hostile file cannot fill memory with it."""
        self.kept += size
        if self.kept > self.limits.kept_bytes:
            raise LimitError(f"{file} holds more than {self.limits.kept_bytes // 2**20 or 1} MiB of inferences or ad "
                             "targeting: not a LinkedIn export file; review stopped")

    def _resume(self, name: str, base: Flag) -> None:
        """Resume names are shown in full: the person needs the exact file to find and delete it."""
        if len(name) > MAX_RESUME_NAME:  # not a file name: its end (the extension) kept, the rest cut
            name = "…" + name[-MAX_RESUME_NAME:]
        known = self.resumes.get(name)
        if known is None:
            self.detector.count(base.file)  # each resume is held until the end, like every flag
            self.resumes[name] = Flag("resume", base.file, base.date, name, None, base.where, "resume named", base.row)
        elif base.date and (known.date or "") < base.date:
            known.date = base.date

    def article(self, member: Member, budget: Budget) -> None:
        info = FileInfo(member.name, ARTICLE.kind, ARTICLE.category.key, ARTICLE.ai_training, rows=1)
        self.result.files.append(info)
        data = bytearray()
        for chunk in member.chunks(budget):
            data += chunk
            if len(data) > self.limits.field_bytes:
                raise LimitError(f"{member.shown} is larger than {self.limits.field_bytes // 2**20} MiB: not an "
                                 "article of a LinkedIn export; review stopped")
        seen = Decoding()
        html = decode(bytes(data).removeprefix(b"\xef\xbb\xbf"), seen)
        if seen.fallback_lines:
            info.notes.append("not UTF-8: read as Windows-1252")
        article = read_article(member.name, html)
        base = Flag("", member.name, article.when.iso if article.when else None, "", article.link, ARTICLE.where,
                    row=None, date_text=article.date_text)
        text = f"{article.title}: {article.text}" if article.title and not article.text.startswith(article.title) \
            else article.text
        self.result.flags.extend(self.detector.in_text(text, base))
        if self.items is not None:
            self.items(ContentItem("article", member.name, None, article.link, base.date, article.date_text or "",
                                   text))
        old = self.detector.old(article.when, text, base)
        if old:
            self.result.flags.append(old)
