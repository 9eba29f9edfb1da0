"""Write files that may hold secrets or personal data: folders 0700, files 0600 (on Windows: the
user alone in the access list, see owner_only.py).

Reports, snapshots, profiles, storage state and traces all go through here, so nobody else on the
machine can read them (the shot-scraper ``auth`` practice: chmod 600 on saved state).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from automation.errors import FolderError
from automation.owner_only import restrict, restrict_fd


def private_dir(path: str | os.PathLike[str]) -> Path:
    """Create ``path`` (and missing parents) as 0700 and check it is writable."""
    folder = Path(path).expanduser()
    blocked = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), None)
    if blocked is not None:
        raise FolderError(f"cannot create folder {folder}: {blocked} is a file, not a folder")
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    try:
        for parent in reversed(missing):  # every folder we create is private, not only the last
            parent.mkdir(mode=0o700, exist_ok=True)
            restrict(parent, folder=True)
        # A folder that already existed keeps its mode: it may be the user's (say /tmp, for
        # --report /tmp/run.json). Our own folders were created 0700 here in the first place.
    except OSError as exc:
        raise FolderError(f"cannot create folder {folder}: {exc.strerror or exc}") from exc
    if not os.access(folder, os.W_OK | os.X_OK):
        raise FolderError(f"folder {folder} is not writable")
    return folder


def open_private(path: str | os.PathLike[str], flags: int = os.O_WRONLY | os.O_APPEND) -> int:
    """Open ``path``, created if missing, as a file only its owner may read (0600, also when it
    existed with a wider mode). The parent must exist; the caller closes the descriptor."""
    fd = os.open(path, flags | os.O_CREAT, 0o600)
    try:
        restrict_fd(fd, path)  # os.fchmod is missing on Windows before Python 3.13
    except BaseException:
        os.close(fd)
        raise
    return fd


# A temporary file is created, never opened: O_EXCL fails when anything (a file, a symbolic link
# planted at the name) is already there, and O_NOFOLLOW never follows a link (Windows has neither
# the flag nor, without privileges, symbolic links; O_EXCL is enough there).
_NEW_FILE = os.O_WRONLY | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
_TRIES = 8


def _new_temporary(target: Path) -> tuple[Path, int]:
    """A new private file beside ``target`` (the same folder, so the rename is atomic), with a name
    no one can guess, created exclusively; its path and descriptor."""
    for _ in range(_TRIES):
        tmp = target.with_name(f".{target.name}.tmp-{secrets.token_hex(8)}")
        try:
            return tmp, open_private(tmp, _NEW_FILE)
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {target} after {_TRIES} tries")


@contextmanager
def private_file(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A private file written as a stream: what is written goes to a new temporary file beside
    ``path``, which replaces ``path`` only when the block ends without an error. Mode 0600, in a
    private parent folder; the temporary is removed on any error."""
    target = Path(path).expanduser()
    private_dir(target.parent)
    try:
        tmp, fd = _new_temporary(target)
    except OSError as exc:
        raise FolderError(f"cannot write {target}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise FolderError(f"cannot write {target}: {exc.strerror or exc}") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_private(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write ``data`` to ``path`` atomically with mode 0600, creating a private parent folder."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with private_file(path) as handle:
        handle.write(raw)
    return Path(path).expanduser()
