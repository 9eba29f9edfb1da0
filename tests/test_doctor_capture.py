"""doctor and capture through the real CLI against the demo site."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from automation.catalogue.saved_pages import read_fixture
from automation.cli import cli
from automation.demo.site import DemoSite
from automation.engine.guards import Verdict
from automation.exit_codes import ExitCode
from automation.tools.capture import Capture
from tests.helpers.signed_in import import_demo_session


@pytest.fixture
def signed_in(home: Path, via_demo: DemoSite) -> dict[str, str]:
    return import_demo_session(via_demo)


def lines(output: str) -> dict[str, str]:
    return {line.split(":")[0][5:]: line[:4].strip() for line in output.splitlines() if line[:4].strip()
            in ("OK", "WARN", "FAIL")}


def test_doctor_on_a_ready_machine(signed_in) -> None:
    done = CliRunner().invoke(cli, ["doctor"], env={"COLUMNS": "200"})
    got = lines(done.output)
    assert done.exit_code == 0, done.output
    assert {k: v for k, v in got.items() if k != "display"} == {
        "python": "OK", "playwright": "OK", "browser": "OK", "selector maps": "OK", "state folder": "OK",
        "report folder": "OK", "profile folder": "OK", "selftest": "OK", "profile": "OK"}
    assert "'default' is signed in" in done.output


@pytest.mark.browser  # doctor launches Chromium to prove it starts
def test_doctor_without_a_profile_says_sign_in_and_exits_5(home: Path, selftest_passes: None) -> None:
    done = CliRunner().invoke(cli, ["doctor"], env={"COLUMNS": "200"})
    assert done.exit_code == 5 and lines(done.output)["profile"] == "FAIL" and "linkedin-optout login" in done.output


def test_doctor_finds_a_missing_browser_and_an_open_folder(home: Path) -> None:
    state = home / "state" / "linkedin-optout"
    state.mkdir(parents=True)
    os.chmod(state, 0o755)
    done = CliRunner().invoke(cli, ["doctor", "--no-session"],
                              env={"COLUMNS": "200", "LINKEDIN_OPTOUT_BROWSER": str(home / "no-such-chrome")})
    got = lines(done.output)
    assert done.exit_code == 2
    assert got["browser"] == "FAIL" and got["state folder"] == "FAIL" and f"chmod 700 {state}" in done.output
    assert "profile" not in got


def test_capture_saves_every_page_sanitized_and_clicks_nothing(signed_in, via_demo: DemoSite, home: Path) -> None:
    via_demo.set_setting("research", False)
    out = home / "captured"
    done = CliRunner().invoke(cli, ["capture", "--out", str(out)])
    assert done.exit_code == 0, done.output
    categories = sorted(out.glob("category-*.captured.html"))  # their real shape is unconfirmed
    assert [read_fixture(p).kind for p in categories] == ["category", "category"]
    assert "/mypreferences/d/settings/ai-hiring-assistant" in read_fixture(categories[1]).links  # privacy
    files = sorted(set(out.glob("*.captured.html")) - set(categories))
    assert len(files) == len({s.path for s in via_demo.catalogue.settings})
    expect = {}
    for path in [*files, *categories]:
        fixture = read_fixture(path)  # the fixtures format: a maintainer can drop it into fixtures/pages
        assert fixture.kind in ("settings", "category") and fixture.url.startswith("https://www.linkedin.com/")
        expect.update(fixture.expect)
        text = path.read_text()
        assert "<script" not in text
        for value in signed_in.values():
            assert value.strip('"') not in text
    assert expect["research"] == "off" and expect["ai-training"] == "on" and len(expect) == 13
    assert via_demo.saves == []



def test_a_capture_linkedin_refuses_exits_5_as_check_does(signed_in, via_demo: DemoSite, home: Path) -> None:
    """999 on the first page: the capture stops there, saves what LinkedIn showed, and its code is
    the one a run that meets the same refusal has (it once exited 0, deciding from a display string)."""
    first = via_demo.catalogue["ai-training"].path
    via_demo.faults.status[first] = 999
    done = CliRunner().invoke(cli, ["capture", "--out", str(home / "captured")])
    assert done.exit_code == 5, done.output
    assert "stopped early" in done.output and "refused" in done.output
    checked = CliRunner().invoke(cli, ["check", "--only", "ai-training", "--json", "--quiet"])
    assert checked.exit_code == done.exit_code, checked.output


@pytest.mark.parametrize(("verdict", "code"), [
    (None, ExitCode.OK), (Verdict.SIGNED_OUT, ExitCode.SESSION), (Verdict.CHALLENGE, ExitCode.SESSION),
    (Verdict.REFUSED, ExitCode.SESSION), (Verdict.UNREACHABLE, ExitCode.UNREACHABLE)])
def test_a_capture_s_code_is_why_it_stopped(verdict: Verdict | None, code: ExitCode) -> None:
    assert Capture([], verdict).exit_code is code

# --- doctor's folders: made the way a run makes them, then removed --------------------------------


def _report_folder(report_dir: Path):
    from automation.tools import doctor

    return next(c for c in doctor.folders(report_dir) if c.name == "report folder")


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs a /proc file system (Linux)")
def test_a_report_folder_that_cannot_be_made_fails_even_where_os_access_says_yes(home: Path) -> None:
    """Under /proc nothing can be made; as root ``os.access`` says yes to it all the same."""
    wanted = Path("/proc/linkedin-optout-test/reports")
    found = _report_folder(wanted)
    assert found.outcome == "FAIL", found
    assert found.detail.startswith(f"LINKEDIN_OPTOUT_REPORT_DIR: {wanted} cannot be created (")
    assert "make /proc writable, or point LINKEDIN_OPTOUT_REPORT_DIR elsewhere" == found.fix


def test_a_report_folder_that_can_be_made_is_ok_and_nothing_is_left_behind(home: Path) -> None:
    wanted = home / "elsewhere" / "deeper" / "reports"
    found = _report_folder(wanted)
    assert (found.outcome, found.detail) == (
        "OK", f"LINKEDIN_OPTOUT_REPORT_DIR: {wanted} (will be created 0700 on first use)")
    assert not (home / "elsewhere").exists(), "the probe removes every folder it made"

