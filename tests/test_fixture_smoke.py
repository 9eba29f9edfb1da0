"""The CI smoke test of the selector maps: every saved page, served at its real URL in a real
Chromium, is read through the maps exactly as the engine reads it."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.async_api import Browser, Route

from automation.catalogue.saved_pages import Fixture, all_fixtures
from automation.engine.guards import Verdict, banner_present, check_page, check_status
from automation.engine.locate import PRIMARY, locate, page_lang, read_state
from automation.catalogue.loader import load_catalogue
from automation.catalogue.models import Catalogue

GUARD_KINDS = {"signed_out": Verdict.SIGNED_OUT, "challenge": Verdict.CHALLENGE, "refused": Verdict.REFUSED,
               "unavailable": Verdict.UNAVAILABLE, "rate_limited": Verdict.RATE_LIMITED}


def _expected_paths(catalogue: Catalogue, url: str) -> tuple[str, ...]:
    path = urlsplit(url).path
    for s in catalogue.settings:
        if path in (s.path, *s.aliases):
            return (s.path, *s.aliases)
    return (path,)


async def _read_fixture(browser: Browser, fixture: Fixture, catalogue: Catalogue) -> dict:
    context = await browser.new_context(service_workers="block")

    async def serve(route: Route) -> None:
        if route.request.url == fixture.url:
            await route.fulfill(status=fixture.status, content_type="text/html; charset=utf-8", body=fixture.html())
        else:  # images, fonts and anything else: this test never needs them
            await route.abort()

    await context.route("**/*", serve)
    try:
        page = await context.new_page()
        await page.goto(fixture.url)
        assert page.url == fixture.url
        by_status = check_status(fixture.status, catalogue.site)
        out: dict = {"check": by_status or await check_page(page, catalogue.site, _expected_paths(catalogue, fixture.url)),
                     "banner": await banner_present(page, catalogue.site), "settings": {}}
        lang = await page_lang(page)
        on_page = [s for s in catalogue.settings if urlsplit(fixture.url).path in (s.path, *s.aliases)]
        for setting_id in fixture.expect:
            found = await locate(page, catalogue[setting_id], lang, len(on_page))
            state = await read_state(found.control) if found.control else None
            out["settings"][setting_id] = (found.count, found.strategy, state)
        return out
    finally:
        await context.close()


@pytest.mark.parametrize("fixture", all_fixtures(), ids=lambda f: f.file)
def test_saved_page_reads_as_expected_through_the_maps(fixture: Fixture, aio, abrowser: Browser) -> None:
    catalogue = load_catalogue()
    seen = aio.run(_read_fixture(abrowser, fixture, catalogue))

    if fixture.kind in GUARD_KINDS:
        assert seen["check"].verdict is GUARD_KINDS[fixture.kind], seen["check"]
        return
    assert seen["check"].verdict is Verdict.OK, seen["check"]
    assert seen["banner"] is fixture.cookie_banner
    assert fixture.expect, "a settings fixture must say what it expects"
    for setting_id, expected in fixture.expect.items():
        count, strategy, state = seen["settings"][setting_id]
        if expected == "ambiguous":
            assert count > 1, f"{setting_id}: expected several candidates, found {count}"
        elif expected == "not_found":
            assert count == 0
        else:
            assert count == 1, f"{setting_id}: resolved {count} controls"
            assert state is (expected == "on"), f"{setting_id}: read {state}, saved {expected}"
            assert strategy == (fixture.strategy or strategy), strategy
            if fixture.strategy is None:
                assert strategy in PRIMARY, f"{setting_id} needed the fallback {strategy}: the map is stale"
