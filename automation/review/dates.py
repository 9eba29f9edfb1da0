"""The export's dates, whatever the file: each becomes ISO 8601 text and a day to compare.

LinkedIn writes a different format in almost every file (docs/export.md lists which):
``2024-03-05 14:22:01`` (posts, comments), ``2024-03-05 14:22:01 UTC`` (messages, media),
``2024/03/05 14:22:01 UTC`` (ads), ``Sep 2024`` (positions), ``2019`` (education),
``30 Jan 2026`` (connections), ``5/13/20, 12:45 PM`` (recommendations, invitations),
``Tue Oct 10 14:57:23 UTC 2023`` (logins, follows). Times are kept as written (the sources read
them as UTC). A date that matches none is kept as text by the caller; it never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}

_TIME = r"(?:[ T](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?\s*(?P<ampm>[AaPp][Mm])?)?"
_ZONE = r"\s*(?:UTC|GMT|Z|[+-]00:?00)?"
_PATTERNS = [
    ("ymd", re.compile(rf"^(?P<y>\d{{4}})[-/](?P<m>\d{{1,2}})[-/](?P<d>\d{{1,2}}){_TIME}{_ZONE}$")),
    ("mdy", re.compile(rf"^(?P<m>\d{{1,2}})/(?P<d>\d{{1,2}})/(?P<y>\d{{2}}|\d{{4}}),?{_TIME}{_ZONE}$")),
    ("dmy", re.compile(r"^(?P<d>\d{1,2})[ -](?P<mon>[A-Za-z]{3,9})[ -](?P<y>\d{4})$")),
    ("mdy-name", re.compile(r"^(?P<mon>[A-Za-z]{3,9}) (?P<d>\d{1,2}),? (?P<y>\d{4})$")),
    ("java", re.compile(r"^[A-Za-z]{3} (?P<mon>[A-Za-z]{3}) (?P<d>\d{1,2}) (?P<H>\d{2}):(?P<M>\d{2}):(?P<S>\d{2})"
                        r" [A-Z]{2,5} (?P<y>\d{4})$")),
    ("month", re.compile(r"^(?P<mon>[A-Za-z]{3,9})\.? (?P<y>\d{4})$")),
    ("ym", re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})$")),
    ("year", re.compile(r"^(?P<y>\d{4})$")),
]


@dataclass(frozen=True)
class When:
    iso: str  # 2024-03-05T14:22:01, 2024-03-05, 2024-09 or 2019: as precise as the export is
    day: date  # for comparing (a month or a year counts from its first day)


def _month(name: str) -> int:
    return _MONTHS[name[:3].lower()]


def parse_date(text: str) -> When | None:
    text = text.strip()
    if not text or len(text) > 40 or not any(c.isdigit() for c in text):
        return None
    for form, pattern in _PATTERNS:
        found = pattern.match(text)
        if found is None:
            continue
        g = found.groupdict()
        try:
            return _build(form, g)
        except (KeyError, ValueError):
            return None
    return None


def _build(form: str, g: dict[str, str | None]) -> When:
    year = int(g["y"] or 0)
    if form == "mdy" and year < 100:
        year += 2000  # two-digit years in this export are this century's (5/13/20: 2020)
    if form == "year":
        return When(f"{year:04d}", date(year, 1, 1))
    month = int(g["m"] or 0) if g.get("m") else _month(g["mon"] or "")
    if form in ("month", "ym"):
        return When(f"{year:04d}-{month:02d}", date(year, month, 1))
    day = date(year, month, int(g["d"] or 0))
    if not g.get("H"):
        return When(day.isoformat(), day)
    hour = int(g["H"] or 0)
    ampm = (g.get("ampm") or "").lower()
    if ampm:
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    moment = datetime(year, month, day.day, hour, int(g["M"] or 0), int(g.get("S") or 0))
    return When(moment.isoformat(), day)
