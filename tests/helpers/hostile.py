"""Hostile archives, for the tests and the benchmark: what the review must refuse in one line and
exit 2 while staying within its memory bound (a compression bomb, a gigabyte field, more rows than
the limit). Written to a file; nothing here is read by the review itself."""

from __future__ import annotations

from automation.review.synthetic import WORDS

HOSTILE = ("bomb", "huge-field", "many-rows", "many-entries")


def hostile(kind: str, path: str, *, size_mib: int = 1000, rows: int = 1_200_000) -> None:
    """Write a hostile archive to ``path`` (the tests' and the benchmark's bad input):

    - ``bomb``: ``Shares.csv`` of ``size_mib`` MiB of one repeated byte, a thousandfold compression;
    - ``huge-field``: ``Comments.csv`` whose one quoted message is ``size_mib`` MiB long (short lines);
    - ``many-rows``: ``messages.csv`` with ``rows`` rows, past the rows limit;
    - ``many-entries``: ``Profile.csv`` and ``rows`` empty files (a directory of ~50 bytes each).

    The first two are written from one compressed block repeated (a deflate stream flushed after
    each block starts afresh), so a gigabyte costs a megabyte and a second, not a minute.
    """
    profile = ("Profile.csv", b"First Name,Last Name\nRowan,Vale\n", b"", 0, b"")
    if kind == "bomb":
        members = [profile, ("Shares.csv", b"Date,ShareLink,ShareCommentary\n", b"0" * 2**20, size_mib, b"")]
    elif kind == "huge-field":
        members = [profile, ("Comments.csv", b'Date,Link,Message\n2024-01-01 00:00:00,'
                             b'https://www.linkedin.com/feed/update/urn:li:activity:1,"', (b"x" * 1023 + b"\n") * 1024, size_mib,
                             b'"\n')]
    elif kind == "many-rows":
        body = "".join(f"c{i},Sam,2025-01-01 10:00:00 UTC,{WORDS[i % len(WORDS)]} {i}\n" for i in range(rows))
        members = [profile, ("messages.csv", b"CONVERSATION ID,FROM,DATE,CONTENT\n" + body.encode(), b"", 0, b"")]
    elif kind == "many-entries":
        _write_many_entries(path, rows)
        return
    else:
        raise ValueError(f"hostile archive kind is one of {HOSTILE}, not {kind!r}")
    _write_repeated_zip(path, members)


def _write_repeated_zip(path: str, members: list[tuple[str, bytes, bytes, int, bytes]]) -> None:
    """A zip whose members are ``head + block * count + tail``, deflated, written by hand."""
    import struct
    import zlib

    central, offset = [], 0
    with open(path, "wb") as out:
        for name, head, block, count, tail in members:
            packer = zlib.compressobj(9 if count else 1, zlib.DEFLATED, -15)
            first = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
            middle = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH) if count else b""
            last = packer.compress(tail) + packer.flush()
            crc = zlib.crc32(head)
            for _ in range(count):
                crc = zlib.crc32(block, crc)
            crc = zlib.crc32(tail, crc)
            size = len(head) + len(block) * count + len(tail)
            packed = len(first) + len(middle) * count + len(last)
            raw = name.encode()
            fields = struct.pack("<HHHHHIIIHH", 20, 0, 8, 0, 0x21, crc, packed, size, len(raw), 0)
            out.write(b"PK\x03\x04" + fields + raw)
            out.write(first)
            for _ in range(count):
                out.write(middle)
            out.write(last)
            central.append(b"PK\x01\x02" + struct.pack("<H", 20) + fields + struct.pack("<HHHII", 0, 0, 0, 0, offset) + raw)
            offset = out.tell()
        directory = b"".join(central)
        out.write(directory)
        out.write(b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, len(central), len(central), len(directory), offset, 0))


def _write_many_entries(path: str, count: int) -> None:
    """``Profile.csv`` and ``count`` empty stored files, with a zip64 end record past 65,535 entries."""
    import struct
    import zlib

    profile = b"First Name,Last Name\nRowan,Vale\n"
    local, central = bytearray(), bytearray()
    for i in range(count + 1):
        name, data = (b"Profile.csv", profile) if i == 0 else (b"e%07d.csv" % i, b"")
        fields = struct.pack("<HHHHHIIIHH", 20, 0, 0, 0, 0x21, zlib.crc32(data), len(data), len(data), len(name), 0)
        central += b"PK\x01\x02" + struct.pack("<H", 45) + fields + struct.pack("<HHHII", 0, 0, 0, 0, len(local)) + name
        local += b"PK\x03\x04" + fields + name + data
    entries = count + 1
    end = len(local) + len(central)
    zip64 = (b"PK\x06\x06" + struct.pack("<QHHIIQQQQ", 44, 45, 45, 0, 0, entries, entries, len(central), len(local))
             + b"PK\x06\x07" + struct.pack("<IQI", 0, end, 1))
    record = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    with open(path, "wb") as out:
        out.write(local)
        out.write(central)
        out.write(zip64 + record)
