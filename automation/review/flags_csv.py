"""The flags as CSV, for a spreadsheet: one row per flag, the JSON's fields as columns.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be run as a
formula by a spreadsheet (OWASP "CSV Injection"); the text comes from the export, so each such
cell starts with an apostrophe, which the spreadsheet shows as text."""

from __future__ import annotations

import csv
import io

from automation.review.result import Review

FORMULA = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = ("kind", "file", "date", "excerpt", "link", "where", "detail", "row", "date_text")


def flags_csv(review: Review) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for flag in review.flags:
        values = flag.as_dict()
        writer.writerow([_cell(values[c]) for c in COLUMNS])
    return out.getvalue()


def _cell(value: object) -> object:
    if value is None:
        return ""
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA) else value
