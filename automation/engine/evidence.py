"""Failure evidence: a screenshot and a sanitized HTML snapshot of the page as it was.

Saved into the run's private folder (0700, files 0600) when a setting ends ``not_found``,
``ambiguous`` or ``failed``, and named in the report. Best effort: a failure to save evidence
becomes a warning and never hides the result it documents.
"""

from __future__ import annotations

from pathlib import Path

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from automation.catalogue.models import SiteMap
from automation.engine.sanitize import sanitize_html
from automation.errors import FolderError
from automation.private import private_dir, write_private


async def member_name(page: Page, site: SiteMap) -> str | None:
    """The signed-in member's name from the global nav (to remove it from evidence; whoami)."""
    for selector in site.session.name_selectors:
        element = page.locator(selector).first  # any of them names the same member; reading only
        if await element.count():
            name = await element.get_attribute("alt") or await element.text_content()
            if name and name.strip():
                return " ".join(name.split())
    return None


async def snapshot(page: Page, site: SiteMap) -> str:
    """The page's current HTML with personal data and session values removed."""
    cookies = await page.context.cookies()
    try:
        name = await member_name(page, site)
    except PlaywrightError:
        name = None
    return sanitize_html(await page.content(), names=[name], secrets=[c["value"] for c in cookies])


async def save_evidence(page: Page, folder: Path, stem: str, site: SiteMap) -> tuple[list[str], str | None]:
    """Returns (paths written, warning or None)."""
    try:
        private_dir(folder)
        html = write_private(folder / f"{stem}.html", await snapshot(page, site))
        png, warning = await save_screenshot(page, folder, stem)
        return [p for p in (png, str(html)) if p], warning
    except (PlaywrightError, FolderError, OSError) as exc:
        return [], f"could not save evidence: {_first_line(exc)}"


async def save_screenshot(page: Page, folder: Path, stem: str) -> tuple[str | None, str | None]:
    """A full-page screenshot as ``folder/stem.png`` (0600). Returns (path or None, warning or None)."""
    try:
        private_dir(folder)
        png = write_private(folder / f"{stem}.png", await page.screenshot(full_page=True, timeout=10_000))
        return str(png), None
    except (PlaywrightError, FolderError, OSError) as exc:
        return None, f"could not save a screenshot: {_first_line(exc)}"


def _first_line(exc: Exception) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0]
