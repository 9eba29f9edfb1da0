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
| LINKEDIN_OPTOUT_SELECTORS       | a folder of edited selector maps, to try them    | the installed maps |

``.env`` (in the current folder) counts for every one of them, the environment first. A wrong
value stops a command that uses it with one line naming the variable; a command that does not
use it runs with its default (``objection`` does not care about the pace).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from automation.errors import ConfigError

PREFIX = "LINKEDIN_OPTOUT_"
ENV_FILE = ".env"
# What a profile name may be (it names a folder: no path, no leading dot).
PROFILE_NAME = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"
# An apprise target always names its service before "://" (ntfy://, mailto://, json://, ...).
NOTIFY_URL = r"^[A-Za-z][A-Za-z0-9+.-]*://\S"
MAX_PACE = 600  # seconds between changes, at most
SECRET_FIELDS = frozenset({"notify"})  # their values may hold tokens: never echoed in an error
PROFILE_RULE = ("a profile name is 1 to 64 letters, digits, '.', '_' or '-', and starts with a letter or digit "
                "(no '/' and no leading '.')")


class Config(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=PREFIX, env_file=ENV_FILE, extra="ignore",
                                      env_ignore_empty=True)

    profile: str = "default"
    browser: Path | None = None
    headless: bool = True
    pace: float | None = Field(None, ge=0, le=MAX_PACE)
    concurrency: int | None = Field(None, ge=1, le=16)  # None: 3, with changes one at a time
    report_dir: Path | None = None
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "WARNING"
    notify: str = ""  # a secret (webhook tokens): never printed
    selectors: Path | None = None  # read where the maps are loaded (resources.selectors_dir)

    @field_validator("profile")
    @classmethod
    def _profile_name(cls, value: str) -> str:
        import re

        if not re.match(PROFILE_NAME, value):
            raise ValueError(PROFILE_RULE)
        return value

    @field_validator("selectors")
    @classmethod
    def _selectors_folder(cls, value: Path | None) -> Path | None:
        if value is not None and not value.expanduser().is_dir():
            raise ValueError("not a folder of selector maps")
        return value

    @field_validator("notify")
    @classmethod
    def _notify_targets(cls, value: str) -> str:
        import re

        for url in (u.strip() for u in value.split(",")):
            if url and not re.match(NOTIFY_URL, url):
                raise ValueError("each alert target is an apprise URL such as ntfy://TOPIC or "
                                 "mailto://USER:PASSWORD@HOST, comma-separated")
        return value

    def notify_urls(self) -> list[str]:
        return [u.strip() for u in self.notify.split(",") if u.strip()]


ALWAYS_USED = frozenset({"log_level"})  # every command sets up logging


def load_config(*, uses: Iterable[str] | None = None, **overrides: object) -> Config:
    """Read the configuration; ``overrides`` are command-line values (None = not given).

    ``uses``: the fields the command uses (None: all). A wrong value of any other field is no
    reason to refuse: that field keeps its default.
    """
    given = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Config.model_validate(given)
    except ValidationError as exc:
        errors = exc.errors()
        needed = None if uses is None else {*uses, *ALWAYS_USED, *given}
        refused = [e for e in errors if needed is None or _field(e) in needed]
        if refused:
            raise ConfigError(_one_line(refused[0], given)) from exc
        unused = {_field(e): Config.model_fields[_field(e)].default for e in errors}
        return Config.model_validate({**unused, **given})


def _field(error) -> str:
    return str(error["loc"][0]) if error["loc"] else "?"


def _one_line(error, given: dict[str, object]) -> str:
    name = _field(error)
    source = f"{PREFIX}{name.upper()}" if name not in given else f"--{name.replace('_', '-')}"
    message = str(error["msg"]).removeprefix("Value error, ")
    if name in SECRET_FIELDS:
        return f"{source}: {message} (the value is not shown: it may hold a token)"
    return f"{source}: {message} (got {error.get('input')!r})"


def setting_value(name: str) -> str | None:
    """One variable as ``Config`` reads it: the environment first, then ``.env``; empty is unset.
    For the variables read outside ``Config`` (``LINKEDIN_OPTOUT_SELECTORS``)."""
    if value := os.environ.get(name):
        return value
    if not Path(ENV_FILE).is_file():
        return None
    from dotenv import dotenv_values

    return dotenv_values(ENV_FILE).get(name) or None


def report_root(configured: Path | None) -> Path:
    """The reports' folder, created private: ``LINKEDIN_OPTOUT_REPORT_DIR`` or the state folder's
    ``reports``. When it cannot be written, one line that names the variable it came from."""
    from automation.errors import FolderError
    from automation.paths import reports_root
    from automation.private import private_dir

    try:
        return private_dir(reports_root(configured))
    except FolderError as err:
        if configured is None:
            raise
        raise FolderError(f"{PREFIX}REPORT_DIR: {err.message}", hint=err.hint) from err
