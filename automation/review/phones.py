"""Phone numbers in free text, found by libphonenumber's matcher (the ``phonenumbers`` package, the
Python port of Google's library), not by a pattern of our own.

A pattern of digits cannot tell ``+44 20 7946 0958`` from ``100 000 000``, ``2019 2020 2021``, an
ISBN or an IBAN; the matcher knows each country's numbering plan and keeps only valid numbers. A
number written without its country code (``020 7946 0958``) is read in the person's own country:
the profile's (``region_of`` its location), or ``--country``. With neither, only numbers written
with their country code (``+44 …``, ``tel:+44…``) are found, and the review says so.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path

# A cheap gate before the matcher: seven digits with at most a few separators between them.
_GATE = re.compile(r"\d(?:[\s().\-/]{0,3}\d){6}")
UNKNOWN = "ZZ"  # libphonenumber's "no region": only numbers with their country code
# What the matcher looks at in one text before it gives up on the rest: a person's post holds a
# few numbers; a hostile field of a million digit groups must not cost a minute (each try is ~30
# µs). Its own limit counts only the candidates that are not numbers; the found ones are cut here.
MAX_TRIES = 200
MAX_FOUND = 100


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    raw: str  # as written


class Phones:
    """Finds phone numbers, reading a number with no country code as one of ``region`` (ISO 3166 alpha-2)."""

    def __init__(self, region: str | None = None) -> None:
        self.region = region.upper() if region else None

    def find(self, text: str) -> list[Found]:
        if not _GATE.search(text):
            return []
        from phonenumbers import Leniency, PhoneNumberMatcher

        matcher = PhoneNumberMatcher(text, self.region or UNKNOWN, leniency=Leniency.VALID, max_tries=MAX_TRIES)
        return [Found(m.start, m.end, m.raw_string) for m in itertools.islice(matcher, MAX_FOUND)]


def known_region(code: str) -> bool:
    import phonenumbers

    return code.upper() in phonenumbers.SUPPORTED_REGIONS


def region_of(location: str) -> str | None:
    """The country of a profile's location (``Exampleton, United Kingdom``): its last part, by its
    English name or its two-letter code; None when it names no country (``Greater Boston Area``)."""
    last = location.rsplit(",", 1)[-1].strip().lower()
    if not last:
        return None
    if len(last) == 2 and known_region(last):
        return last.upper()
    return _names().get(_ALIASES.get(last, last))


def region_of_number(number: str) -> str | None:
    """The country of the person's own number, when it is written with its country code."""
    text = number.strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    if not text.startswith("+"):
        return None
    import phonenumbers

    try:
        region = phonenumbers.region_code_for_number(phonenumbers.parse(text, None))
    except phonenumbers.NumberParseException:
        return None
    return region if region and known_region(region) else None


_ALIASES = {"usa": "united states", "us": "united states", "uk": "united kingdom", "england": "united kingdom",
            "scotland": "united kingdom", "wales": "united kingdom", "northern ireland": "united kingdom"}
_BY_NAME: dict[str, str] = {}


def _names() -> dict[str, str]:
    """Country name (English, lower case) to region code, from the table of names ``phonenumbers``
    ships (``geodata/locale.py``). That table is read as text, not imported: importing it imports
    the whole ``geodata`` package, a hundred megabytes of place names, to learn 250 country names.
    Should its format ever change, no name is known and the review says so (--country still works)."""
    if not _BY_NAME:
        import ast
        import importlib.util

        spec = importlib.util.find_spec("phonenumbers")
        origin = spec.origin if spec is not None else None
        try:
            text = Path(origin).with_name("geodata").joinpath("locale.py").read_text(encoding="utf-8") if origin else ""
        except OSError:
            text = ""
        for code, entries in _REGION.findall(text):
            names = dict(_ENTRY.findall(entries))
            name = names.get("en", "")
            if name.startswith("'*"):  # the name is held under another language's entry
                name = names.get(name.strip("'*"), "")
            if name:
                try:
                    _BY_NAME[str(ast.literal_eval(name.removeprefix("u(").removesuffix(")"))).lower()] = code
                except (ValueError, SyntaxError):
                    continue
    return _BY_NAME


# One line of that table: 'GB': {'aa':'United Kingdom','ab':'*aa',...}; a name may be u('C\u00f4te…').
_REGION = re.compile(r"^\s*'([A-Z]{2})': \{(.*)\},?\s*$", re.MULTILINE)
_ENTRY = re.compile(r"'([a-z]{2,3})':(u\('(?:[^'\\]|\\.)*'\)|'(?:[^'\\]|\\.)*')")
