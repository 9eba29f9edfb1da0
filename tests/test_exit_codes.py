"""The exit codes exist once, as data (automation/exit_codes.py): the README's table and the
epilog of `linkedin-optout --help` say what it says, and one table ranks every code."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from automation.cli import cli
from automation.exit_codes import MEANING, PRECEDENCE, ExitCode, most_urgent

README = Path(__file__).resolve().parent.parent / "README.md"


def readme_table() -> list[tuple[int, str]]:
    text = README.read_text(encoding="utf-8")
    table = text[text.index("| exit code | meaning |"):].split("\n\n", 1)[0]
    return [(int(code), meaning) for code, meaning in re.findall(r"^\| (\d+) \| (.+) \|$", table, re.M)]


def test_the_readme_table_is_the_data() -> None:
    expected = [(int(code), meaning) for code, meaning in MEANING.items()]
    rows = "\n".join(f"| {code} | {meaning} |" for code, meaning in expected)
    assert readme_table() == expected, f"the README's exit-code table should read:\n{rows}"


def test_help_ends_with_every_code_and_what_it_means() -> None:
    shown = CliRunner().invoke(cli, ["--help"]).output
    epilog = " ".join(shown[shown.index("Exit codes:"):].split())  # as wrapped for the terminal
    listed = "".join(f" {int(code)} {meaning}" for code, meaning in MEANING.items())
    assert epilog == "Exit codes:" + listed


def test_every_code_has_a_meaning_and_a_rank() -> None:
    assert set(MEANING) == set(ExitCode)
    assert sorted(PRECEDENCE) == sorted(ExitCode) and len(PRECEDENCE) == len(set(PRECEDENCE))


def test_the_table_ranks_what_a_command_can_meet_at_once() -> None:
    assert most_urgent([ExitCode.UNREACHABLE, ExitCode.SESSION]) is ExitCode.SESSION  # a run, doctor
    assert most_urgent([ExitCode.SESSION, ExitCode.USAGE]) is ExitCode.USAGE  # doctor: fix this machine first
    assert most_urgent([ExitCode.USAGE, ExitCode.TERMINATED]) is ExitCode.TERMINATED
    assert most_urgent([ExitCode.NOT_OFF, ExitCode.UNREACHABLE]) is ExitCode.NOT_OFF
