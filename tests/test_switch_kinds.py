"""One definition of a switch (automation/engine/switches.py), and every step agrees on it: the
guard scan's fingerprint, the locator, the survey of an unlisted page and the wait for a page to
draw each see a native checkbox, a ``role=switch`` and a ``role=checkbox``, and none of them
sees a button. Each page is served at the real LinkedIn URL of a settings page."""

from __future__ import annotations

import pytest
from playwright.async_api import Browser, Page

from automation.catalogue.loader import load_catalogue
from automation.engine.guards import check_page
from automation.engine.locate import by_role_name, switch_count
from automation.engine.navigate import switch_drawn
from automation.engine.survey import switches_on_page
from automation.engine.switches import SWITCH_KINDS, css_string

from .conftest import Aio

SITE = load_catalogue().site
AI = load_catalogue()["ai-training"]
URL = SITE.base_url + AI.path
LABEL = "Use my data for a test"

# One element of each kind, on and labelled the same way; the decoy is what a switch is not.
ELEMENTS = {
    "input[type=checkbox]": f'<input type="checkbox" id="k" aria-label="{LABEL}" checked>',
    "[role=switch]": f'<button role="switch" id="k" aria-label="{LABEL}" aria-checked="true"></button>',
    "[role=checkbox]": f'<div role="checkbox" id="k" aria-label="{LABEL}" aria-checked="true" tabindex="0"></div>',
}
DECOY = f'<button id="k" aria-label="{LABEL}" aria-pressed="true">On</button>'


def _page(body: str) -> str:
    return f"<!DOCTYPE html><html lang='en'><head><title>Settings | LinkedIn</title></head>" \
           f"<body><main id='main'><h1>Test page</h1>{body}</main></body></html>"


async def _seen(browser: Browser, body: str) -> dict[str, object]:
    """What each step makes of a page holding ``body``."""
    context = await browser.new_context(service_workers="block")

    async def serve(route) -> None:
        if route.request.url == URL:
            await route.fulfill(status=200, content_type="text/html; charset=utf-8", body=_page(body))
        else:
            await route.abort()

    await context.route("**/*", serve)
    try:
        page: Page = await context.new_page()
        await page.goto(URL)
        check = await check_page(page, SITE, (AI.path,))
        return {"scan": len([s for s in check.switches.split(";") if s]), "locate": await switch_count(page),
                "by_name": await by_role_name(page, LABEL).count(),
                "survey": len((await switches_on_page(page)).switches),
                "drawn": await switch_drawn(page, 0.3)}
    finally:
        await context.close()


def test_every_kind_of_switch_has_a_sample() -> None:
    assert set(ELEMENTS) == set(SWITCH_KINDS)


@pytest.mark.parametrize("kind", SWITCH_KINDS)
def test_the_guard_scan_the_locator_the_survey_and_the_wait_agree_on_a_switch(aio: Aio, abrowser: Browser,
                                                                              kind: str) -> None:
    seen = aio.run(_seen(abrowser, ELEMENTS[kind]))
    assert seen == {"scan": 1, "locate": 1, "by_name": 1, "survey": 1, "drawn": True}


def test_none_of_them_takes_a_button_for_a_switch(aio: Aio, abrowser: Browser) -> None:
    seen = aio.run(_seen(abrowser, DECOY))
    assert seen == {"scan": 0, "locate": 0, "by_name": 0, "survey": 0, "drawn": False}


@pytest.mark.parametrize("value,quoted", [("plain", '"plain"'), ('say "hi"', '"say \\"hi\\""'),
                                          ("back\\slash", '"back\\\\slash"')])
def test_a_css_string_is_quoted_once_for_every_selector(value: str, quoted: str) -> None:
    assert css_string(value) == quoted
