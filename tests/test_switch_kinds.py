"""One definition of a switch (automation/engine/switches.py), and every step agrees on it: the
guard scan's fingerprint, the locator, the survey of an unlisted page and the wait for a page to
draw each see a native checkbox, a ``role=switch`` and a ``role=checkbox``, and none of them
sees a button. Each page is served at the real LinkedIn URL of a settings page."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

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


@asynccontextmanager
async def _showing(browser: Browser, body: str) -> AsyncIterator[Page]:
    """A page at a settings URL holding ``body`` and nothing else."""
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
        yield page
    finally:
        await context.close()


async def _seen(browser: Browser, body: str) -> dict[str, object]:
    """What each step makes of a page holding ``body``."""
    async with _showing(browser, body) as page:
        check = await check_page(page, SITE, (AI.path,))
        return {"scan": len([s for s in check.switches.split(";") if s]), "locate": await switch_count(page),
                "by_name": await by_role_name(page, LABEL).count(),
                "survey": len((await switches_on_page(page)).switches),
                "drawn": await switch_drawn(page, 0.3)}


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


def test_a_page_between_documents_is_looked_at_again_by_every_step(aio: Aio, abrowser: Browser) -> None:
    """A document without its root element (one document gone, the next not begun) is 'look
    again' for the guard, and no step that reads the page's language fails on it."""
    from automation.engine.guards import Verdict
    from automation.engine.locate import page_lang

    async def look(browser: Browser) -> tuple[object, str, int]:
        async with _showing(browser, ELEMENTS["[role=switch]"]) as page:
            await page.evaluate("() => document.removeChild(document.documentElement)")
            check = await check_page(page, SITE, (AI.path,))
            return check.verdict, await page_lang(page), len((await switches_on_page(page)).switches)

    assert aio.run(look(abrowser)) == (Verdict.NAVIGATING, "en", 0)


# --- one definition of a switch's state ----------------------------------------------------------------
CONFLICT = f'<input type="checkbox" id="k" aria-label="{LABEL}" aria-checked="false" checked>'


async def _states(browser: Browser, body: str) -> dict[str, object]:
    """What each step reads as the state of the one switch in ``body``."""
    from automation.engine.locate import read_state
    from automation.engine.switches import SWITCH_STATE
    from automation.tools.teach_watch import _WATCH

    async with _showing(browser, body) as page:
        switch = page.locator("#k")
        check = await check_page(page, SITE, (AI.path,))
        await page.evaluate(_WATCH, "input")
        return {"script": await switch.evaluate(SWITCH_STATE), "locate": await read_state(switch),
                "survey": (await switches_on_page(page)).switches[0].state,
                "scan": check.switches.split("|")[2],
                "watched": await page.evaluate("() => window.__linkedinOptoutTeach.els.length")}


def test_checked_and_aria_checked_that_disagree_are_no_state_for_any_step(aio: Aio, abrowser: Browser) -> None:
    seen = aio.run(_states(abrowser, CONFLICT))
    assert seen == {"script": "conflict", "locate": None, "survey": None, "scan": "conflict", "watched": 1}


def test_teachs_watch_sees_no_change_through_a_state_it_cannot_read(aio: Aio, abrowser: Browser) -> None:
    """On, then aria-checked says off while .checked still says on (no state), then off: the watch
    records no change from on to off, as no step could read the state in between."""

    async def watch(browser: Browser) -> list[object]:
        from automation.tools.teach_watch import _WATCH

        async with _showing(browser, ELEMENTS["input[type=checkbox]"]) as page:
            await page.evaluate(_WATCH, "input")
            for step in ("el.setAttribute('aria-checked', 'false')", "el.checked = false"):
                await page.evaluate(f"() => {{ const el = document.querySelector('#k'); {step}; "
                                    "window.__linkedinOptoutTeach.scan(); }")
            return await page.evaluate("() => window.__linkedinOptoutTeach.changes")

    assert aio.run(watch(abrowser)) == []


def test_no_script_reads_a_switchs_state_but_through_the_one_definition() -> None:
    """The engine's and the tools' scripts read a state only through switches.SWITCH_STATE."""
    import ast
    import re
    from pathlib import Path

    package = Path(__file__).resolve().parent.parent / "automation"
    reads = re.compile(r"getAttribute\(\s*[\"']aria-checked[\"']\s*\)|\b\w+\.checked\b")
    found = []
    for path in [*(package / "engine").glob("*.py"), *(package / "tools").glob("*.py")]:
        if path.name == "switches.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and "=>" in node.value:
                found += [f"{path.name}: {m}" for m in reads.findall(node.value)]
    assert found == []
