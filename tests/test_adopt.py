"""`teach --adopt URL`: a setting LinkedIn added, reported unlisted, is adopted and then turned off.

Against the demo site, headless, with a scripted person who clicks (as in test_teach.py). The tool
itself never clicks while teaching; the later `apply` turns the adopted setting off like any other.
"""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from automation.catalogue.loader import load_catalogue
from automation.catalogue.models import PageMap
from automation.catalogue.overrides import ADOPTED, Override, OverridesFile, overrides_path, read, write
from automation.catalogue.saved_pages import read_fixture
from automation.cli import cli
from automation.demo.site import DemoSite
from automation.engine.options import Waits
from automation.errors import MapError, UserError
from automation.results.report import Status
from automation.session.profile import Profile
from automation.session.runner import Launch
from automation.tools.teach import Lesson, Talk, teach_flow
from automation.tools.teach_adopt import adopt_id, adopt_path
from automation.tools.teach_watch import Seen
from tests.conftest import FAST, FAST_RETRY, live_site
from tests.helpers.options import live
from tests.test_teach import cli_person, clicks, config, me  # noqa: F401 - shared fixtures

BASE = "https://www.linkedin.com"
PAGE = "/mypreferences/d/settings/ai-hiring-assistant"
KEY = "allowDataForHiringAssistant"
LABEL = "Use my profile data in AI hiring tools (invented)"
TITLE = "Data for AI-assisted hiring"


def adopt(aio, profile: Profile, person, *, url: str = BASE + PAGE, new_id: str | None = None,
          seen: list[Seen] | None = None, said: list[str] | None = None):
    def confirm(what: Seen) -> bool:
        (seen if seen is not None else []).append(what)
        return True

    talk = Talk(confirm=confirm, say=(said if said is not None else []).append, on_open=person)
    return aio.run(teach_flow(profile, Lesson(adopt=url, new_id=new_id, timeout=20), talk,
                              launch=Launch(site=live_site()), waits=Waits(FAST, FAST_RETRY)))


def full_run(aio, profile: Profile, apply: bool):
    return aio.run(live(apply=apply, only=None, pace=0, profile=profile, timeouts=FAST))


def test_an_unlisted_switch_adopted_through_teach_is_then_turned_off_and_no_longer_unlisted(
        aio, me: Profile, via_demo: DemoSite) -> None:  # noqa: F811
    before = full_run(aio, me, apply=False)
    assert [(u.page, u.title, u.label, u.key) for u in before.unlisted] == [(BASE + PAGE, TITLE, LABEL, KEY)]

    seen: list[Seen] = []
    said: list[str] = []
    [taught] = adopt(aio, me, clicks(f"[aria-labelledby={KEY}]"), seen=seen, said=said)
    assert any("adopting a setting LinkedIn added, as 'ai-hiring-assistant'" in line for line in said)
    assert taught.status == "learned" and taught.detail.startswith(f"adopted by labelledby '{KEY}'")
    assert seen[0].name == LABEL and (seen[0].before, seen[0].after) == (True, False)
    o = taught.override
    assert o is not None and (o.id, o.kind, o.value, o.path, o.controls) == (
        "ai-hiring-assistant", "labelledby", KEY, PAGE, LABEL)
    assert read().overrides == [o]  # written, and read back the same
    assert [s.key for s in via_demo.saves] == [KEY]  # the person's click; the tool clicked nothing

    adopted = load_catalogue()["ai-hiring-assistant"]
    assert (adopted.group, adopted.path, adopted.learned is not None) == (ADOPTED, PAGE, True)
    assert load_catalogue().ids[-1] == "ai-hiring-assistant"  # after the bundled settings

    via_demo.state[KEY] = True  # LinkedIn turned it back on
    applied = full_run(aio, me, apply=True)
    result = next(r for r in applied.results if r.setting == "ai-hiring-assistant")
    assert (result.status, result.strategy) == (Status.TURNED_OFF, "learned")
    assert result.warnings == ["a setting you adopted (teach --adopt): found through your local override"]
    assert via_demo.state[KEY] is False
    from automation.tools.selftest import unproven  # no bundled page proves an adopted setting: not a failure
    assert "ai-hiring-assistant" not in unproven(load_catalogue(), [], [])
    assert applied.unlisted == []  # its page is covered now: discovery no longer reports it
    assert {r.status for r in applied.results} == {Status.TURNED_OFF}


def test_the_contribution_of_an_adopted_setting_is_a_new_page_map(aio, abrowser, me: Profile,  # noqa: F811
                                                                  via_demo: DemoSite,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    [taught] = adopt(aio, me, clicks(f"[aria-labelledby={KEY}]"), new_id="hiring-data")
    names = sorted(p.name for p in taught.files)
    assert names == ["ai-hiring-assistant.diff", "ai-hiring-assistant.taught-hiring-data.html",
                     "ai-hiring-assistant.toml", "catalogue.toml"]
    assert "+++ b/selectors/ai-hiring-assistant.toml" in taught.diff and '+    "hiring-data",' in taught.diff

    page = next(p for p in taught.files if p.name == "ai-hiring-assistant.toml")
    suggested = PageMap.model_validate(tomllib.loads(page.read_text()))
    assert (suggested.path, suggested.title, suggested.settings[0].labelledby) == (PAGE, {"en": TITLE}, KEY)
    assert suggested.settings[0].label == {"en": LABEL}
    html = next(p for p in taught.files if p.suffix == ".html")
    fixture = read_fixture(html)
    assert (fixture.expect, fixture.unlisted) == ({}, {LABEL: "off"})  # what the bundled maps read there

    # A maintainer picks a group, and the maps (without the person's overrides) then find it, off.
    folder = page.parent / "selectors-with-the-change"
    shutil.copytree(load_catalogue(overrides=False).folder, folder)
    shutil.copy(page.parent / "catalogue.toml", folder / "catalogue.toml")
    (folder / page.name).write_text(page.read_text().replace(f'group = "{ADOPTED}"', 'group = "ai"'))
    assert load_catalogue(folder)["hiring-data"].labelledby == KEY


@pytest.mark.parametrize("url, new_id, said", [
    (BASE + "/mypreferences/d/settings/data-for-ai-improvement", None,
     "the maps already cover /mypreferences/d/settings/data-for-ai-improvement (settings: ai-training)"),
    (BASE + "/mypreferences/d/settings/data-for-generative-ai-improvement/", None, "the maps already cover"),
    ("https://www.linkedin.example/mypreferences/d/settings/ai-hiring-assistant", None,
     "--adopt takes a settings page on https://www.linkedin.com"),
    ("http://www.linkedin.com" + PAGE, None, "--adopt takes a settings page on https://www.linkedin.com"),
    ("www.linkedin.com" + PAGE, None, "--adopt takes a settings page"),
    ("https://www.linkedin.com:notaport" + PAGE, None, "--adopt takes a settings page"),
    ("https://user@www.linkedin.com" + PAGE, None, "--adopt takes a settings page"),
    ("https://[www.linkedin.com" + PAGE, None, "--adopt takes a settings page"),
    (BASE + "/mypreferences/d/categories/privacy", None, "is not a settings page with a switch"),
    (BASE + "/feed/", None, "is not a settings page with a switch"),
    (BASE + PAGE, "ai-training", "'ai-training' is already a setting"),
    (BASE + PAGE, "ads", "'ads' is already a group"),
    (BASE + PAGE, "Hiring_Data", "--id 'Hiring_Data' is not a setting id"),
    (BASE + "/mypreferences/d/settings/2fa", None, "no setting id can be made from"),
])
def test_adopt_refuses_a_covered_or_foreign_url_and_a_taken_id_in_one_line_before_any_browser(
        config: Path, url: str, new_id: str | None, said: str) -> None:  # noqa: F811
    args = ["teach", "--adopt", url, *(["--id", new_id] if new_id else [])]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert said in result.output and len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output and not config.exists()


def test_adopt_refuses_a_page_adopted_already_and_an_id_taken_by_an_adopted_setting(config: Path) -> None:  # noqa: F811
    write(OverridesFile(schema_version=1, overrides=[_adopted()]))
    catalogue = load_catalogue()
    with pytest.raises(UserError, match="you adopted /mypreferences/d/settings/ai-hiring-assistant already"):
        adopt_path(catalogue, BASE + PAGE)
    with pytest.raises(UserError, match="'ai-hiring-assistant' is already a setting"):
        adopt_id(catalogue, "/mypreferences/d/settings/other-page", "ai-hiring-assistant")
    assert adopt_id(catalogue, "/mypreferences/d/settings/Other_Page", None) == "other-page"


def test_adopt_and_a_setting_together_is_a_usage_error(config: Path) -> None:  # noqa: F811
    for args in (["ai-training", "--adopt", BASE + PAGE], ["--id", "x"]):
        result = CliRunner().invoke(cli, ["teach", *args])
        assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1


def test_the_command_adopts_lists_and_forgets(me: Profile, via_demo: DemoSite, cli_person) -> None:  # noqa: F811
    cli_person(clicks(f"[aria-labelledby={KEY}]"))
    result = CliRunner().invoke(cli, ["teach", "--adopt", BASE + PAGE, "--timeout", "30"], input="y\n")
    assert result.exit_code == 0, result.output
    assert "Is this the switch you want off from now on?" in result.output
    assert f"ai-hiring-assistant: adopted by labelledby '{KEY}'" in result.output
    assert "+++ b/selectors/ai-hiring-assistant.toml" in result.output

    listed = CliRunner().invoke(cli, ["teach", "--list"])
    assert f"ai-hiring-assistant: adopted from {PAGE} ('{LABEL}'), labelledby '{KEY}'" in listed.output
    shown = CliRunner().invoke(cli, ["settings", "--json"])
    assert '"adopted": "Settings you adopted with teach"' in shown.output and '"id": "ai-hiring-assistant"' in shown.output
    assert CliRunner().invoke(cli, ["check", "--only", "ai-hiring-assistant", "--json"]).exit_code == 0

    forgot = CliRunner().invoke(cli, ["teach", "--forget", "ai-hiring-assistant"])
    assert "runs report its page as unlisted again" in forgot.output
    assert "ai-hiring-assistant" not in load_catalogue().ids


# --- the overrides file, without a browser ------------------------------------------------------------


def _adopted(**changes: object) -> Override:
    fields = {"id": "ai-hiring-assistant", "kind": "labelledby", "value": KEY, "lang": "en",
              "learned_on": "2026-11-27", "tool_version": "0.1.0", "page_title": f"{TITLE} | LinkedIn",
              "path": PAGE, "controls": LABEL, **changes}
    return Override.model_validate(fields)


def test_an_adopted_entry_round_trips_and_becomes_a_setting(config: Path) -> None:  # noqa: F811
    entry = _adopted()
    write(OverridesFile(schema_version=1, overrides=[entry]))
    text = config.read_text()
    assert f'path = "{PAGE}"' in text and "group" not in text and "null" not in text
    assert read().overrides == [entry]
    catalogue = load_catalogue()
    setting = catalogue["ai-hiring-assistant"]
    assert (setting.group, setting.controls, setting.labelledby, setting.element_id) == (ADOPTED, LABEL, None, None)
    assert PAGE in catalogue.covered_paths() and catalogue.resolve("adopted") == [setting]
    assert catalogue.groups[ADOPTED] == "Settings you adopted with teach"

    write(OverridesFile(schema_version=1, overrides=[_adopted(group="ai")]))
    assert load_catalogue().resolve("ai")[-1].id == "ai-hiring-assistant" and ADOPTED not in load_catalogue().groups


@pytest.mark.parametrize("change, field", [
    ({"path": "mypreferences/d/settings/ai-hiring-assistant"}, "overrides[0].path"),
    ({"path": "/"}, "an adopted setting needs a settings page"),
    ({"controls": ""}, "needs controls"),
    ({"group": "no-such-group"}, "overrides[0].group: 'no-such-group' is not a group"),
    ({"id": "ads"}, "overrides[0].id: 'ads' is the name of a group"),
    ({"path": None}, "overrides[0].id: 'ai-hiring-assistant' is not a setting this version knows"),
])
def test_a_broken_adopted_entry_is_one_line(config: Path, change: dict, field: str) -> None:  # noqa: F811
    entry = {**_adopted().model_dump(mode="json"), **change}
    if change.get("path", "") is None:  # a plain override of an unknown id
        entry["controls"] = ""
    lines = [f"{name} = {json.dumps(value)}" for name, value in entry.items() if value not in (None, "")]
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("schema_version = 1\n[[overrides]]\n" + "\n".join(lines) + "\n")
    result = CliRunner().invoke(cli, ["settings"])
    assert result.exit_code == 2, result.output
    assert str(config) in result.output and field in result.output
    assert len(result.output.strip().splitlines()) == 1
    with pytest.raises(MapError):
        load_catalogue()


def test_controls_without_a_path_is_refused(config: Path) -> None:  # noqa: F811
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('schema_version = 1\n[[overrides]]\nid = "ai-training"\nkind = "labelledby"\nvalue = "k"\n'
                      'lang = "en"\nlearned_on = "2026-11-27"\ntool_version = "0.1.0"\ncontrols = "x"\n')
    with pytest.raises(MapError, match="only for an adopted setting"):
        load_catalogue()
    assert overrides_path() == config
