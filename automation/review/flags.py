"""What the review points out, each with its file, date, excerpt, link and where to act.

Kinds: ``email`` and ``phone`` (contact details in content or profile text), ``birth-date`` and
``address`` (in the profile), ``watch-word`` (the person's own words, any case), ``old`` (content
older than the cut-off), ``resume`` (each resume named in the export), ``screening-answer``
(each saved answer). Nothing is deleted or changed: a flag is a pointer for the person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from automation.review.dates import When
from automation.review.limits import LimitError
from automation.review.mask import EMAIL, NINE_DIGITS, excerpt, mask_email, mask_phone, phones

FLAG_KINDS = ("email", "phone", "birth-date", "address", "watch-word", "old", "resume", "screening-answer")
_RESUME_FILE = re.compile(r"\.(?:pdf|docx?|rtf|odt|pages|txt)\s*$", re.IGNORECASE)


@dataclass(slots=True)
class Flag:
    kind: str  # one of FLAG_KINDS
    file: str  # the file's name as in the export
    date: str | None  # ISO 8601, or None when the row has no readable date
    excerpt: str
    link: str | None
    where: str  # where the person changes or deletes it
    detail: str = ""  # the watch word, the masked address, the column: what matched
    row: int | None = None  # the data row in the file (1 is the first after the header)
    date_text: str | None = None  # the date as written, when it could not be read

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "file": self.file, "date": self.date, "excerpt": self.excerpt, "link": self.link,
                "where": self.where, "detail": self.detail, "row": self.row, "date_text": self.date_text}


class Detector:
    """Finds flags in text, with the person's choices (watch words, cut-off, --show)."""

    def __init__(self, *, watch: tuple[str, ...], older_than: float, today: date, show: bool,
                 limit: int = 500_000) -> None:
        words = sorted({w.strip() for w in watch if w.strip()}, key=len, reverse=True)
        self.watch = (re.compile("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in words), re.IGNORECASE)
                      if words else None)
        self.cutoff = _years_before(today, older_than)
        self.older_than, self.show = older_than, show
        self.limit, self.made = limit, 0  # every flag is held until the end: their number is capped

    def in_text(self, text: str, base: Flag) -> list[Flag]:
        """Contact details and watch words in one piece of text."""
        if not text:
            return []
        found: list[Flag] = []
        seen: set[tuple[str, str]] = set()
        if "@" in text:
            for m in EMAIL.finditer(text):
                shown = m.group() if self.show else mask_email(m.group())
                if ("email", m.group().lower()) not in seen:
                    seen.add(("email", m.group().lower()))
                    found.append(self._at(base, "email", text, m.start(), m.end(), shown))
        if NINE_DIGITS.search(text):  # a cheap gate before the phone pattern
            for m in phones(text):
                shown = m.group() if self.show else mask_phone(m.group())
                if ("phone", m.group()) not in seen:
                    seen.add(("phone", m.group()))
                    found.append(self._at(base, "phone", text, m.start(), m.end(), shown))
        if self.watch is not None:
            for m in self.watch.finditer(text):
                if ("watch-word", m.group().lower()) not in seen:
                    seen.add(("watch-word", m.group().lower()))
                    found.append(self._at(base, "watch-word", text, m.start(), m.end(), m.group()))
        return found

    def old(self, when: When | None, text: str, base: Flag) -> Flag | None:
        if when is None or when.day >= self.cutoff:
            return None
        return self._at(base, "old", text, 0, 0, f"older than {self.older_than:g} years")

    def count(self, file: str) -> None:
        """One more flag held until the end; past the cap the review stops in one line."""
        self.made += 1
        if self.made > self.limit:
            raise LimitError(f"{file} brings the review to more than {self.limit:,} flags: not a LinkedIn "
                             "export; review stopped")

    def _at(self, base: Flag, kind: str, text: str, start: int, end: int, detail: str) -> Flag:
        self.count(base.file)
        return Flag(kind, base.file, base.date, excerpt(text, start, end, show=self.show), base.link, base.where,
                    detail, base.row, base.date_text)

    def plain(self, base: Flag, kind: str, text: str, detail: str = "") -> Flag:
        """A flag about a whole value (a birth date, an address, a resume, a saved answer)."""
        return self._at(base, kind, text, 0, 0, detail)


def looks_like_resume(value: str) -> bool:
    return bool(_RESUME_FILE.search(value))


def _years_before(today: date, years: float) -> date:
    whole = int(years)
    try:
        day = today.replace(year=today.year - whole)
    except ValueError:  # 29 February
        day = today.replace(year=today.year - whole, day=28)
    from datetime import timedelta

    return day - timedelta(days=round((years - whole) * 365.25))
