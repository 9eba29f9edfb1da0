"""The fault-injection suite: one test per fault, against the demo site.

Each test asserts the same three things:
1. the exact status and exit code;
2. no false success: nothing is reported off that the site holds on;
3. at the site: no save ever carried "on", and nothing changed that was not asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from automation.demo.site import DemoSite, Faults
from automation.results.report import RunReport, Status
from tests.helpers.timing import scaled

AI_PATH = "/mypreferences/d/settings/data-for-ai-improvement"
AI_KEY = "allowDataForGenerativeAI"
OFF_STATUSES = {Status.TURNED_OFF, Status.ALREADY_OFF}


@dataclass(frozen=True)
class Fault:
    name: str
    arrange: Callable[[DemoSite], None]
    only: tuple[str, ...]
    expect: dict[str, Status]  # status per requested setting
    exit_code: int
    key: str = AI_KEY  # the switch key that holds the setting's state at the site
    concurrency: int = 3
    check: bool = False  # run check (read only) instead of apply
    saves: int | None = None  # exactly this many save requests reached the site
    page_loads: int | None = None  # exactly this many settings-page loads reached the site


def _variant(fixture: str) -> Callable[[DemoSite], None]:
    return lambda site: site.serve_variant(AI_PATH, fixture)


def _set(**changes) -> Callable[[DemoSite], None]:
    def arrange(site: DemoSite) -> None:
        for name, value in changes.items():
            target = getattr(site.faults, name)
            if isinstance(target, dict):
                target.update(value)
            elif isinstance(target, set):
                target.update(value)
            else:
                setattr(site.faults, name, value)
    return arrange


AI = ("ai-training",)
TWO_PAGES = ("ai-training", "research")  # the ai page, then the research page (concurrency 1)
RESEARCH_PATH = "/mypreferences/d/settings/policy-and-academic-research"


def _both(*arrangements: Callable[[DemoSite], None]) -> Callable[[DemoSite], None]:
    def arrange(site: DemoSite) -> None:
        for one in arrangements:
            one(site)
    return arrange


def _ai_off(site: DemoSite) -> None:
    site.set_setting("ai-training", False)


# A page that draws a default before its data arrives (with LinkedIn's never-ending
# event stream open beside it), LinkedIn refusing, walls drawn in place, LinkedIn unreachable.
SKELETON_OFF = _set(placeholder={AI_PATH: False}, realtime=True)  # really on, drawn off first
SKELETON_ON = _both(_set(placeholder={AI_PATH: True}, realtime=True), _ai_off)  # really off, drawn on first
TRUTH = [
    Fault("a skeleton drawn off, really on (check)", SKELETON_OFF, AI, {"ai-training": Status.ON}, 3, check=True,
          saves=0),
    Fault("a skeleton drawn off, really on (apply)", SKELETON_OFF, AI, {"ai-training": Status.TURNED_OFF}, 0,
          saves=1),
    Fault("a skeleton drawn on, really off (check)", SKELETON_ON, AI, {"ai-training": Status.ALREADY_OFF}, 0,
          check=True, saves=0),
    Fault("a skeleton drawn on, really off (apply)", SKELETON_ON, AI, {"ai-training": Status.ALREADY_OFF}, 0,
          saves=0),
    Fault("a page whose data never comes in time", _set(placeholder={AI_PATH: False}, data_delay=30), AI,
          {"ai-training": Status.FAILED}, 3, saves=0),
    Fault("HTTP 999 on the first page", _set(status={AI_PATH: 999}), TWO_PAGES,
          {"ai-training": Status.REFUSED, "research": Status.SKIPPED}, 5, concurrency=1, saves=0, page_loads=1),
    Fault("HTTP 403 on the first page", _set(status={AI_PATH: 403}), TWO_PAGES,
          {"ai-training": Status.REFUSED, "research": Status.SKIPPED}, 5, concurrency=1, saves=0, page_loads=1),
    Fault("HTTP 401 on the first page", _set(status={AI_PATH: 401}), TWO_PAGES,
          {"ai-training": Status.SIGNED_OUT, "research": Status.SKIPPED}, 5, concurrency=1, saves=0, page_loads=1),
    Fault("a sign-in wall drawn in place", _set(in_place={AI_PATH: "inplace-signin.html"}), TWO_PAGES,
          {"ai-training": Status.SIGNED_OUT, "research": Status.SKIPPED}, 5, concurrency=1, saves=0, page_loads=1),
    Fault("a security check drawn in place", _set(in_place={AI_PATH: "inplace-challenge.html"}), TWO_PAGES,
          {"ai-training": Status.CHALLENGE, "research": Status.SKIPPED}, 5, concurrency=1, saves=0, page_loads=1),
    Fault("'your account has been restricted' in place", _set(in_place={AI_PATH: "restricted.html"}), TWO_PAGES,
          {"ai-training": Status.REFUSED, "research": Status.SKIPPED}, 5, concurrency=1, saves=0, page_loads=1),
    Fault("a wall after the first change", _set(in_place={RESEARCH_PATH: "inplace-signin.html"}), TWO_PAGES,
          {"ai-training": Status.TURNED_OFF, "research": Status.SIGNED_OUT}, 5, concurrency=1, saves=1,
          page_loads=3),
    Fault("LinkedIn unreachable", _set(drop_connections=True), TWO_PAGES,
          {"ai-training": Status.UNREACHABLE, "research": Status.UNREACHABLE}, 6, concurrency=1, saves=0,
          page_loads=2),  # the first page and its one bounded retry (FAST_RETRY), then no more
]

# A page that draws a default, pauses with nothing in flight, and only then asks for its
# data (a timer from the document's start, an idle callback, a section fetched when scrolled into
# view). An "off" is believed only at the minimum age with the switch in view.
PAUSE = scaled(1.5)  # seconds from the document's start, below the tests' minimum age (scaled(2))


def _late(placeholder: bool = False, pause: float = PAUSE, **faults) -> Callable[[DemoSite], None]:
    return _set(placeholder={AI_PATH: placeholder}, data_pause=pause, **faults)


LATE_OFF = _late()  # really on, drawn off, its data asked for late
LATE_XHR = _late(data_idle=True, data_xhr=True)
LATE_ON = _late(placeholder=True)  # really on, drawn on
LATE_REALLY_OFF = _both(LATE_OFF, _ai_off)
LAZY = _set(placeholder={AI_PATH: False}, lazy={AI_PATH})  # data fetched only once the switch is in view
NOT_HELD = _late(not_persisted={AI_KEY})
STALE = _set(placeholder={AI_PATH: False}, stale_drawing={AI_PATH})  # data says on, the drawing stays off
# Embedded data that lags (a cached render): the page embeds "off", draws off, and 700 ms later
# fetches the current value (on) and redraws. Believed at once on its data, it would read off.
STALE_EMBEDDED = _set(placeholder={AI_PATH: False}, data_pause=0.7, embedded=True, stale_embedded=True)
# The verifying reload's path: the save did not hold, the reload draws off and stays so, its data says on.
NOT_HELD_DRAWN_OFF = _set(not_persisted={AI_KEY}, placeholder={AI_PATH: False}, stale_drawing={AI_PATH},
                          placeholder_after_saves=1)
LATE = [
    Fault("late data by fetch, drawn off (check)", LATE_OFF, AI, {"ai-training": Status.ON}, 3, check=True, saves=0),
    Fault("late data by fetch, drawn off (apply)", LATE_OFF, AI, {"ai-training": Status.TURNED_OFF}, 0, saves=1),
    Fault("late data by XHR after an idle callback, drawn off (check)", LATE_XHR, AI, {"ai-training": Status.ON}, 3,
          check=True, saves=0),
    Fault("late data by XHR after an idle callback, drawn off (apply)", LATE_XHR, AI,
          {"ai-training": Status.TURNED_OFF}, 0, saves=1),
    Fault("late data, drawn on (check)", LATE_ON, AI, {"ai-training": Status.ON}, 3, check=True, saves=0),
    Fault("late data, drawn on (apply)", LATE_ON, AI, {"ai-training": Status.TURNED_OFF}, 0, saves=1),
    Fault("late data, drawn off, really off (check)", LATE_REALLY_OFF, AI, {"ai-training": Status.ALREADY_OFF}, 0,
          check=True, saves=0),
    Fault("late data, drawn off, really off (apply)", LATE_REALLY_OFF, AI, {"ai-training": Status.ALREADY_OFF}, 0,
          saves=0),
    Fault("a section fetched when scrolled into view (check)", LAZY, AI, {"ai-training": Status.ON}, 3, check=True,
          saves=0),
    Fault("a section fetched when scrolled into view (apply)", LAZY, AI, {"ai-training": Status.TURNED_OFF}, 0,
          saves=1),
    Fault("a save that does not hold, the reload drawn off before its late data", NOT_HELD, AI,
          {"ai-training": Status.FAILED}, 3, saves=1),
    Fault("the drawing stays off while the page's data says on (check)", STALE, AI, {"ai-training": Status.FAILED},
          3, check=True, saves=0),
    Fault("stale embedded data says off, the page fetches on 700 ms later (check)", STALE_EMBEDDED, AI,
          {"ai-training": Status.ON}, 3, check=True, saves=0),
    Fault("stale embedded data says off, the page fetches on 700 ms later (apply)", STALE_EMBEDDED, AI,
          {"ai-training": Status.TURNED_OFF}, 0, saves=1),
    Fault("a save that does not hold, the reload drawn off while its data says on", NOT_HELD_DRAWN_OFF, AI,
          {"ai-training": Status.FAILED}, 3, saves=1),
]

FAULTS = [
    Fault("a save answered 500", _set(save_status={AI_KEY: 500}), AI, {"ai-training": Status.FAILED}, 3),
    Fault("a save answered 200 but not persisted", _set(not_persisted={AI_KEY}), AI,
          {"ai-training": Status.FAILED}, 3),
    Fault("a slow render", _set(slow_render={AI_PATH: 3.0}), AI, {"ai-training": Status.TURNED_OFF}, 0),
    Fault("a session that expires mid-run", _set(expire_after_saves=2), TWO_PAGES,
          {"ai-training": Status.TURNED_OFF, "research": Status.SIGNED_OUT}, 5, concurrency=1),
    Fault("a challenge mid-run", _set(challenge_after_saves=1), TWO_PAGES,
          {"ai-training": Status.CHALLENGE, "research": Status.SKIPPED}, 5, concurrency=1),
    Fault("the cookie banner", _set(cookie_banner=True), AI, {"ai-training": Status.TURNED_OFF}, 0),
    Fault("a 429 that lasts", _set(rate_limit=50, retry_after=1), AI, {"ai-training": Status.REFUSED}, 5),
    Fault("a setting not offered", _set(unavailable={AI_PATH: "not_found"}), AI,
          {"ai-training": Status.UNAVAILABLE}, 0),
    Fault("a key renamed, the label kept", _variant("ai-training.renamed-key.html"), AI,
          {"ai-training": Status.TURNED_OFF}, 0, key="genAiDataUseToggle"),
    Fault("a <button role=switch aria-checked>", _variant("ai-training.button-switch.html"), AI,
          {"ai-training": Status.TURNED_OFF}, 0),
    Fault("a decoy switch placed first", _variant("ai-training.decoy-first.html"), AI,
          {"ai-training": Status.TURNED_OFF}, 0),
    Fault("two switches with the same label", _variant("ai-training.same-label.html"), AI,
          {"ai-training": Status.AMBIGUOUS}, 4, key="genAiToggleA"),
    Fault("every class name changed", _variant("ai-training.reskinned.html"), AI,
          {"ai-training": Status.TURNED_OFF}, 0),
    Fault("the On/Off text lies", _set(text_lies=True), AI, {"ai-training": Status.TURNED_OFF}, 0),
    *TRUTH,
    *LATE,
]


def _assert_the_three_things(site: DemoSite, before: dict[str, bool], report: RunReport, fault: Fault) -> None:
    # 1. the exact status and exit code
    assert {r.setting: r.status for r in report.results} == fault.expect, [r.message for r in report.results]
    assert report.exit_code == fault.exit_code
    # 2. no false success: "off" only where the site holds it off
    for r in report.results:
        if r.status in OFF_STATUSES:
            key = fault.key if r.setting == "ai-training" else None
            held = site.state[key] if key else site.setting(r.setting)
            assert held is False, f"{r.setting} reported {r.status} but the site holds it on"
            assert r.after is False
    # 3. at the site: nothing turned on, nothing changed unasked
    assert [s for s in site.saves if s.value is not False] == [], "a save tried to turn something on"
    if fault.saves is not None:
        assert len(site.saves) == fault.saves, f"{len(site.saves)} saves, expected {fault.saves}"
    if fault.page_loads is not None:
        loads = [h for h in site.hits if h.method == "GET" and h.path.startswith("/mypreferences/")]
        assert len(loads) == fault.page_loads, [(h.path, h.status) for h in loads]
    asked = {fault.key} | {k for k in before if any(k == site_key(site, s) for s in fault.only)}
    for key, was in before.items():
        if key not in asked:
            assert site.state[key] == was, f"{key} changed, though nobody asked"
        elif was is False:
            assert site.state[key] is False


def site_key(site: DemoSite, setting: str) -> str:
    return site.catalogue[setting].key


@pytest.mark.parametrize("fault", FAULTS, ids=[f.name for f in FAULTS])
def test_fault(site: DemoSite, run_engine, fault: Fault) -> None:
    fault.arrange(site)
    before = dict(site.state)
    report = run_engine(apply=not fault.check, only=list(fault.only), concurrency=fault.concurrency)
    _assert_the_three_things(site, before, report, fault)


# --- settings LinkedIn adds later: the category pages and a moved setting ------------------------------
UNLISTED_KEY = "allowDataForHiringAssistant"  # the demo's setting no map knows (on)
MOVED = ("/mypreferences/d/settings/ads-by-age", "/mypreferences/d/settings/ads-by-inferred-age")


def _reshaped(report: RunReport) -> None:
    assert report.unlisted == [] and len(report.notices) == 1, report.notices
    assert "links to no settings page" in report.notices[0] and "categories/ads" in report.notices[0]


def _missing(report: RunReport) -> None:
    assert report.unlisted == [] and len(report.notices) == 1 and "HTTP 404" in report.notices[0], report.notices


def _moved(report: RunReport) -> None:
    moved = report.result("ads-inferred-age")
    assert (moved.url or "").endswith(MOVED[1]) and moved.strategy == "labelledby"
    assert any(f"moved to {MOVED[1]}" in w and "map should follow" in w for w in moved.warnings)
    assert [r.setting for r in report.results].count("ads-inferred-age") == 1  # reported once...
    assert [u.key for u in report.unlisted] == [UNLISTED_KEY]  # ...and not as unlisted too
    assert report.notices == []


@pytest.mark.parametrize(("arrange", "then"), [
    (_set(category_reshaped=True), _reshaped),
    (_set(category_missing=True), _missing),
    (_set(moved=dict([MOVED])), _moved),
], ids=["category page changes shape", "category pages missing", "a known setting moved"])
def test_a_discovery_fault_is_one_notice_or_handled(site: DemoSite, run_engine, arrange, then) -> None:
    """A full apply: every mapped setting turned off and proven, the fault met as the rule for it says,
    and the unlisted switch left as it was (the three things, over the whole catalogue)."""
    arrange(site)
    before = dict(site.state)
    report = run_engine(apply=True)
    everything = tuple(site.catalogue.ids)
    fault = Fault("discovery", arrange, everything, dict.fromkeys(everything, Status.TURNED_OFF), 0)
    _assert_the_three_things(site, before, report, fault)
    assert site.state[UNLISTED_KEY] is True and site.saves_for(UNLISTED_KEY) == []
    then(report)


def test_a_fallback_match_is_flagged_as_a_page_change(site: DemoSite, run_engine) -> None:
    site.serve_variant(AI_PATH, "ai-training.renamed-key.html")
    result = run_engine(apply=False, only="ai-training").result("ai-training")
    assert result.strategy == "label" and result.status is Status.ON
    assert any("selector map needs an update" in w for w in result.warnings)


def test_the_lying_text_is_never_read_in_check_mode_either(site: DemoSite, run_engine) -> None:
    site.faults.text_lies = True
    site.set_setting("research", False)
    report = run_engine(apply=False, only=["ai-training", "research"])
    assert [(r.setting, r.status) for r in report.results] == [("ai-training", Status.ON),
                                                               ("research", Status.ALREADY_OFF)]


def test_the_skeleton_fault_fools_a_read_at_once_so_the_settle_rule_is_what_saves_us(site: DemoSite,
                                                                                     run_engine) -> None:
    """The fault is real: the engine without the settle rule (window 0 reads at once) gives a false off."""
    from dataclasses import replace

    from .conftest import FAST

    SKELETON_OFF(site)
    report = run_engine(apply=False, only="ai-training", timeouts=replace(FAST, settle_window=0, min_age=0))
    assert report.result("ai-training").status is Status.ALREADY_OFF and site.setting("ai-training") is True


# The control rows: the same late-data faults fool the settle rule alone (minimum age 0: a settled
# "off" believed at once, no witness, no scrolling), so the new rule is what tells the truth above.
# The old rule reads within a second or two on a loaded machine: the control rows pause longer.
SLOW = scaled(5)
CONTROL = [
    ("late data by fetch (check)", _late(pause=SLOW), False, Status.ALREADY_OFF),
    ("late data by XHR after an idle callback (check)", _late(pause=SLOW, data_idle=True, data_xhr=True), False,
     Status.ALREADY_OFF),
    ("late data by fetch (apply)", _late(pause=SLOW), True, Status.ALREADY_OFF),
    ("a section fetched when scrolled into view (check)", LAZY, False, Status.ALREADY_OFF),
    ("a save that does not hold (apply: the reload reads the placeholder)",
     _late(pause=SLOW, not_persisted={AI_KEY}, placeholder_after_saves=1), True, Status.TURNED_OFF),
]


@pytest.mark.parametrize(("arrange", "apply", "false_status"), [c[1:] for c in CONTROL], ids=[c[0] for c in CONTROL])
def test_the_late_data_fault_fools_the_settle_rule_alone(site: DemoSite, run_engine, arrange, apply,
                                                         false_status) -> None:
    from dataclasses import replace

    from .conftest import FAST

    arrange(site)
    report = run_engine(apply=apply, only="ai-training", timeouts=replace(FAST, min_age=0))
    result = report.result("ai-training")
    assert result.status is false_status and site.setting("ai-training") is True, result.message
    assert result.confirmed is not None and result.confirmed.by == "looks"


# --- property: no pause shorter than the minimum age makes any run say off for a switch that is on ---
@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    pause=st.floats(min_value=0.0, max_value=0.75),  # of the minimum age, from the document's start
    placeholder=st.booleans(),
    how=st.sampled_from(["fetch", "xhr", "idle fetch", "idle xhr", "lazy"]),
    run=st.sampled_from(["check", "apply", "apply, the save does not hold"]),
)
def test_no_pause_below_the_minimum_age_makes_an_on_switch_read_off(site: DemoSite, aio, abrowser, pause,
                                                                    placeholder, how, run) -> None:
    from automation.demo.run import demo_context
    from automation.engine.options import Task, Waits
    from automation.engine.run import opt_out

    from .conftest import FAST, FAST_RETRY

    site.reset(faults=Faults(placeholder={AI_PATH: placeholder}, data_pause=pause * FAST.min_age,
                             data_idle="idle" in how, data_xhr="xhr" in how,
                             lazy={AI_PATH} if how == "lazy" else set(),
                             not_persisted={AI_KEY} if "not hold" in run else set()))

    async def one_run() -> RunReport:
        context = await demo_context(abrowser, site)
        try:
            return await opt_out(context, Task(apply=run != "check", only=["ai-training"], pace=0, discover=False),
                                 waits=Waits(FAST, FAST_RETRY))
        finally:
            await context.close()

    result = aio.run(one_run()).result("ai-training")
    if site.setting("ai-training"):
        assert result.status not in OFF_STATUSES and result.after is not False, (result.status, result.message)
    assert [s for s in site.saves if s.value is not False] == []
    if result.status in OFF_STATUSES:
        assert result.confirmed is not None and result.confirmed.by == "age"


def test_each_result_says_how_its_state_was_believed(site: DemoSite, run_engine) -> None:
    """Off by age (never by the page's data alone: agreeing data is named beside it), on by looks;
    in the JSON report and the HTML report alike."""
    from automation.results.html_report import render

    from .conftest import FAST

    site.set_setting("ai-training", False)
    report = run_engine(apply=False, only=["ai-training", "research"])
    off, on = report.result("ai-training"), report.result("research")
    assert off.status is Status.ALREADY_OFF and off.confirmed is not None and off.confirmed.by == "age"
    assert off.confirmed.age_s is not None and off.confirmed.age_s >= FAST.min_age and off.confirmed.looks >= 3
    assert on.status is Status.ON and on.confirmed is not None and on.confirmed.by == "looks"
    assert '"confirmed":{"by":"age"' in report.model_dump_json()
    assert "believed by age: still off in a settled look" in render(report)

    site.faults.embedded = True  # the page carries its state as JSON in <code>: no shortcut
    embedded = run_engine(apply=False, only="ai-training").result("ai-training")
    assert embedded.status is Status.ALREADY_OFF and embedded.confirmed is not None
    assert embedded.confirmed.by == "age" and "embedded state (inferred)" in (embedded.confirmed.source or "")
    assert embedded.confirmed.age_s is not None and embedded.confirmed.age_s >= FAST.min_age

    site.faults.embedded, site.faults.placeholder = False, {AI_PATH: False}  # drawn off, its data says off
    late = run_engine(apply=False, only="ai-training").result("ai-training")
    assert late.status is Status.ALREADY_OFF and late.confirmed is not None and late.confirmed.by == "age"
    assert (late.confirmed.source or "").startswith("response GET /mysettings-api/")
    assert late.confirmed.age_s is not None and late.confirmed.age_s >= FAST.min_age


def test_the_data_witness_reads_only_the_shapes_it_knows() -> None:
    from automation.catalogue.loader import load_catalogue
    from automation.engine.witness import states_in

    facts = load_catalogue().site.state
    assert states_in({"elements": [{"key": "a", "value": False}, {"key": "b", "value": True}]}, facts) == \
        {"a": False, "b": True}
    assert states_in({"a": False, "b": {"c": False}}, facts) == {}  # a bare key -> boolean could be anything
    assert states_in({"elements": [{"key": "a", "value": "OFF"}]}, facts) == {}  # not a boolean: no witness
    assert states_in([{"key": "a", "value": False}, {"x": [{"key": "a", "value": True}]}], facts) == {"a": True}
    assert states_in({"key": "a", "value": False, "selected": True}, facts) == {"a": False}
