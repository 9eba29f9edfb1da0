"""Evidence: screenshots and a sanitized HTML snapshot of a page as the run left it.

Failure evidence (a full-page screenshot and the snapshot) is saved into the run's private folder
(0700, files 0600) when a setting ends ``not_found``, ``ambiguous`` or ``failed``, and named in
the report. For the HTML report every page is photographed whole, and each setting's card (its
switch and label) once more on its own, so that the report shows the switches and links the
pages. Best effort: a failure to save evidence becomes a warning and never hides the result it
documents.
"""

from __future__ import annotations

from pathlib import Path

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Locator, Page

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


# Images the run never fetched (a lean load skips them) would be drawn as broken-image icons: the
# screenshots leave them blank instead. Applied only while the screenshot is taken; the page's
# own DOM is not touched. Inline (data:) images were never blocked and stay.
UNFETCHED_IMAGES = 'img:not([src^="data:"]) { visibility: hidden !important; }'

# A setting's card, in document coordinates: the smallest element holding the switch and every
# element that labels it (aria-labelledby, <label for>, a wrapping <label>), i.e. its row; without
# a label element, the nearest ancestor with text of its own. A card taller than MAX_CARD (a whole
# page's section) gives way to the switch and its labels alone. PAD pixels of margin all round.
PAD = 12
MAX_CARD = 320
_CARD_BOX = """
(el, [pad, maxHeight]) => {
  const labels = (el.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean)
    .map((id) => document.getElementById(id)).filter(Boolean);
  if (el.labels) labels.push(...el.labels);
  const wrapping = el.closest("label");
  if (wrapping) labels.push(wrapping);
  const top = document.body;
  let card = el.parentElement;
  if (labels.length) {
    while (card && card !== top && !labels.every((l) => card.contains(l))) card = card.parentElement;
  } else {
    while (card && card !== top && !(card.innerText || "").trim()) card = card.parentElement;
  }
  let rects = [el, ...labels].map((e) => e.getBoundingClientRect());
  if (card && card !== top && card.getBoundingClientRect().height <= maxHeight) rects = [card.getBoundingClientRect()];
  const left = Math.min(...rects.map((r) => r.left)), right = Math.max(...rects.map((r) => r.right));
  const upper = Math.min(...rects.map((r) => r.top)), lower = Math.max(...rects.map((r) => r.bottom));
  const doc = document.documentElement;
  const x = Math.max(0, Math.floor(left + window.scrollX - pad));
  const y = Math.max(0, Math.floor(upper + window.scrollY - pad));
  const width = Math.min(doc.scrollWidth, Math.ceil(right + window.scrollX + pad)) - x;
  const height = Math.min(doc.scrollHeight, Math.ceil(lower + window.scrollY + pad)) - y;
  return {x, y, width, height};
}
"""


async def save_screenshot(page: Page, folder: Path, stem: str) -> tuple[str | None, str | None]:
    """A full-page screenshot as ``folder/stem.png`` (0600). Returns (path or None, warning or None)."""
    try:
        private_dir(folder)
        shot = await page.screenshot(full_page=True, timeout=10_000, style=UNFETCHED_IMAGES)
        png = write_private(folder / f"{stem}.png", shot)
        return str(png), None
    except (PlaywrightError, FolderError, OSError) as exc:
        return None, f"could not save a screenshot: {_first_line(exc)}"


async def save_card(page: Page, control: Locator, folder: Path, stem: str) -> tuple[str | None, str | None]:
    """The switch's card (see ``_CARD_BOX``) as ``folder/stem.png`` (0600), at the page's own scale.
    Only for a control that still resolves to exactly one element. Returns (path or None, warning or None)."""
    try:
        if await control.count() != 1:
            return None, "could not photograph the switch: it no longer resolves to exactly one element"
        box = await control.evaluate(_CARD_BOX, [PAD, MAX_CARD], timeout=5_000)
        if box["width"] <= 0 or box["height"] <= 0:
            return None, "could not photograph the switch: it is not drawn on the page"
        private_dir(folder)
        shot = await page.screenshot(clip=box, full_page=True, timeout=10_000, style=UNFETCHED_IMAGES)
        return str(write_private(folder / f"{stem}.png", shot)), None
    except (PlaywrightError, FolderError, OSError) as exc:
        return None, f"could not photograph the switch: {_first_line(exc)}"


def _first_line(exc: Exception) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0]
