"""Make a browser available: ``python -m automation.session.browser_setup`` (run by ``make``).

In this order: Playwright's own Chromium if it is installed or can be installed; else a
system Chrome or Chromium; else, on Debian/Ubuntu as root, ``apt-get install chromium``. Prints
one line saying which browser will be used; exits 2 with one line saying what to install if none.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from automation.exit_codes import ExitCode
from automation.session.browser import ENV_VAR, INSTALL_HINT, configured, managed_browser, system_browsers

INSTALL_TIMEOUT = 600  # seconds for Playwright's download; offline it fails within seconds


def _playwright_chromium_path() -> str:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        return p.chromium.executable_path


def _try_playwright_install() -> bool:
    try:
        done = subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"],
                              capture_output=True, text=True, timeout=INSTALL_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def _try_apt() -> bool:
    if not (sys.platform.startswith("linux") and hasattr(os, "geteuid") and os.geteuid() == 0
            and shutil.which("apt-get")):
        return False
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "--no-install-recommends",
                                                 "chromium", "fonts-liberation"]):
        if subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL).returncode != 0:
            return False
    return bool(system_browsers())


def ensure_browser() -> str:
    """Return a description of the browser that will be used, installing one if needed."""
    if explicit := configured(None):
        return f"{explicit} (from {ENV_VAR})"
    managed = _playwright_chromium_path()
    if managed_browser(managed):
        return f"Playwright's Chromium at {managed}"
    print("browser: trying `playwright install chromium` ...", file=sys.stderr)
    if _try_playwright_install() and managed_browser(managed):
        return f"Playwright's Chromium at {managed}"
    if found := system_browsers():
        return f"system browser {found[0]}"
    print("browser: Playwright's download failed and no system browser found; trying apt-get ...", file=sys.stderr)
    if _try_apt():
        return f"system browser {system_browsers()[0]} (installed with apt-get)"
    print(f"linkedin-optout: error: no Chrome or Chromium browser found ({INSTALL_HINT})", file=sys.stderr)
    raise SystemExit(ExitCode.USAGE)


if __name__ == "__main__":
    print(f"browser: {ensure_browser()}")
