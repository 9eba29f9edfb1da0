"""The page's own data may only make an "off" harder to believe, never easier.

Every "off" waits for the minimum age and a settled look, whatever the page's data says; where
the data says "on" for a switch drawn off, the result is ``failed``. Where two pieces of the
page's data differ, "on" wins: across responses, across ``<code>`` elements, and a response
against embedded state. Each merge is tested in both orders, so a rule of "the last one wins" or
"the first one wins" fails one of them, and "off wins" fails both. The witness is read by the
switch's own key: on a page with two switches, and on the decoy page, the other key never counts.
"""

from __future__ import annotations

import json

import pytest
from playwright.async_api import BrowserContext, Route

from automation.catalogue.loader import load_catalogue
from automation.demo.site import DemoSite
from automation.results.report import RunReport, Status
from tests.helpers.timing import FAST

AI = load_catalogue()["ai-training"]
URL = load_catalogue().site.base_url + AI.path
KEY = AI.key
DISAGREE = "drawn off but the page's own data says on"


def _data(on: bool, key: str = KEY) -> str:
    return json.dumps({"elements": [{"key": key, "value": on}]})


def _page(responses: list[bool], embedded: list[bool]) -> str:
    """The AI page, its switch drawn off at once, with ``embedded`` <code> elements and a script
    that fetches ``responses`` one after the other, each under /mysettings-api/."""
    codes = "".join(f'<code style="display:none">{_data(on)}</code>' for on in embedded)
    fetches = "".join(f'await fetch("/mysettings-api/witness/{n}", {{credentials: "include"}});'
                      for n in range(len(responses)))
    return (f"<!DOCTYPE html><html lang='en'><head><title>{AI.titles['en']} | LinkedIn</title></head><body>"
            f"<main id='main'><h1>{AI.titles['en']}</h1><p id='{KEY}'>{AI.labels['en']}</p>"
            f"<input type='checkbox' role='switch' aria-labelledby='{KEY}'></main>{codes}"
            f"<script>(async () => {{ {fetches} }})();</script></body></html>")


def _serve(aio, context: BrowserContext, responses: list[bool], embedded: list[bool]) -> None:
    async def page(route: Route) -> None:
        await route.fulfill(status=200, content_type="text/html; charset=utf-8", body=_page(responses, embedded))

    async def data(route: Route) -> None:
        n = int(route.request.url.rsplit("/", 1)[1])
        await route.fulfill(status=200, content_type="application/json", body=_data(responses[n]))

    aio.run(context.route(URL, page))
    aio.run(context.route("**/mysettings-api/witness/*", data))


MERGES = [  # (responses, embedded): the page's data for the switch, in the order the page gives it
    ([True, False], []),  # across responses: on, then off
    ([False, True], []),  # across responses: off, then on
    ([], [True, False]),  # across <code> elements: on first
    ([], [False, True]),  # across <code> elements: on last
    ([True], [False]),  # a response says on, the embedded state off
    ([False], [True]),  # a response says off, the embedded state on
]


@pytest.mark.parametrize(("responses", "embedded"), MERGES,
                         ids=["responses on-off", "responses off-on", "code on-off", "code off-on",
                              "response on, embedded off", "response off, embedded on"])
@pytest.mark.parametrize("apply", [False, True], ids=["check", "apply"])
def test_where_the_pages_data_differs_on_wins_and_a_drawn_off_is_not_believed(
        aio, context: BrowserContext, run_engine, responses: list[bool], embedded: list[bool], apply: bool) -> None:
    _serve(aio, context, responses, embedded)
    result = run_engine(apply=apply, only="ai-training").result("ai-training")
    assert result.status is Status.FAILED and DISAGREE in result.message, (result.status, result.message)
    assert result.after is None and result.before is None


def test_data_that_agrees_with_an_off_is_no_shortcut(aio, context: BrowserContext, run_engine) -> None:
    """A response and the embedded state both say off: the off is still believed only at the
    minimum age, in a settled look; the data is named beside it."""
    _serve(aio, context, [False], [False])
    result = run_engine(apply=False, only="ai-training").result("ai-training")
    assert result.status is Status.ALREADY_OFF and result.confirmed is not None
    assert result.confirmed.by == "age" and result.confirmed.age_s is not None
    assert result.confirmed.age_s >= FAST.min_age and result.confirmed.looks == 3
    assert "the page's own data agrees" in result.confirmed.detail


# --- the switch's own key, and no other -------------------------------------------------------------
MARKETING = "/mypreferences/d/settings/linkedin-promotions"
PROMOTIONS, EMAILS = "marketing-promotions", "marketing-emails"


def _statuses(report: RunReport) -> dict[str, Status]:
    return {r.setting: r.status for r in report.results}


@pytest.mark.parametrize("on", [PROMOTIONS, EMAILS])
def test_on_a_page_with_two_switches_each_is_judged_by_its_own_data(site: DemoSite, run_engine, on: str) -> None:
    """Both switches are drawn off and stay drawn off; the page's data says one of them is on:
    that one is failed, the other is off. The data of a page is not one verdict for the page."""
    off = EMAILS if on == PROMOTIONS else PROMOTIONS
    site.set_setting(on, True)
    site.set_setting(off, False)
    site.faults.placeholder, site.faults.stale_drawing = {MARKETING: False}, {MARKETING}
    site.faults.embedded = True
    report = run_engine(apply=False, only=[PROMOTIONS, EMAILS])
    assert _statuses(report) == {on: Status.FAILED, off: Status.ALREADY_OFF}, [r.message for r in report.results]
    assert DISAGREE in report.result(on).message
    assert report.result(off).confirmed is not None and report.result(off).confirmed.by == "age"


AI_PATH = AI.path
DECOY = "allowProfileDiscoveryByEmail"  # the decoy page's other switch, placed first


def test_on_the_decoy_page_the_other_switchs_data_never_counts(site: DemoSite, run_engine) -> None:
    """The decoy switch is on and its data says so; the AI switch is off. The decoy's "on" must
    not contradict the AI switch's "off", and the decoy's data never stands in for the AI's."""
    site.serve_variant(AI_PATH, "ai-training.decoy-first.html")
    site.set_setting("ai-training", False)
    site.state[DECOY] = True
    site.faults.embedded = True
    result = run_engine(apply=False, only="ai-training").result("ai-training")
    assert result.status is Status.ALREADY_OFF, result.message
    assert result.confirmed is not None and result.confirmed.by == "age"
    assert result.confirmed.age_s is not None and result.confirmed.age_s >= FAST.min_age


def test_on_the_decoy_page_the_ai_switchs_own_data_still_contradicts(site: DemoSite, run_engine) -> None:
    """Both drawn off and left so; the data says the decoy is off and the AI switch on: failed."""
    site.serve_variant(AI_PATH, "ai-training.decoy-first.html")
    site.state[DECOY] = False
    site.faults.placeholder, site.faults.stale_drawing = {AI_PATH: False}, {AI_PATH}
    result = run_engine(apply=False, only="ai-training").result("ai-training")
    assert result.status is Status.FAILED and DISAGREE in result.message, result.message
    assert site.setting("ai-training") is True


def test_on_the_verifying_reload_a_drawn_off_that_its_data_contradicts_is_failed(site: DemoSite, run_engine) -> None:
    """The save answers 200 but does not hold; the reload draws the switch off and leaves it so,
    while the page's data says on: "after the change", failed, never turned_off."""
    site.faults.not_persisted = {KEY}
    site.faults.placeholder, site.faults.stale_drawing = {AI_PATH: False}, {AI_PATH}
    site.faults.placeholder_after_saves = 1  # the first load draws the real state (on): one click
    result = run_engine(apply=True, only="ai-training").result("ai-training")
    assert result.status is Status.FAILED, result.message
    assert result.message.startswith("after the change: ") and DISAGREE in result.message
    assert result.before is True and result.after is None and len(site.saves) == 1
    assert site.setting("ai-training") is True


def test_the_minimum_age_is_the_two_seconds_the_readme_promises() -> None:
    """The README promises that an "off" waits until the page is 2 s old; the engine's default
    is that, and the tests' waits keep it (only scaled for a slow machine)."""
    from pathlib import Path

    from automation.engine.options import Timeouts
    from tests.helpers.timing import scaled

    readme = " ".join((Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8").split())
    assert Timeouts().min_age == 2.0
    assert "open at least the minimum age (2 s)" in readme
    assert FAST.min_age == scaled(Timeouts().min_age)
