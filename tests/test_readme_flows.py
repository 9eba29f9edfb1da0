"""README flows that had no test: interactive apply, two profiles, the safety filter against a page
that would send "on", and the default randomized pace (with an injected clock, not a wait)."""

from __future__ import annotations

import asyncio
import functools
import json

import click.testing
import pytest
from click.testing import CliRunner

import automation.engine.run as engine
from automation.cli import cli
from automation.demo.site import DemoSite
from automation.engine.gate import DEFAULT_PACE, ChangeGate
from automation.results.report import RunReport, Status
from automation.session.profile import Profile
from tests.test_schedule import sched  # noqa: F401 - the stand-in schedulers in a temp HOME

AI_KEY = "allowDataForGenerativeAI"


def invoke(*args: str, **kwargs) -> click.testing.Result:
    return CliRunner().invoke(cli, list(args), **kwargs)


def import_session(site: DemoSite, monkeypatch: pytest.MonkeyPatch, profile: str = "default") -> None:
    """Sign a profile in the way a person without a screen does: import-session from the environment."""
    values = site.new_session()
    monkeypatch.setenv("LINKEDIN_LI_AT", values["li_at"])
    monkeypatch.setenv("LINKEDIN_JSESSIONID", values["JSESSIONID"])
    done = invoke("import-session", "--profile", profile)
    assert done.exit_code == 0, done.output
    monkeypatch.delenv("LINKEDIN_LI_AT")
    monkeypatch.delenv("LINKEDIN_JSESSIONID")


@pytest.fixture
def a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """CliRunner's stdin answers isatty() with False; a person at a terminal answers True."""
    monkeypatch.setattr(click.testing._NamedTextIOWrapper, "isatty", lambda self: True, raising=False)


# --- interactive apply ------------------------------------------------------------------------------


def test_apply_without_yes_shows_the_plan_and_turns_off_after_y(home, via_demo: DemoSite, monkeypatch,
                                                                a_terminal) -> None:
    import_session(via_demo, monkeypatch)
    via_demo.set_setting("research", False)
    done = invoke("apply", "--only", "ai-training", "--only", "research", "--pace", "0", input="y\n")
    assert done.exit_code == 0, done.output
    plan, _, after = done.output.partition("Turn off 1 setting(s): ai-training?")
    assert "ai-training" in plan and "research" in plan, "the plan lists what was read before asking"
    assert [(s.key, s.value) for s in via_demo.saves] == [(AI_KEY, False)]
    assert via_demo.setting("ai-training") is False and "turned_off" in after.replace(" ", "_")


def test_apply_without_yes_changes_nothing_after_n(home, via_demo: DemoSite, monkeypatch, a_terminal) -> None:
    import_session(via_demo, monkeypatch)
    done = invoke("apply", "--only", "ai-training", "--pace", "0", input="n\n")
    assert done.exit_code == 0, done.output
    assert "Turn off 1 setting(s): ai-training?" in done.output and "nothing changed" in done.output
    assert via_demo.saves == [] and via_demo.setting("ai-training") is True


def test_apply_without_yes_and_without_a_terminal_stops_before_any_browser(home, via_demo: DemoSite,
                                                                          monkeypatch) -> None:
    import_session(via_demo, monkeypatch)
    hits = len(via_demo.hits)
    done = invoke("apply", "--only", "ai-training", input="y\n")  # piped input is not a person
    assert done.exit_code == 2
    assert "confirm on a terminal, or pass --yes" in done.output
    assert len(via_demo.hits) == hits and via_demo.saves == []


# --- two profiles -------------------------------------------------------------------------------------


def run_json(*args: str) -> RunReport:
    done = invoke(*args, "--json", "--quiet")
    assert done.exit_code in (0, 3), done.output
    return RunReport.model_validate_json(done.stdout)


def test_two_profiles_keep_separate_history_drift_and_locks(home, via_demo: DemoSite, monkeypatch) -> None:
    import_session(via_demo, monkeypatch, "work")
    import_session(via_demo, monkeypatch, "home")
    via_demo.set_setting("ai-training", False)
    assert run_json("check", "--only", "ai-training", "--profile", "work").exit_code == 0
    via_demo.set_setting("ai-training", True)  # back on: drift for "work", which saw it off
    work = run_json("check", "--only", "ai-training", "--profile", "work")
    home_run = run_json("check", "--only", "ai-training", "--profile", "home")
    assert (work.result("ai-training").drift or "").startswith("was off on ")
    assert home_run.result("ai-training").drift is None, "home's first run: work's history is not home's"

    records = json.loads(invoke("history", "--json").stdout)
    assert [r["profile"] for r in records] == ["work", "work", "home"]

    with Profile("work").lock():  # a run holds "work": "home" is not blocked by it
        blocked = invoke("check", "--only", "ai-training", "--profile", "work")
        assert blocked.exit_code == 2 and "in use by another run" in blocked.output
        assert run_json("check", "--only", "ai-training", "--profile", "home").exit_code == 3


# --- the safety filter ----------------------------------------------------------------------------------


def test_a_click_that_would_send_on_is_blocked_and_reported_failed(site: DemoSite, run_engine) -> None:
    site.faults.sends_on.add(AI_KEY)  # a broken page: its click asks the server for "on"
    report = run_engine(apply=True, only="ai-training")
    result = report.result("ai-training")
    assert result.status is Status.FAILED and result.after is True
    assert "blocked a save that would have turned a setting on" in result.message
    assert site.saves == [], "the save never reached the site"
    assert report.exit_code == 3


# --- the pace between changes ------------------------------------------------------------------------------


class FakeClock:
    """Records the waits asked for; returns a chosen "random" interval."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self.waits: list[float] = []
        self.drawn_from: list[tuple[float, float]] = []

    async def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)

    def uniform(self, low: float, high: float) -> float:
        self.drawn_from.append((low, high))
        return self.interval


def test_the_default_pace_draws_a_human_interval_between_changes() -> None:
    clock = FakeClock(4.2)
    gate = ChangeGate(None, sleep=clock.sleep, uniform=clock.uniform)

    async def three_changes() -> None:
        for _ in range(3):
            async with gate:
                pass

    asyncio.run(three_changes())
    assert clock.drawn_from == [DEFAULT_PACE, DEFAULT_PACE], "one draw before each change after the first"
    assert len(clock.waits) == 2 and all(4.0 < w <= 4.2 for w in clock.waits), clock.waits
    assert 2 <= DEFAULT_PACE[0] < DEFAULT_PACE[1] <= 10, "a human pace: seconds, not milliseconds or minutes"


def test_a_fixed_pace_never_draws_and_parallel_changes_never_wait() -> None:
    clock = FakeClock(99)
    fixed = ChangeGate(1.5, sleep=clock.sleep, uniform=clock.uniform)
    parallel = ChangeGate(0, parallel=True, sleep=clock.sleep, uniform=clock.uniform)

    async def changes(gate: ChangeGate) -> None:
        for _ in range(2):
            async with gate:
                pass

    asyncio.run(changes(fixed))
    asyncio.run(changes(parallel))
    assert clock.drawn_from == [] and len(clock.waits) == 1 and 1.4 < clock.waits[0] <= 1.5


def test_the_engine_paces_changes_by_default(site: DemoSite, run_engine, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = FakeClock(5.0)
    monkeypatch.setattr(engine, "ChangeGate", functools.partial(ChangeGate, sleep=clock.sleep, uniform=clock.uniform))
    report = run_engine(apply=True, only=["ai-training", "research", "ads-inferred-age"], pace=None)
    assert {r.status for r in report.results} == {Status.TURNED_OFF}
    assert clock.drawn_from == [DEFAULT_PACE] * 2
    assert len(clock.waits) == 2 and all(0 < w <= 5.0 for w in clock.waits), clock.waits


def test_two_profiles_get_two_schedule_entries(sched: dict) -> None:
    Profile("home").create()  # "work" is made by the fixture
    for profile in ("work", "home"):
        done = invoke("schedule", "install", "--profile", profile, "--scheduler", "systemd", catch_exceptions=False)
        assert done.exit_code == 0, done.output
    units = sched["home"] / ".config" / "systemd" / "user"
    assert sorted(p.name for p in units.glob("*.timer")) == ["linkedin-optout-home.timer", "linkedin-optout-work.timer"]
    service = (units / "linkedin-optout-home.service").read_text()
    assert "scheduled --profile home" in service and "--profile work" not in service
    assert invoke("schedule", "remove", "--profile", "work", "--scheduler", "systemd").exit_code == 0
    assert [p.name for p in units.glob("*.timer")] == ["linkedin-optout-home.timer"], "removing one keeps the other"


def test_a_different_account_signed_into_a_profile_is_noticed_and_said(home, via_demo: DemoSite, monkeypatch) -> None:
    """README: "Use --profile NAME to keep several accounts apart". When another person's session
    lands in a profile anyway, whoami says so, and the profile records whose session it now holds."""
    import_session(via_demo, monkeypatch, "work")
    first = invoke("whoami", "--profile", "work")
    assert first.exit_code == 0 and "signed in as Avery Quill" in first.output
    assert "warning" not in first.stderr

    other = via_demo.new_session(member="Blake Rivers")  # someone else's session, imported into "work"
    monkeypatch.setenv("LINKEDIN_LI_AT", other["li_at"])
    monkeypatch.setenv("LINKEDIN_JSESSIONID", other["JSESSIONID"])
    assert invoke("import-session", "--profile", "work").exit_code == 0
    second = invoke("whoami", "--profile", "work")
    assert second.exit_code == 0 and "signed in as Blake Rivers" in second.stdout
    assert "held Avery Quill's session before; it is now Blake Rivers's" in second.stderr
    assert Profile("work").meta()["account"] == "Blake Rivers"
    again = invoke("whoami", "--profile", "work")  # said once: the profile now knows
    assert "warning" not in again.stderr
