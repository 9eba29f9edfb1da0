"""Open an export as it was downloaded: a zip, a zip saved inside a zip, or the folder it was
unpacked into; hand out its files one at a time as streams of bytes, counted against the limits.

Nothing is extracted to disk. A member whose name climbs out of the archive (``..``) or is
absolute is skipped and noted, never read. A damaged or encrypted archive or member ends the review
with one line (``ExportError``); a member above a limit with ``LimitError``. ``Member.root`` names
the export a file belongs to, so that a folder holding two exports is not read as one.
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO

from automation.review.limits import DEFAULT, ExportError, LimitError, Limits

CHUNK = 1024 * 1024
DOWNLOAD_AGAIN = "download it again from LinkedIn's \"Get a copy of your data\" page (a link lasts 72 hours)"
# Folders an export keeps some of its files in: a file there belongs to the export around them.
EXPORT_FOLDERS = frozenset({"jobs", "articles", "verifications"})


@dataclass
class Budget:
    """What has been read so far, across the whole export."""

    limits: Limits
    read: int = 0


@dataclass(frozen=True)
class Member:
    name: str  # the path inside the export, with '/' between folders
    size: int  # uncompressed size, as the archive declares it
    _open: Callable[[], IO[bytes]] = field(repr=False)
    _where: str = field(repr=False, default="")
    encrypted: bool = False  # a zip member with a password
    place: str = ""  # the folder or zip it was found in, as a path to give back to the command

    @property
    def root(self) -> str:
        """The export this file belongs to: the folder or zip it is in and the folders of its name,
        less the ones an export keeps files in (``Jobs/``, ``Articles/Articles/``)."""
        folders = self.name.split("/")[:-1]
        while folders and folders[-1].lower() in EXPORT_FOLDERS:
            folders.pop()
        inside = "/".join(folders)
        return f"{self.place}/{inside}" if inside else (self.place or ".")

    @property
    def shown(self) -> str:
        """The member as messages name it: the archive, then the path inside it."""
        return f"{self._where}{self.name}"

    def chunks(self, budget: Budget) -> Iterator[bytes]:
        """The member's bytes, a chunk at a time; a limit or damage stops the review."""
        limits, seen = budget.limits, 0
        if self.encrypted:
            raise ExportError(f"{self._where}{self.name} is encrypted (the zip asks for a password): LinkedIn's exports "
                              f"are not; {DOWNLOAD_AGAIN}")
        try:
            with self._open() as stream:
                while chunk := stream.read(CHUNK):
                    seen += len(chunk)
                    budget.read += len(chunk)
                    if seen > limits.member_bytes:
                        raise LimitError(f"{self._where}{self.name} is larger than {limits.member_bytes // 2**20} MiB "
                                         "uncompressed: not a LinkedIn export file; review stopped")
                    if budget.read > limits.total_bytes:
                        raise LimitError(f"the export holds more than {limits.total_bytes // 2**20} MiB "
                                         "uncompressed: not a LinkedIn export; review stopped")
                    yield chunk
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError) as exc:
            raise ExportError(f"{self._where}{self.name} cannot be read ({_why(exc)}): {DOWNLOAD_AGAIN}") from exc


def _why(exc: BaseException) -> str:
    return (str(exc) or type(exc).__name__).splitlines()[0][:120]


def unsafe(name: str) -> bool:
    """A member name that would land outside the folder it is unpacked into."""
    posix = name.replace("\\", "/")
    return (posix.startswith("/") or (len(posix) > 1 and posix[1] == ":")
            or ".." in PurePosixPath(posix).parts)


MAX_NAME = 1024


def odd(name: str) -> bool:
    """A member name no export has: control characters (terminal escapes, line breaks) or too long
    to print. Such a name is never shown whole, so it cannot rewrite or flood the person's screen."""
    return len(name) > MAX_NAME or any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in name)


class Export:
    """The files of one export. Use as a context manager; ``members()`` yields each file once.

    ``source`` is a path (a zip or a folder) or the bytes of a zip (the built-in demo).
    ``notes`` collects what was skipped and why. ``first``: files it holds true for come first in
    their archive or folder (the reader wants the profile before the rest).
    """

    def __init__(self, source: Path | bytes, *, limits: Limits = DEFAULT, label: str | None = None,
                 first: Callable[[str], bool] = lambda name: False) -> None:
        self.source, self.limits, self.first = source, limits, first
        self.label = label or (str(source) if isinstance(source, Path) else "the export")
        self.notes: list[str] = []
        self.too_deep: list[str] = []  # zips skipped for being nested too deep
        self.budget = Budget(limits)
        self._stack = ExitStack()
        self._count = 0

    def __enter__(self) -> Export:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    def members(self) -> Iterator[Member]:
        source = self.source
        if isinstance(source, bytes):
            yield from self._zip(self._open_zip(io.BytesIO(source), self.label), "", depth=0, place=self.label)
            return
        if not source.exists():
            raise ExportError(f"{source} does not exist: pass the export zip LinkedIn e-mailed you, or its folder")
        if source.is_dir():
            yield from self._folder(source)
            return
        try:
            with source.open("rb") as handle:
                magic = handle.read(4)
        except OSError as exc:
            raise ExportError(f"cannot read {source}: {exc.strerror or exc}") from exc
        if not magic.startswith(b"PK"):
            raise ExportError(f"{source} is not a zip file: pass the Basic_… or Complete_LinkedInDataExport_….zip "
                              "LinkedIn e-mailed you, or the folder it was unpacked into")
        handle = self._stack.enter_context(source.open("rb"))
        yield from self._zip(self._open_zip(handle, str(source)), "", depth=0, place=str(source))

    def _open_zip(self, stream: IO[bytes], where: str) -> zipfile.ZipFile:
        try:
            self._check_directory(stream, where)
            archive = zipfile.ZipFile(stream)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
            raise ExportError(f"{where} is a damaged zip ({_why(exc)}): {DOWNLOAD_AGAIN}") from exc
        return self._stack.enter_context(archive)

    def _check_directory(self, stream: IO[bytes], where: str) -> None:
        """Refuse an archive whose table of contents is too large before ``zipfile`` parses it:
        ``ZipFile`` holds an object per entry, so a million tiny entries alone would cost
        gigabytes. The end record says how many entries there are and how many bytes they take."""
        entries, size = _directory(stream)
        if entries > self.limits.members or size > self.limits.directory_bytes:
            raise LimitError(f"{where} holds more than {self.limits.members} files (its table of contents lists "
                             f"{entries:,} in {size:,} bytes): not a LinkedIn export; review stopped")

    def _counted(self) -> None:
        self._count += 1
        if self._count > self.limits.members:
            raise LimitError(f"{self.label} holds more than {self.limits.members} files: "
                             "not a LinkedIn export; review stopped")

    def _zip(self, archive: zipfile.ZipFile, prefix: str, *, depth: int, place: str) -> Iterator[Member]:
        limits = self.limits
        for info in sorted(archive.infolist(), key=lambda i: not self.first(i.filename)):
            if info.is_dir():
                continue
            self._counted()
            name = info.filename
            if odd(name):
                self.notes.append(f"skipped {prefix}{name[:60]!r}{'…' if len(name) > 60 else ''}: "
                                  f"its name ({len(name):,} characters) is not one LinkedIn writes (never read)")
                continue
            if unsafe(name):
                self.notes.append(f"skipped {prefix}{name!r}: its name points outside the archive (never read)")
                continue
            if info.file_size > limits.member_bytes:
                raise LimitError(f"{prefix}{name} in {self.label} says it is {info.file_size // 2**20} MiB "
                                 f"uncompressed (the limit is {limits.member_bytes // 2**20} MiB): "
                                 "a damaged or hostile archive; review stopped")
            if info.file_size > limits.ratio_floor and info.file_size > limits.ratio * max(info.compress_size, 1):
                raise LimitError(f"{prefix}{name} in {self.label} expands {info.file_size // max(info.compress_size, 1)} "
                                 "times (a compression bomb): not a LinkedIn export; review stopped")
            opener = _opener(archive, info)
            if name.lower().endswith(".zip"):
                if depth + 1 > limits.nesting:
                    self.too_deep.append(f"{prefix}{name}")
                    self.notes.append(f"skipped {prefix}{name}: a zip nested deeper than {limits.nesting} levels")
                    continue
                yield from self._nested(archive, info, prefix, depth=depth + 1, place=f"{place}: {name}")
                continue
            yield Member(name, info.file_size, opener, f"{self.label}: {prefix}", encrypted=bool(info.flag_bits & 1),
                         place=place)

    def _nested(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo, prefix: str, *, depth: int,
                place: str) -> Iterator[Member]:
        """A zip saved inside the zip (a browser that saved ``….zip.zip``): its files count as the export's."""
        where = f"{prefix}{info.filename}"
        if info.file_size <= self.limits.in_memory_nested:
            nested = Member(info.filename, info.file_size, _opener(archive, info), f"{self.label}: {prefix}",
                            encrypted=bool(info.flag_bits & 1))
            data = b"".join(nested.chunks(self.budget))
            inner = self._open_zip(io.BytesIO(data), where)
        elif info.flag_bits & 1:
            raise ExportError(f"{self.label}: {where} is encrypted (the zip asks for a password): LinkedIn's exports are "
                              f"not; {DOWNLOAD_AGAIN}")
        else:  # seekable member stream: slower (a seek back decompresses again) but bounded in memory
            inner = self._open_zip(self._stack.enter_context(archive.open(info)), where)
        yield from self._zip(inner, f"{where}: ", depth=depth, place=place)

    def _folder(self, root: Path) -> Iterator[Member]:
        for folder, dirs, files in os.walk(root, followlinks=False):
            dirs.sort()
            for name in sorted(files, key=lambda n: (not self.first(n), n)):
                path = Path(folder, name)
                rel = path.relative_to(root).as_posix()
                self._counted()
                if odd(rel):
                    self.notes.append(f"skipped {rel[:60]!r}{'…' if len(rel) > 60 else ''}: its name is not one "
                                      "LinkedIn writes (never read)")
                    continue
                if path.is_symlink():
                    self.notes.append(f"skipped {rel}: a symbolic link (never followed)")
                    continue
                if not path.is_file():  # a named pipe or a device: opening it could wait forever
                    self.notes.append(f"skipped {rel}: not a regular file (never read)")
                    continue
                size = path.stat().st_size
                if name.lower().endswith(".zip"):
                    if size > self.limits.member_bytes:
                        raise LimitError(f"{path} is larger than {self.limits.member_bytes // 2**20} MiB; review stopped")
                    handle = self._stack.enter_context(path.open("rb"))
                    yield from self._zip(self._open_zip(handle, str(path)), f"{rel}: ", depth=1, place=str(path))
                    continue
                yield Member(rel, size, _file_opener(path), f"{root}/", place=str(root))


def _directory(stream: IO[bytes]) -> tuple[int, int]:
    """The entry count and table-of-contents size a zip's end record declares (zip64 too);
    (0, 0) when there is no end record (``zipfile`` then says the archive is damaged)."""
    end = stream.seek(0, io.SEEK_END)
    start = max(0, end - 22 - 65535)  # the end record, then a comment of up to 64 KiB
    stream.seek(start)
    tail = stream.read(end - start)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        return 0, 0
    entries, size = struct.unpack("<HI", tail[at + 10:at + 16])
    locator = start + at - 20
    if locator >= 56:
        stream.seek(locator)
        if stream.read(4) == b"PK\x06\x07":  # zip64: the real figures are in the record before the locator
            stream.seek(locator - 56)
            record = stream.read(56)
            if record[:4] == b"PK\x06\x06":
                entries, size = struct.unpack("<QQ", record[32:48])
    stream.seek(0)
    return entries, size


def _opener(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Callable[[], IO[bytes]]:
    return lambda: archive.open(info)


def _file_opener(path: Path) -> Callable[[], IO[bytes]]:
    return lambda: path.open("rb")
