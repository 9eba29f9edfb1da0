"""Every guard marker in selectors/site.toml decides on its own.

A wall counts whether LinkedIn redirects to it or draws it in place at the settings URL. For each
marker of each guard (URL prefix, title, selector, text, HTTP status) a page holding that marker
and nothing else is served at a real LinkedIn URL and classified by the real guard code. A marker
added to site.toml without a sample page here fails ``test_every_selector_marker_has_a_sample``.
"""

from __future__ import annotations

import html

import pytest
from playwright.async_api import Browser

from automation.catalogue.loader import load_catalogue
from automation.engine.guards import Verdict, check_page
from automation.engine.navigate import open_settings_page

from .conftest import FAST, FAST_RETRY, Aio

SITE = load_catalogue().site
AI = load_catalogue()["ai-training"]
AI_URL = SITE.base_url + AI.path
GUARDS = {"signed_out": Verdict.SIGNED_OUT, "challenge": Verdict.CHALLENGE, "refused": Verdict.REFUSED,
          "unavailable": Verdict.UNAVAILABLE}

# A minimal element for each selector marker (hand-written: a selector is not a recipe).
SELECTOR_SAMPLES = {
    "form.login__form": '<form class="login__form"></form>',
    "input[name=session_password]": '<input name="session_password" type="text">',
    "input[type=password]": '<input name="pw" type="password">',
    "[data-test-id=authwall]": '<div data-test-id="authwall"></div>',
    ".authwall-join-form": '<div class="authwall-join-form"></div>',
    "#captcha-internal": '<div id="captcha-internal"></div>',
    "form#email-pin-challenge": '<form id="email-pin-challenge"></form>',
    "iframe[src*='captcha']": '<iframe src="/checkpoint/captcha-frame"></iframe>',
    ".not-found-404": '<div class="not-found-404"></div>',
    "[data-test-id=page-not-found]": '<div data-test-id="page-not-found"></div>',
}


def _page(*, title: str = "Settings | LinkedIn", body: str = "") -> str:
    return f"<!DOCTYPE html><html lang='en'><head><title>{html.escape(title)}</title></head>" \
           f"<body><main id='main'>{body}</main></body></html>"


def _cases() -> list[tuple[str, str, str, str]]:
    """(guard, marker kind, marker, url) for every marker of every guard."""
    cases = []
    for guard in GUARDS:
        markers = getattr(SITE, guard)
        cases += [(guard, "title", t, AI_URL) for t in markers.titles]
        cases += [(guard, "selector", s, AI_URL) for s in markers.selectors]
        cases += [(guard, "text", t, AI_URL) for t in markers.texts]
        cases += [(guard, "path", p, SITE.base_url + p.rstrip("/") + "/x") for p in markers.path_prefixes]
    return cases


async def _classify(browser: Browser, url: str, body: str, status: int = 200) -> Verdict:
    context = await browser.new_context(service_workers="block")

    async def serve(route) -> None:
        if route.request.url == url:
            await route.fulfill(status=status, content_type="text/html; charset=utf-8", body=body)
        else:
            await route.abort()

    await context.route("**/*", serve)
    try:
        page = await context.new_page()
        if status == 200:
            await page.goto(url)
            return (await check_page(page, SITE, (AI.path,))).verdict
        return (await open_settings_page(page, url, [AI], SITE, FAST, FAST_RETRY)).verdict
    finally:
        await context.close()


def test_every_selector_marker_has_a_sample() -> None:
    selectors = {s for guard in GUARDS for s in getattr(SITE, guard).selectors}
    assert selectors - SELECTOR_SAMPLES.keys() == set(), "add a sample element for the new marker"


@pytest.mark.parametrize("guard,kind,marker,url", _cases(), ids=[f"{g}-{k}-{m}" for g, k, m, _ in _cases()])
def test_a_wall_in_place_is_recognised_by_each_marker(aio: Aio, abrowser: Browser, guard: str, kind: str,
                                                      marker: str, url: str) -> None:
    if kind == "title":
        body = _page(title=marker)
    elif kind == "selector":
        body = _page(body=SELECTOR_SAMPLES[marker])
    elif kind == "text":
        body = _page(body=f"<p>{html.escape(marker)}</p>")
    else:
        body = _page()
    assert aio.run(_classify(abrowser, url, body)) is GUARDS[guard]


@pytest.mark.parametrize("guard,status", [(g, s) for g in GUARDS for s in getattr(SITE, g).statuses])
def test_a_page_load_answered_with_a_guard_status_stops_there(aio: Aio, abrowser: Browser, guard: str,
                                                             status: int) -> None:
    assert aio.run(_classify(abrowser, AI_URL, "<html><body></body></html>", status)) is GUARDS[guard]


def test_a_plain_settings_page_is_no_wall(aio: Aio, abrowser: Browser) -> None:
    assert aio.run(_classify(abrowser, AI_URL, _page(body="<p>Use my data for training</p>"))) is Verdict.OK
