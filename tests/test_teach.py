"""`teach`: a person shows the switch once in the browser; every later run finds it.

Against the demo site, headless, with a scripted person who clicks. The tool itself never clicks.
"""

from __future__ import annotations

import stat
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.async_api import Page

from automation.catalogue.loader import load_catalogue
from automation.catalogue.overrides import overrides_path, read
from automation.cli import cli
from automation.demo.site import DemoSite
from automation.engine.options import Waits
from automation.errors import MapError, NothingLearned, TeachTimeout
from automation.results.report import Status
from automation.session.profile import Profile
from automation.session.runner import Launch, import_cookies
from automation.tools.teach import Lesson, Talk, teach_flow
from automation.tools.teach_watch import Seen
from tests.conftest import FAST, FAST_RETRY, live_site
from tests.helpers.options import live

AI_PATH = load_catalogue(overrides=False)["ai-training"].path
NEW_KEY = "genAiContentTrainingConsent"
NEW_LABEL = "Allow LinkedIn to train content-creating AI with my data"
DECOY = "allowProfileDiscoveryByEmail"


@pytest.fixture
def me(aio, home: Path, via_demo: DemoSite, monkeypatch: pytest.MonkeyPatch) -> Profile:
    """A signed-in profile, and a private config folder for the overrides."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    profile = Profile()
    keep = time.time() + 86400  # a persistent cookie: the profile's browser closes in between
    aio.run(import_cookies(profile, [{**c, "expires": keep} for c in via_demo.session_cookies()]))
    return profile


def clicks(*selectors: str, pause: float = 0.0):
    """A person who clicks these switches, one after the other, once the notice is shown."""

    async def person(page: Page) -> None:
        await page.locator("#linkedin-optout-teach").wait_for()
        for selector in selectors:
            await page.locator(selector).click()
            if pause:
                await page.wait_for_timeout(pause * 1000)

    return person


def teach(aio, profile: Profile, person, *, answers: list[bool] | None = None, timeout: float = 20,
          said: list[str] | None = None, seen: list[Seen] | None = None, force: bool = False):
    answers = list(answers or [True])

    def confirm(what: Seen) -> bool:
        if seen is not None:
            seen.append(what)
        return answers.pop(0)

    talk = Talk(confirm=confirm, say=(said if said is not None else []).append, on_open=person)
    return aio.run(teach_flow(profile, Lesson(settings=("ai-training",), timeout=timeout, force=force), talk,
                              launch=Launch(site=live_site()), waits=Waits(FAST, FAST_RETRY)))


def check(aio, profile: Profile, apply: bool = False):
    return aio.run(live(apply=apply, only=["ai-training"], pace=0, profile=profile, timeouts=FAST))


def test_a_renamed_key_and_label_is_learned_and_later_runs_use_it(aio, abrowser, me: Profile, via_demo: DemoSite,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    via_demo.serve_variant(AI_PATH, "ai-training.key-and-label-changed.html")
    before = check(aio, me)
    assert before.results[0].status is Status.NOT_FOUND and before.exit_code == 4

    seen: list[Seen] = []
    [taught] = teach(aio, me, clicks(f"[aria-labelledby={NEW_KEY}]"), seen=seen)
    assert taught.status == "learned" and taught.override is not None
    assert (taught.override.kind, taught.override.value, taught.override.lang) == ("labelledby", NEW_KEY, "en")
    assert seen[0].name == NEW_LABEL and (seen[0].before, seen[0].after) == (True, False)
    assert seen[0].save.startswith("PUT ") and "Generative AI and your data" in seen[0].title
    assert via_demo.state[NEW_KEY] is False  # the person's own click turned it off; the tool clicked nothing
    assert [s.key for s in via_demo.saves] == [NEW_KEY]

    path = overrides_path()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert read().overrides[0].tool_version

    via_demo.state[NEW_KEY] = True  # LinkedIn turned it back on
    checked = check(aio, me)
    assert (checked.results[0].status, checked.results[0].strategy) == (Status.ON, "learned")
    assert any("local override" in w for w in checked.results[0].warnings)
    applied = check(aio, me, apply=True)
    assert (applied.results[0].status, applied.results[0].strategy) == (Status.TURNED_OFF, "learned")
    assert [s.key for s in via_demo.saves] == [NEW_KEY, NEW_KEY]  # one save for the apply, verified by reload
    assert via_demo.state[NEW_KEY] is False

    # What goes upstream: the sanitized page passes the maintainers' fixture smoke test as it is
    # (it records what the bundled maps read: not_found), and the map change loads and finds it.
    html = next(p for p in taught.files if p.suffix == ".html")
    assert "linkedin-optout-teach" not in html.read_text() and "<script" not in html.read_text()
    assert NEW_KEY in taught.diff and NEW_LABEL in taught.diff
    _passes_the_smoke_test(aio, abrowser, html, monkeypatch)
    _the_map_change_loads(next(p for p in taught.files if p.suffix == ".toml"))


def _passes_the_smoke_test(aio, abrowser, html: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import automation.catalogue.saved_pages as fixtures
    from tests.test_fixture_smoke import _check

    with monkeypatch.context() as patch:  # the fixture where the smoke test reads pages, for this call only
        patch.setattr(fixtures, "pages_dir", lambda: html.parent)
        patch.setenv("XDG_CONFIG_HOME", str(html.parent / "a-maintainer-without-overrides"))
        fixture = fixtures.read_fixture(html)
        assert fixture.expect == {"ai-training": "not_found"} and fixture.url.endswith(AI_PATH)
        result = _check(aio, abrowser, fixture)  # the smoke test's own check of one page
        assert result.ok, result.line()


def _the_map_change_loads(toml: Path) -> None:
    import shutil

    folder = toml.parent / "selectors-with-the-change"
    shutil.copytree(load_catalogue(overrides=False).folder, folder)
    shutil.copy(toml, folder / toml.name)
    changed = load_catalogue(folder)["ai-training"]
    assert changed.labelledby == NEW_KEY and changed.labels["en"] == NEW_LABEL


def test_an_unrelated_switch_declined_at_confirmation_then_the_right_one(aio, me: Profile, via_demo: DemoSite) -> None:
    via_demo.serve_variant(AI_PATH, "ai-training.key-and-label-changed.html")
    seen: list[Seen] = []
    said: list[str] = []
    [taught] = teach(aio, me, clicks(f"[aria-labelledby={DECOY}]", f"[aria-labelledby={NEW_KEY}]", pause=2.5),
                     answers=[False, True], seen=seen, said=said)
    assert [s.name for s in seen] == ["Allow people who have my email address to find me", NEW_LABEL]
    assert any("declined" in line for line in said)
    assert taught.override is not None and taught.override.value == NEW_KEY


def test_a_switch_turned_on_is_never_learned(aio, me: Profile, via_demo: DemoSite) -> None:
    via_demo.serve_variant(AI_PATH, "ai-training.key-and-label-changed.html")
    via_demo.state[NEW_KEY] = False
    said: list[str] = []
    with pytest.raises(TeachTimeout, match="a switch was turned on"):
        teach(aio, me, clicks(f"[aria-labelledby={NEW_KEY}]"), timeout=8, said=said)
    assert any("that turned it on; turn it back off" in line for line in said)
    assert not overrides_path().exists()


def test_a_switch_with_no_key_or_id_is_learned_by_its_exact_label(aio, me: Profile, via_demo: DemoSite) -> None:
    via_demo.serve_variant(AI_PATH, "ai-training.label-only.html")
    [taught] = teach(aio, me, clicks("input[name=genAiLabelOnly]"))
    assert taught.override is not None and (taught.override.kind, taught.override.value) == ("label", NEW_LABEL)
    checked = check(aio, me)
    assert (checked.results[0].status, checked.results[0].strategy) == (Status.ALREADY_OFF, "learned")


def test_two_identical_switches_teach_nothing(aio, me: Profile, via_demo: DemoSite) -> None:
    via_demo.serve_variant(AI_PATH, "ai-training.twin-switches.html")
    with pytest.raises(NothingLearned, match="no locator .* picks out only that switch") as err:
        teach(aio, me, clicks("input[name=genAiTwin] >> nth=0"))
    assert err.value.exit_code == 9 and "\n" not in str(err.value)
    assert not overrides_path().exists()


def test_two_switches_changed_at_once_teach_nothing(aio, me: Profile, via_demo: DemoSite) -> None:
    via_demo.serve_variant(AI_PATH, "ai-training.key-and-label-changed.html")
    with pytest.raises(NothingLearned, match="2 switches changed at once"):
        teach(aio, me, clicks(f"[aria-labelledby={DECOY}]", f"[aria-labelledby={NEW_KEY}]"))
    assert not overrides_path().exists()


def test_a_change_that_sends_no_save_request_may_not_be_a_setting(aio, me: Profile, via_demo: DemoSite) -> None:
    via_demo.serve_variant(AI_PATH, "ai-training.key-and-label-changed.html")

    async def person(page: Page) -> None:
        await page.locator("#linkedin-optout-teach").wait_for()
        await page.evaluate("""() => document.querySelector("main").insertAdjacentHTML("beforeend",
            '<label><input type="checkbox" id="rememberMe" checked> Remember me on this device</label>')""")
        await page.locator("#rememberMe").click()

    with pytest.raises(NothingLearned, match="no save request: it may not be a setting"):
        teach(aio, me, person)
    assert not overrides_path().exists()


def test_a_switch_the_maps_already_find_is_not_taught_without_force(aio, me: Profile, via_demo: DemoSite) -> None:
    [taught] = teach(aio, me, None)
    assert taught.status == "already" and "by labelledby" in taught.detail and "--force" in taught.detail
    assert not via_demo.saves and not overrides_path().exists()


@pytest.mark.parametrize("wall", ["signed out", "challenge"])
def test_a_sign_in_wall_or_challenge_teaches_nothing_with_the_session_exit_code(aio, me: Profile, via_demo: DemoSite,
                                                                              wall: str) -> None:
    from automation.errors import SessionStopped

    if wall == "challenge":
        via_demo.faults.challenge = True
    else:
        via_demo.end_sessions()
    with pytest.raises(SessionStopped) as err:
        teach(aio, me, None)
    assert err.value.exit_code == 5 and "login" in str(err.value) and "nothing learned" in str(err.value)
    assert not overrides_path().exists()


@pytest.mark.parametrize("lost", ["network", "session"])
def test_the_network_or_the_session_lost_at_the_proving_reload_keeps_its_own_exit_code(
        aio, me: Profile, via_demo: DemoSite, lost: str) -> None:
    """The reload that proves what was learned meets no network (6) or a sign-in wall (5): that is
    what the person is told, not "nothing could be learned safely" (9)."""
    from automation.errors import SessionStopped, Unreachable

    via_demo.serve_variant(AI_PATH, "ai-training.key-and-label-changed.html")

    def yes_then_gone(seen: Seen) -> bool:  # the person confirms; then, before the reload, it is gone
        if lost == "network":
            via_demo.faults.drop_connections = True
        else:
            via_demo.end_sessions()
        return True

    talk = Talk(confirm=yes_then_gone, say=[].append, on_open=clicks(f"[aria-labelledby={NEW_KEY}]"))
    expected = Unreachable if lost == "network" else SessionStopped
    with pytest.raises(expected) as err:
        aio.run(teach_flow(me, Lesson(settings=("ai-training",), timeout=20), talk, launch=Launch(site=live_site()),
                           waits=Waits(FAST, FAST_RETRY)))
    assert err.value.exit_code == (6 if lost == "network" else 5) and "nothing learned" in str(err.value)
    assert not overrides_path().exists()


def test_the_person_doing_nothing_times_out(aio, me: Profile, via_demo: DemoSite) -> None:
    via_demo.serve_variant(AI_PATH, "ai-training.key-and-label-changed.html")
    with pytest.raises(TeachTimeout) as err:
        teach(aio, me, None, timeout=3)
    assert err.value.exit_code == 8 and not via_demo.saves


# --- the overrides file, without a browser ------------------------------------------------------------


def _override(value: str = NEW_KEY, kind: str = "labelledby") -> str:
    return (f'schema_version = 1\n\n[[overrides]]\nid = "ai-training"\nkind = "{kind}"\nvalue = "{value}"\n'
            f'lang = "en"\nlearned_on = "2026-11-27"\ntool_version = "0.1.0"\n')


@pytest.fixture
def config(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    return overrides_path()


def test_list_and_forget(config: Path) -> None:
    runner = CliRunner()
    assert "no local overrides" in runner.invoke(cli, ["teach", "--list"]).output
    config.parent.mkdir(parents=True)
    config.write_text(_override())
    listed = runner.invoke(cli, ["teach", "--list"])
    assert listed.exit_code == 0 and f"ai-training: labelledby '{NEW_KEY}'" in listed.output
    assert load_catalogue()["ai-training"].learned is not None
    forgot = runner.invoke(cli, ["teach", "--forget", "ai-training"])
    assert forgot.exit_code == 0 and "removed the local override of ai-training" in forgot.output
    assert load_catalogue()["ai-training"].learned is None
    assert "nothing removed" in runner.invoke(cli, ["teach", "--forget", "ai-training"]).output


@pytest.mark.parametrize("content, field", [
    (_override(kind="xpath"), "overrides[0].kind"),
    (_override().replace('id = "ai-training"', 'id = "no-such-setting"'), "overrides[0].id"),
    ("schema_version = 1\n[[overrides]\n", "invalid TOML"),
])
def test_a_broken_overrides_file_is_one_line_and_the_bundled_maps_work_once_it_is_removed(
        config: Path, content: str, field: str) -> None:
    config.parent.mkdir(parents=True)
    config.write_text(content)
    result = CliRunner().invoke(cli, ["settings"])
    assert result.exit_code == 2 and str(config) in result.output and field in result.output
    assert len(result.output.strip().splitlines()) == 1
    with pytest.raises(MapError):
        load_catalogue()
    config.unlink()
    assert CliRunner().invoke(cli, ["settings"]).exit_code == 0


def test_an_override_made_redundant_by_a_map_update_is_reported(aio, me: Profile, via_demo: DemoSite) -> None:
    overrides_path().parent.mkdir(parents=True, exist_ok=True)
    overrides_path().write_text(_override(value="aKeyLinkedInUsedForAWhile"))
    result = check(aio, me).results[0]  # the bundled map finds the switch by its own key again
    assert result.strategy == "labelledby"
    assert any("override for ai-training is no longer needed" in w and "teach --forget ai-training" in w
               for w in result.warnings)


def test_without_a_display_teach_says_so_in_one_line(config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    result = CliRunner().invoke(cli, ["teach", "ai-training"])
    assert result.exit_code == 2 and "no display" in result.output and len(result.output.strip().splitlines()) == 1


def test_without_a_setting_teach_takes_what_the_last_run_left_not_found_or_ambiguous(config: Path) -> None:
    from automation.errors import UserError
    from automation.results.history import Record, append
    from automation.results.report import RunReport, SettingResult, now
    from automation.tools.teach import left_by_last_run

    catalogue = load_catalogue()
    with pytest.raises(UserError, match="no run in the history yet"):
        left_by_last_run(catalogue)

    def run(**statuses: Status) -> None:
        results = [SettingResult(setting=k.replace("_", "-"), status=v) for k, v in statuses.items()]
        append(Record(kind="run", report=RunReport(mode="check", results=results, started_at=now(), finished_at=now())))

    run(research=Status.NOT_FOUND)
    run(ai_training=Status.NOT_FOUND, research=Status.ALREADY_OFF, marketing_emails=Status.AMBIGUOUS)
    assert left_by_last_run(catalogue) == ["ai-training", "marketing-emails"]
    run(ai_training=Status.ALREADY_OFF)
    with pytest.raises(UserError, match="left no setting not_found or ambiguous"):
        left_by_last_run(catalogue)


# --- the command itself (its browser made headless and a scripted person, as no screen is here) ---


@pytest.fixture
def cli_person(monkeypatch: pytest.MonkeyPatch):
    import dataclasses

    import automation.session.browser as browser
    import automation.tools.teach as teach_module

    def use(person) -> None:
        monkeypatch.setattr(browser, "has_display", lambda: True)
        real = teach_module.teach_flow

        def flow(profile, lesson, talk, *, launch=None, waits=None):
            return real(profile, lesson, dataclasses.replace(talk, on_open=person),
                        launch=dataclasses.replace(launch, headless=True), waits=Waits(FAST, FAST_RETRY))

        monkeypatch.setattr(teach_module, "teach_flow", flow)

    return use


def test_the_command_confirms_in_the_terminal_and_prints_the_contribution(me: Profile, via_demo: DemoSite,
                                                                        cli_person) -> None:
    via_demo.serve_variant(AI_PATH, "ai-training.key-and-label-changed.html")
    cli_person(clicks(f"[aria-labelledby={NEW_KEY}]"))
    result = CliRunner().invoke(cli, ["teach", "ai-training", "--timeout", "30"], input="y\n")
    assert result.exit_code == 0, result.output
    assert f"You changed the switch '{NEW_LABEL}': on -> off" in result.output
    assert "click the switch for this setting (turn it off); linkedin-optout watches and clicks nothing itself" \
        in result.output.lower()
    assert f"ai-training: learned by labelledby '{NEW_KEY}'" in result.output
    assert f'+labelledby = "{NEW_KEY}"' in result.output and "contributions" in result.output
    listed = CliRunner().invoke(cli, ["teach", "--list"])
    assert f"ai-training: labelledby '{NEW_KEY}' (page language en" in listed.output


def test_the_command_ends_with_one_line_and_exit_9_when_nothing_can_be_learned(me: Profile, via_demo: DemoSite,
                                                                             cli_person) -> None:
    via_demo.serve_variant(AI_PATH, "ai-training.twin-switches.html")
    cli_person(clicks("input[name=genAiTwin] >> nth=1"))
    result = CliRunner().invoke(cli, ["teach", "ai-training", "--timeout", "30"], input="y\n")
    assert result.exit_code == 9, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("linkedin-optout: error:")]
    assert len(errors) == 1 and "learned nothing" in errors[0]
    assert not overrides_path().exists()


def test_force_teaches_a_switch_the_maps_still_find(aio, me: Profile, via_demo: DemoSite) -> None:
    """`teach --force`: the maps find the switch by its key, and the person's click is learned anyway."""
    key = load_catalogue(overrides=False)["ai-training"].labelledby
    [taught] = teach(aio, me, clicks(f"[aria-labelledby={key}]"), force=True)
    assert taught.status == "learned" and taught.override is not None
    assert (taught.override.kind, taught.override.value) == ("labelledby", key)
    assert read().overrides[0].id == "ai-training" and via_demo.state[key] is False


def test_a_switch_with_an_id_and_no_key_is_learned_by_its_id_and_found_by_it(aio, context) -> None:
    """The second locator in the order: the element id, when no aria-labelledby key picks the switch out."""
    from dataclasses import replace

    from automation.catalogue.models import Learned
    from automation.engine.locate import LEARNED, locate
    from automation.tools.teach import derive

    page_html = ("<main><label><input type='checkbox' role='switch' id='profileDiscovery' checked> Discovery</label>"
                 f"<label><input type='checkbox' role='switch' id='genAiConsent' checked> {NEW_LABEL}</label></main>")

    async def learn_and_find() -> tuple[tuple[str, str] | None, str | None, bool]:
        page = await context.new_page()
        try:
            await page.set_content(page_html)
            switch = await page.locator("#genAiConsent").element_handle()
            assert switch is not None
            derived = await derive(page, switch)
            setting = replace(load_catalogue(overrides=False)["ai-training"], labelledby=None, element_id=None,
                              labels={}, titles={}, learned=Learned("element_id", "genAiConsent", "en", "overrides.toml"))
            found = await locate(page, setting, "en", 1)
            same = found.control is not None and await found.control.evaluate("el => el.id === 'genAiConsent'")
            return derived, found.strategy, same
        finally:
            await page.close()

    derived, strategy, same = aio.run(learn_and_find())
    assert derived == ("element_id", "genAiConsent")
    assert strategy == LEARNED and same


def test_a_proof_drawn_off_before_the_pages_data_says_on_learns_nothing(aio, me: Profile, via_demo: DemoSite) -> None:
    """The person's change did not hold, and the proving reload draws the switch off before the
    page fetches its data (on) after a quiet pause: the proof is read as any "off" is (at the
    minimum age, settled), so teach sees it on and learns nothing, rather than an "off" that
    was never true."""
    via_demo.serve_variant(AI_PATH, "ai-training.key-and-label-changed.html")
    faults = via_demo.faults
    faults.not_persisted.add(NEW_KEY)  # the save answers 200 and keeps it on
    faults.placeholder[AI_PATH] = False  # ... and the reload draws "off" first,
    faults.placeholder_after_saves = 1  # (only once that save was made)
    faults.data_pause, faults.data_delay = 0.5, 0.2  # then asks for its data after a quiet pause
    with pytest.raises(NothingLearned, match="reads on"):
        teach(aio, me, clicks(f"[aria-labelledby={NEW_KEY}]"))
    assert not overrides_path().exists()
    assert via_demo.state[NEW_KEY] is True
