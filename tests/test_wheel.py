"""The selector maps and fixtures work from an installed wheel, not only from a checkout."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from automation.version import __version__
from tests.conftest import isolated_env

ROOT = Path(__file__).resolve().parent.parent
# Building and installing a wheel needs a package registry (hatchling, then the dependencies).
pytestmark = [pytest.mark.network, pytest.mark.slow]
_NO_REGISTRY = ("Could not find a version", "No matching distribution", "Failed to establish a new connection",
                "Temporary failure in name resolution", "Network is unreachable", "ProxyError",
                "Max retries exceeded", "Connection refused")


def pip(*args: str) -> None:
    """pip (or build, which runs pip), skipping the test (with pip's own reason) when no package registry answers."""
    done = subprocess.run([*args], capture_output=True, text=True)
    if done.returncode != 0:
        said = done.stdout + done.stderr  # `python -m build` relays pip's words on stdout
        reason = next((line.strip() for line in said.splitlines() if any(m in line for m in _NO_REGISTRY)), None)
        if reason:
            pytest.skip(f"no package registry answers, so no wheel can be built: {reason}")
        raise AssertionError(f"{' '.join(args[:4])} failed:\n{said}")


@pytest.fixture(scope="module")
def wheel_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # `make dist`'s command (tests/test_release_workflow.py keeps the release workflow's equal to it):
    # the sdist, then the wheel built from the sdist, so a file the sdist forgets fails here.
    pip(sys.executable, "-m", "build", "--outdir", str(out), str(ROOT))
    assert [p.name for p in out.glob("linkedin_optout-*.tar.gz")] == [f"linkedin_optout-{__version__}.tar.gz"]
    (wheel,) = out.glob("linkedin_optout-*.whl")
    assert wheel.name == f"linkedin_optout-{__version__}-py3-none-any.whl"  # the version's one source
    names = zipfile.ZipFile(wheel).namelist()
    assert "automation/_data/selectors/data-for-ai-improvement.toml" in names
    assert "automation/_data/fixtures/pages/ai-training.on.html" in names
    assert not any(n.startswith("selectors/") for n in names), "a top-level selectors/ would shadow the stdlib"
    venv = out / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip(str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel))
    return venv


def run(venv: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = isolated_env(cwd, PATH=f"{venv / 'bin'}:/usr/bin:/bin")
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


def test_the_installed_wheel_serves_the_demo_site_from_its_own_fixtures(wheel_venv: Path, tmp_path: Path) -> None:
    """What `demo` needs from the wheel: the fixtures, the page templates and the client script, all
    from automation/_data. (The whole demo runs once per suite, in tests/test_cli_demo.py; the
    browser side is the same code in a wheel as in a checkout.)"""
    probe = ("from automation.catalogue.saved_pages import pages_dir, all_fixtures\n"
             "from automation.demo.site import DemoSite\n"
             "site = DemoSite()\n"
             "print(pages_dir()); print(len(all_fixtures())); print(len(site.templates.settings));"
             " print(len(site.state)); print('window.__LINKEDIN_DEMO__' in site.templates.client_js)")
    done = subprocess.run([str(wheel_venv / "bin" / "python"), "-c", probe], capture_output=True, text=True,
                          cwd=tmp_path, env=isolated_env(tmp_path), timeout=120)
    assert done.returncode == 0, done.stderr
    pages, fixtures, templates, switches, client = done.stdout.split()
    assert pages.endswith("automation/_data/fixtures/pages") and str(ROOT) not in pages
    assert int(fixtures) == len(list((ROOT / "fixtures" / "pages").glob("*.html")))
    # 12 mapped pages and the page no map covers; 13 mapped switches and its one
    assert (int(templates), int(switches), client) == (13, 14, "True")


@pytest.mark.browser
def test_the_installed_wheel_says_its_version_and_passes_its_selftest(wheel_venv: Path, tmp_path: Path) -> None:
    """What the release workflow checks before it publishes: from a clean environment, outside the
    checkout, with the browser the machine has."""
    version = run(wheel_venv, "--version", cwd=tmp_path)
    assert version.stdout.strip() == f"linkedin-optout, version {__version__}"
    done = run(wheel_venv, "selftest", cwd=tmp_path)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr
    assert "0 FAIL" in done.stdout and "automation/_data/fixtures/pages" in done.stdout and str(ROOT) not in done.stdout
