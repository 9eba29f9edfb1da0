"""One file of the export read into the review: its rows counted, its text scanned into flags, its
inferences and ad targeting kept, its posts, comments and articles handed to ``prune``.

Excluded categories (messages, logins, payments) are counted, never scanned. A known file whose
header names none of its known columns is counted and said so, never scanned by the wrong columns.
A file the csv module cannot read past some row is noted; the rest of the export is still reviewed.
"""

from __future__ import annotations

import csv
from collections.abc import Callable

from automation.review.archive import Budget, Member
from automation.review.articles import read_article
from automation.review.dates import parse_date
from automation.review.flag_kinds import FlagKind
from automation.review.flags import Detector, Flag, looks_like_resume
from automation.review.items import ContentItem
from automation.review.kinds import ARTICLE, EXCLUDED, Kind, post_link
from automation.review.ledger import item_key
from automation.review.limits import LimitError, Limits
from automation.review.lines import Decoding, decode_whole, text_lines
from automation.review.phones import Phones, region_of, region_of_number
from automation.review.result import FileInfo, Review
from automation.review.table import Row, read_table

# Profile fields that are personal data in themselves.
PERSONAL = {"birth date": FlagKind.BIRTH_DATE, "address": FlagKind.ADDRESS}
MAX_RESUME_NAME = 255  # the longest file name most systems allow
_NOT_TEXT = ("url", "link", "date", "time", "started on", "finished on")


class Reader:
    def __init__(self, result: Review, detector: Detector, limits: Limits,
                 items: Callable[[ContentItem], None] | None = None, *, region_given: bool = False) -> None:
        self.result, self.detector, self.limits, self.items = result, detector, limits, items
        self.region_given = region_given  # --country: the export does not override it
        self.rows = 0
        self.resumes: dict[str, Flag] = {}  # one flag per resume name, dated by its latest use
        self.kept = 0  # bytes of inference rows and ad-targeting values held to be shown
        self.targeting_seen: dict[str, set[str]] = {}  # each column's values so far: merging stays linear

    def table(self, member: Member, kind: Kind, budget: Budget) -> None:
        info = FileInfo(member.name, kind.kind, kind.category.key, kind.ai_training)
        self.result.files.append(info)
        seen = Decoding()
        lines = text_lines(member.chunks(budget), name=member.shown, max_line=self.limits.field_bytes, seen=seen)
        try:
            table = read_table(lines, name=member.shown, expect=kind.expect, quirk=kind.quirk,
                               field_limit=self.limits.field_bytes, row_limit=self.limits.rows)
        except csv.Error as exc:
            info.notes.append(f"could not be read: {exc}")
            return
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
                unreadable_dates += self._row(row, kind, member.name, scan, table.recognised)
        except csv.Error as exc:  # a broken file is noted, the rest of the export still reviewed
            info.notes.append(f"could not be read past row {info.rows}: {exc}")
        if not table.recognised:
            info.notes.append(f"header not recognised (expected a column {' or '.join(repr(e) for e in kind.expect)}): "
                              "rows counted, its text not scanned")
        if header.preamble_rows:
            info.notes.append(f"{header.preamble_rows} row(s) before the header skipped")
        if header.trailing_empty:
            info.notes.append("trailing comma on the header: the empty column dropped")
        if header.repeated:
            info.notes.append(f"repeated columns merged: {', '.join(header.repeated)}")
        if table.delimiter != ",":
            info.notes.append(f"fields separated by {'tabs' if table.delimiter == chr(9) else 'semicolons'}")
        info.notes.extend(seen.notes())
        if unreadable_dates:
            info.notes.append(f"{unreadable_dates} date(s) in no known format: kept as text")

    def _row(self, row: Row, kind: Kind, file: str, scan: list[int], recognised: bool) -> int:
        """Flags and inferences of one row; 1 if its date could not be read. A row of a header not
        recognised is not scanned: its columns are not what their names would say."""
        raw = (row.get(*kind.date) if kind.date else "").strip()
        when = parse_date(raw) if raw else None
        link = post_link(row.get(kind.link) or None) if kind.link else None
        base = Flag(None, file, when.iso if when else None, "", link, kind.where, row=row.number,
                    date_text=raw if raw and when is None else None,
                    item=item_key(kind.item, link, date=raw or None) if kind.item else None)
        flags = self.result.flags
        if kind.kind == "profile":
            self._region(region_of(row.get("Geo Location", "Location", "Country")))
        elif kind.kind == "phone-numbers":
            self._region(region_of_number(row.get("Number")))
        elif kind.kind == "inferences":
            inference = row.as_dict()
            self._keep(file, sum(len(k) + len(v) + 64 for k, v in inference.items()))
            self.result.inferences.append(inference)
        elif kind.kind == "ad-targeting":
            self._targeting(row, file)
        elif kind.kind == "job-applications":
            resume = row.get("Resume Name").strip()
            if resume:
                self._resume(resume, base)
        if kind.scan and recognised:
            for i in scan:
                if i >= len(row.cells) or not row.cells[i].strip():
                    continue
                personal = PERSONAL.get(row.header.names[i].lower()) if kind.kind == "profile" else None
                if personal:
                    flags.append(self.detector.plain(base, personal, row.cells[i], row.header.names[i]))
                else:
                    flags.extend(self.detector.in_text(row.cells[i], base))
        if kind.content and recognised:
            if self.items is not None and kind.item:
                self.items(ContentItem(kind.item, file, row.number, base.link, base.date, raw, row.get(kind.text[0])))
            old = self.detector.old(when, row.get(*kind.text), base)
            if old:
                flags.append(old)
        if kind.kind == "saved-answers":
            question, answer = row.get("Question"), row.get("Answer")
            flags.append(self.detector.plain(base, FlagKind.SCREENING_ANSWER, f"{question.strip()} → {answer.strip()}",
                                             "saved answer"))
            if looks_like_resume(answer):
                self._resume(answer.strip(), base)
        return 1 if raw and when is None else 0

    def _region(self, region: str | None) -> None:
        """The person's country, for phone numbers written without a country code: the first the
        export gives (the profile is read first), unless --country said it."""
        if region and not self.region_given and self.detector.phones.region is None:
            self.detector.phones = Phones(region)
            self.result.region = region

    def _targeting(self, row: Row, file: str) -> None:
        targeting = self.result.ad_targeting
        for name in dict.fromkeys(row.header.names):
            values, seen = targeting.setdefault(name, []), self.targeting_seen.setdefault(name, set())
            for cell in row.merged(name):
                for value in (v.strip() for v in cell.split(";")):
                    if value and value not in seen:
                        self._keep(file, len(value) + 64)
                        seen.add(value)
                        values.append(value)

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
            kind = FlagKind.RESUME
            self.resumes[name] = Flag(kind, base.file, base.date, name, kind.link, base.where, "resume named", base.row,
                                      item=item_key("resume", None, name=name))
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
        html = decode_whole(bytes(data), seen)
        info.notes.extend(seen.notes())
        article = read_article(member.name, html)
        base = Flag(None, member.name, article.when.iso if article.when else None, "", article.link, ARTICLE.where,
                    row=None, date_text=article.date_text, item=item_key("article", article.link, name=member.name))
        text = f"{article.title}: {article.text}" if article.title and not article.text.startswith(article.title) \
            else article.text
        self.result.flags.extend(self.detector.in_text(text, base))
        if self.items is not None:
            self.items(ContentItem("article", member.name, None, article.link, base.date, article.date_text or "",
                                   text))
        old = self.detector.old(article.when, text, base)
        if old:
            self.result.flags.append(old)

