"""doctor and capture through the real CLI against the demo site."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from automation.catalogue.saved_pages import read_fixture
from automation.cli import cli
from automation.demo.site import DemoSite


@pytest.fixture
def signed_in(home: Path, via_demo: DemoSite) -> dict[str, str]:
    values = via_demo.new_session()
    done = CliRunner().invoke(cli, ["import-session"], env={"LINKEDIN_LI_AT": values["li_at"],
                                                             "LINKEDIN_JSESSIONID": values["JSESSIONID"]})
    assert done.exit_code == 0
    return values


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
