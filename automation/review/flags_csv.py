"""The flags as CSV, for a spreadsheet: one row per flag, the JSON's fields as columns.

Written as a stream, a row at a time (a hundred thousand flags never sit in memory as one string),
in UTF-8 with a byte-order mark: without it a spreadsheet on Windows reads the file as its own
code page and shows "â€¢" for "•" and "â†’" for "→". Rows end with CRLF (RFC 4180).

Text from the export is data, never instructions: control characters are shown escaped
(printable.py), and a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
would be run as a formula by a spreadsheet (OWASP "CSV Injection"), so it starts with an
apostrophe, which the spreadsheet shows as text."""

from __future__ import annotations

import csv
import io
from typing import BinaryIO

from automation.review.printable import printable
from automation.review.result import Review

FORMULA = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = ("kind", "file", "date", "excerpt", "link", "where", "detail", "row", "date_text", "item", "done")


def write_csv(review: Review, out: BinaryIO) -> None:
    """Every flag of ``review`` as CSV on ``out`` (bytes: the BOM and UTF-8 are this function's)."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=False)
    try:
        writer = csv.writer(text)
        writer.writerow(COLUMNS)
        for flag in review.flags:
            values = flag.as_dict()
            writer.writerow([_cell(values[c]) for c in COLUMNS])
        text.flush()
    finally:
        text.detach()  # the caller closes ``out``


def _cell(value: object) -> object:
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    value = printable(value)
    return f"'{value}" if value.startswith(FORMULA) else value
