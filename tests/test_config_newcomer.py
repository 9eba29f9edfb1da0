"""Configuration as a newcomer meets it: `.env` counts for every variable as the environment
does; a command refuses only the values it uses; the report folder doctor checks is the one the
runs use, and an unwritable one is one line naming the variable; a profile name is explained in
words; `settings` keeps every page whole at 80 columns."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from automation.catalogue.loader import load_catalogue
from automation.cli import cli
from automation.config import PREFIX, Config, load_config
from automation.errors import ConfigError, UserError
from automation.resources import data_dir, selectors_dir
from automation.results.terminal import catalogue_table
from automation.session.profile import Profile

# Every LINKEDIN_OPTOUT_ variable (config.py's table): a value it refuses, and one it takes.
BAD = {"PROFILE": "../x", "BROWSER": None, "HEADLESS": "maybe", "PACE": "abc", "CONCURRENCY": "99",
       "REPORT_DIR": None, "LOG_LEVEL": "LOUD", "NOTIFY": "nonsense", "SELECTORS": "/no/such/maps"}
GOOD = {"PROFILE": "work", "BROWSER": "/usr/bin/chromium", "HEADLESS": "false", "PACE": "7",
        "CONCURRENCY": "2", "REPORT_DIR": "/tmp/elsewhere", "LOG_LEVEL": "DEBUG", "NOTIFY": "json://localhost",
        "SELECTORS": "copy"}


@pytest.fixture
def clean(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No LINKEDIN_OPTOUT_ variable from the developer's environment; cwd is ``home`` (no .env)."""
    for name in list(os.environ):
        if name.startswith(PREFIX):
            monkeypatch.delenv(name)
    return home


def _set(where: str, name: str, value: str, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if where == "environment":
        monkeypatch.setenv(PREFIX + name, value)
    else:
        (home / ".env").write_text(f"# a newcomer's .env\n{PREFIX}{name}={value}\n")


def _maps_copy(home: Path) -> Path:
    folder = home / "my-maps"
    shutil.copytree(data_dir("selectors"), folder)
    toml = next(p for p in folder.glob("*.toml") if "data-for-ai" in p.read_text())
    toml.write_text(toml.read_text().replace('controls = "', 'controls = "EDITED ', 1))
    return folder


def test_every_variable_is_listed() -> None:
    assert set(BAD) == set(GOOD) == {name.upper() for name in Config.model_fields}


@pytest.mark.parametrize("where", ["environment", ".env"])
@pytest.mark.parametrize("name", sorted(GOOD))
def test_each_variable_counts_from_the_environment_and_from_dotenv(clean: Path, monkeypatch: pytest.MonkeyPatch,
                                                                    name: str, where: str) -> None:
    value = str(_maps_copy(clean)) if GOOD[name] == "copy" else GOOD[name]
    _set(where, name, value, clean, monkeypatch)
    config = load_config()
    field = name.lower()
    assert str(getattr(config, field)).lower() in {value.lower(), str(float(value)) if name == "PACE" else ""}, config
    if name == "SELECTORS":  # read where the maps are loaded, not through Config
        assert selectors_dir() == Path(value)
        assert any(s.controls.startswith("EDITED ") for s in load_catalogue(overrides=False).settings)


@pytest.mark.parametrize("where", ["environment", ".env"])
@pytest.mark.parametrize("name", sorted(n for n, v in BAD.items() if v))
def test_each_wrong_value_is_one_line_naming_the_variable(clean: Path, monkeypatch: pytest.MonkeyPatch,
                                                          name: str, where: str) -> None:
    _set(where, name, BAD[name], clean, monkeypatch)
    with pytest.raises(ConfigError) as raised:
        load_config()
        selectors_dir()
    assert str(raised.value).startswith(f"{PREFIX}{name}: ") and "\n" not in str(raised.value)


def test_selectors_in_dotenv_reach_the_settings_command(clean: Path) -> None:
    (clean / ".env").write_text(f"{PREFIX}SELECTORS={_maps_copy(clean)}\n")
    done = CliRunner().invoke(cli, ["settings", "--json"])
    assert done.exit_code == 0 and "EDITED " in done.output, done.output


@pytest.mark.parametrize("where", ["environment", ".env"])
def test_a_command_refuses_only_the_values_it_uses(clean: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    _set(where, "PACE", "abc", clean, monkeypatch)
    for argv in (["objection", "--region", "other"], ["schedule", "print", "--scheduler", "cron"], ["settings"],
                 ["history"]):
        done = CliRunner().invoke(cli, argv)
        assert done.exit_code == 0, (argv, done.output)
    done = CliRunner().invoke(cli, ["apply", "--yes"])  # apply paces its changes: refused before any browser
    assert done.exit_code == 2 and f"{PREFIX}PACE: " in done.output, done.output


def test_a_profile_name_is_explained_in_words(clean: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    done = CliRunner().invoke(cli, ["whoami", "--profile", "../x"])
    assert done.exit_code == 2
    assert "--profile: a profile name is 1 to 64 letters, digits, '.', '_' or '-'" in done.output, done.output
    assert "[A-Za-z" not in done.output and "pattern" not in done.output
    monkeypatch.setenv(f"{PREFIX}PROFILE", ".hidden")
    done = CliRunner().invoke(cli, ["objection"])
    assert done.exit_code == 2 and f"{PREFIX}PROFILE: a profile name is" in done.output, done.output
    with pytest.raises(UserError, match="starts with a letter or digit"):
        Profile("../x")


def _unwritable(home: Path) -> Path:
    blocker = home / "a-file"
    blocker.write_text("not a folder")
    return blocker / "reports"


def test_an_unwritable_report_folder_is_one_line_naming_the_variable(clean: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(f"{PREFIX}REPORT_DIR", str(_unwritable(clean)))
    done = CliRunner().invoke(cli, ["check"])
    assert done.exit_code == 2
    assert done.output.startswith(f"linkedin-optout: error: {PREFIX}REPORT_DIR: ") and done.output.count("\n") == 1


@pytest.mark.browser  # doctor launches Chromium to prove it starts
def test_doctor_checks_the_configured_report_folder(clean: Path, monkeypatch: pytest.MonkeyPatch,
                                                    selftest_passes: None) -> None:
    monkeypatch.setenv(f"{PREFIX}REPORT_DIR", str(_unwritable(clean)))
    done = CliRunner().invoke(cli, ["doctor", "--no-session"], env={"COLUMNS": "200"})
    line = next(x for x in done.output.splitlines() if x.startswith(("OK   report folder", "FAIL report folder")))
    assert done.exit_code == 2 and line.startswith("FAIL"), done.output
    assert f"{PREFIX}REPORT_DIR: {_unwritable(clean)}" in line


def test_settings_at_80_columns_shows_every_page_whole(clean: Path) -> None:
    catalogue = load_catalogue()
    out = io.StringIO()
    Console(file=out, width=80).print(catalogue_table(catalogue))
    done = CliRunner().invoke(cli, ["settings"], env={"COLUMNS": "80"})
    assert done.exit_code == 0
    for text in (out.getvalue(), done.output):
        assert "…" not in text and max(len(line) for line in text.splitlines()) <= 80
        rows: list[list[str]] = []  # [id, page], each folded over as many lines as it takes
        for line in text.splitlines():
            cells = [c.strip() for c in line.split("│")[1:-1]]
            if len(cells) != 4:
                continue
            if cells[1]:  # a row's first line: its group
                rows.append(["", ""])
            rows[-1][0] += cells[0]
            rows[-1][1] += cells[2]
        assert dict(rows) == {s.id: s.path for s in catalogue.settings}
