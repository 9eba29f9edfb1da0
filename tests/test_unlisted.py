"""Settings LinkedIn adds later: found through the category pages, reported as
``unlisted`` and never changed; a known setting that moved is handled at its new page; the
category pages failing or changing shape is one notice. Real Chromium against the demo site."""

from __future__ import annotations

from urllib.parse import urlsplit

from automation.catalogue.loader import load_catalogue
from automation.demo.site import DemoSite
from automation.results.report import ExitCode, Status

UNLISTED_PATH = "/mypreferences/d/settings/ai-hiring-assistant"
UNLISTED_KEY = "allowDataForHiringAssistant"
CATEGORIES = ("/mypreferences/d/categories/privacy", "/mypreferences/d/categories/ads")


def page_loads(site: DemoSite, since: int = 0) -> list[str]:
    """Document paths the browser asked the site for (not saves, data requests or resources)."""
    return [h.path for h in site.hits[since:] if h.method == "GET" and h.host == "www.linkedin.com"
            and not h.path.startswith(("/mysettings-api/", "/realtime/")) and h.path != "/favicon.ico"]


def test_an_unlisted_switch_is_reported_and_never_clicked(run_engine, site: DemoSite) -> None:
    report = run_engine(apply=True)
    assert report.exit_code == ExitCode.OK  # it never changes the exit code
    assert [(urlsplit(u.page).path, u.key, u.state) for u in report.unlisted] == [(UNLISTED_PATH, UNLISTED_KEY, True)]
    found = report.unlisted[0]
    assert found.title == "Data for AI-assisted hiring"
    assert found.label == "Use my profile data in AI hiring tools (invented)"
    assert site.state[UNLISTED_KEY] is True and site.saves_for(UNLISTED_KEY) == []  # read only
    assert {r.status for r in report.results} == {Status.TURNED_OFF}
    assert report.notices == [] and report.halted is None


def test_quiet_and_mapped_pages_are_not_visited_again_and_cost_two_loads(run_engine, site: DemoSite) -> None:
    site.faults.unlisted = False
    run_engine(apply=False, discover=False)
    without, mark = page_loads(site), len(site.hits)
    report = run_engine(apply=False)
    with_discovery = page_loads(site, mark)
    assert report.unlisted == [] and report.notices == []
    assert sorted(with_discovery) == sorted([*without, *CATEGORIES])  # at most two extra page loads
    quiet = load_catalogue().site.discovery.quiet_paths  # type: ignore[union-attr]
    assert not set(quiet) & set(with_discovery)


def test_only_some_settings_reads_no_category_page(run_engine, site: DemoSite) -> None:
    report = run_engine(apply=False, only="ai-training")
    assert report.unlisted == [] and not set(CATEGORIES) & set(page_loads(site))


# The category page changing shape, missing category pages and a moved setting are rows of the
# fault suite (tests/test_faults.py).


def test_a_refusal_on_a_category_page_halts_the_run(run_engine, site: DemoSite) -> None:
    site.faults.status = {CATEGORIES[0]: 999}
    report = run_engine(apply=False, concurrency=1)
    assert report.halted is not None and report.halted.status is Status.REFUSED
    assert "HTTP 999" in report.halted.message and "Wait some hours" in report.halted.message
    assert report.exit_code == ExitCode.SESSION
    loads = page_loads(site)
    assert loads[-1] == CATEGORIES[0] and UNLISTED_PATH not in loads  # no page load after the refusal


def test_an_unlisted_switch_is_read_only_once_its_page_has_settled(run_engine, site: DemoSite) -> None:
    """The page draws the switch off, then its data request says on: the report must say on."""
    site.faults.placeholder = {UNLISTED_PATH: False}
    site.faults.realtime = True  # and a stream that never ends is open meanwhile
    report = run_engine(apply=False)
    assert [(u.key, u.state) for u in report.unlisted] == [(UNLISTED_KEY, True)]


def test_the_policy_date_is_read_and_its_words_are_never_a_wall(run_engine, site: DemoSite, monkeypatch) -> None:
    """A legal text may say "unusual activity": on the policy page only statuses and URLs are walls."""
    from datetime import date

    saved = site.templates.policy_page
    monkeypatch.setattr(site.templates, "policy_page", lambda effective: saved(effective).replace(
        "Your Privacy Matters.", "We look for unusual activity and may ask you to verify your identity."))
    report = run_engine(apply=False, policy=True)
    assert report.policy is not None and report.policy.effective == date(2025, 11, 3)
    assert report.policy.url == "https://www.linkedin.com/legal/privacy-policy"
    assert report.halted is None and report.exit_code == 3  # every mapped switch is on in this demo
    site.faults.policy_effective = "Sometime in 2026"
    unreadable = run_engine(apply=False, policy=True)
    assert unreadable.policy is not None and unreadable.policy.effective is None
    assert any("privacy policy's effective date could not be read" in n for n in unreadable.notices)


# --- an unlisted switch goes through the same rule as a mapped one ---------------------------------------
def _unlisted(report) -> list[tuple[str | None, bool | None]]:
    return [(u.key, u.state) for u in report.unlisted]


def test_a_new_setting_whose_page_asks_for_its_data_after_a_pause_reads_on(run_engine, site: DemoSite) -> None:
    """Drawn off, a quiet pause, then its data (on): believed only at the minimum age, it is on."""
    from tests.helpers.timing import scaled

    site.faults.placeholder, site.faults.data_pause = {UNLISTED_PATH: False}, scaled(1.5)
    report = run_engine(apply=False)
    assert _unlisted(report) == [(UNLISTED_KEY, True)]
    assert report.notices == []


def test_an_unlisted_off_that_its_pages_data_contradicts_is_unknown_never_off(run_engine, site: DemoSite) -> None:
    """Drawn off and left so, while the page's data says on: reported unknown, with a notice."""
    site.faults.placeholder, site.faults.stale_drawing = {UNLISTED_PATH: False}, {UNLISTED_PATH}
    report = run_engine(apply=False)
    assert _unlisted(report) == [(UNLISTED_KEY, None)]
    assert len(report.notices) == 1 and "not confirmed" in report.notices[0] and UNLISTED_PATH in report.notices[0]
    assert "page's own data says on" in report.notices[0]


def test_an_unlisted_switch_that_is_off_is_reported_off(run_engine, site: DemoSite) -> None:
    site.state[UNLISTED_KEY] = False
    report = run_engine(apply=False, only="ai-training", discover=True)
    assert _unlisted(report) == [(UNLISTED_KEY, False)] and report.notices == []
