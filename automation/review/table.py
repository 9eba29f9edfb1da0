"""Read one export CSV as it really is, a row at a time.

What a plain ``csv.DictReader`` over the file gets wrong, and what this does instead:

- a preamble before the header (the connections file opens with a ``Notes:`` line, a sentence
  and a blank line): the header is the first row holding a column the file is known to have, else
  the first row after the preamble;
- blank or all-empty rows before the header, or between rows: skipped;
- a byte-order mark: dropped (lines.py);
- a trailing comma on the header (the learning file) adds a column with no name: dropped, with
  the empty cell it adds to each row;
- repeated column names (the ad-targeting file has ``Company Names`` three times): every column
  is kept; ``Row.get`` and ``Row.merged`` read all of them;
- the comments file escapes quotes with a backslash (``\\"``) instead of doubling them: read
  as a quote, so a comma inside a quote does not split the row (the standard reader loses rows);
- the posts file wraps each line break of a post in literal quote marks (``"⏎"``): restored;
- tabs (or semicolons) between fields instead of commas (the 2018 export's UTF-16 files): the
  delimiter that splits a known column name off the first lines, else the one the first line has most of;
- older column names with spaces (``Share Link`` for ``ShareLink``): names match whatever their
  case, spaces and underscores;
- a known file whose header names none of the columns it is known to have: read, counted, and said
  so (``Table.recognised``), so its text is not scanned by the wrong columns.

Multi-line quoted fields are the csv module's own. Its field-size limit bounds a field.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from automation.review.limits import LimitError

_WRAPPED_BREAK = re.compile(r'"(\r?\n)"')
_SPACES = re.compile(r"[\s_]+")
DELIMITERS = (",", "\t", ";")


def column_key(name: str) -> str:
    """A column name as it is matched: no mark, case, spaces or underscores (``Share Link`` = ``ShareLink``)."""
    return _SPACES.sub("", name.strip().lstrip("\ufeff").lower())


def restore_breaks(text: str) -> str:
    """The posts file's ``"⏎"`` back to ``⏎`` (a blank line comes out as ``"⏎""⏎"``)."""
    return _WRAPPED_BREAK.sub(r"\1", text) if '"' in text else text


def unescape_backslash_quotes(lines: Iterable[str]) -> Iterator[str]:
    """``\\"`` as the comments file writes a quote, rewritten the RFC 4180 way (``""``)."""
    for line in lines:
        yield line.replace('\\"', '""') if '\\"' in line else line


@dataclass
class Header:
    names: list[str]
    index: dict[str, list[int]] = field(default_factory=dict)  # column_key(name) -> its columns
    preamble_rows: int = 0  # rows skipped before the header
    trailing_empty: int = 0  # nameless columns dropped from the end (a trailing comma)

    def __post_init__(self) -> None:
        for i, name in enumerate(self.names):
            self.index.setdefault(column_key(name), []).append(i)

    @property
    def repeated(self) -> list[str]:
        return [self.names[cols[0]] for cols in self.index.values() if len(cols) > 1]


class Row:
    """One data row; columns read by name (``column_key``)."""

    __slots__ = ("cells", "header", "number")

    def __init__(self, cells: list[str], header: Header, number: int) -> None:
        self.cells, self.header, self.number = cells, header, number

    def get(self, *names: str) -> str:
        """The first filled cell among the columns with these names."""
        for name in names:
            for i in self.header.index.get(column_key(name), ()):
                if i < len(self.cells) and self.cells[i].strip():
                    return self.cells[i]
        return ""

    def merged(self, name: str) -> list[str]:
        """Every cell of every column with this name (a repeated column)."""
        return [self.cells[i] for i in self.header.index.get(column_key(name), ()) if i < len(self.cells)]

    def as_dict(self) -> dict[str, str]:
        """Column name to value; repeated columns joined with '; '."""
        out: dict[str, str] = {}
        for name in self.header.names:
            if name in out:
                continue
            values = [v for v in self.merged(name) if v.strip()]
            out[name] = "; ".join(values)
        return out


@dataclass
class Table:
    header: Header
    rows: Iterator[Row]
    recognised: bool = True  # False: the file's known columns were looked for and none was found
    delimiter: str = ","


def _empty(row: list[str]) -> bool:
    return not "".join(row).strip()


def read_table(lines: Iterable[str], *, name: str, expect: tuple[str, ...] = (), quirk: str | None = None,
               field_limit: int, row_limit: int, peek: int = 20) -> Table | None:
    """The header and an iterator of rows; None for a file with no header at all."""
    csv.field_size_limit(field_limit)
    source: Iterator[str] = iter(unescape_backslash_quotes(lines) if quirk == "comments" else lines)
    first = list(itertools.islice(source, peek))
    with _field_limit(name, field_limit):
        delimiter = _delimiter(first, expect)
        rows = csv.reader(itertools.chain(first, source), delimiter=delimiter, strict=False)
        seen: list[list[str]] = []
        for row in rows:
            seen.append(row)
            if len(seen) >= peek:
                break
    at, recognised = _header_at(seen, expect)
    if at is None:
        return None
    names = [cell.strip().lstrip("\ufeff") for cell in seen[at]]
    trailing = 0
    while names and not names[-1]:
        names.pop()
        trailing += 1
    header = Header(names, preamble_rows=at, trailing_empty=trailing)

    def data() -> Iterator[Row]:
        count = 0
        width = len(names)
        with _field_limit(name, field_limit):
            for cells in itertools.chain(seen[at + 1:], rows):
                if _empty(cells):
                    continue
                if trailing and len(cells) > width and _empty(cells[width:]):
                    del cells[width:]
                count += 1
                if count > row_limit:
                    raise LimitError(f"{name} has more than {row_limit:,} rows: not a LinkedIn export file; "
                                     "review stopped")
                if quirk == "shares":
                    cells = [restore_breaks(cell) for cell in cells]
                yield Row(cells, header, count)

    return Table(header, data(), recognised, delimiter)


def _delimiter(lines: list[str], expect: tuple[str, ...]) -> str:
    """The delimiter that splits a known column name off the first lines; else the one the first
    line that is not a ``Notes:`` preamble has most of; else a comma."""
    wanted = {column_key(e) for e in expect}
    if wanted:
        for delimiter in DELIMITERS:
            try:
                if any(wanted & {column_key(c) for c in row} for row in csv.reader(lines, delimiter=delimiter)):
                    return delimiter
            except csv.Error:
                continue
    line = next((ln for ln in lines if ln.strip() and not ln.lstrip().lower().startswith("notes")), "")
    most = max(DELIMITERS, key=line.count)
    return most if line.count(most) > line.count(",") else ","


@contextmanager
def _field_limit(name: str, limit: int) -> Iterator[None]:
    """The csv module's error for an oversized field, as the review's one-line limit error."""
    try:
        yield
    except csv.Error as exc:
        if "field limit" in str(exc):
            raise LimitError(f"{name} has a field larger than {limit // 2**20} MiB: not a LinkedIn export file; "
                             "review stopped") from exc
        raise


def _header_at(rows: list[list[str]], expect: tuple[str, ...]) -> tuple[int | None, bool]:
    """Where the header is, and whether it was recognised: the first row naming a column the file
    is known to have; else the first non-empty row after a ``Notes:`` preamble (which ends at a
    blank row); else the first non-empty row (not recognised when known columns were looked for)."""
    wanted = {column_key(e) for e in expect}
    if wanted:
        for i, row in enumerate(rows):
            if wanted & {column_key(cell) for cell in row}:
                return i, True
    return _first_row(rows), not wanted


def _first_row(rows: list[list[str]]) -> int | None:
    i = 0
    while i < len(rows) and _empty(rows[i]):
        i += 1
    if i == len(rows):
        return None
    first = rows[i][0].strip().lower() if rows[i] else ""
    if first.startswith("notes") and sum(1 for c in rows[i] if c.strip()) == 1:
        while i < len(rows) and not _empty(rows[i]):
            i += 1
        while i < len(rows) and _empty(rows[i]):
            i += 1
        if i == len(rows):
            return None
    return i
