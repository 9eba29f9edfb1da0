"""Settings from the environment and ``.env``, all with one prefix: ``LINKEDIN_OPTOUT_``.

| variable                        | meaning                                          | default            |
|---------------------------------|--------------------------------------------------|--------------------|
| LINKEDIN_OPTOUT_PROFILE         | which sign-in profile to use                     | default            |
| LINKEDIN_OPTOUT_BROWSER         | Chrome/Chromium executable                       | found automatically|
| LINKEDIN_OPTOUT_HEADLESS        | run the browser without a window                 | true               |
| LINKEDIN_OPTOUT_PACE            | seconds between changes                          | a few, with jitter |
| LINKEDIN_OPTOUT_CONCURRENCY     | pages at once; with pace 0, changes overlap too  | 3, changes serial  |
| LINKEDIN_OPTOUT_REPORT_DIR      | where run reports go                             | the state folder   |
| LINKEDIN_OPTOUT_LOG_LEVEL       | WARNING, INFO or DEBUG                           | WARNING            |
| LINKEDIN_OPTOUT_NOTIFY          | apprise URLs for alerts, comma-separated         | none               |

A wrong value stops the program with one line naming the variable.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from automation.errors import ConfigError

PREFIX = "LINKEDIN_OPTOUT_"


class Config(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=PREFIX, env_file=".env", extra="ignore",
                                      env_ignore_empty=True)

    profile: str = Field("default", pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
    browser: Path | None = None
    headless: bool = True
    pace: float | None = Field(None, ge=0, le=600)
    concurrency: int | None = Field(None, ge=1, le=16)  # None: 3, with changes one at a time
    report_dir: Path | None = None
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "WARNING"
    notify: str = ""  # a secret (webhook tokens): never printed

    def notify_urls(self) -> list[str]:
        return [u.strip() for u in self.notify.split(",") if u.strip()]


def load_config(**overrides: object) -> Config:
    """Read the configuration; ``overrides`` are command-line values (None = not given)."""
    given = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Config.model_validate(given)
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0]) if first["loc"] else "?"
        source = f"{PREFIX}{name.upper()}" if name not in given else f"--{name.replace('_', '-')}"
        raise ConfigError(f"{source}: {first['msg']} (got {first.get('input')!r})") from exc
