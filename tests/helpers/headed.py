"""Fixtures for the headed tests: a real window on a virtual screen, and what is kept when one fails.

``screen`` starts one Xvfb per test process (each pytest-xdist worker has its own, on a display
number no one else holds) and stops it at the end; without Xvfb every headed test is skipped with
the reason (a failure under CI: tests/helpers/ci_skips.py). ``window`` gives the test that display
(DISPLAY) and a ``keep`` the scripted person calls while the browser window is still open: a
picture of the whole screen (the window with its frame and address bar) and of each page. They
are kept under .artifacts/test-results/<test>/ only when the test fails.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.async_api import BrowserContext, Page

from tests.conftest import ARTIFACTS
from tests.helpers import xvfb
from tests.helpers.ci_skips import tool_skip


@pytest.fixture(scope="session")
def screen() -> Iterator[xvfb.Screen]:
    try:
        started = xvfb.start()
    except xvfb.NoXvfb as exc:
        tool_skip(str(exc))
    yield started
    started.stop()


class Window:
    """What a headed test's scripted person may keep of the window it works in."""

    def __init__(self, screen: xvfb.Screen, folder: Path) -> None:
        self.screen, self.folder, self.kept = screen, folder, 0

    async def keep(self, where: Page | BrowserContext, name: str) -> None:
        """The screen and every page of ``where`` as they are now (kept only if the test fails)."""
        self.kept += 1
        stem = f"{self.kept:02d}-{re.sub(r'[^a-z0-9-]+', '-', name.lower())}"
        self.screen.png(self.folder / f"{stem}-screen.png")
        pages = where.pages if isinstance(where, BrowserContext) else [where]
        for n, page in enumerate(pages):
            try:
                await page.screenshot(path=str(self.folder / f"{stem}-page-{n}.png"), timeout=5_000)
            except Exception:  # noqa: BLE001 - a page that cannot be shot must not hide the test's own failure
                pass


@pytest.fixture
def window(request: pytest.FixtureRequest, screen: xvfb.Screen, tmp_path: Path,
           monkeypatch: pytest.MonkeyPatch) -> Iterator[Window]:
    monkeypatch.setenv("DISPLAY", screen.display)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    kept = Window(screen, tmp_path / "window")
    yield kept
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed and kept.folder.exists():
        target = ARTIFACTS / re.sub(r"[^\w.-]+", "-", request.node.nodeid).strip("-")[:150]
        shutil.copytree(kept.folder, target, dirs_exist_ok=True)
