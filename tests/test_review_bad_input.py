"""Bad and hostile exports: one line naming the file and what to do, exit 2, no traceback,
nothing extracted, and peak memory far under 400 MB however large the archive claims to be."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from automation.cli import cli
from automation.review import ExportError, LimitError, Limits, Options, review_export
from automation.review.synthetic import build
from tests.conftest import isolated_env
from tests.helpers.hostile import hostile

MEMORY_BOUND = 400 * 1024 * 1024


def review_cli(*args: str) -> tuple[int, str, str]:
    done = CliRunner().invoke(cli, ["review", *args])
    return done.exit_code, done.stdout, done.stderr


def one_error_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    return lines[0]


def test_a_file_that_is_not_a_zip_is_one_line_and_exit_2(tmp_path: Path, home: Path) -> None:
    path = tmp_path / "export.zip"
    path.write_text("First Name,Last Name\n")
    code, _, err = review_cli(str(path))
    assert code == 2 and f"{path} is not a zip file" in one_error_line(err)


def test_a_missing_export_is_one_line_and_exit_2(tmp_path: Path, home: Path) -> None:
    code, _, err = review_cli(str(tmp_path / "nowhere.zip"))
    assert code == 2 and "does not exist" in one_error_line(err)


def test_a_zip_that_is_not_a_linkedin_export_says_so(tmp_path: Path, home: Path) -> None:
    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("holiday.jpg", b"\xff\xd8\xff")
        z.writestr("notes.txt", "hello")
    code, _, err = review_cli(str(path))
    assert code == 2 and "is not a LinkedIn data export" in one_error_line(err)


def test_a_truncated_zip_is_damaged_download_it_again(tmp_path: Path, home: Path) -> None:
    path = tmp_path / "Complete_LinkedInDataExport_11-27-2026.zip"
    path.write_bytes(build("complete").data[:5000])
    code, _, err = review_cli(str(path))
    line = one_error_line(err)
    assert code == 2 and "damaged zip" in line and "download it again" in line


def test_a_corrupt_member_is_one_line_naming_it(tmp_path: Path, home: Path) -> None:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("Profile.csv", "First Name,Last Name\nRowan,Vale\n" * 200)
    raw = bytearray(data.getvalue())
    start = 30 + len("Profile.csv")
    raw[start + 5:start + 40] = b"\x00" * 35  # the compressed bytes, not the directory
    path = tmp_path / "export.zip"
    path.write_bytes(bytes(raw))
    code, _, err = review_cli(str(path))
    line = one_error_line(err)
    assert code == 2 and "Profile.csv cannot be read" in line and "download it again" in line


def test_members_that_climb_out_are_skipped_noted_and_never_written(tmp_path: Path) -> None:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as z:
        z.writestr("Profile.csv", "First Name,Last Name\nRowan,Vale\n")
        z.writestr(zipfile.ZipInfo("../Shares.csv"), "Date,ShareLink,ShareCommentary\n2024-01-01 00:00:00,x,y\n")
        z.writestr(zipfile.ZipInfo("/etc/Comments.csv"), "Date,Link,Message\n")
        z.writestr(zipfile.ZipInfo("C:/Users/Comments.csv"), "Date,Link,Message\n")
    before = sorted(tmp_path.rglob("*"))
    review = review_export(data.getvalue(), Options())
    assert [f.name for f in review.files] == ["Profile.csv"]
    assert len(review.notes) == 3 and all("points outside the archive" in n for n in review.notes)
    assert sorted(tmp_path.rglob("*")) == before and not (tmp_path.parent / "Shares.csv").exists()


def test_a_zip_saved_inside_a_zip_and_an_unpacked_folder_review_alike(tmp_path: Path) -> None:
    plain = build("complete")
    nested = build("complete", nested=True)
    assert nested.name.endswith(".zip.zip")
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(io.BytesIO(plain.data)) as z:
        z.extractall(folder)  # our own generated archive, trusted: the person's unpacked folder
    counts = [{f.name: f.rows for f in review_export(source, Options()).files}
              for source in (plain.data, nested.data, folder)]
    assert counts[0] == counts[1] == counts[2] == plain.expected


# The child's peak memory, measured by a small parent: Linux keeps a process's peak across exec,
# so a child forked straight from this (large) test process would report the test's own size.
MEASURE = ("import os, subprocess, sys\n"
           "child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
           "_, status, usage = os.wait4(child.pid, 0)\n"
           "print(usage.ru_maxrss)\n"
           "sys.exit(os.waitstatus_to_exitcode(status))\n")


def run_measured(tmp_path: Path, argv: list[str]) -> tuple[int, str, int]:
    """Run a child Python and return its exit code, stderr and peak resident memory in bytes."""
    done = subprocess.run([sys.executable, "-c", MEASURE, sys.executable, *argv], capture_output=True, text=True,
                          env=isolated_env(tmp_path, PYTHONPATH=str(Path(__file__).resolve().parents[1])), timeout=300)
    unit = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, kilobytes on Linux
    return done.returncode, done.stderr, int(done.stdout.strip()) * unit


@pytest.mark.parametrize(("kind", "says"), [
    ("bomb", "a compression bomb"), ("huge-field", "a compression bomb"),
    pytest.param("many-rows", "has more than 1,000,000 rows", marks=pytest.mark.slow),
    ("many-entries", "holds more than 10000 files")])
def test_a_hostile_archive_ends_in_one_line_and_exit_2_within_the_memory_bound(tmp_path: Path, kind: str,
                                                                                 says: str) -> None:
    path = tmp_path / f"{kind}.zip"
    hostile(kind, str(path))
    code, err, peak = run_measured(tmp_path, ["-m", "automation", "review", str(path)])
    assert code == 2 and says in one_error_line(err) and str(path) in err
    assert peak < MEMORY_BOUND, f"peak memory {peak / 2**20:.0f} MiB"


@pytest.mark.parametrize(("kind", "says"), [("bomb", "a line longer than 16 MiB"),
                                            ("huge-field", "a field larger than 16 MiB")])
def test_without_the_ratio_check_the_line_and_field_limits_still_bound_memory(tmp_path: Path, kind: str,
                                                                              says: str) -> None:
    path = tmp_path / f"{kind}.zip"
    hostile(kind, str(path))
    script = ("import sys; from pathlib import Path; from automation.review import *\n"
              "try: review_export(Path(sys.argv[1]), Options(limits=Limits(ratio=10**9)))\n"
              "except LimitError as e: print(e, file=sys.stderr); sys.exit(2)\n")
    code, err, peak = run_measured(tmp_path, ["-c", script, str(path)])
    assert code == 2 and says in one_error_line(err)
    assert peak < MEMORY_BOUND / 2, f"peak memory {peak / 2**20:.0f} MiB"


def test_the_limits_count_what_is_read_not_only_what_is_declared(tmp_path: Path) -> None:
    (tmp_path / "Profile.csv").write_text("First Name,Last Name\n" + "Rowan,Vale\n" * 2000)  # a folder declares nothing
    with pytest.raises(LimitError, match="Profile.csv is larger than"):
        review_export(tmp_path, Options(limits=Limits(member_bytes=10_000)))


def test_a_large_nested_zip_is_read_as_a_stream_not_held_in_memory() -> None:
    nested = build("basic", nested=True)
    streamed = review_export(nested.data, Options(limits=Limits(in_memory_nested=0)))
    assert {f.name: f.rows for f in streamed.files} == nested.expected


def test_a_zip_nested_deeper_than_two_levels_is_skipped_and_noted() -> None:
    inner = build("basic").data
    for name in ("a.zip", "b.zip"):
        data = io.BytesIO()
        with zipfile.ZipFile(data, "w") as z:
            z.writestr(name, inner)
        inner = data.getvalue()
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as z:
        z.writestr("Profile.csv", "First Name,Last Name\nRowan,Vale\n")
        z.writestr("c.zip", inner)
    review = review_export(data.getvalue(), Options())
    assert [f.name for f in review.files] == ["Profile.csv"]
    assert any("nested deeper than 2 levels" in note for note in review.notes)


def test_a_member_name_with_control_characters_or_of_huge_length_is_skipped_and_noted(home: Path) -> None:
    """A name with terminal escapes could rewrite the person's screen; a name of 60,000 characters
    would flood it. Neither is a name LinkedIn writes: skipped, noted in a short line, never printed whole."""
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as z:
        z.writestr("Profile.csv", "First Name,Last Name\nRowan,Vale\n")
        z.writestr("evil\x1b]0;owned\x07\x1b[2J.csv", "a,b\n")
        z.writestr("Shares\n.csv", "Date,ShareLink,ShareCommentary\n")
        z.writestr("x" * 60_000 + ".csv", "a,b\n")
        z.writestr("../" * 20_000 + "Profile.csv", "a,b\n")
    review = review_export(data.getvalue(), Options())
    assert review.unknown_files == [] and [f.name for f in review.files] == ["Profile.csv"]
    assert len(review.notes) == 4 and all(len(note) < 300 and "\x1b" not in note for note in review.notes)


def test_what_is_kept_of_inferences_and_ad_targeting_is_bounded(tmp_path: Path) -> None:
    """Inference rows and ad-targeting values are kept to be shown, so they count against a cap:
    a hostile file of a gigabyte of them must end in one line, not fill memory."""
    (tmp_path / "Profile.csv").write_text("First Name,Last Name\nRowan,Vale\n")
    (tmp_path / "Ad_Targeting.csv").write_text("Member Skills\n" + ";".join(f"skill{i}" for i in range(5000)) + "\n")
    with pytest.raises(LimitError, match="Ad_Targeting.csv holds more than"):
        review_export(tmp_path, Options(limits=Limits(kept_bytes=100_000)))
    (tmp_path / "Ad_Targeting.csv").unlink()
    (tmp_path / "Inferences_about_you.csv").write_text(
        "Category,Type of inference,Description,Inference\n" + "Career inferences,Job seeker,Whether,true\n" * 5000)
    with pytest.raises(LimitError, match="Inferences_about_you.csv holds more than"):
        review_export(tmp_path, Options(limits=Limits(kept_bytes=100_000)))


def test_many_distinct_ad_targeting_values_are_merged_in_linear_time() -> None:
    values = [f"v{i}" for i in range(5_000)]
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as z:
        z.writestr("Ad_Targeting.csv", "Member Skills,Member Skills\n" + ";".join(values) + "," + ";".join(values) + "\n")
    review = review_export(data.getvalue(), Options())
    assert review.ad_targeting["Member Skills"] == values


def test_the_number_of_flags_is_bounded(tmp_path: Path) -> None:
    """Each flag is held until the end (to sort them newest first): a field packed with distinct
    addresses must end in one line, not in a million flags in memory."""
    (tmp_path / "Profile.csv").write_text("First Name,Last Name,Summary\nRowan,Vale,"
                                          + " ".join(f"r{i}@example.org" for i in range(500)) + "\n")
    with pytest.raises(LimitError, match="Profile.csv brings the review to more than 100 flags"):
        review_export(tmp_path, Options(limits=Limits(flags=100)))


def test_an_export_given_as_bytes_is_named_in_a_short_line_not_dumped() -> None:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as z:
        z.writestr("notes.txt", "x" * 10_000)
    with pytest.raises(ExportError) as error:
        review_export(data.getvalue(), Options())
    assert str(error.value).startswith("the export is not a LinkedIn data export") and len(str(error.value)) < 300


def test_an_unpacked_folder_with_a_pipe_or_a_device_skips_it_and_does_not_hang(tmp_path: Path) -> None:
    """Only regular files of an unpacked folder are read: opening a named pipe would wait forever."""
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "Profile.csv").write_text("First Name,Last Name\nRowan,Vale\n")
    os.mkfifo(folder / "Shares.csv")
    script = ("import sys; from pathlib import Path; from automation.review import *\n"
              "r = review_export(Path(sys.argv[1])); print([f.name for f in r.files]); print(r.notes)\n")
    done = subprocess.run([sys.executable, "-c", script, str(folder)], capture_output=True, text=True, timeout=60,
                          env=isolated_env(tmp_path, PYTHONPATH=str(Path(__file__).resolve().parents[1])))
    assert done.returncode == 0, done.stderr
    assert "['Profile.csv']" in done.stdout and "Shares.csv: not a regular file" in done.stdout
