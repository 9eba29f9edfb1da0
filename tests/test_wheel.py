"""The selector maps and fixtures work from an installed wheel, not only from a checkout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(ROOT)],
                   check=True)
    (wheel,) = out.glob("linkedin_optout-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "automation/_data/selectors/data-for-ai-improvement.toml" in names
    assert "automation/_data/fixtures/pages/ai-training.on.html" in names
    assert not any(n.startswith("selectors/") for n in names), "a top-level selectors/ would shadow the stdlib"
    venv = out / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)], check=True)
    return venv


def run(venv: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": os.environ.get("HOME", "/root"), "COLUMNS": "200"}
    return subprocess.run([str(venv / "bin" / "linkedin-optout"), *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=300)


def test_the_installed_wheel_lists_the_catalogue_from_another_folder(wheel_venv: Path, tmp_path: Path) -> None:
    done = run(wheel_venv, "settings", "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["settings"]) == 13
    table = run(wheel_venv, "settings", cwd=tmp_path)
    assert table.returncode == 0 and "ai-training" in table.stdout
    where = subprocess.run([str(wheel_venv / "bin" / "python"), "-c",
                            "import selectors, automation.resources as r; print(selectors.__file__); "
                            "print(r.selectors_dir())"], capture_output=True, text=True, cwd=tmp_path, check=True)
    stdlib_selectors, maps = where.stdout.split()
    assert "site-packages" not in stdlib_selectors  # the standard library's module, not ours
    assert maps.endswith("automation/_data/selectors") and str(ROOT) not in maps


def test_the_installed_wheel_runs_the_demo_from_its_own_fixtures(wheel_venv: Path, tmp_path: Path) -> None:
    done = run(wheel_venv, "demo", "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert [r["status"] for r in report["apply"]["results"]] == ["turned_off"] * 13
    assert [r["status"] for r in report["check"]["results"]] == ["already_off"] * 13
