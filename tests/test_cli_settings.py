"""`linkedin-optout settings` lists the catalogue as a table and as JSON."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from automation.catalogue.loader import load_catalogue
from tests.conftest import isolated_env
from tests.test_catalogue import IDS


def run(*args: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="linkedin-optout-test-") as folder:
        return subprocess.run([sys.executable, "-m", "automation", *args], capture_output=True, text=True,
                              env=isolated_env(Path(folder)), cwd=folder)


def test_settings_prints_the_catalogue_as_a_table() -> None:
    done = run("settings")
    assert done.returncode == 0, done.stderr
    for setting_id in IDS:
        assert setting_id in done.stdout
    assert "/mypreferences/d/settings/data-for-ai-improvement" in done.stdout
    assert "what it controls" in done.stdout


def test_settings_json_has_id_group_page_and_what_it_controls() -> None:
    done = run("settings", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert [row["id"] for row in data["settings"]] == IDS
    ai = data["settings"][0]
    assert ai == {"id": "ai-training", "group": "ai",
                  "page": "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement",
                  "controls": "Training content-creation (generative) AI models on your profile, posts and activity"}
    catalogue = load_catalogue()
    assert [row["controls"] for row in data["settings"]] == [catalogue[i].controls for i in IDS]
    assert set(data["groups"]) == {"ai", "ads", "research", "marketing", "cookies"}


def test_python_dash_m_and_version_work() -> None:
    done = run("--version")
    assert done.returncode == 0 and "linkedin-optout" in done.stdout


def test_an_unknown_command_is_a_usage_error() -> None:
    done = run("frobnicate")
    assert done.returncode == 2
