"""The flags as CSV, for a spreadsheet: one row per flag, the JSON's fields as columns."""

from __future__ import annotations

import csv
import io

from automation.review.result import Review

COLUMNS = ("kind", "file", "date", "excerpt", "link", "where", "detail", "row", "date_text")


def flags_csv(review: Review) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for flag in review.flags:
        values = flag.as_dict()
        writer.writerow(["" if values[c] is None else values[c] for c in COLUMNS])
    return out.getvalue()
