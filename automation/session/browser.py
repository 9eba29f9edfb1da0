"""Find a Chromium-family browser and launch it.

Order: ``LINKEDIN_OPTOUT_BROWSER``, then Playwright's own Chromium, then the usual Chrome and
Chromium install paths on Linux, macOS and Windows. When none exists, one line says what to
install. No stealth flags, no user-agent spoofing: the honest mitigations are the user's own
profile, few pages and a human pace (docs/playwright.md#headless-and-honesty).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from automation.errors import BrowserNotFoundError, ConfigError

if TYPE_CHECKING:
    from playwright.async_api import Page

ENV_VAR = "LINKEDIN_OPTOUT_BROWSER"

INSTALL_HINT = (
    "install one: `python -m playwright install chromium`, or Google Chrome, or on Debian/Ubuntu "
    f"`sudo apt-get install chromium`; or set {ENV_VAR} to a Chrome/Chromium executable"
)

_LINUX_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
_MAC_PATHS = (
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "~/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "~/Applications/Chromium.app/Contents/MacOS/Chromium",
)
_WINDOWS_SUFFIXES = (r"Google\Chrome\Application\chrome.exe", r"Chromium\Application\chrome.exe")


def system_browsers() -> list[str]:
    """Chrome/Chromium executables installed on this system, most likely first."""
    found: list[str] = []
    if sys.platform == "darwin":
        found = [str(Path(p).expanduser()) for p in _MAC_PATHS]
    elif sys.platform == "win32":
        roots = [os.environ.get(v) for v in ("PROGRAMFILES", "PROGRAMFILES(X86)", "LOCALAPPDATA")]
        found = [str(Path(r) / s) for r in roots if r for s in _WINDOWS_SUFFIXES]
    else:
        found = [w for name in _LINUX_NAMES if (w := shutil.which(name))]
        found += [f"/usr/bin/{n}" for n in _LINUX_NAMES] + ["/opt/google/chrome/chrome"]
    seen: list[str] = []
    for path in found:
        if path not in seen and os.path.isfile(path) and os.access(path, os.X_OK):
            seen.append(path)
    return seen


def configured(value: str | os.PathLike[str] | None) -> str | None:
    """The browser the user named (``LINKEDIN_OPTOUT_BROWSER`` or ``.env``), checked."""
    value = value or os.environ.get(ENV_VAR)
    if not value:
        return None
    if not (os.path.isfile(value) and os.access(value, os.X_OK)):
        raise ConfigError(f"{ENV_VAR}={value} is not an executable file")
    return str(value)


def managed_browser(executable_path: str) -> bool:
    """Whether Playwright's own Chromium (at ``playwright.chromium.executable_path``) is installed."""
    return bool(executable_path) and os.path.isfile(executable_path)


def choose(playwright_chromium_path: str, named: str | os.PathLike[str] | None = None) -> str | None:
    """The executable to launch; ``None`` means Playwright's own Chromium."""
    if explicit := configured(named):
        return explicit
    if managed_browser(playwright_chromium_path):
        return None
    if system := system_browsers():
        return system[0]
    raise BrowserNotFoundError("no Chrome or Chromium browser found", hint=INSTALL_HINT)


def has_display() -> bool:
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def require_display(headless: bool) -> None:
    if not headless and not has_display():
        raise ConfigError("no display for a visible browser (DISPLAY is not set); run headless or use xvfb-run")


async def launch(playwright, *, headless: bool = True, args: list[str] | None = None,
                 executable: str | os.PathLike[str] | None = None):
    """Launch a Chromium-family browser with the async API."""
    require_display(headless)
    path = choose(playwright.chromium.executable_path, executable)
    # handle_sigint=False: Ctrl-C reaches Playwright's driver too (same process group), and by
    # default it would close the browser under a change in flight; the CLI handles the signal.
    return await playwright.chromium.launch(executable_path=path, headless=headless, args=args or [],
                                            handle_sigint=False)


async def close_page(page: Page, seconds: float = 10) -> None:
    """Close a page, bounded: closing Chromium's own error page (LinkedIn unreachable) was seen to
    hang on a busy machine; the browser context closes it with the rest."""
    import asyncio
    import contextlib

    from playwright.async_api import Error as PlaywrightError

    with contextlib.suppress(TimeoutError, PlaywrightError):
        await asyncio.wait_for(page.close(), seconds)
