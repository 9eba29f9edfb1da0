"""How much of an export the reviewer reads before it stops: every cap in one place.

An export is a file from the internet that the person hands us; a damaged or hostile one must not
exhaust memory or disk. So members are read as streams and counted as they are read (the ``zipfile``
documentation's advice: never ``extractall`` an untrusted archive, check ``ZipInfo.file_size``,
cap what is read). A real export is some forty CSV files of a few megabytes at most: each cap below
is far above that and far below what would hurt the machine.
"""

from __future__ import annotations

from dataclasses import dataclass

from automation.errors import UserError
from automation.review.printable import printable

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    member_bytes: int = 1024 * MIB  # one file, uncompressed
    total_bytes: int = 4096 * MIB  # every file read, uncompressed
    ratio: int = 200  # uncompressed / compressed for a member above ratio_floor: a compression bomb
    ratio_floor: int = 16 * MIB
    field_bytes: int = 16 * MIB  # one CSV field, and one physical line
    rows: int = 1_000_000  # rows in one file
    total_rows: int = 3_000_000  # rows in the whole export
    members: int = 10_000  # entries in one archive
    directory_bytes: int = 8 * MIB  # an archive's table of contents, checked before it is parsed
    kept_bytes: int = 64 * MIB  # inference rows and ad-targeting values kept to be shown (64 bytes each + text)
    flags: int = 500_000  # flags held until the end, to be sorted (about 450 bytes each)
    nesting: int = 2  # a zip inside a zip inside the download, no deeper
    in_memory_nested: int = 64 * MIB  # a nested zip up to this size is held in memory for speed


DEFAULT = Limits()


class ExportError(UserError):
    """The export cannot be read: not a zip, damaged, not LinkedIn's. One line, exit 2. Its message
    names files of the export, so control characters in it are shown escaped (printable.py)."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(printable(message), hint=hint)


class LimitError(ExportError):
    """A member is too large or too many: a damaged or hostile archive. One line, exit 2."""
