"""Close-ups for the HTML report: each item before its deletion, and its page after the reload.

Best effort, like every piece of evidence (engine/evidence.py): a failure to photograph is a
warning on the item and never changes its status. Files are 0600 in the run's private folder.
They show the person's own content, so they stay beside the report, on this machine.
"""

from __future__ import annotations

from pathlib import Path

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import FloatRect, Locator, Page

from automation.engine.evidence import UNFETCHED_IMAGES
from automation.errors import FolderError
from automation.private import private_dir, write_private

PAD = 8
MAX_HEIGHT = 480  # a close-up, not the page: taller items are cut at this height
AFTER = "main"  # the page's content area: what a reload shows where the item was


async def close_up(page: Page, element: Locator | None, folder: Path, stem: str) -> tuple[str | None, str | None]:
    """``element`` (or the page's content, else its top) as ``folder/stem.png``: (path, warning)."""
    try:
        target = element if element is not None else page.locator(AFTER)
        box = await target.bounding_box(timeout=3_000) if await target.count() == 1 else None
        viewport = page.viewport_size or {"width": 1280, "height": 720}
        clip: FloatRect
        if box is None or box["width"] <= 0 or box["height"] <= 0:
            clip = {"x": 0, "y": 0, "width": viewport["width"], "height": min(MAX_HEIGHT, viewport["height"])}
        else:
            scroll = await page.evaluate("() => [window.scrollX, window.scrollY]")
            x, y = max(0.0, box["x"] + scroll[0] - PAD), max(0.0, box["y"] + scroll[1] - PAD)
            clip = {"x": x, "y": y, "width": box["width"] + 2 * PAD, "height": min(MAX_HEIGHT, box["height"] + 2 * PAD)}
        shot = await page.screenshot(clip=clip, full_page=True, timeout=10_000, style=UNFETCHED_IMAGES)
        private_dir(folder)
        return str(write_private(folder / f"{stem}.png", shot)), None
    except (PlaywrightError, FolderError, OSError) as exc:
        return None, f"could not photograph it: {(str(exc).splitlines() or [type(exc).__name__])[0]}"
