"""Bytes to lines of text: a byte-order mark dropped, UTF-8 first, Windows-1252 for a line that is
not UTF-8 (counted, so the review can say so), and no line longer than the field limit.

Lines are split on ``\\n`` before decoding: that byte never occurs inside a UTF-8 sequence, so a
line that is not UTF-8 spoils only itself. Each line keeps its ending, as the csv module wants
(a quoted field may span lines).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from automation.review.limits import LimitError

BOM = b"\xef\xbb\xbf"


@dataclass
class Decoding:
    fallback_lines: int = 0  # lines read as Windows-1252 because they were not UTF-8


def decode(line: bytes, seen: Decoding) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        seen.fallback_lines += 1
        return line.decode("cp1252", errors="replace")


def text_lines(chunks: Iterable[bytes], *, name: str, max_line: int, seen: Decoding) -> Iterator[str]:
    pending = b""
    first = True
    for chunk in chunks:
        if first:
            chunk, first = chunk.removeprefix(BOM), False
        pending += chunk
        if b"\n" not in chunk:
            if len(pending) > max_line:
                raise _too_long(name, max_line)
            continue
        cut = pending.rindex(b"\n") + 1
        block, pending = pending[:cut], pending[cut:]
        if len(pending) > max_line or (len(block) > max_line and max(map(len, block.split(b"\n"))) > max_line):
            raise _too_long(name, max_line)
        yield from _decoded(block, seen)
    if pending:
        yield decode(pending, seen)


def _decoded(block: bytes, seen: Decoding) -> list[str]:
    """Whole lines, each with its ending: the block at once when it is UTF-8, else line by line."""
    try:
        text = block.decode("utf-8")
    except UnicodeDecodeError:
        return [decode(line + b"\n", seen) for line in block[:-1].split(b"\n")]
    lines = text.split("\n")
    lines.pop()  # the block ends with a line break: nothing after it
    return [line + "\n" for line in lines]


def _too_long(name: str, limit: int) -> LimitError:
    return LimitError(f"{name} has a line longer than {limit // 2**20} MiB: not a LinkedIn export file; review stopped")
