"""`linkedin-optout selftest`, the installed tool's door to the fixture smoke check."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from automation.catalogue.saved_pages import metadata_line, page_files, page_html, pages_dir
from automation.cli import cli

pytestmark = pytest.mark.browser  # runs the tool in a subprocess that drives Chromium


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir()
    return {"HOME": str(home), "XDG_STATE_HOME": str(home / "state"), "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"), "COLUMNS": "200"}


def test_selftest_checks_every_bundled_page_and_exits_0(env: dict[str, str]) -> None:
    done = CliRunner().invoke(cli, ["selftest", "--json"], env=env)
    assert done.exit_code == 0, done.output
    report = json.loads(done.output)
    assert report["ok"] is True and report["unproven"] == []
    assert {p["file"] for p in report["pages"]} == {p.name for p in page_files(pages_dir())}
    assert all(p["ok"] and not p["problems"] for p in report["pages"])


def test_a_captured_page_that_differs_from_the_maps_is_one_fail_line_and_exit_4(env: dict[str, str], tmp_path: Path) -> None:
    captured = tmp_path / "captured"
    captured.mkdir()
    shutil.copy(pages_dir() / "research.off.html", captured)
    source = pages_dir() / "ai-training.on.html"
    meta = json.loads(source.read_text().split("linkedin-optout-fixture ", 1)[1].split(" -->", 1)[0])
    (captured / "ai-training.on.html").write_text(metadata_line({**meta, "expect": {"ai-training": "off"}})
                                                  + page_html(source))
    done = CliRunner().invoke(cli, ["selftest", "--fixtures", str(captured)], env=env)
    assert done.exit_code == 4, done.output
    lines = done.output.splitlines()
    assert lines[0] == "FAIL ai-training.on.html: ai-training: read on, metadata says off"
    assert lines[1] == "OK   research.off.html: research off by labelledby"
    assert lines[2].startswith(f"2 page(s) from {captured}: 1 OK, 1 FAIL")


def test_a_browser_that_does_not_start_is_one_line_and_exit_2(env: dict[str, str], tmp_path: Path) -> None:
    broken = tmp_path / "chrome"
    broken.write_text("#!/bin/sh\nexit 1\n")
    broken.chmod(0o755)
    done = CliRunner().invoke(cli, ["selftest"], env={**env, "LINKEDIN_OPTOUT_BROWSER": str(broken)})
    assert done.exit_code == 2, done.output
    assert "browser does not start" in done.output and "Traceback" not in done.output


def test_a_page_without_readable_metadata_is_a_fail_line_not_a_traceback(env: dict[str, str], tmp_path: Path) -> None:
    captured = tmp_path / "captured"
    captured.mkdir()
    (captured / "edited.html").write_text("<!DOCTYPE html><html><body>no metadata</body></html>")
    done = CliRunner().invoke(cli, ["selftest", "--fixtures", str(captured)], env=env)
    assert done.exit_code == 4, done.output
    assert done.output.startswith("FAIL edited.html: metadata unreadable: ")
