"""Make a file or folder readable by its owner only, on POSIX and on Windows.

POSIX: mode 0600 for files, 0700 for folders. Windows has no useful file modes (``os.chmod`` only
sets the read-only bit, and ``os.fchmod`` is missing before Python 3.13), so there the promise is
kept with the access list: ``icacls PATH /inheritance:r /grant:r USER:F`` drops every inherited
entry and grants the user alone (folders with ``(OI)(CI)``, so what the browser writes inside
inherits it). The tool's own folders live in the user's profile (``%LOCALAPPDATA%``), whose
access list already admits only the user, SYSTEM and Administrators; ``icacls`` narrows that to
the user and also covers a report written anywhere else. If ``icacls`` is missing or refuses, the
file keeps the folder's access list and a warning says so; it never crashes a run whose work is done.
"""

from __future__ import annotations

import getpass
import logging
import os
import subprocess
from pathlib import Path

log = logging.getLogger(__name__)


def windows() -> bool:
    """A seam: tests exercise the Windows path on Linux by patching this."""
    return os.name == "nt"


def icacls_argv(path: str | os.PathLike[str], *, folder: bool) -> list[str]:
    user = os.environ.get("USERNAME") or getpass.getuser()
    return ["icacls", str(path), "/inheritance:r", "/grant:r", f"{user}:{'(OI)(CI)' if folder else ''}F", "/Q"]


def restrict(path: str | os.PathLike[str], *, folder: bool = False) -> None:
    """Owner only: 0600/0700 on POSIX, the user alone in the access list on Windows."""
    if not windows():
        os.chmod(path, 0o700 if folder else 0o600)
        return
    try:
        done = subprocess.run(icacls_argv(path, folder=folder), capture_output=True, text=True, check=False)
    except OSError as exc:
        log.warning("could not restrict %s to this user (icacls: %s); it keeps its folder's access list", path, exc)
        return
    if done.returncode != 0:
        log.warning("could not restrict %s to this user (icacls: %s); it keeps its folder's access list",
                    path, (done.stderr or done.stdout).strip().splitlines()[:1])


def restrict_fd(fd: int, path: str | os.PathLike[str]) -> None:
    """Like :func:`restrict` for a file we hold open: ``fchmod`` where it exists (no race on the name)."""
    if not windows() and hasattr(os, "fchmod"):
        os.fchmod(fd, 0o600)
    else:
        restrict(Path(path))


def restrict_windows(folder: str | os.PathLike[str]) -> bool:
    """On Windows, restrict ``folder`` (inherited by all inside it) and say so; elsewhere do nothing."""
    if not windows():
        return False
    restrict(folder, folder=True)
    return True
