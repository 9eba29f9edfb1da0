"""Contact details in excerpts: found, and masked in the middle unless the person asks to see them.

``ada.lovelace@example.org`` -> ``a…e@e….org``; ``+44 20 7946 0958`` -> ``+44 •• •••• ••58``:
enough to recognise one's own address or number, not enough to copy it off a shared screen.
"""

from __future__ import annotations

import re

from automation.review.phones import Phones

EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}(?![\w-])")


def mask_email(address: str) -> str:
    local, _, domain = address.partition("@")
    head, _, tld = domain.rpartition(".")
    keep = (lambda s: s if len(s) <= 2 else f"{s[0]}…{s[-1]}")
    return f"{keep(local)}@{head[:1]}….{tld}" if head else f"{keep(local)}@{domain}"


def mask_phone(number: str) -> str:
    digits = [i for i, c in enumerate(number) if c.isdigit()]
    shown = set(digits[:3]) | set(digits[-2:])  # the country or area code and the last two
    return "".join(c if (not c.isdigit() or i in shown) else "•" for i, c in enumerate(number))


def mask_all(text: str, phones: Phones) -> str:
    """Every e-mail address and phone number in ``text``, masked."""
    if "@" in text:
        text = EMAIL.sub(lambda m: mask_email(m.group()), text)
    for found in reversed(phones.find(text)):
        text = text[:found.start] + mask_phone(found.raw) + text[found.end:]
    return text


def excerpt(text: str, start: int = 0, end: int = 0, *, phones: Phones, width: int = 90, show: bool = False) -> str:
    """About ``width`` characters of ``text`` around ``start:end``, on one line, masked unless ``show``."""
    pad = max(0, (width - (end - start)) // 2)
    lo, hi = max(0, start - pad), min(len(text), max(end + pad, start + width) if end else width)
    lo, hi = _widen(text, lo, hi)  # never cut an address or a number in two
    piece = " ".join(text[lo:hi].split())
    piece = piece if show else mask_all(piece, phones)
    return f"{'…' if lo > 0 else ''}{piece}{'…' if hi < len(text) else ''}"


def _widen(text: str, lo: int, hi: int, reach: int = 40) -> tuple[int, int]:
    while lo > 0 and not text[lo - 1].isspace() and reach > 0:
        lo, reach = lo - 1, reach - 1
    reach = 40
    while hi < len(text) and not text[hi].isspace() and reach > 0:
        hi, reach = hi + 1, reach - 1
    return lo, hi
