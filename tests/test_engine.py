"""The engine end to end: a real Chromium against the demo site at https://www.linkedin.com/..."""

from __future__ import annotations

import time

import pytest

from automation.demo.site import DemoSite
from automation.errors import UnknownSettingError
from automation.results.report import Status

AI_PATH = "/mypreferences/d/settings/data-for-ai-improvement"
AI_KEY = "allowDataForGenerativeAI"
RESEARCH_PATH = "/mypreferences/d/settings/policy-and-academic-research"
MARKETING = ["marketing-promotions", "marketing-emails"]


def statuses(report) -> dict[str, Status]:
    return {r.setting: r.status for r in report.results}


def no_setting_turned_on(site: DemoSite) -> None:
    assert [s for s in site.saves if s.value is not False] == [], "a save tried to turn something on"


# --- one test per status ------------------------------------------------------------------------


def test_a_switch_that_is_off_is_already_off(site: DemoSite, run_engine) -> None:
    site.set_setting("ai-training", False)
    report = run_engine(apply=True, only="ai-training")
    assert statuses(report) == {"ai-training": Status.ALREADY_OFF}
    assert (report.results[0].before, report.results[0].after) == (False, False)
    assert site.saves == [] and report.exit_code == 0


def test_a_switch_that_is_on_is_turned_off_and_verified_by_reload(site: DemoSite, run_engine) -> None:
    report = run_engine(apply=True, only="ai-training")
    result = report.result("ai-training")
    assert result.status is Status.TURNED_OFF and (result.before, result.after) == (True, False)
    assert result.strategy == "labelledby"
    assert site.setting("ai-training") is False
    assert [(s.key, s.value, s.status) for s in site.saves] == [(AI_KEY, False, 200)]
    ai_loads = [h for h in site.hits if h.path == AI_PATH and h.method == "GET"]
    assert len(ai_loads) == 2, "one load to read, one reload to verify"
    assert report.exit_code == 0


def test_check_mode_reports_on_and_sends_zero_saves(site: DemoSite, run_engine) -> None:
    report = run_engine(apply=False)
    assert set(statuses(report).values()) == {Status.ON}
    assert site.saves == []
    assert all(site.state.values()), "check mode changed something"
    assert report.exit_code == 3 and report.mode == "check"


def test_a_page_that_redirects_elsewhere_is_unavailable_and_normal(site: DemoSite, run_engine) -> None:
    # "not_found" (LinkedIn's 404 page) is a row of tests/test_faults.py.
    site.faults.unavailable[RESEARCH_PATH] = "redirect"
    report = run_engine(apply=True, only=["research", "ai-training"])
    assert statuses(report) == {"research": Status.UNAVAILABLE, "ai-training": Status.TURNED_OFF}
    assert report.exit_code == 0


def test_a_page_without_the_switch_is_not_found_and_nothing_is_clicked(site: DemoSite, run_engine) -> None:
    site.serve_variant(RESEARCH_PATH, "ads-inferred-age.on.html")  # the page now holds another switch
    report = run_engine(apply=True, only="research")
    assert statuses(report) == {"research": Status.NOT_FOUND}
    assert site.saves == [] and report.exit_code == 4


def test_two_candidates_are_ambiguous_and_nothing_is_clicked(site: DemoSite, run_engine) -> None:
    site.serve_variant(AI_PATH, "ai-training.duplicate-key.html")
    report = run_engine(apply=True, only="ai-training")
    assert statuses(report) == {"ai-training": Status.AMBIGUOUS}
    assert "2 controls match" in report.results[0].message
    assert site.saves == [] and report.exit_code == 4


@pytest.mark.parametrize("fault", ["save_status", "not_persisted", "reverts"])
def test_a_save_that_does_not_hold_is_failed(site: DemoSite, run_engine, fault: str) -> None:
    if fault == "save_status":
        site.faults.save_status[AI_KEY] = 500
    else:
        getattr(site.faults, fault).add(AI_KEY)
    report = run_engine(apply=True, only="ai-training")
    result = report.result("ai-training")
    assert result.status is Status.FAILED and result.after is True
    assert {"save_status": "HTTP 500", "not_persisted": "did not persist", "reverts": "flipped back"}[fault] \
        in result.message
    assert len(site.saves) == 1, "never click again"
    assert site.setting("ai-training") is True and report.exit_code == 3


def test_a_sign_in_wall_stops_the_run_and_skips_the_rest(site: DemoSite, run_engine) -> None:
    site.faults.signed_out = True
    report = run_engine(apply=True, concurrency=1)
    assert report.results[0].status is Status.SIGNED_OUT
    assert {r.status for r in report.results[1:]} == {Status.SKIPPED}
    assert "sign-in" in report.results[0].message
    assert site.saves == [] and report.exit_code == 5


def test_a_checkpoint_stops_the_run_as_a_challenge(site: DemoSite, run_engine) -> None:
    site.faults.challenge = True
    report = run_engine(apply=True, concurrency=2)
    found = set(statuses(report).values())
    assert Status.CHALLENGE in found and found <= {Status.CHALLENGE, Status.SKIPPED}
    assert site.saves == [] and report.exit_code == 5


def test_a_client_side_redirect_to_sign_in_is_caught(site: DemoSite, run_engine) -> None:
    site.faults.client_redirect[AI_PATH] = "/uas/login?session_redirect=x"
    report = run_engine(apply=True, only="ai-training")
    assert statuses(report) == {"ai-training": Status.SIGNED_OUT}


# --- behaviour ------------------------------------------------------------------------------------


def test_a_second_run_changes_nothing(site: DemoSite, run_engine) -> None:
    first = run_engine(apply=True)
    assert set(statuses(first).values()) == {Status.TURNED_OFF}
    saves = len(site.saves)
    second = run_engine(apply=True)
    assert set(statuses(second).values()) == {Status.ALREADY_OFF}
    assert len(site.saves) == saves == 13 and second.exit_code == 0


@pytest.mark.parametrize("promotions, emails", [(True, True), (True, False), (False, True)])
def test_the_two_switch_page_handles_each_switch_on_its_own(site: DemoSite, run_engine, promotions, emails) -> None:
    site.set_setting("marketing-promotions", promotions)
    site.set_setting("marketing-emails", emails)
    report = run_engine(apply=True, only="marketing")
    expected = {sid: Status.TURNED_OFF if on else Status.ALREADY_OFF for sid, on in zip(MARKETING, (promotions, emails))}
    assert statuses(report) == expected
    assert site.setting("marketing-promotions") is False and site.setting("marketing-emails") is False
    assert len(site.saves) == promotions + emails
    no_setting_turned_on(site)


@pytest.mark.parametrize("flip_after_save", [True, False])
def test_a_switch_that_flips_only_after_its_save_returns_is_turned_off_with_one_save(
        site: DemoSite, run_engine, flip_after_save: bool) -> None:
    site.faults.flip_after_save = flip_after_save
    site.faults.latency = 0.4  # the save takes a while: the switch shows on meanwhile
    report = run_engine(apply=True, only="ai-training")
    assert statuses(report) == {"ai-training": Status.TURNED_OFF}
    assert len(site.saves) == 1


def test_the_cookie_banner_is_rejected_never_accepted(site: DemoSite, run_engine, aio, context) -> None:
    site.faults.cookie_banner = True
    report = run_engine(apply=True, only=["ai-training", "research"])
    assert set(statuses(report).values()) == {Status.TURNED_OFF}
    cookies = {c["name"]: c["value"] for c in aio.run(context.cookies())}
    assert cookies.get("li_gc_demo") == "DENY"


def test_a_render_slower_than_the_wait_is_not_found_not_a_guess(site: DemoSite, run_engine) -> None:
    site.faults.slow_render[AI_PATH] = 30
    report = run_engine(apply=True, only="ai-training")
    assert statuses(report) == {"ai-training": Status.NOT_FOUND}
    assert site.saves == []


def test_a_429_is_retried_after_its_retry_after(site: DemoSite, run_engine, aio, context) -> None:
    site.faults.rate_limit, site.faults.retry_after = 1, 1
    loads: list[float] = []  # when each load of the page left the browser

    async def listen() -> None:  # on the browser's event loop, where its events are delivered
        context.on("request", lambda r: loads.append(time.monotonic()) if r.url.endswith(AI_PATH) else None)

    aio.run(listen())
    report = run_engine(apply=True, only="ai-training")
    assert statuses(report) == {"ai-training": Status.TURNED_OFF}
    assert [h.status for h in site.hits if h.path == AI_PATH][:2] == [429, 200]
    # Retry-After: 1 was waited for (the back-off without it would be FAST_RETRY.base_wait, 0.2 s)
    assert loads[1] - loads[0] >= 0.95, loads


def test_lasting_rate_limiting_is_a_refusal_that_stops_the_run(site: DemoSite, run_engine) -> None:
    site.faults.rate_limit, site.faults.retry_after = 3, 0  # more 429s than the engine retries
    report = run_engine(apply=True, only=["ai-training", "research"], concurrency=1)
    ai, research = report.results
    assert ai.status is Status.REFUSED and "too many requests" in ai.message and "Wait some hours" in ai.message
    assert research.status is Status.SKIPPED
    assert [h.path for h in site.hits if h.method == "GET"] == [AI_PATH] * 3, "no page after the refusal"
    assert site.saves == [] and report.exit_code == 5


def test_results_come_in_the_order_requested(site: DemoSite, run_engine) -> None:
    order = ["non-essential-cookies", "ai-training", "marketing-emails", "research"]
    report = run_engine(apply=False, only=order)
    assert [r.setting for r in report.results] == order


def test_an_unknown_setting_is_refused_before_any_page_opens(site: DemoSite, run_engine) -> None:
    with pytest.raises(UnknownSettingError, match="unknown setting or group 'ai-trainin'"):
        run_engine(apply=True, only="ai-trainin")
    assert site.hits == []


def test_the_engine_closes_the_pages_it_opened(site: DemoSite, run_engine, context) -> None:
    run_engine(apply=False, only=["ai-training", "research"])
    assert context.pages == []
