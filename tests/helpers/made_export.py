"""A made-up export for review's tests: named CSV files zipped, and reviewed as of a fixed day."""

from __future__ import annotations

import io
import zipfile
from datetime import date

from automation.review import Options, Review, review_export

TODAY = date(2026, 11, 27)


def zipped(**files: str | bytes) -> bytes:
    """An archive of ``name.csv`` files: ``__`` in a keyword stands for a space, ``_slash_`` for a
    folder separator (``Jobs_slash_Saved__Answers`` is ``Jobs/Saved Answers.csv``)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name.replace("__", " ").replace("_slash_", "/") + ".csv", data)
    return out.getvalue()


def reviewed(data: bytes, **options: object) -> Review:
    """``review`` of the archive ``data`` with ``options``, as of ``TODAY``."""
    return review_export(data, Options(today=TODAY, **options))  # type: ignore[arg-type]
