"""One export at a time: a folder holding several is refused with the list; a zip nested too deep
and an encrypted zip each say so in one line."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from automation.cli import cli
from automation.review import ExportError, Options, review_export
from automation.review.synthetic import build


def review_cli(*args: str) -> tuple[int, str]:
    done = CliRunner().invoke(cli, ["review", *args])
    lines = done.stderr.strip().splitlines()
    assert "Traceback" not in done.stderr and len(lines) == 1, done.stderr
    return done.exit_code, lines[0]


def test_a_folder_with_a_basic_and_a_complete_export_is_refused_with_both_named(home: Path, tmp_path: Path) -> None:
    for style in ("basic", "complete"):
        sample = build(style)
        (tmp_path / sample.name).write_bytes(sample.data)
    code, line = review_cli(str(tmp_path))
    assert code == 2 and "holds 2 exports, not one" in line
    assert f"{tmp_path}/Basic_LinkedInDataExport_" in line and f"{tmp_path}/Complete_LinkedInDataExport_" in line
    assert "Review each apart: pass its zip" in line


def test_a_folder_with_two_unpacked_exports_is_refused(tmp_path: Path) -> None:
    for month in ("10", "11"):
        with zipfile.ZipFile(io.BytesIO(build("basic").data)) as z:
            z.extractall(tmp_path / f"export-{month}")  # our own generated archive, trusted
    with pytest.raises(ExportError, match=r"holds 2 exports, not one: .*export-10; .*export-11"):
        review_export(tmp_path, Options())


def test_one_export_with_its_subfolders_is_one_export(tmp_path: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(build("complete").data)) as z:
        z.extractall(tmp_path / "Complete_LinkedInDataExport_11-27-2026")
    review = review_export(tmp_path, Options())
    assert any(f.name.endswith("Jobs/Job Applications.csv") for f in review.files)
    assert any("Articles/Articles/" in f.name for f in review.files)


def test_an_export_nested_deeper_than_allowed_says_so(home: Path, tmp_path: Path) -> None:
    inner = build("basic").data
    for name in ("a.zip", "b.zip", "c.zip"):
        data = io.BytesIO()
        with zipfile.ZipFile(data, "w") as z:
            z.writestr(name, inner)
        inner = data.getvalue()
    path = tmp_path / "download.zip"
    path.write_bytes(inner)
    code, line = review_cli(str(path))
    assert code == 2 and "nested more than 2 levels deep" in line and "unzip it once" in line
    assert "none of the files LinkedIn puts in one" not in line


def test_an_encrypted_zip_is_one_plain_line(home: Path, tmp_path: Path) -> None:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as z:
        z.writestr("Profile.csv", b"First Name,Last Name\nRowan,Vale\n")
    raw = bytearray(data.getvalue())
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # the "encrypted" bit, local and central
        raw[raw.index(signature) + flags_at] |= 0x1
    path = tmp_path / "export.zip"
    path.write_bytes(bytes(raw))
    code, line = review_cli(str(path))
    assert code == 2 and "Profile.csv is encrypted (the zip asks for a password)" in line
    assert "ZipInfo" not in line and "filename=" not in line
