"""Each quirk of a real export, read right here and wrong by the naive way (``csv.DictReader``
over the raw file): every test asserts both, so none passes by construction."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest

from automation.review import Options, review_export
from automation.review.kinds import kind_of
from automation.review.limits import DEFAULT
from automation.review.lines import Decoding, text_lines
from automation.review.synthetic import build
from automation.review.table import read_table


def naive(raw: bytes) -> list[dict[str, str]]:
    """What a first attempt does: decode as UTF-8, hand the text to csv.DictReader."""
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))


def ours(name: str, raw: bytes) -> tuple[list[str], list[dict[str, str]], Decoding]:
    kind = kind_of(name)
    assert kind is not None
    seen = Decoding()
    table = read_table(text_lines([raw], name=name, max_line=DEFAULT.field_bytes, seen=seen), name=name,
                       expect=kind.expect, quirk=kind.quirk, field_limit=DEFAULT.field_bytes, row_limit=DEFAULT.rows)
    assert table is not None
    return table.header.names, [row.as_dict() for row in table.rows], seen


def test_the_connections_preamble_is_skipped_to_the_real_header() -> None:
    raw = (b'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are '
           b'missing, see https://www.linkedin.com/psettings/privacy/email"\n\n'
           b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
           b"Sam,Example,https://www.linkedin.com/in/sam,,Acme,Lead,30 Jan 2026\n")
    header, rows, _ = ours("Connections.csv", raw)
    assert header[0] == "First Name" and rows == [{"First Name": "Sam", "Last Name": "Example",
                                                   "URL": "https://www.linkedin.com/in/sam", "Email Address": "",
                                                   "Company": "Acme", "Position": "Lead", "Connected On": "30 Jan 2026"}]
    assert "First Name" not in naive(raw)[0]  # the naive reader takes "Notes:" for the header


def test_a_notes_preamble_is_skipped_even_in_a_file_whose_header_is_not_known() -> None:
    raw = b'Notes:\n"Some of the data may be missing."\n\nDate,Status,FullName\n2024-01-01,Active,Sam Example\n'
    table = read_table(text_lines([raw], name="Member_Follows.csv", max_line=2**20, seen=Decoding()),
                       name="Member_Follows.csv", field_limit=2**20, row_limit=10)  # no known columns given
    assert table is not None and table.header.names == ["Date", "Status", "FullName"]
    assert [row.get("FullName") for row in table.rows] == ["Sam Example"]
    assert "FullName" not in naive(raw)[0]


def test_any_preamble_is_skipped_to_the_first_row_naming_a_known_column() -> None:
    raw = (b"Disclaimer: exported for you\nSee the help centre\n\n"
           b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
           b"Kit,Sample,https://www.linkedin.com/in/kit,,Northwind,CTO,02 Feb 2019\n")
    header, rows, _ = ours("Connections.csv", raw)
    assert header[0] == "First Name" and [r["Last Name"] for r in rows] == ["Sample"]
    assert "First Name" not in naive(raw)[0]


def test_leading_empty_rows_are_skipped_even_in_a_file_whose_header_is_not_known() -> None:
    raw = b",,,\n\n,,,\nEvent Name,Event Time\nMeetup,2025-02-01\n"
    table = read_table(text_lines([raw], name="Events.csv", max_line=2**20, seen=Decoding()), name="Events.csv",
                       field_limit=2**20, row_limit=10)
    assert table is not None and table.header.names == ["Event Name", "Event Time"]
    assert naive(raw)[0].get("Event Name") is None


def test_leading_blank_and_all_empty_rows_are_not_the_header() -> None:
    raw = b",,,,,\n\nCompany Name,Title,Description,Location,Started On,Finished On\nAcme,Engineer,,Town,Sep 2021,\n"
    header, rows, _ = ours("Positions.csv", raw)
    assert header[:2] == ["Company Name", "Title"] and [r["Company Name"] for r in rows] == ["Acme"]
    assert "Company Name" not in (naive(raw)[0] if naive(raw) else {})


def test_a_byte_order_mark_does_not_rename_the_first_column() -> None:
    raw = "\ufeffFirst Name,Last Name,Headline\nRowan,Vale,Engineer\n".encode()
    header, rows, _ = ours("Profile.csv", raw)
    assert header[0] == "First Name" and rows[0]["First Name"] == "Rowan"
    first = next(text_lines([raw[:10], raw[10:]], name="Profile.csv", max_line=2**20, seen=Decoding()))
    assert first == "First Name,Last Name,Headline\n"  # dropped where the bytes are read, not only in the header
    assert "First Name" not in naive(raw)[0]  # it is "\ufeffFirst Name" there


def test_a_trailing_comma_adds_no_nameless_column() -> None:
    raw = (b"Content Title,Content Description,Content Type,\n"
           b"SQL Basics,<p>Queries</p>,COURSE,\nPython,<p>Loops</p>,VIDEO,\n")
    header, rows, _ = ours("Learning.csv", raw)
    assert header == ["Content Title", "Content Description", "Content Type"] and len(rows) == 2
    assert "" not in rows[0]
    assert "" in naive(raw)[0]  # the naive reader has a column with no name


def test_multi_line_quoted_fields_stay_one_row_with_their_line_breaks() -> None:
    raw = (b"Company Name,Title,Description,Location,Started On,Finished On\r\n"
           b'Acme,Engineer,"Line one\r\nLine two, with a comma\r\n\r\nLine four",Town,Sep 2021,\r\n'
           b"Northwind,Analyst,Short,Town,Jan 2016,Aug 2021\r\n")
    _, rows, _ = ours("Positions.csv", raw)
    assert [r["Company Name"] for r in rows] == ["Acme", "Northwind"]
    assert rows[0]["Description"] == "Line one\r\nLine two, with a comma\r\n\r\nLine four"
    # The naive reader over text opened the usual way (universal newlines) rewrites the breaks.
    text_mode = list(csv.DictReader(io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")))
    assert text_mode[0]["Description"] != rows[0]["Description"]


def test_the_posts_files_quoted_line_breaks_are_restored() -> None:
    raw = (b"Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n"
           b'2024-03-05 14:22:01,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A1,"First line""\n'
           b'""""\n""He said ""hi""""\n""last",,,PUBLIC\n')
    _, rows, _ = ours("Shares.csv", raw)
    assert rows[0]["ShareCommentary"] == 'First line\n\nHe said "hi"\nlast'
    assert naive(raw)[0]["ShareCommentary"] == 'First line"\n""\n"He said "hi""\n"last'


def test_the_comments_files_backslash_quotes_keep_every_row() -> None:
    raw = (b"Date,Link,Message\n"
           b'2024-03-05 14:22:01,https://www.linkedin.com/feed/update/urn:li:activity:1,"He said \\"ship it, now\\" ok"\n'
           b'2024-03-06 10:00:00,https://www.linkedin.com/feed/update/urn:li:activity:2,"Plain, with a comma"\n'
           b'2024-03-07 10:00:00,https://www.linkedin.com/feed/update/urn:li:activity:3,"Doubled ""quotes"" too"\n'
           b'2024-03-08 10:00:00,https://www.linkedin.com/feed/update/urn:li:activity:4,"Multi \\"line,\nquote\\" end"\n')
    _, rows, _ = ours("Comments.csv", raw)
    assert [r["Message"] for r in rows] == ['He said "ship it, now" ok', "Plain, with a comma", 'Doubled "quotes" too',
                                            'Multi "line,\nquote" end']
    wrong = naive(raw)  # splits a message at its comma and its line break: five rows, two broken
    assert len(wrong) == 5 and wrong[0]["Message"] == "He said \\ship it" and None in wrong[0]


def test_repeated_column_names_are_all_read_and_merged() -> None:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as z:
        z.writestr("Ad_Targeting.csv", "Member Age,Company Names,Company Names,Job Titles,Company Names\n"
                                       "25 to 34,Acme,Northwind;Contoso,Engineer,Fabrikam\n")
    review = review_export(data.getvalue(), Options())
    assert review.ad_targeting["Company Names"] == ["Acme", "Northwind", "Contoso", "Fabrikam"]
    assert naive(b"Member Age,Company Names,Company Names,Job Titles,Company Names\n"
                 b"25 to 34,Acme,Northwind;Contoso,Engineer,Fabrikam\n")[0]["Company Names"] == "Fabrikam"


def test_text_that_is_not_utf8_is_read_with_a_fallback_and_noted() -> None:
    raw = "Organization,Followed On\nSociété Exemple,30 Jan 2020\n".encode("cp1252")
    _, rows, seen = ours("Company Follows.csv", raw)
    assert rows[0]["Organization"] == "Société Exemple" and seen.fallback_lines == 1
    with pytest.raises(UnicodeDecodeError):
        naive(raw)


@pytest.mark.parametrize("style", ["basic", "complete"])
def test_a_synthetic_export_with_every_quirk_reviews_with_the_right_row_counts(style: str) -> None:
    sample = build(style)
    review = review_export(sample.data, Options())
    assert {f.name: f.rows for f in review.files} == sample.expected
    assert review.unknown_files == sample.unknown
    # The naive way miscounts at least the connections, comments and posts files.
    with zipfile.ZipFile(io.BytesIO(sample.data)) as z:
        wrong = []
        for name in sample.expected:
            if name.endswith(".csv"):
                try:
                    if len(naive(z.read(name))) != sample.expected[name]:
                        wrong.append(name)
                except UnicodeDecodeError:
                    wrong.append(name)
    assert {"Connections.csv", "Company Follows.csv"} <= set(wrong)
    assert any(name.startswith("Comments") for name in wrong)
