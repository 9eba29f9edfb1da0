"""The file-writing helpers on a Python without the POSIX-only calls (as on Windows).

Windows' Python has no ``os.fchmod`` before 3.13, no ``os.getuid``/``os.geteuid`` and no
``fcntl``; chmod there only sets the read-only bit. These tests take those away on Linux and
take the Windows path (``owner_only.windows()`` patched true, ``icacls`` recorded, ``msvcrt``
stood in for), so the Linux suite catches a regression before the Windows CI job does.
"""

from __future__ import annotations

import os
import sys
import types
from datetime import UTC, datetime, timezone
from pathlib import Path

import pytest

import automation.owner_only as owner_only
from automation.errors import UserError


class FakeMsvcrt(types.ModuleType):
    """msvcrt.locking's contract: a second non-blocking lock on the same file raises OSError."""

    LK_NBLCK = 2

    def __init__(self) -> None:
        super().__init__("msvcrt")
        self.held: dict[int, int] = {}  # inode -> fd holding it

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        inode = os.fstat(fd).st_ino
        holder = self.held.get(inode)
        if holder is not None and holder != fd:
            try:
                if os.fstat(holder).st_ino == inode:
                    raise OSError(36, "Resource deadlock avoided")
            except OSError as exc:
                if exc.errno == 36:
                    raise
        self.held[inode] = fd


@pytest.fixture
def no_posix(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[list[str]]:
    """A Python like Windows' one: returns the icacls command lines the code ran."""
    for name in ("fchmod", "getuid", "geteuid"):
        monkeypatch.delattr(os, name, raising=False)
    monkeypatch.setitem(sys.modules, "fcntl", None)  # `import fcntl` raises ImportError
    monkeypatch.setitem(sys.modules, "msvcrt", FakeMsvcrt())
    monkeypatch.setattr(owner_only, "windows", lambda: True)
    monkeypatch.setattr(os, "chmod", lambda *a, **k: pytest.fail("os.chmod used on the Windows path"))
    ran: list[list[str]] = []

    def fake_run(argv, **kwargs):
        ran.append(list(argv))
        return types.SimpleNamespace(returncode=0, stdout="", stderr="")

    monkeypatch.setattr(owner_only.subprocess, "run", fake_run)
    monkeypatch.setenv("USERNAME", "ada")
    return ran


def test_a_private_file_is_written_and_given_to_the_user_alone_by_icacls(no_posix, tmp_path: Path) -> None:
    from automation.private import write_private

    target = write_private(tmp_path / "new" / "state.json", "{}")
    assert target.read_text() == "{}"
    assert ["icacls", str(tmp_path / "new"), "/inheritance:r", "/grant:r", "ada:(OI)(CI)F", "/Q"] in no_posix
    assert any(argv[1].startswith(str(tmp_path / "new" / ".state.json.tmp")) and argv[4] == "ada:F" for argv in no_posix)


def test_history_appends_without_fchmod(no_posix, tmp_path: Path) -> None:
    from automation.results import history

    record = history.Record(kind="objection", at=datetime.now(UTC), profile="default",
                            details={"region": "eu"})
    path = history.append(record, tmp_path / "history.jsonl")
    history.append(record, path)
    assert len(path.read_text().splitlines()) == 2
    assert ["icacls", str(path), "/inheritance:r", "/grant:r", "ada:F", "/Q"] in no_posix


def test_the_profile_lock_works_with_msvcrt_and_a_second_run_is_refused(no_posix, tmp_path: Path) -> None:
    from automation.session.profile import Profile

    profile = Profile("default", root=tmp_path)
    with profile.lock():
        with pytest.raises(UserError, match="in use by another run"):
            with Profile("default", root=tmp_path).lock():
                pass
    profile.tighten()
    assert ["icacls", str(profile.dir), "/inheritance:r", "/grant:r", "ada:(OI)(CI)F", "/Q"] in no_posix


def test_the_schedule_plan_needs_no_getuid(no_posix) -> None:
    from automation.schedule import platforms

    assert platforms._uid() == 0


def test_a_refusing_icacls_warns_and_never_crashes_the_run(monkeypatch, tmp_path: Path, caplog) -> None:
    monkeypatch.setattr(owner_only, "windows", lambda: True)
    monkeypatch.setattr(owner_only.subprocess, "run", lambda *a, **k: (_ for _ in ()).throw(FileNotFoundError("icacls")))
    owner_only.restrict(tmp_path)
    assert "could not restrict" in caplog.text


def test_on_posix_the_same_helpers_give_0600_and_0700(tmp_path: Path) -> None:
    from automation.private import write_private

    target = write_private(tmp_path / "made" / "secret", "x")
    assert target.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "made").stat().st_mode & 0o777 == 0o700
