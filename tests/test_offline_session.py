"""Offline, every command that asks LinkedIn says it could not be reached (exit 6): never "signed
out" (exit 5), never "sign in again", and `capture` says what it saved.

"Offline" here is a browser whose every host name resolves to nothing: Chromium's own
ERR_NAME_NOT_RESOLVED, as on a laptop with no network. The profile holds a session.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from automation.cli import cli
from automation.errors import Unreachable
from automation.session.profile import Profile
from automation.session.runner import LiveSite, login_flow
from tests.conftest import Aio

pytestmark = pytest.mark.browser

OFFLINE = LiveSite(("--host-resolver-rules=MAP * ~NOTFOUND",), ignore_https_errors=True)


@pytest.fixture
def offline(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A profile with a stored session, and a command line whose browser reaches no host."""
    done = CliRunner().invoke(cli, ["import-session"], env={"LINKEDIN_LI_AT": "AQEDemo-offline",
                                                             "LINKEDIN_JSESSIONID": "ajax:1"})
    assert done.exit_code == 0, done.output
    monkeypatch.setitem(cli.context_settings, "obj", OFFLINE)
    return home


def _not_signed_out(output: str) -> None:
    assert "signed out" not in output and "linkedin-optout login" not in output, output


def test_whoami_offline_is_unreachable_not_signed_out(offline: Path) -> None:
    done = CliRunner().invoke(cli, ["whoami"])
    assert done.exit_code == 6, done.output
    assert "LinkedIn could not be reached (ERR_NAME_NOT_RESOLVED)" in done.output
    assert "network connection" in done.output
    _not_signed_out(done.output)


def test_doctor_offline_is_unreachable_not_signed_out(offline: Path, selftest_passes: None) -> None:
    done = CliRunner().invoke(cli, ["doctor"], env={"COLUMNS": "200"})
    assert done.exit_code == 6, done.output
    line = next(x for x in done.output.splitlines() if x.startswith("FAIL profile:"))
    assert "LinkedIn could not be reached (ERR_NAME_NOT_RESOLVED)" in line and "network connection" in line
    _not_signed_out(done.output)


def test_login_offline_is_one_line_and_unreachable(offline: Path, aio: Aio) -> None:
    """`login` needs a window (not here), so the library call it makes, headless."""
    with pytest.raises(Unreachable) as raised:
        aio.run(login_flow(Profile("default"), timeout=30, headless=True, site=OFFLINE))
    assert raised.value.exit_code == 6 and "LinkedIn could not be reached (ERR_NAME_NOT_RESOLVED)" in str(raised.value)


def test_capture_offline_says_nothing_was_saved_and_exits_6(offline: Path) -> None:
    out = offline / "captured"
    done = CliRunner().invoke(cli, ["capture", "--out", str(out)])
    assert done.exit_code == 6, done.output
    assert "not saved: LinkedIn could not be reached (ERR_NAME_NOT_RESOLVED)" in done.output
    assert f"nothing saved in {out}" in done.output and "no page was captured" in done.output
    assert "page(s) saved" not in done.output and "page(s) in" not in done.output
    assert list(out.iterdir()) == []
