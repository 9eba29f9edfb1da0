"""What the person came for: the flags first, old content oldest first with a count per year (in
the terminal, the HTML and the JSON), what an export does not hold, links where there is a page,
and any number of years a clear answer."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from automation.cli import cli
from automation.review import Options, Review, review_export
from automation.review.html_page import render
from automation.review.synthetic import build
from automation.review.terminal import print_review
from tests.helpers.made_export import TODAY, reviewed, zipped

POSTS = "Date,ShareLink,ShareCommentary\n"


def many_old_posts() -> bytes:
    """Thirty old posts, 2012 to 2021, written newest first as the export does."""
    rows = [f"{2021 - i // 3}-0{i % 3 + 1}-01 10:00:00,https://www.linkedin.com/feed/update/urn:li:share:{i},post {i}\n"
            for i in range(30)]
    return zipped(Shares=POSTS + "".join(rows), Profile="First Name,Last Name\nRowan,Vale\n")


def terminal(review: Review, **kw: bool) -> str:
    out = io.StringIO()
    print_review(review, Console(file=out, width=200, color_system=None), **kw)
    return out.getvalue()


def test_old_content_is_oldest_first_with_a_count_per_year_in_the_terminal_html_and_json(home: Path,
                                                                                           tmp_path: Path) -> None:
    review = review_export(many_old_posts(), Options(today=TODAY))
    old = review.of_kind(review.flags[0].kind)
    assert [f.date for f in old][:2] == ["2012-01-01T10:00:00", "2012-02-01T10:00:00"]
    assert review.old_by_year() == {str(y): 3 for y in range(2012, 2022)}
    text = terminal(review)
    assert "by year: 2012: 3 · 2013: 3" in text and "2012-01-01T10:00:00" in text  # shown though 30 > 10 shown
    assert "2021-03-01" not in text  # the newest are the ones left for --csv, --json and --html
    page = render(review)
    assert page.index("2012-01-01T10:00:00") < page.index("2021-03-01T10:00:00")
    assert "<tr><td>2012</td><td class='n'>3</td></tr>" in page
    path = tmp_path / "export.zip"
    path.write_bytes(many_old_posts())
    data = json.loads(CliRunner().invoke(cli, ["review", str(path), "--json"]).stdout)
    assert data["old_by_year"] == {str(y): 3 for y in range(2012, 2022)}
    assert data["flags"][0]["date"].startswith("2012-01-01")


def test_the_terminal_leads_with_the_flags_and_lists_files_only_when_asked() -> None:
    review = review_export(build("complete", today=TODAY).data, Options(today=TODAY, watch=("Acme",)))
    text = terminal(review)
    lines = text.splitlines()
    first_flag = next(i for i, line in enumerate(lines) if line.startswith("E-mail addresses in your text"))
    assert first_flag < 10 and first_flag < next(i for i, line in enumerate(lines) if "Per category" in line)
    assert "Logins.csv" not in text and f"{len(review.files)} files read (--files lists each" in text
    assert "Company Follows.csv: 1 line(s) not UTF-8" in text  # a file's notes still shown
    assert "Logins.csv" in terminal(review, files=True)


def test_an_export_with_no_content_says_which_categories_it_does_not_hold(home: Path, tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    path.write_bytes(zipped(messages="CONVERSATION ID,FROM,DATE,CONTENT\nc1,Sam,2025-01-01 10:00:00 UTC,hi\n"))
    done = CliRunner(env={"COLUMNS": "300"}).invoke(cli, ["review", str(path)])
    assert done.exit_code == 0
    assert "Not in this export: Profile data, Member content, Job-related data. No flag there means not reviewed, " \
           "not all clear" in done.stdout
    data = json.loads(CliRunner().invoke(cli, ["review", str(path), "--json"]).stdout)
    assert [m["key"] for m in data["missing_categories"]] == ["profile", "content", "jobs"]
    assert "Not in this export" not in terminal(review_export(build("complete").data, Options()))


def test_saved_resumes_and_answers_and_poll_votes_link_to_their_page() -> None:
    review = review_export(zipped(**{
        "Job Applicant Saved Answers": "Question,Answer\nPlease submit a resume,cv.pdf\n",
        "Votes": "Date,Link,OptionText\n2015-01-01 10:00:00,urn:li:ugcPost:7000000000000000001,Tabs\n"}),
        Options(today=TODAY))
    links = {str(f.kind): f.link for f in review.flags}
    settings = "https://www.linkedin.com/jobs/application-settings/"
    assert links == {"resume": settings, "screening-answer": settings,
                     "old": "https://www.linkedin.com/feed/update/urn:li:ugcPost:7000000000000000001/"}


def test_birth_date_and_address_are_changed_in_the_contact_info_a_received_recommendation_only_hidden() -> None:
    review = review_export(zipped(
        Profile='First Name,Address,Birth Date\nRowan,"12 Lantern Row",Mar 14\n',
        Recommendations_Received="First Name,Text,Creation Date\nSam,\"Great work at Acme\",\"5/13/20, 12:45 PM\"\n"),
        Options(today=TODAY, watch=("Acme",)))
    where = {str(f.kind): f.where for f in review.flags}
    assert "Contact info" in where["birth-date"] and "Contact info" in where["address"]
    assert "cannot be deleted by you, only hidden" in where["watch-word"]


@pytest.mark.parametrize("years", ["2026", "inf", "1e400", "100000", "3000.5"])
def test_any_number_of_years_is_a_clear_answer_nothing_is_that_old(home: Path, tmp_path: Path, years: str) -> None:
    path = tmp_path / "export.zip"
    path.write_bytes(many_old_posts())
    done = CliRunner().invoke(cli, ["review", str(path), "--older-than", years, "--json"])
    assert done.exit_code == 0, done.stderr
    assert json.loads(done.stdout)["flag_counts"]["old"] == 0
    assert "Infinity" not in done.stdout  # strict JSON: an infinite count of years is null
    shown = CliRunner(env={"COLUMNS": "300"}).invoke(cli, ["review", str(path), "--older-than", years]).stdout
    assert f"Nothing is older than {float(years):g} years: --older-than counts years back from" in shown


@pytest.mark.parametrize("years", ["nan", "abc", "-1", ""])
def test_a_number_of_years_that_is_not_one_is_refused_by_the_option(home: Path, years: str) -> None:
    done = CliRunner().invoke(cli, ["review", "--demo", "--older-than", years])
    assert done.exit_code == 2 and "Invalid value for '--older-than'" in done.stderr and "Traceback" not in done.stderr


def test_years_before_reaches_the_first_day_and_no_further() -> None:
    from automation.review.flags import years_before

    assert years_before(TODAY, 5) == date(2021, 11, 27)
    assert years_before(date(2024, 2, 29), 1) == date(2023, 2, 28)
    assert years_before(TODAY, 2025.9) == date.min and years_before(TODAY, float("inf")) == date.min
    with pytest.raises(ValueError):
        years_before(TODAY, float("nan"))


def test_the_html_page_does_not_import_the_terminal_module() -> None:
    import ast

    source = Path(__file__).resolve().parents[1] / "automation" / "review" / "html_page.py"
    imported = {node.module for node in ast.walk(ast.parse(source.read_text())) if isinstance(node, ast.ImportFrom)}
    assert "automation.review.terminal" not in imported and "automation.review.flag_kinds" in imported
