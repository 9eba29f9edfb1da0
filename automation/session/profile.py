"""Sign-in profiles: one dedicated browser profile per name, holding that person's session.

Layout (folders 0700, files 0600)::

    <user data dir>/linkedin-optout/profiles/<name>/
        profile.json   what this folder is (so a foreign or corrupt folder is recognised)
        browser/       Chromium's user data dir: cookies, local storage. SECRET.
        lock           held while a run uses the profile

The same profile on the same machine avoids LinkedIn's "new device" e-mails and early session
expiry (docs/linkedin.md#session-cookies). Two runs on one profile would corrupt it, so a run takes the lock.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from automation.config import PROFILE_NAME, PROFILE_RULE
from automation.errors import NoProfileError, ProfileLockedError, StateFileError, UserError
from automation.owner_only import restrict_windows
from automation.paths import profiles_root
from automation.private import private_dir, write_private
from automation.version import __version__

MARKER = "profile.json"
_NAME = re.compile(PROFILE_NAME)


class Profile:
    def __init__(self, name: str = "default", root: Path | None = None) -> None:
        if not _NAME.match(name):
            raise UserError(f"profile name {name!r} is not allowed: {PROFILE_RULE}")
        self.name = name
        self.dir = (root or profiles_root()) / name
        self.browser_dir = self.dir / "browser"
        self.meta_file = self.dir / MARKER
        self.lock_file = self.dir / "lock"

    # --- existence and integrity -------------------------------------------------------------

    def exists(self) -> bool:
        return self.dir.exists()

    def create(self) -> Profile:
        private_dir(self.browser_dir)
        if not self.meta_file.exists():
            self._write_meta({"tool": "linkedin-optout", "schema_version": 1, "name": self.name,
                              "created": datetime.now(UTC).isoformat(), "created_by": __version__})
        return self

    def meta(self) -> dict:
        """The profile's metadata; a clear error with a way out if the folder is not ours."""
        way_out = (f"move {self.dir} aside, or delete it with `linkedin-optout logout --profile {self.name}`, "
                   f"then sign in again")
        try:
            data = json.loads(self.meta_file.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise StateFileError(f"{self.dir} is not a linkedin-optout profile ({MARKER} is missing)",
                                 hint=way_out) from exc
        except (OSError, ValueError) as exc:
            raise StateFileError(f"profile file {self.meta_file} is corrupt", hint=way_out) from exc
        if not isinstance(data, dict) or data.get("tool") != "linkedin-optout":
            raise StateFileError(f"{self.dir} is not a linkedin-optout profile", hint=way_out)
        if not self.browser_dir.is_dir():
            raise StateFileError(f"profile {self.name} has no browser folder", hint=way_out)
        return data

    def require(self) -> dict:
        """For runs that need a session: the profile must exist and be ours."""
        if not self.exists():
            raise NoProfileError(f"no sign-in profile {self.name!r} yet",
                                 hint=_login_hint(self.name))
        return self.meta()

    def record_account(self, account: str | None) -> str | None:
        """Note whose session the profile holds. Returns the account it held before when that was
        another one (a different person signed in to this profile), else None."""
        data = self.meta()
        before = data.get("account")
        data.update(account=account, signed_in=datetime.now(UTC).isoformat())
        self._write_meta(data)
        return before if before and account and before != account else None

    def _write_meta(self, data: dict) -> None:
        write_private(self.meta_file, json.dumps(data, indent=2) + "\n")

    # --- hygiene ------------------------------------------------------------------------------

    def tighten(self) -> None:
        """Files 0600, folders 0700, whatever the browser created (a belt to the umask's braces)."""
        if not self.dir.exists():
            return
        if restrict_windows(self.dir):  # one inheritable access list covers everything inside
            return
        for folder, _dirs, files in os.walk(self.dir):
            os.chmod(folder, 0o700)
            for name in files:
                path = os.path.join(folder, name)
                if not os.path.islink(path):
                    os.chmod(path, 0o600)

    def delete(self) -> None:
        shutil.rmtree(self.dir)

    # --- one run at a time --------------------------------------------------------------------

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the profile for one run; a second run stops at once with exit code 2."""
        private_dir(self.dir)
        fd = os.open(self.lock_file, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if not _try_lock(fd):
                try:  # Windows forbids reading a byte range another process has locked
                    os.lseek(fd, 0, os.SEEK_SET)
                    other = os.read(fd, 32).decode(errors="replace").strip() or "?"
                except OSError:
                    other = "?"
                raise ProfileLockedError(f"profile {self.name!r} is in use by another run (pid {other})",
                                         hint="wait for it to finish, then try again")
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, str(os.getpid()).encode())
            yield
        finally:
            os.close(fd)  # closing releases the lock


def _try_lock(fd: int) -> bool:
    """flock where fcntl exists (POSIX), else msvcrt's byte-range lock (Windows)."""
    try:
        import fcntl
    except ImportError:
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
            return True
        except OSError:
            return False

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _login_hint(name: str) -> str:
    flag = "" if name == "default" else f" --profile {name}"
    return (f"run `linkedin-optout login{flag}` and sign in in the window, or `linkedin-optout import-session{flag}` "
            "on a machine without a screen")


def login_hint(name: str) -> str:
    return _login_hint(name)
