"""The CLI over the demo site, and its answers to bad input."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.conftest import isolated_env, scaled


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The CLI in a subprocess with its own HOME and XDG folders, run outside the checkout (so no
    developer's .env or state is read or written)."""
    with tempfile.TemporaryDirectory(prefix="linkedin-optout-test-") as folder:
        return subprocess.run([sys.executable, "-m", "automation", *args], capture_output=True, text=True,
                              env=isolated_env(Path(folder), COLUMNS="160", **(env or {})), cwd=cwd or folder,
                              timeout=scaled(300))


def one_error_line(done: subprocess.CompletedProcess[str]) -> str:
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("linkedin-optout: error:") and "Traceback" not in done.stderr
    return lines[0]


@pytest.mark.browser
@pytest.mark.slow
def test_demo_turns_everything_off_then_checks_and_writes_a_private_report(tmp_path: Path) -> None:
    """The one whole `demo` run of the suite: the text a person reads, and the JSON report."""
    report = tmp_path / "out" / "demo.json"
    done = run("demo", "--report", str(report), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "13 settings: 13 turned off. Exit code 0." in done.stdout
    assert "13 settings: 13 already off. Exit code 0." in done.stdout
    assert "ai-training turning off" in done.stderr  # progress while pages are worked on
    # After turning things off: what the switches cannot do, and where to go next.
    assert "What the switches cannot do" in done.stdout and "linkedin-optout objection" in done.stdout
    assert "download-my-data" in done.stdout
    data = json.loads(report.read_text())
    assert data["apply"]["exit_code"] == 0 and data["check"]["mode"] == "check"
    assert [r["status"] for r in data["apply"]["results"]] == ["turned_off"] * 13
    assert [r["status"] for r in data["check"]["results"]] == ["already_off"] * 13
    # The demo's setting no map knows: listed by both runs, still on after apply (never changed).
    for run_ in ("apply", "check"):
        assert [(u["page"].rsplit("/", 1)[1], u["state"]) for u in data[run_]["unlisted"]] == [
            ("ai-hiring-assistant", True)]
    assert "Settings this tool does not know" in done.stdout
    assert "linkedin-optout teach --adopt https://www.linkedin.com/mypreferences/d/settings/ai-hiring-assistant" \
        in done.stdout
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert stat.S_IMODE(report.parent.stat().st_mode) == 0o700
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"], "the demo wrote nothing else into its folder"


def test_demo_json_goes_to_stdout_as_the_report_holds_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """--json prints the same payload the report file holds (without a second whole demo run)."""
    from click.testing import CliRunner

    import automation.demo.run as demo_run
    from automation.cli import cli
    from automation.results.report import RunReport, now

    async def instant(**kwargs):
        return tuple(RunReport(mode=mode, results=[], started_at=now(), finished_at=now()) for mode in ("apply", "check"))

    monkeypatch.setattr(demo_run, "run_demo", instant)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    report = tmp_path / "demo.json"
    done = CliRunner().invoke(cli, ["demo", "--json", "--report", str(report)])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout) == json.loads(report.read_text())
    assert set(json.loads(done.stdout)) == {"apply", "check"}


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
    from automation.errors import BrowserNotFoundError
    from automation.session import browser

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
