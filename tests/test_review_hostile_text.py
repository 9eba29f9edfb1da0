"""Text from the export is data, never instructions: no control character of it reaches the
terminal, the CSV or an error line; Rich markup in it is shown as written, never run."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from click.testing import CliRunner
from rich.console import Console

from automation.cli import cli
from automation.review import ExportError, Options, review_export
from automation.review.terminal import print_review

# Clear the screen, an OSC 8 link to another address, a CSI as one C1 byte, a bidi override.
HOSTILE = "Great\x1b[2J work \x1b]8;;https://evil.example/\x07click\x1b]8;;\x07 \x9b31m Acme \u202eevil"
MARKUP = "[link=https://evil.example/]Acme[/link] [bold red]x[/]"
CONTROLS = ("\x1b", "\x07", "\x9b", "\u202e")


def hostile_export() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("Profile.csv", "First Name,Last Name\nRowan,Vale\n")
        z.writestr("Recommendations_Received.csv", "First Name,Last Name,Text,Creation Date\n"
                                                   f'Sam,Example,"{HOSTILE}","5/13/20, 12:45 PM"\n')
        z.writestr("Shares.csv", "Date,ShareLink,ShareCommentary\n"
                                 f"2015-01-01 10:00:00,https://www.linkedin.com/feed/update/\x1b[2Jurn:li:share:1,{MARKUP}\n")
        z.writestr("Inferences_about_you.csv", f"Category,Type of inference,Description,Inference\nc,t,d,{MARKUP}\x1b[5m\n")
        z.writestr("Ad_Targeting.csv", f"Member Age,Member Skills\n25 to 34,\x1b]0;owned\x07Python;{MARKUP}\n")
        z.writestr("Odd\x9bname.csv", "a\n")
    return out.getvalue()


def test_printable_escapes_every_control_character_and_keeps_the_rest() -> None:
    from automation.review.printable import printable

    assert printable("a\x1b[2Jb\x9bc\u202ed\te\nf é → •") == "a\\x1b[2Jb\\x9bc\\u202ed e f é → •"
    assert printable("plain") == "plain"


def test_the_terminal_shows_no_control_character_from_the_export_and_runs_no_markup() -> None:
    review = review_export(hostile_export(), Options(watch=("Acme",)))
    out = io.StringIO()
    print_review(review, Console(file=out, width=200, color_system=None), files=True)
    text = out.getvalue()
    assert not any(c in text for c in CONTROLS), [c for c in CONTROLS if c in text]
    assert "\\x1b]8;;https://evil.example/\\x07click" in text and "\\x9b31m" in text  # escaped, not dropped
    assert "[link=https://evil.example/]Acme[/link]" in text  # markup shown as written, not made a link
    with_style = io.StringIO()
    print_review(review, Console(file=with_style, width=200, force_terminal=True, color_system="truecolor"))
    assert "\x1b]8;" not in with_style.getvalue() and "\x1b[2J" not in with_style.getvalue()


def test_the_csv_shows_no_control_character_from_the_export() -> None:
    from automation.review.flags_csv import write_csv

    out = io.BytesIO()
    write_csv(review_export(hostile_export(), Options(watch=("Acme",))), out)
    text = out.getvalue().decode("utf-8-sig")
    assert not any(c in text for c in CONTROLS)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert any("\\x1b]8;;" in row["excerpt"] for row in rows) and any("\\x1b[2J" in row["link"] for row in rows)


def test_the_cli_in_a_real_pipe_prints_no_control_character(home: Path, tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    path.write_bytes(hostile_export())
    done = CliRunner(env={"COLUMNS": "200"}).invoke(cli, ["review", str(path), "--watch", "Acme", "--files"])
    assert done.exit_code == 0, done.output
    assert not any(c in done.stdout + done.stderr for c in CONTROLS)


def test_an_error_line_escapes_the_control_characters_of_what_it_names(home: Path, tmp_path: Path) -> None:
    with_escape = tmp_path / "nowhere\x1b[2J.zip"
    done = CliRunner().invoke(cli, ["review", str(with_escape)])
    assert done.exit_code == 2 and "\x1b" not in done.stderr and "nowhere\\x1b[2J.zip does not exist" in done.stderr
    assert str(ExportError("a\x9bb")) == "a\\x9bb"
