"""An option several commands take is defined once (cli/base.py): the same help text and the same
check everywhere, so that `history --profile ../x` refuses as `check --profile ../x` does."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from automation.cli import cli

SHARED = ("--json", "--pace", "--timeout", "--profile")


def commands(group: click.Group = cli, prefix: str = "") -> dict[str, click.Command]:
    found: dict[str, click.Command] = {}
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found.update(commands(command, f"{prefix}{name} "))
        else:
            found[prefix + name] = command
    return found


def test_each_shared_option_has_one_definition() -> None:
    seen: dict[str, set[tuple[object, ...]]] = {}
    users: dict[str, list[str]] = {}
    for name, command in commands().items():
        for param in command.params:
            if isinstance(param, click.Option) and param.opts[0] in SHARED:
                flag = param.opts[0]
                seen.setdefault(flag, set()).add((param.help, repr(param.type), param.callback, param.default))
                users.setdefault(flag, []).append(name)
    assert {flag: len(kinds) for flag, kinds in seen.items()} == dict.fromkeys(SHARED, 1), seen
    assert len(users["--profile"]) >= 10 and {"check", "history", "doctor"} <= set(users["--profile"])
    assert {"login", "teach"} == set(users["--timeout"]) and {"apply", "demo", "prune"} == set(users["--pace"])


@pytest.mark.parametrize("command", [["check"], ["history"], ["whoami"], ["schedule", "status"], ["teach", "--list"]])
def test_a_bad_profile_name_is_refused_by_every_command_alike(home: Path, command: list[str]) -> None:
    done = CliRunner().invoke(cli, [*command, "--profile", "../x"])
    assert done.exit_code == 2, done.output
    assert done.output.strip() == ("linkedin-optout: error: --profile: a profile name is 1 to 64 letters, digits, "
                                   "'.', '_' or '-', and starts with a letter or digit (no '/' and no leading '.') "
                                   "(got '../x')")


@pytest.mark.parametrize("command", [["apply", "--yes"], ["demo"], ["prune", "--demo"]])
def test_a_pace_out_of_range_is_refused_by_every_command_alike(home: Path, command: list[str]) -> None:
    done = CliRunner().invoke(cli, [*command, "--pace", "700"])
    assert done.exit_code == 2, done.output
    assert done.output.strip().startswith("linkedin-optout: error: --pace: Input should be less than or equal to 600")
