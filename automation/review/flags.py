"""A flag: what the review points out, with its file, date, excerpt, link and where to act.

Its kind is a ``FlagKind`` (flag_kinds.py). ``item`` names the piece of content it was found in as
``prune``'s ledger names it (ledger.item_key), and ``done`` says when the ledger has it gone.
Nothing is deleted or changed here: a flag is a pointer for the person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from automation.review.dates import When
from automation.review.flag_kinds import FlagKind
from automation.review.limits import LimitError
from automation.review.mask import EMAIL, excerpt, mask_email, mask_phone
from automation.review.phones import Phones
from automation.review.watch import compile_words, find_words

_RESUME_FILE = re.compile(r"\.(?:pdf|docx?|rtf|odt|pages|txt)\s*$", re.IGNORECASE)


@dataclass(slots=True)
class Flag:
    kind: FlagKind | None  # None only in the base a row's flags are made from
    file: str  # the file's name as in the export
    date: str | None  # ISO 8601, or None when the row has no readable date
    excerpt: str
    link: str | None
    where: str  # where the person changes or deletes it
    detail: str = ""  # the watch word, the masked address, the column: what matched
    row: int | None = None  # the data row in the file (1 is the first after the header)
    date_text: str | None = None  # the date as written, when it could not be read
    item: str | None = None  # the ledger's key of the post, comment, article or resume it is about
    done: str | None = None  # the ledger's status when the item is gone: "deleted" or "verified-gone"

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "file": self.file, "date": self.date, "excerpt": self.excerpt, "link": self.link,
                "where": self.where, "detail": self.detail, "row": self.row, "date_text": self.date_text,
                "item": self.item, "done": self.done}


class Detector:
    """Finds flags in text, with the person's choices (watch words, cut-off, --show, the country)."""

    def __init__(self, *, watch: tuple[str, ...], older_than: float, today: date, show: bool,
                 limit: int = 500_000, phones: Phones | None = None) -> None:
        self.watch = compile_words(watch)
        self.cutoff = years_before(today, older_than)
        self.older_than, self.show = older_than, show
        self.phones = phones or Phones()
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
                    found.append(self._at(base, FlagKind.EMAIL, text, m.start(), m.end(), shown))
        for number in self.phones.find(text):
            shown = number.raw if self.show else mask_phone(number.raw)
            if ("phone", number.raw) not in seen:
                seen.add(("phone", number.raw))
                found.append(self._at(base, FlagKind.PHONE, text, number.start, number.end, shown))
        for m in find_words(self.watch, text):
            if ("watch-word", m.group().lower()) not in seen:
                seen.add(("watch-word", m.group().lower()))
                found.append(self._at(base, FlagKind.WATCH_WORD, text, m.start(), m.end(), m.group()))
        return found

    def old(self, when: When | None, text: str, base: Flag) -> Flag | None:
        if when is None or when.day >= self.cutoff:
            return None
        return self._at(base, FlagKind.OLD, text, 0, 0, f"older than {self.older_than:g} years")

    def count(self, file: str) -> None:
        """One more flag held until the end; past the cap the review stops in one line."""
        self.made += 1
        if self.made > self.limit:
            raise LimitError(f"{file} brings the review to more than {self.limit:,} flags: not a LinkedIn "
                             "export; review stopped")

    def _at(self, base: Flag, kind: FlagKind, text: str, start: int, end: int, detail: str) -> Flag:
        self.count(base.file)
        return Flag(kind, base.file, base.date, excerpt(text, start, end, phones=self.phones, show=self.show),
                    base.link or kind.link, kind.where or base.where, detail, base.row, base.date_text, base.item)

    def plain(self, base: Flag, kind: FlagKind, text: str, detail: str = "") -> Flag:
        """A flag about a whole value (a birth date, an address, a resume, a saved answer)."""
        return self._at(base, kind, text, 0, 0, detail)


def looks_like_resume(value: str) -> bool:
    return bool(_RESUME_FILE.search(value))


def years_before(today: date, years: float) -> date:
    """The day ``years`` before ``today``; the first day there is when that is before it (``--older-than
    2026`` or ``inf``: nothing is that old)."""
    if years != years or years < 0:  # NaN: the option refuses it; the library says so too
        raise ValueError(f"a number of years is a number of 0 or more, not {years!r}")
    whole = int(min(years, today.year - 1))
    if whole >= today.year - 1:
        return date.min
    try:
        day = today.replace(year=today.year - whole)
    except ValueError:  # 29 February
        day = today.replace(year=today.year - whole, day=28)
    rest = timedelta(days=round((years - whole) * 365.25))
    return day - rest if day - date.min > rest else date.min
