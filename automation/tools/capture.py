"""``capture``: save every settings page, sanitized, in the fixtures format.

Someone whose LinkedIn looks different (another language, an A/B test, a new layout) can send
these files as new fixtures. Nothing is clicked and every save is blocked: capturing only reads.
Each file's metadata records what the selector maps read on it, so a maintainer can see at once
whether the maps still fit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from playwright.async_api import BrowserContext

from automation.catalogue.loader import load_catalogue
from automation.catalogue.models import Catalogue, Setting
from automation.catalogue.overrides import adopted
from automation.catalogue.saved_pages import metadata_line
from automation.engine.evidence import snapshot
from automation.engine.guards import Verdict, check_page
from automation.engine.locate import page_lang
from automation.engine.navigate import open_settings_page
from automation.engine.options import Retry, Timeouts, Waits
from automation.engine.read import Reader, Reading, setting_switch
from automation.engine.safety import SaveLog, guard_saves
from automation.engine.settle import NetworkWatch, settle
from automation.engine.stops import GUARD_STATUS, STOPS
from automation.engine.survey import settings_links
from automation.exit_codes import ExitCode
from automation.private import private_dir, write_private
from automation.results.report import exit_code_for
from automation.session.browser import close_page

_KIND = {Verdict.OK: "settings", Verdict.SIGNED_OUT: "signed_out", Verdict.CHALLENGE: "challenge",
         Verdict.REFUSED: "refused", Verdict.UNAVAILABLE: "unavailable", Verdict.RATE_LIMITED: "rate_limited"}


@dataclass(frozen=True)
class Captured:
    """One page: the file it was (or would have been) saved as, and a one-line summary."""

    path: Path
    summary: str
    saved: bool = True


@dataclass
class Capture:
    pages: list[Captured]
    stopped_by: Verdict | None = None  # the wall, refusal or unreachable site that ended it early

    @property
    def saved(self) -> list[Captured]:
        return [p for p in self.pages if p.saved]

    @property
    def exit_code(self) -> ExitCode:
        """Why it stopped, as a run's stop counts (stops.py), by the one precedence table: a wall
        or a refusal 5, an unreachable site 6; a capture that went through, 0."""
        return exit_code_for([GUARD_STATUS[self.stopped_by]]) if self.stopped_by else ExitCode.OK


async def capture(context: BrowserContext, folder: Path, *, catalogue: Catalogue | None = None,
                  waits: Waits | None = None) -> Capture:
    """Every page, saved or not, with a one-line summary each. Stops at a wall, a refusal or an
    unreachable site (``stopped_by``). States are read as the run reads them (engine/read.py):
    once the page has settled, an "off" only at the minimum age."""
    catalogue, waits = catalogue or load_catalogue(), waits or Waits()
    timeouts, retry = waits.timeouts, waits.retry
    pages: dict[str, list[Setting]] = {}  # one file per page: named for its map, or an adopted setting's id
    by_path: dict[str, str] = {}
    for s in catalogue.settings:
        page_id = by_path.setdefault(s.path, s.id if adopted(s) else Path(s.map_file).stem)
        pages.setdefault(page_id, []).append(s)
    private_dir(folder)
    written: list[Captured] = []
    stopped_by: Verdict | None = None
    for page_id, settings in pages.items():
        page = await context.new_page()
        try:
            await guard_saves(page, catalogue.site, allow_saves=False, log=SaveLog())
            watch = NetworkWatch(page, catalogue.site.network.long_lived, catalogue.site.state)
            url = catalogue.url(settings[0])
            check = await open_settings_page(page, url, settings, catalogue.site, timeouts, retry, watch=watch)
            lang = await page_lang(page) if check.verdict is not Verdict.UNREACHABLE else "en"
            expect: dict[str, str] = {}
            said: dict[str, str] = {}  # the summary's words: also "unconfirmed", which no fixture may claim
            if check.verdict is Verdict.OK:
                reader = Reader({page: watch}, catalogue.site, timeouts)
                looked = await reader.read(page, (settings[0].path, *settings[0].aliases),
                                           [setting_switch(page, s, lang, settings) for s in settings], first=check)
                if looked.unsettled is not None and looked.unsettled.problem:
                    written.append(Captured(folder / f"{page_id}.captured.html",
                                            f"not saved: {looked.unsettled.problem}", saved=False))
                    continue
                if looked.unsettled is not None:  # a wall drawn when the page's data came back
                    check = looked.unsettled.check or check
                said = {s_id: _word(reading) for s_id, reading in looked.readings.items()}
                expect = {s_id: word for s_id, word in said.items() if word != "unconfirmed"}
            if check.verdict not in _KIND:  # kept failing to load, or unreachable: nothing worth saving
                written.append(Captured(folder / f"{page_id}.captured.html", f"not saved: {check.reason}",
                                        saved=False))
                if check.verdict in STOPS:
                    stopped_by = check.verdict
                    break
                continue
            kind = _KIND[check.verdict]
            name = f"{page_id}.captured.html"
            meta = {"file": name, "url": url, "kind": kind, "lang": lang or "en",
                    "note": f"captured with linkedin-optout capture on {date.today().isoformat()}", "expect": expect}
            path = write_private(folder / name, metadata_line(meta) + await snapshot(page, catalogue.site))
            summary = ", ".join(f"{k} {v}" for k, v in said.items()) or f"{kind}: {check.reason}"
            written.append(Captured(path, summary))
            if check.verdict in STOPS:
                stopped_by = check.verdict
                break  # the rest would show the same wall, or LinkedIn said no
        finally:
            await close_page(page)
    else:  # no wall, no refusal: the category pages too, whose real shape nobody here has seen
        for category in catalogue.site.discovery.category_paths if catalogue.site.discovery else []:
            written.append(await _category(context, folder, catalogue, category, timeouts, retry))
    return Capture(written, stopped_by)


def _word(reading: Reading) -> str:
    """A setting as the fixtures' metadata says it, its state believed as the run believes it
    (engine/read.py): an "off" the page's own data contradicts is "unconfirmed"."""
    if reading.belief.problem:
        return "unconfirmed"
    word = reading.switch.word
    return "not_found" if word == "unreadable" else word


async def _category(context: BrowserContext, folder: Path, catalogue: Catalogue, path: str, timeouts: Timeouts,
                    retry: Retry) -> Captured:
    """One category index page, sanitized, with the settings links the run would read from it."""
    site, facts = catalogue.site, catalogue.site.discovery
    assert facts is not None
    name = f"category-{path.rstrip('/').rsplit('/', 1)[-1]}.captured.html"
    page = await context.new_page()
    try:
        await guard_saves(page, site, allow_saves=False, log=SaveLog())
        watch = NetworkWatch(page, site.network.long_lived)

        async def links(page=page) -> list[str]:
            return await settings_links(page, site.base_url, facts)

        async def ready(page) -> bool:
            return bool(await links(page))

        check = await open_settings_page(page, site.base_url + path, [], site, timeouts, retry, watch=watch,
                                         expected=(path,), ready=ready)
        if check.verdict is not Verdict.OK:
            return Captured(folder / name, f"not saved: {check.reason}", saved=False)
        settled = await settle(watch, lambda: check_page(page, site, (path,)), links, window=timeouts.settle_window,
                               timeout=timeouts.render, first=check)
        if not settled.ok:
            return Captured(folder / name, f"not saved: {settled.problem or 'the page changed while it was read'}",
                            saved=False)
        meta = {"file": name, "url": site.base_url + path, "kind": "category", "lang": await page_lang(page),
                "links": settled.value or [], "note": f"captured with linkedin-optout capture on {date.today().isoformat()}"}
        saved = write_private(folder / name, metadata_line(meta) + await snapshot(page, site))
        return Captured(saved, f"category: {len(settled.value or [])} settings link(s)")
    finally:
        await close_page(page)
