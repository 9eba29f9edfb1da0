"""Exports as they were written over the years: UTF-16 with a byte-order mark and tabs (2018),
older column names, carriage returns alone; and a known file whose header is not recognised."""

from __future__ import annotations

import codecs
import io
import zipfile
from datetime import date

import pytest
from click.testing import CliRunner

from automation.cli import cli
from automation.review import Options, Review, review_export
from automation.review.lines import Decoding, text_lines
from tests.helpers.made_export import TODAY, reviewed, zipped
from tests.helpers.old_export import POSTS, export_2018


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_the_2018_export_in_utf16_with_tabs_reads_its_five_posts_all_old_oldest_first(encoding: str) -> None:
    review = reviewed(export_2018(encoding), watch=("privacy",))
    files = {f.name: f for f in review.files}
    assert files["Shares.csv"].rows == 5 and files["Logins.csv"].rows == 2 and files["SearchQueries.csv"].rows == 1
    assert f"read as {encoding.upper()}" in files["Shares.csv"].notes and "fields separated by tabs" in files[
        "Shares.csv"].notes
    old = [f for f in review.flags if f.kind == "old"]
    assert [f.date for f in old] == sorted(when.replace("/", "-").replace(" UTC", "").replace(" ", "T")
                                           for when, *_ in POSTS)
    assert all(f.link and "urn:li:share:" in f.link and "\x00" not in f.excerpt for f in old)
    assert "My first post, back in 2015." in old[0].excerpt
    assert "Why data privacy matters" in {f.excerpt for f in old}  # a post with only a "Share Title"
    assert [f.excerpt for f in review.flags if f.kind == "watch-word"] == ["Why data privacy matters"]
    assert [f.kind for f in review.flags if f.kind == "email"] == ["email"]
    assert review.ad_targeting["Member Skills"] == ["Python", "SQL"]
    assert review.unknown_files == []  # the account status file is known


def test_a_utf8_mark_and_utf16_without_a_mark_are_read_too() -> None:
    text = "Date,ShareLink,ShareCommentary\n2015-01-01 10:00:00,https://www.linkedin.com/feed/update/urn:li:share:1,Hé\n"
    for raw in (codecs.BOM_UTF8 + text.encode(), text.encode("utf-16-le"), text.encode("utf-16-be")):
        review = reviewed(zipped(Shares=raw))
        [flag] = review.flags
        assert flag.kind == "old" and flag.excerpt == "Hé" and review.files[0].rows == 1


def test_lines_ended_by_a_carriage_return_alone_are_read_in_the_first_rows_and_later() -> None:
    rows = "".join(f"2015-01-{i % 28 + 1:02d} 10:00:00,https://www.linkedin.com/feed/update/urn:li:share:{i},post {i}\r"
                   for i in range(30))
    review = reviewed(zipped(Shares=("Date,ShareLink,ShareCommentary\r" + rows).encode()))
    assert review.files[0].rows == 30 and len(review.flags) == 30
    assert "lines end with a carriage return alone: read as line ends" in review.files[0].notes


@pytest.mark.parametrize("at", [2, 25])
def test_a_lone_carriage_return_in_an_unquoted_field_is_read_as_a_space(at: int) -> None:
    rows = [f"2015-01-01 10:00:00,https://www.linkedin.com/feed/update/urn:li:share:{i},post {i}\n" for i in range(30)]
    rows[at] = f"2015-01-01 10:00:00,https://www.linkedin.com/feed/update/urn:li:share:{at},broken\rline {at}\n"
    review = reviewed(zipped(Shares=("Date,ShareLink,ShareCommentary\r\n" + "".join(rows)).encode()))
    assert review.files[0].rows == 30 and len(review.flags) == 30
    assert any(f.excerpt == f"broken line {at}" for f in review.flags)
    assert review.files[0].notes == ["1 carriage return(s) inside a line: read as spaces"]


def test_a_carriage_return_split_from_its_line_feed_between_chunks_is_one_line_end() -> None:
    raw = b"Name\r\nPython\r\nSQL\r\n"
    for cut in range(1, len(raw)):
        seen = Decoding()
        lines = list(text_lines([raw[:cut], raw[cut:]], name="Skills.csv", max_line=1000, seen=seen))
        assert "".join(lines) == raw.decode() and seen.lone_cr == 0, cut


def test_a_known_file_whose_header_is_not_recognised_says_what_was_expected_and_is_not_scanned() -> None:
    raw = b"When|What\n2015-01-01|Mail me at rowan.vale@example.org\n"
    review = reviewed(zipped(Shares=raw, Profile=b"First Name,Last Name\nRowan,Vale\n"))
    posts = next(f for f in review.files if f.name == "Shares.csv")
    assert posts.rows == 1 and review.flags == []
    assert posts.notes == ["header not recognised (expected a column 'ShareCommentary' or 'ShareLink'): rows counted, "
                           "its text not scanned"]


def test_the_cli_shows_the_2018_export_without_noise(home, tmp_path) -> None:
    path = tmp_path / "export-2018.zip"
    path.write_bytes(export_2018())
    done = CliRunner(env={"COLUMNS": "200"}).invoke(cli, ["review", str(path)])
    assert done.exit_code == 0, done.output
    assert "\x00" not in done.stdout and "Old content, oldest first (5)" in done.stdout
    assert "by year: 2015: 2 · 2016: 2 · 2017: 1" in done.stdout
