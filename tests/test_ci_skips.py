"""Under CI a skip for a tool that `make test` installs is a failure (tests/helpers/ci_skips.py):
a CI run with every headed test or every scheduler test skipped must not pass. Elsewhere, and for
other skips, a skip stays a skip. Checked with the real hook, in a pytest run of its own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.helpers.ci_skips import INSTALLED

SAMPLE = f'''
import pytest

def test_needs_crontab():
    pytest.skip("crontab is not installed here ({INSTALLED} as root on Debian)")

@pytest.fixture
def screen():
    from tests.helpers.ci_skips import tool_skip
    tool_skip("no Xvfb here (on Debian or Ubuntu: apt-get install xvfb); the headed tests need a display")

def test_headed(screen):
    pass

def test_needs_root():
    pytest.skip("a throw-away user needs root and useradd")
'''
HOOK = '''
import pytest
from tests.helpers import ci_skips

@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    ci_skips.strict(report)
    return report
'''


def _run(tmp_path: Path, ci: str | None) -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_sample.py").write_text(SAMPLE)
    (tmp_path / "conftest.py").write_text(HOOK)
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": str(tmp_path)} | ({"CI": ci} if ci else {})
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-rA", "-p", "no:cacheprovider", str(tmp_path)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("ci", [None, ""], ids=["CI unset", "CI empty"])
def test_off_ci_a_missing_tool_is_a_skip(tmp_path: Path, ci: str | None) -> None:
    done = _run(tmp_path, ci)
    assert done.returncode == 0, done.stdout
    assert "3 skipped" in done.stdout, done.stdout


def test_under_ci_a_missing_tool_that_make_test_installs_is_a_failure(tmp_path: Path) -> None:
    done = _run(tmp_path, "true")
    assert done.returncode == 1, done.stdout
    summary = done.stdout.split("short test summary info")[-1]
    assert "test_needs_crontab" in summary and "test_headed" in summary  # the test, and the fixture's skip
    assert "SKIPPED" in summary and "needs root and useradd" in summary  # any other skip stays one
    assert "1 skipped" in done.stdout and "Under CI this skip is a failure" in done.stdout
