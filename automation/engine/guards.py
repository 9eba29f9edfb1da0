"""Recognise the pages that stand between us and a switch.

Checked before looking for a switch and again after every navigation or reload: a sign-in wall,
a checkpoint or challenge, a refusal ("unusual activity", a restricted account), LinkedIn's "page
doesn't exist", a rate-limit page, a redirect away from the requested page, and the EU cookie
banner (rejected, never accepted). A wall counts whether LinkedIn redirects to it or draws it in
place at the settings URL: every marker kind (URL prefix, title, selector, text, HTTP status) is
used. All markers come from ``selectors/site.toml``; nothing here knows a LinkedIn URL.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from enum import Enum
from urllib.parse import urlsplit

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from automation.catalogue.models import SiteMap
from automation.engine.switches import SWITCH_SELECTOR, SWITCH_STATE


class Verdict(Enum):
    OK = "ok"
    SIGNED_OUT = "signed_out"
    CHALLENGE = "challenge"
    UNAVAILABLE = "unavailable"
    RATE_LIMITED = "rate_limited"
    REFUSED = "refused"  # LinkedIn said no (999, 403, a lasting 429, "unusual activity"): stop
    UNREACHABLE = "unreachable"  # no answer from LinkedIn at all (offline, DNS, connection, TLS): stop
    NAVIGATING = "navigating"  # the page is between documents; look again
    STOPPED = "stopped"  # the run had stopped, so the page was not loaded
    ERROR = "error"  # the page kept failing to load


@dataclass(frozen=True)
class PageCheck:
    verdict: Verdict
    reason: str = ""
    banner: bool = False  # the cookie banner is on the page (read in the same round trip)
    lang: str = "en"  # the page's language (<html lang>, primary subtag)
    # Every switch-like element's key and state (switches.SWITCH_STATE), read in the same round
    # trip: two equal fingerprints around a quiet window mean the page did not change its
    # switches (settle.py).
    switches: str = ""


# One round trip: which in-page markers are present. Texts are matched case-insensitively on the
# rendered text; a marker list may be empty.
_SCAN = """
(m) => {
  if (!document.documentElement) return null;  // between documents: nothing to look at yet
  const stateOf = SWITCH_STATE;
  const text = (document.body ? document.body.innerText : "").toLowerCase();
  const hit = (sels, texts) => {
    for (const s of sels) { try { if (document.querySelector(s)) return s; } catch (e) {} }
    for (const t of texts) { if (text.includes(t.toLowerCase())) return t; }
    return null;
  };
  return {
    title: document.title,
    lang: document.documentElement.lang || "",
    hasMain: !!document.querySelector("main"),
    challenge: hit(m.challenge.selectors, m.challenge.texts),
    refused: hit(m.refused.selectors, m.refused.texts),
    signedOut: hit(m.signed_out.selectors, m.signed_out.texts),
    unavailable: hit(m.unavailable.selectors, m.unavailable.texts),
    rateLimited: hit([], m.rate_limited.texts),
    banner: hit([m.cookie_banner.banner], []) !== null,
    switches: Array.from(document.querySelectorAll(SWITCH_SELECTOR))
      .map((e) => [e.getAttribute("aria-labelledby"), e.id, stateOf(e), e.isConnected].join("|")).join(";"),
  };
}
"""


SCAN_TIMEOUT = 10.0  # seconds


_SCAN = _SCAN.replace("SWITCH_SELECTOR", repr(SWITCH_SELECTOR)).replace("SWITCH_STATE", SWITCH_STATE)


def context_destroyed(exc: BaseException) -> bool:
    """Playwright's error when the document was replaced while we looked (a navigation): look
    again rather than fail."""
    return "context was destroyed" in str(exc) or "navigat" in str(exc)


def _normal(path: str) -> str:
    return path.rstrip("/") or "/"


def _starts(path: str, prefixes: list[str]) -> str | None:
    return next((p for p in prefixes if path.startswith(p)), None)


async def check_page(page: Page, site: SiteMap, expected_paths: tuple[str, ...]) -> PageCheck:
    """Classify the page as it is now. ``expected_paths`` are the settings page and its aliases."""
    url = urlsplit(page.url)
    path = url.path
    if prefix := _starts(path, site.challenge.path_prefixes):
        return PageCheck(Verdict.CHALLENGE, f"LinkedIn asks for a security check ({prefix}...)")
    if prefix := _starts(path, site.refused.path_prefixes):
        return PageCheck(Verdict.REFUSED, f"LinkedIn refused ({prefix}...)")
    if prefix := _starts(path, site.signed_out.path_prefixes):
        return PageCheck(Verdict.SIGNED_OUT, f"LinkedIn shows its sign-in page ({prefix})")
    markers = site.model_dump(include={"challenge", "refused", "signed_out", "unavailable", "rate_limited", "cookie_banner"})
    try:  # evaluate has no timeout of its own: a page stuck between documents must not hang the run
        scan = await asyncio.wait_for(page.evaluate(_SCAN, markers), SCAN_TIMEOUT)
    except TimeoutError:
        return PageCheck(Verdict.NAVIGATING)
    except PlaywrightError as exc:  # the document was replaced while we looked
        if context_destroyed(exc):
            return PageCheck(Verdict.NAVIGATING)
        raise
    if scan is None:  # no document element yet: the next document has not begun
        return PageCheck(Verdict.NAVIGATING)
    title = scan["title"].strip()
    if title in site.refused.titles or scan["refused"]:
        return PageCheck(Verdict.REFUSED, f"LinkedIn refused: \"{scan['refused'] or title}\"")
    if title in site.challenge.titles or scan["challenge"]:
        return PageCheck(Verdict.CHALLENGE, f"LinkedIn asks for a security check ({scan['challenge'] or title})")
    if title in site.signed_out.titles or scan["signedOut"]:
        return PageCheck(Verdict.SIGNED_OUT, "LinkedIn shows its sign-in wall")
    if not scan["hasMain"] and scan["rateLimited"]:
        return PageCheck(Verdict.RATE_LIMITED, "LinkedIn says: too many requests")
    if scan["unavailable"]:
        return PageCheck(Verdict.UNAVAILABLE, "LinkedIn says this page doesn't exist for this account")
    base = urlsplit(site.base_url)
    if url.scheme != base.scheme or url.netloc != base.netloc or _normal(path) not in {_normal(p) for p in expected_paths}:
        if url.scheme in ("http", "https"):
            return PageCheck(Verdict.UNAVAILABLE, f"LinkedIn redirected away from the settings page (to {path or '/'})")
    return PageCheck(Verdict.OK, banner=bool(scan["banner"]), lang=scan["lang"].split("-")[0].lower() or "en",
                     switches=scan["switches"])


def check_status(status: int, site: SiteMap) -> PageCheck | None:
    """What a page load's HTTP status alone says (None: look at the page). 429 is retried by the
    caller before it becomes a refusal."""
    if status in site.refused.statuses:
        return PageCheck(Verdict.REFUSED, f"LinkedIn refused the request (HTTP {status})")
    if status in site.challenge.statuses:
        return PageCheck(Verdict.CHALLENGE, f"LinkedIn asks for a security check (HTTP {status})")
    if status in site.signed_out.statuses:
        return PageCheck(Verdict.SIGNED_OUT, f"LinkedIn did not accept the session (HTTP {status})")
    return None


# Chromium's network errors that mean LinkedIn was not reached at all: no network, no name, no
# connection, or no trustworthy TLS. Retried a bounded number of times, then the run stops.
_UNREACHABLE = ("ERR_INTERNET_DISCONNECTED", "ERR_NAME_NOT_RESOLVED", "ERR_NAME_RESOLUTION_FAILED",
                "ERR_CONNECTION_REFUSED", "ERR_CONNECTION_RESET", "ERR_CONNECTION_CLOSED",
                "ERR_CONNECTION_FAILED", "ERR_CONNECTION_TIMED_OUT", "ERR_CONNECTION_ABORTED",
                "ERR_EMPTY_RESPONSE", "ERR_ADDRESS_UNREACHABLE", "ERR_NETWORK_CHANGED", "ERR_NETWORK_ACCESS_DENIED",
                "ERR_PROXY_CONNECTION_FAILED", "ERR_TUNNEL_CONNECTION_FAILED", "ERR_TIMED_OUT",
                "ERR_SSL_", "ERR_CERT_", "ERR_BAD_SSL_CLIENT_AUTH_CERT")


def unreachable_error(message: str) -> str | None:
    """The Chromium error name when ``message`` (a navigation error) means LinkedIn is unreachable."""
    for marker in _UNREACHABLE:
        at = message.find(marker)
        if at >= 0:
            return message[at:].split()[0].rstrip(".:;,")
    return None


async def reject_cookie_banner(page: Page, site: SiteMap) -> bool:
    """Click the banner's DENY button if exactly one is shown. Returns True if it clicked.

    Never clicks ACCEPT; bounded by the caller (``cookie_banner.max_attempts`` per page) because a
    consent tool once sent LinkedIn into a redirect loop (docs/linkedin.md#cookie-banner).
    """
    deny = page.locator(site.cookie_banner.deny)
    if await deny.count() != 1 or not await deny.is_visible():
        return False
    await deny.click(timeout=5_000)
    return True


async def banner_present(page: Page, site: SiteMap) -> bool:
    return await page.locator(site.cookie_banner.banner).count() > 0
