"""The CLI over the demo site, and its answers to bad input."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/root"),
            "COLUMNS": "160"}
    return subprocess.run([sys.executable, "-m", "automation", *args], capture_output=True, text=True,
                          env={**base, **(env or {})}, cwd=cwd, timeout=300)


def one_error_line(done: subprocess.CompletedProcess[str]) -> str:
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("linkedin-optout: error:") and "Traceback" not in done.stderr
    return lines[0]


def test_demo_turns_everything_off_then_checks(tmp_path: Path) -> None:
    done = run("demo", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "13 settings: 13 turned off. Exit code 0." in done.stdout
    assert "13 settings: 13 already off. Exit code 0." in done.stdout
    assert "ai-training turning off" in done.stderr  # progress while pages are worked on
    # After turning things off: what the switches cannot do, and where to go next (issue #8).
    assert "What the switches cannot do" in done.stdout and "linkedin-optout objection" in done.stdout
    assert "download-my-data" in done.stdout


def test_demo_json_and_report_file_are_private(tmp_path: Path) -> None:
    report = tmp_path / "out" / "demo.json"
    done = run("demo", "--json", "--report", str(report), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["apply"]["exit_code"] == 0 and data["check"]["mode"] == "check"
    assert json.loads(report.read_text()) == data
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert stat.S_IMODE(report.parent.stat().st_mode) == 0o700


@pytest.mark.parametrize("command", ["check", "apply"])
def test_an_unknown_setting_is_one_line_and_exit_2(command: str) -> None:
    done = run(command, "--only", "ai-trainin", "--yes" if command == "apply" else "--quiet")
    assert done.returncode == 2
    assert "unknown setting or group 'ai-trainin'" in one_error_line(done)


def test_a_bad_config_value_names_the_variable() -> None:
    done = run("demo", env={"LINKEDIN_OPTOUT_CONCURRENCY": "lots"})
    assert done.returncode == 2
    assert "LINKEDIN_OPTOUT_CONCURRENCY" in one_error_line(done)


def test_a_missing_browser_is_one_line_saying_what_to_install() -> None:
    done = run("demo", env={"LINKEDIN_OPTOUT_BROWSER": "/nonexistent/chrome"})
    assert done.returncode == 2
    assert "LINKEDIN_OPTOUT_BROWSER=/nonexistent/chrome is not an executable file" in one_error_line(done)


def test_no_browser_at_all_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    from automation import browser
    from automation.errors import BrowserNotFoundError

    monkeypatch.delenv(browser.ENV_VAR, raising=False)
    monkeypatch.setattr(browser, "system_browsers", lambda: [])
    with pytest.raises(BrowserNotFoundError) as caught:
        browser.choose("/nonexistent/ms-playwright/chromium/chrome")
    assert "playwright install chromium" in str(caught.value) and "apt-get install chromium" in str(caught.value)


def test_an_unwritable_report_folder_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("I am a file, not a folder")
    done = run("demo", "--report", str(blocker / "r.json"))
    assert done.returncode == 2
    assert "cannot create folder" in one_error_line(done)
    assert blocker.read_text() == "I am a file, not a folder"


def test_a_report_in_an_existing_folder_leaves_that_folder_alone(tmp_path: Path) -> None:
    from automation.private import write_private

    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    os.chmod(shared, 0o755)
    written = write_private(shared / "new" / "r.json", "{}")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755
    assert stat.S_IMODE(written.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
