"""File names in every style the export uses, and every date format it writes."""

from __future__ import annotations

from datetime import date

import pytest

from automation.review.dates import parse_date
from automation.review.kinds import kind_of


@pytest.mark.parametrize(("name", "kind"), [
    ("Rich Media.csv", "media"), ("Rich_Media.csv", "media"), ("Shares.csv", "posts"),
    ("Shares_48151623.csv", "posts"), ("Comments_48151623.csv", "comments"), ("PhoneNumbers.csv", "phone-numbers"),
    ("Jobs/Job Applications.csv", "job-applications"), ("Jobs/Job Applications_1.csv", "job-applications"),
    ("Job Applicant Saved Screening Question Responses_2.csv", "saved-answers"), ("messages.csv", "messages"),
    ("MESSAGES.CSV", "messages"), ("guide_messages.csv", "messages"), ("Recommendations Received.csv",
                                                                       "recommendations-received"),
    ("Recommendations_Received.csv", "recommendations-received"), ("Ad_Targeting.csv", "ad-targeting"),
    ("Inferences_about_you.csv", "inferences"), ("Receipts_v2.csv", "payments"),
    ("Articles/Articles/2019-05-04_my-article.html", "articles"), ("SearchQueries_123.csv", "searches"),
])
def test_a_file_is_known_whatever_the_style_of_its_name(name: str, kind: str) -> None:
    found = kind_of(name)
    assert found is not None and found.kind == kind


@pytest.mark.parametrize("name", ["Events.csv", "Profile.txt", "notes/readme.html", "Sharesheet.csv", "Articles.zip"])
def test_a_file_the_tool_does_not_know_is_not_matched(name: str) -> None:
    assert kind_of(name) is None


@pytest.mark.parametrize(("text", "iso"), [
    ("2024-03-05 14:22:01", "2024-03-05T14:22:01"),  # posts, comments
    ("2024-03-05 14:22:01 UTC", "2024-03-05T14:22:01"),  # messages, media
    ("2024-03-05 14:22 UTC", "2024-03-05T14:22:00"),  # learning
    ("2024/03/05 14:22:01 UTC", "2024-03-05T14:22:01"),  # ads clicked
    ("Sep 2024", "2024-09"),  # positions, certifications
    ("2019", "2019"),  # education
    ("30 Jan 2026", "2026-01-30"),  # connections
    ("5/13/20, 12:45 PM", "2020-05-13T12:45:00"),  # recommendations, invitations
    ("12/31/20, 12:05 AM", "2020-12-31T00:05:00"),
    ("Tue Oct 10 14:57:23 UTC 2023", "2023-10-10T14:57:23"),  # logins, company follows
])
def test_every_date_format_of_the_export_becomes_iso(text: str, iso: str) -> None:
    when = parse_date(text)
    assert when is not None and when.iso == iso
    assert when.day == date.fromisoformat((iso + "-01-01")[:10] if len(iso) <= 7 else iso[:10])


@pytest.mark.parametrize("text", ["Not Available", "sometime in spring", "13/45/20, 9:00 AM", "2024-02-30", "", "99999"])
def test_a_date_that_cannot_be_read_is_none_never_an_error(text: str) -> None:
    assert parse_date(text) is None


def test_the_readme_counts_the_date_formats_the_docs_list_and_each_is_read() -> None:
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    docs = (root / "docs" / "export.md").read_text(encoding="utf-8")
    table = docs[docs.index("## Dates"):docs.index("## Files, columns")]
    examples = re.findall(r"^\|[^|]+\| `([^`]+)` \|", table, re.MULTILINE)
    numbers = {"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
    said = re.findall(r"the (\w+) date formats listed in \[docs/export.md\]", (root / "README.md").read_text())
    assert said and all(numbers[word] == len(examples) for word in said), (said, len(examples))
    assert all(parse_date(example) is not None for example in examples), examples
