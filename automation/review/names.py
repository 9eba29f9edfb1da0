"""Match an export's file names whatever their style.

The same file comes as ``Rich Media.csv`` or ``Rich_Media.csv``, ``PhoneNumbers.csv``, with a
member id appended (``Shares_123456.csv``), split in parts (``Job Applications_1.csv``) or in
another case (``messages.csv``). The key drops the folder, the extension, trailing ``_<digits>``
parts, case, spaces, underscores and dashes: ``Job Applications_1.csv`` -> ``jobapplications``.
"""

from __future__ import annotations

import re

_SUFFIX = re.compile(r"(?:[ _-]\d+)+$")
_SEPARATORS = re.compile(r"[^0-9a-z]+")


def file_key(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return _SEPARATORS.sub("", _SUFFIX.sub("", stem.strip()).lower())


def is_article(name: str) -> bool:
    """An article: an HTML file under an ``Articles`` folder (one file per article)."""
    parts = name.replace("\\", "/").lower().split("/")
    return len(parts) > 1 and "articles" in parts[:-1] and parts[-1].endswith((".html", ".htm"))
