"""The CI workflow stays valid and runs what the README tells people to run."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"


def _workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _commands(job: dict) -> list[str]:
    return [line.strip() for step in job["steps"] if "run" in step for line in step["run"].splitlines() if line.strip()]


def _readme_commands() -> list[str]:
    """Every command line in the README's shell blocks, without its comment."""
    blocks = re.findall(r"```sh\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    return [line.split("  #")[0].strip() for block in blocks for line in block.splitlines() if line.strip()]


def test_the_workflow_runs_on_push_pull_request_and_weekly() -> None:
    triggers = _workflow()[True]  # YAML 1.1 reads the key `on` as true
    assert {"push", "pull_request", "schedule"} <= set(triggers)
    minute, hour, day, month, weekday = triggers["schedule"][0]["cron"].split()
    assert day == month == "*" and weekday != "*"


def test_the_suite_job_runs_the_readme_test_command_and_keeps_failed_tests_artifacts() -> None:
    job = _workflow()["jobs"]["suite"]
    assert job["runs-on"] == "ubuntu-latest"
    assert _commands(job)[-1] == "make test" and _commands(job).count("make test") == 1
    assert "make test" in _readme_commands()
    assert (ROOT / ".ci" / "run").read_text().rstrip().endswith("exec make test")
    upload = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["if"] == "failure()" and upload["with"]["path"] == ".artifacts/"
    assert "--output .artifacts/" in (ROOT / "pyproject.toml").read_text()  # where pytest puts them


def test_the_headed_tests_get_a_virtual_screen_in_the_workflow_and_in_make_test() -> None:
    """Ubuntu's runner is not root: the workflow installs Xvfb itself, before the README's command;
    `make test` installs it where it runs as root with apt-get (a fresh Debian container)."""
    commands = _commands(_workflow()["jobs"]["suite"])
    assert commands == ["sudo apt-get update -qq && sudo apt-get install -y -qq xvfb", "make test"]
    tools = (ROOT / "scripts" / "test_tools.sh").read_text()
    assert 'command -v Xvfb >/dev/null 2>&1 || need="$need xvfb"' in tools
    assert re.search(r"(?m)^test: .*\btest-tools\b", (ROOT / "Makefile").read_text())


def test_the_installed_job_covers_three_platforms_and_the_oldest_and_newest_python() -> None:
    job = _workflow()["jobs"]["installed"]
    matrix = job["strategy"]["matrix"]
    assert set(matrix["os"]) == {"ubuntu-latest", "macos-latest", "windows-latest"}
    floor = re.search(r'requires-python = ">=(3\.\d+)"', (ROOT / "pyproject.toml").read_text()).group(1)
    assert matrix["python"][0] == floor and len(matrix["python"]) == 2


def test_the_installed_job_runs_the_readme_commands_from_outside_the_checkout() -> None:
    job = _workflow()["jobs"]["installed"]
    readme = _readme_commands()
    tool = [c for c in _commands(job) if c.startswith(("linkedin-optout ", "playwright "))]
    assert [c.split()[1] for c in tool if c.startswith("linkedin-optout")] == \
        ["selftest", "settings", "doctor", "history", "schedule"]
    for command in tool:
        assert command in readme, f"{command!r} is not what the README tells people to run"
    # Every install line works today: from the checkout or from `make dist`'s wheel. The package
    # index's line stays in prose until a release is published (no shell block installs from it).
    assert {"pipx install --include-deps .", "make dist", "pipx install --include-deps dist/*.whl"} <= set(readme)
    assert not [c for c in readme if re.search(r"\binstall\b.*\blinkedin-optout$", c)]
    assert any("pipx install --include-deps" in c and "dist/*.whl" in c for c in _commands(job))
    outside = next(s for s in job["steps"] if "linkedin-optout selftest" in s.get("run", ""))
    assert outside["working-directory"] == "${{ runner.temp }}"
