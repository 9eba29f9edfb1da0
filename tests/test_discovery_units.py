"""The pure parts of discovering settings LinkedIn adds: which links are settings pages, the policy date, first seen and
alert-once from the history, the exit code of a halted run. No browser."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from pydantic import ValidationError

from automation.catalogue.loader import load_catalogue
from automation.catalogue.models import PolicyFacts
from automation.engine.survey import SwitchSeen, known_setting, parse_policy_date, settings_paths
from automation.results import cooldown, history
from automation.results.report import ExitCode, Halt, PolicyDate, RunReport, SettingResult, Status, UnlistedSwitch

SITE = load_catalogue(overrides=False).site
BASE = SITE.base_url
T0 = datetime(2026, 1, 1, tzinfo=UTC)


def test_only_linkedin_settings_pages_count_as_links() -> None:
    assert SITE.discovery is not None
    urls = [f"{BASE}/mypreferences/d/settings/new-one?trk=x", f"{BASE}/mypreferences/d/settings/new-one/",
            f"{BASE}/mypreferences/d/categories/account", "https://example.com/mypreferences/d/settings/x",
            f"{BASE}/help/linkedin/answer/1", f"{BASE}/mypreferences/d/download-my-data"]
    assert settings_paths(urls, BASE, SITE.discovery) == ["/mypreferences/d/settings/new-one",
                                                           "/mypreferences/d/download-my-data"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Privacy Policy\nEffective November 3, 2025\nYour privacy matters", date(2025, 11, 3)),
    ("Effective: August 11, 2020", date(2020, 8, 11)),
    ("Effective Novembre 3, 2025", None),  # another language: a warning, never a wrong date
    ("no date at all", None),
])
def test_the_policy_date_is_read_or_none(text: str, expected: date | None) -> None:
    assert SITE.policy is not None
    assert parse_policy_date(text, SITE.policy) == expected


def test_a_policy_pattern_without_a_group_is_refused() -> None:
    with pytest.raises(ValidationError, match="group"):
        PolicyFacts(path="/legal/privacy-policy", date_pattern="Effective", date_format="%B %d, %Y")
    with pytest.raises(ValidationError, match="regular expression"):
        PolicyFacts(path="/legal/privacy-policy", date_pattern="(", date_format="%B %d, %Y")


def test_a_known_switch_is_known_by_key_or_by_label_in_the_page_language() -> None:
    settings = load_catalogue(overrides=False).settings
    assert known_setting(SwitchSeen("allowAdsByAge", "whatever", True), "en", settings).id == "ads-inferred-age"
    by_label = SwitchSeen("renamedKey", "Use my data for training content creation AI models", True)
    assert known_setting(by_label, "en", settings).id == "ai-training"
    assert known_setting(by_label, "de", settings) is None
    assert known_setting(SwitchSeen("newKey", "A new switch", True), "en", settings) is None


def _run(at: datetime, unlisted: list[UnlistedSwitch], policy: date | None = None, profile: str = "p") -> history.Record:
    report = RunReport(mode="check", results=[], started_at=at, finished_at=at, unlisted=unlisted, profile=profile,
                       policy=PolicyDate(url="u", effective=policy) if policy else None)
    return history.Record(kind="run", profile=profile, report=report, at=at)


def _switch(at: datetime, state: bool | None, key: str | None = "k", label: str = "L") -> UnlistedSwitch:
    return UnlistedSwitch(page="https://www.linkedin.com/x", label=label, key=key, state=state, first_seen=at)


def test_first_seen_comes_from_history_and_an_on_switch_alerts_once() -> None:
    earlier = [_run(T0, [_switch(T0, False)]), _run(T0 + timedelta(days=1), [_switch(T0 + timedelta(days=1), False)])]
    now_on = _run(T0 + timedelta(days=2), [_switch(T0 + timedelta(days=2), True)]).report
    assert now_on is not None
    fresh = history.mark_unlisted(now_on, earlier)
    assert fresh == now_on.unlisted and now_on.unlisted[0].first_seen == T0  # first seen off, now on: alert
    later = _run(T0 + timedelta(days=3), [_switch(T0 + timedelta(days=3), True)]).report
    assert later is not None
    assert history.mark_unlisted(later, [*earlier, _run(T0 + timedelta(days=2), now_on.unlisted)]) == []
    other_profile = _run(T0 + timedelta(days=3), [_switch(T0, True)], profile="q").report
    assert other_profile is not None and history.mark_unlisted(other_profile, earlier) != []


def test_a_keyless_switch_is_the_same_switch_by_its_label() -> None:
    assert _switch(T0, True, key=None, label="A").same_as(_switch(T0, False, key=None, label="A"))
    assert not _switch(T0, True, key=None, label="A").same_as(_switch(T0, True, key=None, label="B"))


def test_a_policy_change_is_marked_against_the_last_recorded_date() -> None:
    runs = [_run(T0, [], date(2025, 11, 3)), _run(T0, [], None), _run(T0, [], date(2025, 11, 3), profile="other")]
    same = _run(T0, [], date(2025, 11, 3)).report
    changed = _run(T0, [], date(2026, 12, 1)).report
    assert same is not None and changed is not None
    assert history.mark_policy(same, runs).policy.changed_from is None  # type: ignore[union-attr]
    assert history.mark_policy(changed, runs).policy.changed_from == date(2025, 11, 3)  # type: ignore[union-attr]
    first = _run(T0, [], date(2026, 12, 1)).report
    assert first is not None and history.mark_policy(first, []).policy.changed_from is None  # type: ignore[union-attr]


def test_a_halted_run_is_exit_5_and_starts_the_cool_down_but_an_unlisted_switch_changes_no_code() -> None:
    fine = [SettingResult(setting="ai-training", status=Status.ALREADY_OFF)]
    calm = RunReport(mode="check", results=fine, started_at=T0, finished_at=T0, unlisted=[_switch(T0, True)])
    assert calm.exit_code == ExitCode.OK
    halted = calm.model_copy(update={"halted": Halt(status=Status.REFUSED, message="LinkedIn refused (HTTP 999). Wait")})
    assert halted.exit_code == ExitCode.SESSION
    assert cooldown.refusal(halted) == "LinkedIn refused (HTTP 999)"
    assert RunReport.model_validate_json(halted.model_dump_json()).exit_code == ExitCode.SESSION


def test_a_halt_alone_is_alerted_as_itself_without_an_empty_exit_code_line() -> None:
    from automation.results.alerts import reasons

    fine = [SettingResult(setting="ai-training", status=Status.ALREADY_OFF)]
    halted = RunReport(mode="check", results=fine, started_at=T0, finished_at=T0,
                       halted=Halt(status=Status.REFUSED, message="LinkedIn refused (HTTP 999). Wait"))
    assert reasons(halted) == ["LinkedIn refused (HTTP 999). Wait"]
