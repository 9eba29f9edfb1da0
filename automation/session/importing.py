"""Bring a session made elsewhere into a profile, for machines without a screen.

Sources: a Playwright storage-state file, or ``LINKEDIN_LI_AT`` and ``LINKEDIN_JSESSIONID`` from
the environment or ``.env``. Caveats (README): li_at alone is known to loop between the authwall
and the login page; LinkedIn ties sessions to the machine and IP, so a session copied from
another machine may be expired early or challenged. Values are never printed: messages say
which cookie is missing or malformed, never what it holds.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from dotenv import dotenv_values

from automation.catalogue.models import SiteMap
from automation.errors import NoSessionGivenError, StateFileError
from automation.redact import register

ENV_SESSION, ENV_CSRF = "LINKEDIN_LI_AT", "LINKEDIN_JSESSIONID"
YEAR = 365 * 86400


def _cookie(name: str, value: str, site: SiteMap, *, http_only: bool, expires: float | None = None) -> dict:
    return {"name": name, "value": value, "domain": site.session.cookie_domain, "path": "/",
            "expires": expires if expires and expires > 0 else time.time() + YEAR,
            "httpOnly": http_only, "secure": True, "sameSite": "None"}


def from_environment(site: SiteMap, env_file: str | os.PathLike[str] = ".env") -> tuple[list[dict], list[str]]:
    """Cookies from the environment (which wins) or ``.env``; and warnings."""
    file_values = {k: v for k, v in dotenv_values(env_file).items() if v} if Path(env_file).is_file() else {}
    li_at = os.environ.get(ENV_SESSION) or file_values.get(ENV_SESSION)
    jsession = os.environ.get(ENV_CSRF) or file_values.get(ENV_CSRF)
    register(li_at, jsession)
    if not li_at:
        raise NoSessionGivenError(f"no session given: set {ENV_SESSION} (and {ENV_CSRF}) in the environment or .env, "
                                  "or pass --storage-state FILE")
    warnings = []
    cookies = [_cookie(site.session.session_cookie, li_at.strip(), site, http_only=True)]
    if jsession:
        value = jsession.strip()
        cookies.append(_cookie(site.session.csrf_cookie, value if value.startswith('"') else f'"{value}"', site,
                               http_only=False))
    else:
        warnings.append(f"{ENV_CSRF} is not set: li_at alone is known to loop between LinkedIn's authwall and "
                        "login; export both cookies if the session does not work")
    return cookies, warnings


def from_storage_state(path: Path, site: SiteMap) -> tuple[list[dict], list[str]]:
    """LinkedIn's cookies from a Playwright storage-state file (``context.storage_state()``)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StateFileError(f"storage-state file {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise StateFileError(f"cannot read storage-state file {path}: {exc.__class__.__name__}") from None
    except ValueError:
        # Not chained: a JSON error message quotes the file's text, which may hold a cookie.
        raise StateFileError(f"{path} is not a Playwright storage-state file (not valid JSON)") from None
    if not isinstance(data, dict) or not isinstance(data.get("cookies"), list):
        raise StateFileError(f"{path} is not a Playwright storage-state file (no \"cookies\" list)")
    host = site.base_url.split("://", 1)[1]
    cookies = []
    for i, c in enumerate(data["cookies"]):
        if not isinstance(c, dict) or not all(isinstance(c.get(k), str) for k in ("name", "value", "domain")):
            raise StateFileError(f"{path}: cookies[{i}] lacks a name, value or domain")
        register(c["value"])
        if not host.endswith(c["domain"].lstrip(".")):
            continue
        cookies.append({"name": c["name"], "value": c["value"], "domain": c["domain"], "path": c.get("path") or "/",
                        "expires": c["expires"] if isinstance(c.get("expires"), (int, float)) and c["expires"] > 0
                        else time.time() + YEAR,
                        "httpOnly": bool(c.get("httpOnly")), "secure": bool(c.get("secure", True)),
                        "sameSite": c.get("sameSite") if c.get("sameSite") in ("Strict", "Lax", "None") else "None"})
    names = {c["name"] for c in cookies}
    if site.session.session_cookie not in names:
        raise StateFileError(f"{path} holds no LinkedIn session cookie ({site.session.session_cookie})")
    warnings = [] if site.session.csrf_cookie in names else [
        f"{path} has no {site.session.csrf_cookie}: li_at alone is known to loop between authwall and login"]
    return cookies, warnings
