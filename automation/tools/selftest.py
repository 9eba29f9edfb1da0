"""``selftest``: the selector maps against saved pages, in the person's own browser, offline.

One implementation, two doors: ``linkedin-optout selftest`` (for an installed wheel, which has no
tests folder) and ``tests/test_fixture_smoke.py`` both call :func:`check_fixture`.

Every page is served at its real ``https://www.linkedin.com/...`` URL by ``context.route`` and
``route.fulfill``; every other request (images, scripts, any non-GET) is aborted and service
workers are blocked, so nothing leaves the machine. Nothing is clicked: the maps are only asked
to resolve a control and read its state. No profile is needed: each page gets a fresh, empty
browser context.

A guard page (sign-in wall, security check, rate limit, page-not-found) is checked twice through
the real guard code (:func:`automation.engine.guards.check_page`): at its real URL, and *in place* at a
settings page's URL, where no URL prefix can decide, so its content must. A settings page must
pass the guards, show the cookie banner exactly when its metadata says so, and give each setting
in its metadata exactly the state, strategy and match count it names.

Local overrides (what ``teach`` writes) are not checked here: :func:`override_sources` is the
seam where each would plug in with the pages it was learned from, and it returns none.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

from playwright.async_api import Browser

from automation.catalogue.models import Catalogue, Setting
from automation.catalogue.overrides import adopted
from automation.catalogue.saved_pages import Fixture, page_files, page_html, pages_dir, read_fixture
from automation.engine.guards import Verdict, banner_present, check_page, check_status
from automation.engine.locate import PRIMARY, page_lang, read_switch
from automation.engine.options import Timeouts
from automation.engine.read import Reader, Switch
from automation.tools import selftest_discovery
from automation.tools.fixture_tab import Tab

GUARD_KINDS = {"signed_out": Verdict.SIGNED_OUT, "challenge": Verdict.CHALLENGE, "refused": Verdict.REFUSED,
               "unavailable": Verdict.UNAVAILABLE, "rate_limited": Verdict.RATE_LIMITED}
PAGE_TIMEOUT = 20.0  # seconds for one page, all checks included: a hung page fails, it never hangs the run
# Tabs at a time in one browser. A saved page loads in a blink; most of a page's time is its wait
# for the minimum age (engine/read.py), which needs no CPU, so more tabs than cores.
PARALLEL = 4
READ_TIMEOUT_MS = 10_000  # a loaded machine is slow, not wrong: "unreadable" must mean the page, not the clock


@dataclass(frozen=True)
class PageResult:
    """What one saved page showed. ``problems`` is empty when everything held."""

    file: str
    url: str
    kind: str
    seen: str  # what was read, in one phrase ("ai-training off by labelledby")
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    def line(self) -> str:
        if self.ok:
            return f"OK   {self.file}: {self.seen}"
        return f"FAIL {self.file}: " + "; ".join(self.problems)


@dataclass
class SelftestReport:
    folder: str
    pages: list[PageResult] = field(default_factory=list)
    unproven: list[str] = field(default_factory=list)  # settings no page resolved (bundled set only)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return all(p.ok for p in self.pages) and not self.unproven and bool(self.pages)

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 4

    def summary(self) -> str:
        failed = sum(not p.ok for p in self.pages)
        text = f"{len(self.pages)} page(s) from {self.folder}: {len(self.pages) - failed} OK, {failed} FAIL"
        if self.unproven:
            text += f"; no page resolves {', '.join(self.unproven)}"
        if not self.pages:
            text += "; no fixture pages found"
        return text + f" ({self.seconds:.1f} s)"

    def to_json(self) -> dict:
        return {"ok": self.ok, "exit_code": self.exit_code, "folder": self.folder, "seconds": round(self.seconds, 2),
                "unproven": self.unproven,
                "pages": [{**asdict(p), "ok": p.ok, "problems": list(p.problems)} for p in self.pages]}


def expected_paths(catalogue: Catalogue, url: str) -> tuple[str, ...]:
    """The settings page at ``url`` and its aliases (just the path when it is no settings page)."""
    path = urlsplit(url).path
    for s in catalogue.settings:
        if path in (s.path, *s.aliases):
            return (s.path, *s.aliases)
    return (path,)


def own_strategy(setting: Setting) -> str:
    """The strategy the map itself names first: what must match when a fixture names none."""
    return "labelledby" if setting.labelledby else "element_id"


async def _guard(tab: Tab, fixture: Fixture, html: str, catalogue: Catalogue) -> PageResult:
    want = GUARD_KINDS[fixture.kind]
    problems: list[str] = []
    if fixture.decided_by == "status":  # the answer's status decides before the page is read
        said = check_status(fixture.status, catalogue.site)
        if said is None or said.verdict is not want:
            problems.append(f"HTTP {fixture.status} reads {said.verdict.value if said else 'nothing'}, "
                            f"metadata says {want.value}")
        return PageResult(fixture.file, fixture.url, fixture.kind, f"{want.value} by HTTP {fixture.status}",
                          tuple(problems))
    in_place = catalogue.url(catalogue.settings[0])
    places = [("at its URL", fixture.url, expected_paths(catalogue, fixture.url))]
    if fixture.decided_by == "content":  # its content alone must decide, at a settings URL too
        places.append(("in place", in_place, expected_paths(catalogue, in_place)))
    for where, url, paths in places:
        seen = await check_page(await tab.show(url, html), catalogue.site, paths)
        if seen.verdict is not want:
            problems.append(f"{where} the guards read {seen.verdict.value} ({seen.reason or 'no marker'}), "
                            f"metadata says {want.value}")
    how = "by URL and by content" if fixture.decided_by == "content" else "by its URL"
    return PageResult(fixture.file, fixture.url, fixture.kind, f"{want.value} {how}", tuple(problems))


async def _discovery(tab: Tab, fixture: Fixture, html: str, catalogue: Catalogue) -> PageResult:
    check = {"category": selftest_discovery.category, "policy": selftest_discovery.policy}.get(
        fixture.kind, selftest_discovery.unlisted)
    seen, problems = await check(tab, fixture, html, catalogue)
    return PageResult(fixture.file, fixture.url, fixture.kind, seen, tuple(problems))


async def _settings(tab: Tab, fixture: Fixture, html: str, catalogue: Catalogue) -> PageResult:
    problems: list[str] = []
    seen_parts: list[str] = []
    if fixture.unlisted:  # a page no map covers
        return await _discovery(tab, fixture, html, catalogue)
    if not fixture.expect:
        problems.append("the metadata names no setting to read")
    paths = expected_paths(catalogue, fixture.url)
    page = await tab.show(fixture.url, html)
    if page.url != fixture.url:
        problems.append(f"the page moved to {page.url}")
    check = await check_page(page, catalogue.site, paths)
    if check.verdict is not Verdict.OK:
        problems.append(f"the guards read {check.verdict.value} ({check.reason})")
    banner = await banner_present(page, catalogue.site)
    if banner is not fixture.cookie_banner:
        problems.append(f"cookie banner {'shown' if banner else 'absent'}, metadata says "
                        f"{'shown' if fixture.cookie_banner else 'absent'}")
    lang = await page_lang(page)
    on_page = [s for s in catalogue.settings if urlsplit(fixture.url).path in (s.path, *s.aliases)]
    wanted: list[tuple[Setting, str]] = []
    for setting_id, expected in fixture.expect.items():
        try:
            wanted.append((catalogue[setting_id], expected))
        except KeyError:  # a captured page may name a setting these maps do not have
            problems.append(f"{setting_id}: no such setting in the maps")
    # Read as the run reads (engine/read.py): settled, and an "off" only at the minimum age.
    reader = Reader({page: tab.watch}, catalogue.site, Timeouts())  # type: ignore[dict-item]
    looked = await reader.read(page, paths, [Switch(s.id, s.key, partial(read_switch, page, s, lang, len(on_page),
                                                                         timeout_ms=READ_TIMEOUT_MS))
                                             for s, _ in wanted], give_slot=True)
    if looked.unsettled is not None:
        last = looked.unsettled.check
        problems.append(f"the page was not read: {looked.unsettled.problem or (last.reason if last else '')}")
        return PageResult(fixture.file, fixture.url, fixture.kind, "", tuple(problems))
    for setting, want in wanted:
        reading = looked.readings[setting.id]
        found, belief = reading.switch.found, reading.belief
        if belief.problem:
            problems.append(f"{setting.id}: {belief.problem}")
        problems += _compare(fixture, setting, want, found.count, found.strategy, belief.state)
        word = reading.switch.word if belief.state is not None or found.control is None else "unreadable"
        seen_parts.append(f"{setting.id} {word}" + (f" by {found.strategy}" if found.strategy else ""))
    return PageResult(fixture.file, fixture.url, fixture.kind, ", ".join(seen_parts), tuple(problems))


def _compare(fixture: Fixture, setting: Setting, expected: str, count: int, strategy: str | None,
             state: bool | None) -> list[str]:
    """What differs between a setting as read and as the fixture's metadata says."""
    sid = setting.id
    if expected == "ambiguous":
        return [] if count > 1 else [f"{sid}: {count} control(s) matched, metadata says several (ambiguous)"]
    if expected == "not_found":
        return [] if count == 0 else [f"{sid}: {count} control(s) matched by {strategy}, metadata says none"]
    if count != 1:
        return [f"{sid}: {count} controls matched{f' by {strategy}' if strategy else ''}, expected exactly one"]
    out = []
    if state is not (expected == "on"):
        out.append(f"{sid}: read {'unreadable' if state is None else 'on' if state else 'off'}, metadata says {expected}")
    want = fixture.strategy or own_strategy(setting)
    if strategy != want:
        stale = " (the map is stale)" if fixture.strategy is None and strategy not in PRIMARY else ""
        out.append(f"{sid}: found by {strategy}, metadata expects {want}{stale}")
    return out


async def check_fixture(browser: Browser | Tab, fixture: Fixture, html: str, catalogue: Catalogue) -> PageResult:
    """Check one saved page against the maps, in ``browser`` (a fresh tab) or in a reused ``Tab``.

    A page that does not answer within PAGE_TIMEOUT is a FAIL line, never a hung run.
    """
    tab = browser if isinstance(browser, Tab) else Tab(browser, catalogue.site)
    check = _guard if fixture.kind in GUARD_KINDS else _discovery if fixture.kind in ("category", "policy") else _settings
    try:
        return await asyncio.wait_for(check(tab, fixture, html, catalogue), PAGE_TIMEOUT)
    except TimeoutError:
        await tab.close()  # the next page gets a new context rather than a stuck one
        return PageResult(fixture.file, fixture.url, fixture.kind, "", (f"no answer within {PAGE_TIMEOUT:.0f} s",))
    finally:
        if tab is not browser:
            await tab.close()


def unproven(catalogue: Catalogue, results: Iterable[PageResult], fixtures: Iterable[Fixture]) -> list[str]:
    """Settings of the maps that no page resolved to exactly one control with a state."""
    proven = {sid for f, r in zip(fixtures, results, strict=True) if r.ok and f.kind == "settings"
              for sid, want in f.expect.items() if want in ("on", "off")}
    # An adopted setting (teach --adopt) has no bundled page: its proof is the reload teach made.
    return [s.id for s in catalogue.settings if s.id not in proven and not adopted(s)]


def _read_pages(folder: Path) -> tuple[list[tuple[Path, Fixture]], list[PageResult]]:
    """The pages with readable metadata, and a FAIL line for each page without (a captured page
    may have been edited by hand)."""
    pages: list[tuple[Path, Fixture]] = []
    bad: list[PageResult] = []
    for path in page_files(folder):
        try:
            pages.append((path, read_fixture(path)))
        except (ValueError, OSError) as exc:  # pydantic's ValidationError is a ValueError
            bad.append(PageResult(path.name, "", "unknown", "", (f"metadata unreadable: {str(exc).splitlines()[0]}",)))
    return pages, bad


def override_sources() -> list[tuple[Catalogue, Path]]:
    """Seam for local overrides (what ``teach`` writes): each edited map with its own fixtures.

    Returns none: overrides are not checked by selftest. :func:`run` would check each pair exactly
    like the bundled maps.
    """
    return []


async def run(browser: Browser, catalogue: Catalogue, folder: Path | None = None) -> SelftestReport:
    """Check every page in ``folder`` (default: the bundled fixtures) against ``catalogue``."""
    bundled = folder is None
    folder = folder or pages_dir()
    report = SelftestReport(str(folder))
    pages, unreadable = _read_pages(folder)
    started = time.perf_counter()
    queue = list(enumerate(pages))
    results: list[PageResult | None] = [None] * len(pages)

    async def worker() -> None:
        tab = Tab(browser, catalogue.site)
        try:
            while queue:
                i, (path, fixture) = queue.pop(0)
                results[i] = await check_fixture(tab, fixture, page_html(path), catalogue)
        finally:
            await tab.close()

    await asyncio.gather(*(worker() for _ in range(min(PARALLEL, len(pages)))))
    report.pages = sorted([*unreadable, *(r for r in results if r is not None)], key=lambda r: r.file)
    if bundled:  # every map entry must be proven by some bundled page; a captured folder proves what it holds
        report.unproven = unproven(catalogue, report.pages, [f for _p, f in pages])
    for override, fixtures_folder in override_sources():
        extra = await run(browser, override, fixtures_folder)
        report.pages += extra.pages
    report.seconds = time.perf_counter() - started
    return report


async def selftest(folder: Path | None = None, executable: str | os.PathLike[str] | None = None) -> SelftestReport:
    """Launch the person's own browser headless (as ``doctor`` finds it) and :func:`run`."""
    from playwright.async_api import async_playwright

    from automation.catalogue.loader import load_catalogue
    from automation.errors import BrowserNotFoundError
    from automation.session.browser import launch

    catalogue = load_catalogue()
    async with async_playwright() as playwright:
        try:
            browser = await launch(playwright, headless=True, executable=executable)
        except BrowserNotFoundError:
            raise
        except Exception as exc:  # noqa: BLE001 - a browser that will not start is the finding
            raise BrowserNotFoundError(f"the browser does not start: {str(exc).splitlines()[0]}",
                                       hint="set LINKEDIN_OPTOUT_BROWSER to a working Chrome/Chromium") from exc
        try:
            return await run(browser, catalogue, folder)
        finally:
            await browser.close()
