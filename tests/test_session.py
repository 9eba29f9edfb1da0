"""Signing in with the user's own session, against the demo site's real sign-in page."""

from __future__ import annotations

import json
import os
import stat

import pytest
from click.testing import CliRunner
from playwright.async_api import BrowserContext

from automation.catalogue.loader import load_catalogue
from automation.cli import cli
from automation.demo.site import DEMO_EMAIL, DEMO_PASSWORD, DemoSite
from automation.errors import StateFileError
from automation.results.report import Status
from automation.session.importing import from_storage_state
from automation.session.profile import Profile, ProfileLockedError
from automation.session.runner import login_flow, who
from tests.conftest import FAST, live_site
from tests.helpers.options import live

SITE = load_catalogue().site


async def the_person_signs_in(context: BrowserContext, *, checkpoint: bool = False) -> None:
    """What a person does in the window. Only tests type credentials; the tool never does."""
    page = context.pages[0]
    await page.wait_for_url("**/login**")
    await page.fill("#username", DEMO_EMAIL)
    await page.fill("#password", DEMO_PASSWORD)
    await page.click("button[type=submit]")
    if checkpoint:
        await page.wait_for_url("**/checkpoint/challenge/**")
        await page.click("button[type=submit]")  # the person solves the security check


def login(aio, profile: Profile, **kwargs) -> object:
    kwargs.setdefault("on_open", the_person_signs_in)
    return aio.run(login_flow(profile, site=live_site(), timeout=kwargs.pop("timeout", 30), headless=True, **kwargs))


def test_login_whoami_apply_check_expiry_and_login_again(aio, home, via_demo: DemoSite) -> None:
    profile = Profile("me")
    seen = login(aio, profile)
    assert (seen.state, seen.name) == ("signed_in", "Avery Quill")
    assert profile.meta()["account"] == "Avery Quill"
    assert aio.run(who(profile, site=live_site())).state == "signed_in"  # the session survived the browser closing

    applied = aio.run(live(apply=True, only=["ai", "marketing"], pace=0, profile=profile, timeouts=FAST))
    assert [r.status for r in applied.results] == [Status.TURNED_OFF] * 3
    checked = aio.run(live(apply=False, only=["ai"], pace=0, profile=profile, timeouts=FAST))
    assert checked.results[0].status is Status.ALREADY_OFF

    via_demo.end_sessions()  # LinkedIn ends the session
    expired = aio.run(live(apply=False, only=["ai", "research"], pace=0, profile=profile, timeouts=FAST,
                               concurrency=1))
    assert [r.status for r in expired.results] == [Status.SIGNED_OUT, Status.SKIPPED]
    assert "linkedin-optout login --profile me" in expired.results[0].message
    assert expired.exit_code == 5
    assert aio.run(who(profile, site=live_site())).state == "signed_out"

    assert login(aio, profile).state == "signed_in"
    again = aio.run(live(apply=False, only=["ai"], pace=0, profile=profile, timeouts=FAST))
    assert again.results[0].status is Status.ALREADY_OFF and again.exit_code == 0


def test_login_through_a_security_check(aio, home, via_demo: DemoSite) -> None:
    via_demo.faults.login_checkpoint = True

    async def person(context: BrowserContext) -> None:
        await the_person_signs_in(context, checkpoint=True)

    assert login(aio, Profile(), on_open=person).state == "signed_in"


def test_login_gives_up_after_its_timeout(aio, home, via_demo: DemoSite) -> None:
    ticks: list[float] = []

    async def nobody(context: BrowserContext) -> None:
        return None

    seen = login(aio, Profile(), on_open=nobody, timeout=3, tick=lambda left, what: ticks.append(left))
    assert seen.state == "signed_out" and "timed out" in seen.reason
    assert ticks and ticks[0] > ticks[-1], "a visible countdown"


def test_a_challenge_stops_whoami_and_runs(aio, home, via_demo: DemoSite) -> None:
    profile = Profile()
    login(aio, profile)
    via_demo.faults.challenge = True
    assert aio.run(who(profile, site=live_site())).state == "challenge"
    report = aio.run(live(apply=True, only=["ai"], pace=0, profile=profile, timeouts=FAST))
    assert report.results[0].status is Status.CHALLENGE and report.exit_code == 5
    assert "finish the security check" in report.results[0].message
    assert via_demo.saves == []


def test_a_run_without_a_profile_says_how_to_sign_in(home) -> None:
    result = CliRunner().invoke(cli, ["check", "--only", "ai"])
    assert result.exit_code == 5
    assert "no sign-in profile 'default' yet" in result.output and "linkedin-optout login" in result.output


# --- import-session -------------------------------------------------------------------------------


def session_cookies(site: DemoSite) -> list[dict]:
    return site.session_cookies()


def test_import_from_a_storage_state_file(aio, home, via_demo: DemoSite) -> None:
    state = home / "state.json"
    state.write_text(json.dumps({"cookies": session_cookies(via_demo), "origins": []}))
    result = CliRunner().invoke(cli, ["import-session", "--storage-state", str(state), "--profile", "imported"])
    assert result.exit_code == 0, result.output
    assert "stored 2 LinkedIn cookie(s) (JSESSIONID, li_at)" in result.output
    assert aio.run(who(Profile("imported"), site=live_site())).state == "signed_in"


@pytest.mark.parametrize("where", ["environment", ".env"])
def test_import_from_the_environment_or_dotenv(aio, home, via_demo: DemoSite, monkeypatch, where: str) -> None:
    values = via_demo.new_session()
    if where == "environment":
        monkeypatch.setenv("LINKEDIN_LI_AT", values["li_at"])
        monkeypatch.setenv("LINKEDIN_JSESSIONID", values["JSESSIONID"])
    else:
        (home / ".env").write_text(f"LINKEDIN_LI_AT={values['li_at']}\nLINKEDIN_JSESSIONID='{values['JSESSIONID']}'\n")
    result = CliRunner().invoke(cli, ["import-session"])
    assert result.exit_code == 0, result.output
    assert aio.run(who(Profile(), site=live_site())).state == "signed_in"
    report = aio.run(live(apply=True, only=["ai"], pace=0, profile=Profile(), timeouts=FAST))
    assert report.results[0].status is Status.TURNED_OFF  # the CSRF header came from JSESSIONID


def test_li_at_alone_is_imported_with_a_warning(home, via_demo: DemoSite, monkeypatch) -> None:
    monkeypatch.setenv("LINKEDIN_LI_AT", via_demo.new_session()["li_at"])
    result = CliRunner().invoke(cli, ["import-session"])
    assert result.exit_code == 0
    assert "li_at alone is known to loop" in result.output


def test_import_with_nothing_given_is_one_line(home) -> None:
    result = CliRunner().invoke(cli, ["import-session"])
    assert result.exit_code == 2 and "no session given" in result.output


@pytest.mark.parametrize("content, error", [
    ('{"cookies": [{"name": "li_at", "value": "CANARY-SECRET-123", ', "not valid JSON"),
    ('["CANARY-SECRET-123"]', 'no "cookies" list'),
    ('{"cookies": [{"name": "bcookie", "value": "CANARY-SECRET-123", "domain": ".linkedin.com"}]}', "no LinkedIn session"),
    ('{"cookies": [{"name": "li_at", "value": 7}]}', "cookies[0] lacks"),
])
def test_a_corrupt_storage_state_file_is_a_clear_error_without_its_values(home, content: str, error: str) -> None:
    path = home / "state.json"
    path.write_text(content)
    with pytest.raises(StateFileError) as caught:
        from_storage_state(path, SITE)
    assert error in str(caught.value) and "CANARY" not in str(caught.value)
    assert caught.value.__cause__ is None or "CANARY" not in str(caught.value.__cause__)
    assert path.read_text() == content  # nothing the person had is touched


# --- profiles: lock, corruption, logout, modes -----------------------------------------------------


def test_a_second_run_on_a_locked_profile_stops_at_once_with_exit_2(aio, home, via_demo: DemoSite) -> None:
    profile = Profile()
    login(aio, profile)
    with profile.lock():
        with pytest.raises(ProfileLockedError, match="in use by another run"):
            aio.run(live(apply=False, only=["ai"], pace=0, profile=Profile()))
        result = CliRunner().invoke(cli, ["check", "--only", "ai"])
        assert result.exit_code == 2 and f"pid {os.getpid()}" in result.output


@pytest.mark.parametrize("damage", ["garbage", "foreign", "missing"])
def test_a_corrupt_or_foreign_profile_is_a_clear_error_and_kept(home, damage: str) -> None:
    profile = Profile().create()
    if damage == "garbage":
        profile.meta_file.write_text("{not json")
    elif damage == "foreign":
        profile.meta_file.write_text('{"tool": "something-else"}')
    else:
        profile.meta_file.unlink()
    before = sorted(p.name for p in profile.dir.iterdir())
    result = CliRunner().invoke(cli, ["whoami"])
    assert result.exit_code == 2
    assert "linkedin-optout logout" in result.output and "move" in result.output
    assert sorted(p.name for p in profile.dir.iterdir()) == before


def test_logout_asks_and_deletes_only_when_told(home, monkeypatch: pytest.MonkeyPatch) -> None:
    profile = Profile("old").create()
    piped = CliRunner().invoke(cli, ["logout", "--profile", "old"], input="y\n")  # no terminal: never asks
    assert piped.exit_code == 2 and "needs confirmation" in piped.output and profile.dir.exists()
    import click.testing

    with monkeypatch.context() as terminal:  # a person at a terminal answers "n"
        terminal.setattr(click.testing._NamedTextIOWrapper, "isatty", lambda self: True, raising=False)
        refused = CliRunner().invoke(cli, ["logout", "--profile", "old"], input="n\n")
    assert refused.exit_code == 0 and "nothing deleted" in refused.output and profile.dir.exists()
    done = CliRunner().invoke(cli, ["logout", "--profile", "old", "--yes"])
    assert done.exit_code == 0 and not profile.dir.exists()
    assert "nothing to delete" in CliRunner().invoke(cli, ["logout", "--profile", "old"]).output


def test_login_without_a_display_points_to_import_session(home, monkeypatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    result = CliRunner().invoke(cli, ["login"])
    assert result.exit_code == 2
    assert "no display" in result.output and "import-session" in result.output


def test_profile_files_are_0600_and_folders_0700(aio, home, via_demo: DemoSite) -> None:
    profile = Profile()
    login(aio, profile)
    aio.run(live(apply=False, only=["ai"], pace=0, profile=profile, timeouts=FAST))
    for folder, dirs, files in os.walk(home / "data"):
        if "linkedin-optout" not in folder:
            continue
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700, folder
        for name in files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, path


def test_a_bad_profile_name_is_refused(home) -> None:
    result = CliRunner().invoke(cli, ["whoami", "--profile", "../etc"])
    assert result.exit_code == 2 and "LINKEDIN_OPTOUT_PROFILE" not in result.output
