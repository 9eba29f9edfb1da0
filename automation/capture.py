"""``capture``: save every settings page, sanitized, in the fixtures format.

Someone whose LinkedIn looks different (another language, an A/B test, a new layout) can send
these files as new fixtures. Nothing is clicked and every save is blocked: capturing only reads.
Each file's metadata records what the selector maps read on it, so a maintainer can see at once
whether the maps still fit.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from playwright.async_api import BrowserContext

from .evidence import snapshot
from .fixtures import metadata_line
from .guards import Verdict
from .locate import locate, page_lang, read_state
from .maps import Catalogue, Setting, load_catalogue
from .private import private_dir, write_private
from .safety import SaveLog, guard_saves
from .visit import Retry, Timeouts, open_settings_page

_KIND = {Verdict.OK: "settings", Verdict.SIGNED_OUT: "signed_out", Verdict.CHALLENGE: "challenge",
         Verdict.UNAVAILABLE: "unavailable", Verdict.RATE_LIMITED: "rate_limited"}


async def capture(context: BrowserContext, folder: Path, *, catalogue: Catalogue | None = None,
                  timeouts: Timeouts | None = None, retry: Retry | None = None) -> list[tuple[Path, str]]:
    """Returns (file written, one-line summary) per page. Stops at a login wall or challenge."""
    catalogue = catalogue or load_catalogue()
    pages: dict[str, list[Setting]] = {}
    for s in catalogue.settings:
        pages.setdefault(Path(s.map_file).stem, []).append(s)
    private_dir(folder)
    written: list[tuple[Path, str]] = []
    for page_id, settings in pages.items():
        page = await context.new_page()
        try:
            await guard_saves(page, catalogue.site, allow_saves=False, log=SaveLog())
            url = catalogue.url(settings[0])
            check = await open_settings_page(page, url, settings, catalogue.site, timeouts or Timeouts(),
                                             retry or Retry())
            lang = await page_lang(page)
            expect: dict[str, str] = {}
            if check.verdict is Verdict.OK:
                for s in settings:
                    found = await locate(page, s, lang, len(settings))
                    if found.control is None:
                        expect[s.id] = "ambiguous" if found.count > 1 else "not_found"
                    else:
                        state = await read_state(found.control)
                        expect[s.id] = "not_found" if state is None else ("on" if state else "off")
            if check.verdict not in _KIND:  # kept failing to load: nothing worth saving
                written.append((folder / f"{page_id}.captured.html", f"not saved: {check.reason}"))
                continue
            kind = _KIND[check.verdict]
            name = f"{page_id}.captured.html"
            meta = {"file": name, "url": url, "kind": kind, "lang": lang or "en",
                    "note": f"captured with linkedin-optout capture on {date.today().isoformat()}", "expect": expect}
            path = write_private(folder / name, metadata_line(meta) + await snapshot(page, catalogue.site))
            summary = ", ".join(f"{k} {v}" for k, v in expect.items()) or f"{kind}: {check.reason}"
            written.append((path, summary))
            if check.verdict in (Verdict.SIGNED_OUT, Verdict.CHALLENGE):
                break  # the rest would show the same wall
        finally:
            await page.close()
    return written
