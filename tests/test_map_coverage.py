"""Every map field is proven by a fixture, and the committed fixtures are what the script makes.

The fixtures are synthetic: scripts/make_fixtures.py writes them from its own table of public facts
(docs/linkedin.md, docs/fixtures.md), never from the maps. So a map field is only worth something if some fixture makes it
*decide* a match: a label per language, a title per language (the only-switch fallback), the
alias URL, each guard marker of selectors/site.toml on its own. This file lists every field of
every map and fails for each one no fixture proves. Fixtures are discovered, not named here: a
new fixture that proves a field is counted without editing this file.
"""

from __future__ import annotations

import asyncio
import filecmp
import importlib.util
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.async_api import Browser

from automation.catalogue.loader import load_catalogue
from automation.catalogue.models import Catalogue, Markers, TextMarkers
from automation.catalogue.saved_pages import Fixture, all_fixtures, pages_dir
from automation.engine.guards import Verdict, banner_present, check_page, check_status
from automation.engine.locate import locate, read_state
from automation.engine.survey import policy_date, settings_links, settings_paths
from automation.tools.fixture_tab import Tab
from automation.tools.selftest import PARALLEL
from tests.conftest import scaled

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = load_catalogue()
SITE = CATALOGUE.site
GUARDS = {"signed_out": Verdict.SIGNED_OUT, "challenge": Verdict.CHALLENGE, "refused": Verdict.REFUSED,
          "unavailable": Verdict.UNAVAILABLE, "rate_limited": Verdict.RATE_LIMITED}

# Markers that only a wall drawn in place (at a settings URL, no redirect) can prove: a field
# waiting for such a page is listed here, not hidden.
AWAITING_IN_PLACE_FIXTURES: set[str] = set()  # all proven by the in-place fixtures


# --- the fixtures are what the script makes ---------------------------------------------------------


def test_the_committed_fixtures_are_exactly_what_make_fixtures_writes(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_fixtures", ROOT / "scripts" / "make_fixtures.py")
    assert spec and spec.loader
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    script.OUT = tmp_path  # main() writes wherever OUT points
    script.main()
    committed = pages_dir()
    made = sorted(p.name for p in tmp_path.glob("*"))
    assert made == sorted(p.name for p in committed.glob("*")), "run `python scripts/make_fixtures.py` and commit"
    _, differ, errors = filecmp.cmpfiles(tmp_path, committed, made, shallow=False)
    assert (differ, errors) == ([], []), "these fixtures differ from what the script makes; regenerate and commit"


# --- every field of every map -------------------------------------------------------------------------


def map_fields(catalogue: Catalogue) -> list[str]:
    """One name per field that should decide a match somewhere."""
    fields: list[str] = []
    pages = {Path(s.map_file).name: s for s in catalogue.settings}  # one setting per page carries its page's facts
    for map_file, s in sorted(pages.items()):
        fields.append(f"{map_file}: path")
        fields += [f"{map_file}: alias {a}" for a in s.aliases]
        fields += [f"{map_file}: title.{lang}" for lang in sorted(s.titles)]
    for s in catalogue.settings:
        fields += [f"{s.id}: labelledby"] if s.labelledby else []
        fields += [f"{s.id}: element_id"] if s.element_id else []
        fields += [f"{s.id}: label.{lang}" for lang in sorted(s.labels)]
    for section in GUARDS:
        markers = getattr(catalogue.site, section)
        for kind in ("path_prefixes", "titles", "selectors", "texts", "statuses"):
            fields += [f"{section}.{kind}: {value}" for value in getattr(markers, kind, [])]
    fields += ["cookie_banner.banner", "cookie_banner.deny"]
    if (facts := catalogue.site.discovery) is not None:  # the category pages
        fields += [f"discovery.category_paths: {p}" for p in facts.category_paths]
        fields += [f"discovery.link_prefixes: {p}" for p in facts.link_prefixes]
        fields += [f"discovery.skip_prefixes: {p}" for p in facts.skip_prefixes]
        fields += [f"discovery.quiet_paths: {p}" for p in facts.quiet_paths]
    if catalogue.site.policy is not None:
        fields += ["policy.path", "policy.date_pattern"]
    return fields


async def _discovery_proofs(page, fixture: Fixture, path: str) -> set[str]:
    """What a category page or the policy proves: each [discovery] and [policy] field that decides."""
    proven: set[str] = set()
    facts, policy = SITE.discovery, SITE.policy
    if fixture.kind == "policy" and policy is not None:
        if path == policy.path:
            proven.add("policy.path")
        if await policy_date(page, policy) == fixture.effective is not None:
            proven.add("policy.date_pattern")
    if fixture.kind != "category" or facts is None or not fixture.links:
        return proven
    links = await settings_links(page, SITE.base_url, facts)
    if links != fixture.links:
        return proven
    if path in facts.category_paths:
        proven.add(f"discovery.category_paths: {path}")
    everything = await page.evaluate("() => Array.from(document.querySelectorAll('a[href]'), (a) => a.href)")
    for prefix in facts.link_prefixes:  # without this prefix, some link would be lost
        if settings_paths(everything, SITE.base_url, facts.model_copy(update={
                "link_prefixes": [p for p in facts.link_prefixes if p != prefix] or ["/-none-"]})) != links:
            proven.add(f"discovery.link_prefixes: {prefix}")
    for prefix in facts.skip_prefixes:  # without it, a link that is no settings page would be followed
        if settings_paths(everything, SITE.base_url, facts.model_copy(update={
                "skip_prefixes": [p for p in facts.skip_prefixes if p != prefix]})) != links:
            proven.add(f"discovery.skip_prefixes: {prefix}")
    proven |= {f"discovery.quiet_paths: {q}" for q in facts.quiet_paths if q in links}
    return proven


def only_marker(section: str, kind: str, value: str):
    """The site map with every guard marker removed but one."""
    empty = {name: Markers() for name in ("signed_out", "challenge", "refused", "unavailable")}
    empty["rate_limited"] = TextMarkers.model_construct(texts=[])
    model = type(empty[section])
    empty[section] = model.model_construct(**{**empty[section].model_dump(), kind: [value]})
    return SITE.model_copy(update=empty)


async def _proofs(tab: Tab, fixture: Fixture) -> set[str]:
    """The map fields this fixture proves, read in a real Chromium at the fixture's own URL."""
    page = await tab.show(fixture.url, fixture.html())
    proven: set[str] = set()
    path = urlsplit(fixture.url).path
    if fixture.kind in GUARDS:  # which of its section's markers, each on its own, classify this page
        section, verdict = fixture.kind, GUARDS[fixture.kind]
        markers = getattr(SITE, section)
        for kind in ("path_prefixes", "titles", "selectors", "texts"):
            for value in getattr(markers, kind, []):
                check = await check_page(page, only_marker(section, kind, value), (path,))
                if check.verdict is verdict:
                    proven.add(f"{section}.{kind}: {value}")
        for value in getattr(markers, "statuses", []):  # a status decides before the page is read
            said = check_status(fixture.status, only_marker(section, "statuses", value))
            if said is not None and said.verdict is verdict:
                proven.add(f"{section}.statuses: {value}")
        return proven
    if fixture.kind in ("category", "policy") or fixture.unlisted:
        return await _discovery_proofs(page, fixture, path)
    on_page = [s for s in CATALOGUE.settings if path in (s.path, *s.aliases)]
    check = await check_page(page, SITE, (on_page[0].path, *on_page[0].aliases))
    assert check.verdict is Verdict.OK, (fixture.file, check)
    if await banner_present(page, SITE):
        proven.add("cookie_banner.banner")
        if await page.locator(SITE.cookie_banner.deny).count() == 1:
            proven.add("cookie_banner.deny")
    for setting_id, expected in fixture.expect.items():
        if expected not in ("on", "off"):
            continue
        s = CATALOGUE[setting_id]
        found = await locate(page, s, check.lang, len(on_page))
        if found.control is None or await read_state(found.control, scaled(10_000)) is not (expected == "on"):
            continue
        map_file = Path(s.map_file).name
        proven.add(f"{map_file}: path" if path == s.path else f"{map_file}: alias {path}")
        proven.add({"labelledby": f"{s.id}: labelledby", "element_id": f"{s.id}: element_id",
                    "label": f"{s.id}: label.{check.lang}",
                    "only_switch": f"{map_file}: title.{check.lang}"}[found.strategy or ""])
    return proven


@pytest.fixture(scope="module")
def proven(aio, abrowser: Browser) -> dict[str, list[str]]:
    """field -> the fixtures that prove it (every fixture read once for the whole module).

    Read as ``selftest`` reads: a few reused tabs (fixture_tab.Tab: cookies and storage cleared
    between pages), each serving only its current page; a new context per page costs four times
    as long."""
    by_field: dict[str, list[str]] = {}

    async def read_all() -> None:
        queue = list(all_fixtures())

        async def worker() -> None:
            tab = Tab(abrowser)
            try:
                while queue:
                    fixture = queue.pop(0)
                    for name in await _proofs(tab, fixture):
                        by_field.setdefault(name, []).append(fixture.file)
            finally:
                await tab.close()

        await asyncio.gather(*(worker() for _ in range(PARALLEL)))

    aio.run(read_all(), timeout=600)
    return by_field


FIELDS = map_fields(CATALOGUE)


@pytest.mark.parametrize("field", [
    pytest.param(f, marks=pytest.mark.xfail(reason="needs an in-place wall fixture", strict=False))
    if f in AWAITING_IN_PLACE_FIXTURES else f for f in FIELDS])
def test_map_field_decides_a_match_in_some_fixture(field: str, proven: dict[str, list[str]]) -> None:
    assert proven.get(field), f"no fixture makes `{field}` decide a match: add one to scripts/make_fixtures.py"


def test_the_field_list_is_complete(proven: dict[str, list[str]]) -> None:
    """A proof the list does not name means a map field this file forgot to enumerate."""
    assert set(proven) <= set(FIELDS), set(proven) - set(FIELDS)
    assert len(FIELDS) > 60


# --- save methods: each method of [save] is one the safety filter treats as a save --------------------


@pytest.mark.parametrize("method", SITE.save.methods)
def test_each_save_method_in_the_map_is_guarded_and_works(method: str, site, run_engine) -> None:
    """A page that saves with this method: a save that would turn the setting on is blocked (so the
    method decides that the request is a save), and a normal save turns it off."""
    from automation.results.report import Status

    site.faults.save_method = method
    site.faults.sends_on.add(CATALOGUE["ai-training"].key)
    blocked = run_engine(apply=True, only="ai-training").result("ai-training")
    assert blocked.status is Status.FAILED and "blocked a save" in blocked.message and site.saves == []
    site.faults.sends_on.clear()
    done = run_engine(apply=True, only="ai-training").result("ai-training")
    assert done.status is Status.TURNED_OFF
    assert [(s.key, s.value, s.status) for s in site.saves] == [(CATALOGUE["ai-training"].key, False, 200)]
