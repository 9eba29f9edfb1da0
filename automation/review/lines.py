"""Bytes to lines of text, whatever the encoding and the line ends, no line longer than the limit.

- The byte-order mark says the encoding: UTF-8, or UTF-16 little- or big-endian (an export of 2018
  wrote six of its files as UTF-16, docs/export.md); a file with no mark whose first bytes
  alternate with NULs is UTF-16 too. UTF-16 is decoded as it streams and read on as UTF-8.
- UTF-8 first; a line that is not UTF-8 is read as Windows-1252 (counted, so the review says so).
  Lines are split on ``\\n`` before decoding: that byte never occurs inside a UTF-8 sequence, so a
  line that is not UTF-8 spoils only itself.
- Line ends: ``\\n`` and ``\\r\\n`` as they are; a file whose lines end with a carriage return alone
  (no ``\\n`` in its first megabyte) has each ``\\r`` read as a line end; in any other file a lone
  ``\\r`` inside a line is read as a space (the csv module would stop at it). Both are counted.

Each line keeps its ending, as the csv module wants (a quoted field may span lines).
"""

from __future__ import annotations

import codecs
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from automation.review.limits import LimitError

BOM = b"\xef\xbb\xbf"
_MARKS = ((BOM, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_LONE_CR = re.compile(rb"\r(?!\n)")


@dataclass
class Decoding:
    fallback_lines: int = 0  # lines read as Windows-1252 because they were not UTF-8
    encoding: str = "utf-8"  # as found: utf-8, utf-16-le or utf-16-be
    cr_line_ends: bool = False  # lines ended with a carriage return alone
    lone_cr: int = 0  # carriage returns inside a line, read as spaces

    def notes(self) -> list[str]:
        """What the reader did that the person may want to know, one short line each."""
        notes = [f"read as {self.encoding.upper()}"] if self.encoding != "utf-8" else []
        if self.cr_line_ends:
            notes.append("lines end with a carriage return alone: read as line ends")
        if self.lone_cr:
            notes.append(f"{self.lone_cr} carriage return(s) inside a line: read as spaces")
        if self.fallback_lines:
            notes.append(f"{self.fallback_lines} line(s) not UTF-8: read as Windows-1252")
        return notes


def decode(line: bytes, seen: Decoding) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        seen.fallback_lines += 1
        return line.decode("cp1252", errors="replace")


def sniff(start: bytes) -> tuple[str, int]:
    """The encoding the first bytes of a file announce, and the length of its mark."""
    for mark, encoding in _MARKS:
        if start.startswith(mark):
            return encoding, len(mark)
    sample = start[:512]
    if len(sample) >= 8 and sample.count(0) * 3 >= len(sample):  # ASCII text as UTF-16: every other byte NUL
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        return ("utf-16-le" if odd > even else "utf-16-be"), 0
    return "utf-8", 0


def decode_whole(data: bytes, seen: Decoding) -> str:
    """A whole small file (an article) as text, by its mark."""
    encoding, skip = sniff(data)
    seen.encoding = encoding
    if encoding != "utf-8":
        return data[skip:].decode(encoding, errors="replace")
    return decode(data[skip:], seen)


def text_lines(chunks: Iterable[bytes], *, name: str, max_line: int, seen: Decoding) -> Iterator[str]:
    stream = iter(chunks)
    first = next(stream, b"")
    seen.encoding, skip = sniff(first)
    pieces: Iterable[bytes] = itertools.chain((first[skip:],), stream)
    if seen.encoding != "utf-8":
        pieces = _as_utf8(pieces, seen.encoding)
    yield from _split(_line_ends(pieces, seen), name=name, max_line=max_line, seen=seen)


def _as_utf8(pieces: Iterable[bytes], encoding: str) -> Iterator[bytes]:
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    for piece in pieces:
        yield decoder.decode(piece).encode("utf-8")
    yield decoder.decode(b"", final=True).encode("utf-8")


def _line_ends(pieces: Iterable[bytes], seen: Decoding) -> Iterator[bytes]:
    """``\\r`` alone as a line end (a file with no ``\\n``) or as a space (inside a line)."""
    cr_only: bool | None = None
    held = b""  # a piece's last \r: its \n may start the next piece
    for piece in pieces:
        piece, held = held + piece, b""
        if cr_only is None:  # decided by the first \n, or a \r that is not the piece's last byte
            if b"\n" in piece:
                cr_only = False
            elif b"\r" in piece[:-1]:
                cr_only = seen.cr_line_ends = True
        if b"\r" in piece:
            if cr_only:
                piece = piece.replace(b"\r", b"\n")
            else:
                if piece.endswith(b"\r"):
                    piece, held = piece[:-1], b"\r"
                piece, count = _LONE_CR.subn(b" ", piece)
                seen.lone_cr += count
        yield piece
    if held:
        yield b"\n"  # a \r at the very end ends the last line


def _split(chunks: Iterable[bytes], *, name: str, max_line: int, seen: Decoding) -> Iterator[str]:
    pending = b""
    for chunk in chunks:
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
