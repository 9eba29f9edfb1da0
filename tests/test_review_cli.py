"""The review command: how to request an export, the demo, the outputs, privacy of what is written."""

from __future__ import annotations

import csv
import io
import json
import stat
from pathlib import Path

from click.testing import CliRunner

from automation.cli import cli
from automation.review.synthetic import EMAIL, PHONE, build


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_without_an_export_it_says_how_to_request_one_and_exits_2(home: Path) -> None:
    done = invoke("review")
    assert done.exit_code == 2 and done.stdout == ""
    paragraph = done.stderr.strip()
    assert "\n" not in paragraph  # one paragraph
    assert "https://www.linkedin.com/mypreferences/d/download-my-data" in paragraph
    assert "Download larger data archive" in paragraph and "24 hours" in paragraph
    assert "Want something in particular?" in paragraph and "minutes" in paragraph


def test_review_demo_shows_categories_inferences_ad_targeting_and_flags_with_links(home: Path) -> None:
    done = CliRunner(env={"COLUMNS": "200"}).invoke(cli, ["review", "--demo"])
    assert done.exit_code == 0, done.output
    out = done.stdout
    for part in ("synthetic export of an invented person", "Profile data", "Member content", "Job-related data",
                 "Excluded by the policy", "What LinkedIn infers about you", "Job seeker",
                 "What advertisers can target you by", "Acme Analytics; Northwind Traders; Contoso; Fabrikam",
                 "E-mail addresses in your text", "Old content", "Resumes named in the export",
                 "Saved screening answers", "https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A",
                 "https://www.linkedin.com/pulse/", "Job application settings"):
        assert part in out, part
    assert EMAIL not in out and PHONE not in out  # masked by default
    assert "Rowan_Vale_Resume_2025.pdf" in out  # resume names in full


def test_json_has_the_promised_shape(home: Path) -> None:
    done = invoke("review", "--demo", "--json")
    assert done.exit_code == 0
    data = json.loads(done.stdout)
    assert {"files", "flags", "inferences", "ad_targeting", "unknown_files"} <= set(data)
    assert all({"name", "kind", "rows", "ai_training"} <= set(f) for f in data["files"])
    assert {f["ai_training"] for f in data["files"]} == {True, False, None}
    kinds = {f["kind"] for f in data["flags"]}
    assert kinds == {"email", "phone", "birth-date", "address", "watch-word", "old", "resume", "screening-answer"}
    assert all({"kind", "file", "date", "excerpt", "link", "where"} <= set(f) for f in data["flags"])
    assert data["inferences"][0]["Type of inference"] == "Job seeker"
    assert data["ad_targeting"]["Job Titles"] == ["Data Engineer", "Analyst", "Data Lead"]
    assert data["unknown_files"] == ["Events.csv", "Verifications/README.txt"]


def test_a_real_file_with_watch_words_from_options_and_a_file(home: Path, tmp_path: Path) -> None:
    sample = build("basic")
    path = tmp_path / sample.name
    path.write_bytes(sample.data)
    words = tmp_path / "words.txt"
    words.write_text("# my clients\nNorthwind\n")
    done = invoke("review", str(path), "--watch", "Acme", "--watch-file", str(words), "--json", "--show")
    data = json.loads(done.stdout)
    found = {f["detail"].lower() for f in data["flags"] if f["kind"] == "watch-word"}
    assert found == {"acme", "northwind"}
    assert any(EMAIL in f["excerpt"] for f in data["flags"])  # --show
    assert data["synthetic"] is False and data["source"] == str(path)


def test_csv_of_the_flags_is_private_and_opens_as_a_table(home: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "flags.csv"
    done = invoke("review", "--demo", "--csv", str(target))
    assert done.exit_code == 0 and f"flags written to {target}" in done.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600 and stat.S_IMODE(target.parent.stat().st_mode) == 0o700
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a spreadsheet on Windows reads "•" and "→" as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows and {"kind", "file", "date", "excerpt", "link", "where", "done"} <= set(rows[0])
    assert any("→" in row["excerpt"] for row in rows) and any("•" in row["excerpt"] for row in rows)


def test_review_results_never_go_into_the_history(home: Path) -> None:
    assert invoke("review", "--demo", "--json").exit_code == 0
    history = invoke("history", "--json")
    assert json.loads(history.stdout or "[]") == []


def test_links_in_the_terminal_are_never_broken_across_lines() -> None:
    """A narrow terminal wraps excerpts, never a link: a broken link cannot be clicked or copied."""
    import io

    from rich.console import Console

    from automation.review import Options, review_export
    from automation.review.synthetic import WATCH, build
    from automation.review.terminal import print_review

    review = review_export(build("complete").data, Options(watch=WATCH))
    out = io.StringIO()
    print_review(review, Console(file=out, width=60, color_system=None))
    lines = [line.strip() for line in out.getvalue().splitlines()]
    links = {f.link for f in review.flags if f.link}
    assert links and all(link in lines for link in links), [line for line in lines if "linkedin" in line]
