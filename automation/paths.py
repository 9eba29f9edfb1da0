"""Where the tool keeps things on this machine (per platform, via platformdirs).

- profiles: the browser profiles that hold each person's LinkedIn session (secret, 0700);
- state: run history, scheduled-run logs and reports (private, 0700).
On Linux these follow XDG_DATA_HOME and XDG_STATE_HOME, which the tests point at temp folders.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP = "linkedin-optout"


def data_root() -> Path:
    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def profiles_root() -> Path:
    return data_root() / "profiles"


def state_root() -> Path:
    return Path(platformdirs.user_state_dir(APP, appauthor=False))


def reports_root(configured: Path | None = None) -> Path:
    return Path(configured).expanduser() if configured else state_root() / "reports"
