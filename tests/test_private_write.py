"""The private-file writer: a temporary is created, never opened, in the target's folder, so a
link planted at its name is neither followed nor removed."""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

import pytest

from automation.errors import FolderError
from automation.private import write_private


def test_a_planted_link_at_the_temporary_name_is_never_followed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    out = tmp_path / "out"
    out.mkdir(mode=0o700)
    names = iter(["planted", "fresh"])
    monkeypatch.setattr(secrets, "token_hex", lambda n: next(names))
    planted = [out / ".flags.csv.tmp-planted", out / f".flags.csv.tmp-{os.getpid()}"]  # also the old fixed name
    for link in planted:
        link.symlink_to(victim)
    written = write_private(out / "flags.csv", "kind\n")
    assert victim.read_text() == "keep me" and written.read_text() == "kind\n"
    assert stat.S_IMODE(written.stat().st_mode) == 0o600 and not written.is_symlink()
    assert all(link.is_symlink() for link in planted)  # not ours: neither followed nor removed
    assert sorted(p.name for p in out.iterdir()) == sorted([*(p.name for p in planted), "flags.csv"])


def test_no_free_temporary_name_is_one_line_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(secrets, "token_hex", lambda n: "same")
    (tmp_path / ".x.tmp-same").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(FolderError, match="cannot write"):
        write_private(tmp_path / "x", "data")
    assert not (tmp_path / "elsewhere").exists()


def test_a_stream_that_fails_leaves_neither_the_file_nor_its_temporary(tmp_path: Path) -> None:
    from automation.private import private_file

    target = tmp_path / "flags.csv"
    target.write_text("before")
    with pytest.raises(RuntimeError):
        with private_file(target) as handle:
            handle.write(b"half")
            raise RuntimeError("stopped")
    assert target.read_text() == "before" and [p.name for p in tmp_path.iterdir()] == ["flags.csv"]
