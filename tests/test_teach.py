"""`teach`: a person shows the switch once in the browser; every later run finds it (issue 14).

Against the demo site, headless, with a scripted person who clicks. The tool itself never clicks.
"""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.async_api import Page

from automation.cli import cli
from automation.demo.site import DemoSite
from automation.errors import MapError
from automation.live import import_cookies, run_live
from automation.maps import load_catalogue
from automation.overrides import overrides_path, read
from automation.profile import Profile
from automation.report import Status
from automation.teach import NothingLearned, Seen, TeachTimeout, teach_flow
from tests.conftest import FAST, FAST_RETRY

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

    return aio.run(teach_flow(profile, ["ai-training"], timeout=timeout, force=force, confirm=confirm,
                              say=(said if said is not None else []).append, on_open=person, headless=True,
                              timeouts=FAST, retry=FAST_RETRY))


def check(aio, profile: Profile, apply: bool = False):
    return aio.run(run_live(apply=apply, only=["ai-training"], pace=0, profile=profile, timeouts=FAST))


def test_a_renamed_key_and_label_is_learned_and_later_runs_use_it(aio, me: Profile, via_demo: DemoSite) -> None:
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
