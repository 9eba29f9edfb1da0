"""The CI smoke test of the selector maps: every saved page, served at its real URL in a real
Chromium, is read through the maps exactly as the engine reads it.

It is the door of ``automation/tools/selftest.py`` that pytest opens; ``linkedin-optout selftest`` is the
other. The last tests break a page or its metadata on purpose and see the check fail."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Browser

from automation.catalogue.loader import load_catalogue
from automation.catalogue.saved_pages import Fixture, all_fixtures
from automation.tools.selftest import PageResult, SelftestReport, check_fixture, run


def _check(aio, browser: Browser, fixture: Fixture, html: str | None = None) -> PageResult:
    return aio.run(check_fixture(browser, fixture, fixture.html() if html is None else html, load_catalogue()))


@pytest.fixture(scope="module")
def bundled(aio, abrowser: Browser) -> SelftestReport:
    """Every bundled page read once, through ``run`` as ``selftest`` reads them (reused tabs):
    one test per page reads its line, and one the whole report."""
    return aio.run(run(abrowser, load_catalogue()))


@pytest.mark.parametrize("fixture", all_fixtures(), ids=lambda f: f.file)
def test_saved_page_reads_as_its_metadata_says_through_the_maps(fixture: Fixture, bundled: SelftestReport) -> None:
    (result,) = [r for r in bundled.pages if r.file == fixture.file]
    assert result.ok, result.line()


def test_every_map_entry_is_resolved_to_one_control_by_some_bundled_page(bundled: SelftestReport) -> None:
    assert bundled.unproven == [], bundled.summary()
    assert bundled.ok and bundled.exit_code == 0, bundled.summary()
    assert sorted(r.file for r in bundled.pages) == sorted(f.file for f in all_fixtures())


def _one(kind: str) -> Fixture:
    return next(f for f in all_fixtures() if f.kind == kind)


@pytest.mark.parametrize("kind", ["signed_out", "challenge"])
def test_a_guard_page_is_judged_by_its_content_not_only_by_its_url(kind: str, aio, abrowser: Browser) -> None:
    fixture = _one(kind)
    emptied = re.sub(r"<body.*</body>", "<body><main><h1>Settings</h1></main></body>", fixture.html(), flags=re.S)
    emptied = re.sub(r"<title>.*?</title>", "<title>Settings | LinkedIn</title>", emptied, flags=re.S)
    result = _check(aio, abrowser, fixture, emptied)
    assert not result.ok
    assert any(p.startswith("in place") for p in result.problems), result.problems


def test_a_page_found_only_by_a_fallback_fails_when_its_metadata_names_no_strategy(aio, abrowser: Browser) -> None:
    renamed = next(f for f in all_fixtures() if f.strategy == "label")
    silent = renamed.model_copy(update={"strategy": None})
    result = _check(aio, abrowser, silent, renamed.html())
    assert not result.ok
    assert any("found by label, metadata expects labelledby" in p for p in result.problems), result.problems


def test_a_page_whose_metadata_names_another_strategy_fails(aio, abrowser: Browser) -> None:
    plain = next(f for f in all_fixtures() if f.file == "ai-training.off.html")
    wrong = plain.model_copy(update={"strategy": "label"})
    result = _check(aio, abrowser, wrong, plain.html())
    assert any("found by labelledby, metadata expects label" in p for p in result.problems), result.problems


def test_a_state_other_than_the_metadata_says_fails(aio, abrowser: Browser) -> None:
    off = next(f for f in all_fixtures() if f.file == "ai-training.off.html")
    claims_on = off.model_copy(update={"expect": {"ai-training": "on"}})
    result = _check(aio, abrowser, claims_on, off.html())
    assert result.problems == ("ai-training: read off, metadata says on",)
