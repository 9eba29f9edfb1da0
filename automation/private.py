"""Write files that may hold secrets or personal data: folders 0700, files 0600 (on Windows: the
user alone in the access list, see owner_only.py).

Reports, snapshots, profiles, storage state and traces all go through here, so nobody else on the
machine can read them (the shot-scraper ``auth`` practice: chmod 600 on saved state).
"""

from __future__ import annotations

import os
from pathlib import Path

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


def write_private(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write ``data`` to ``path`` atomically with mode 0600, creating a private parent folder."""
    target = Path(path).expanduser()
    private_dir(target.parent)
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        with os.fdopen(open_private(tmp, os.O_WRONLY | os.O_TRUNC), "wb") as handle:
            handle.write(raw)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise FolderError(f"cannot write {target}: {exc.strerror or exc}") from exc
    return target
