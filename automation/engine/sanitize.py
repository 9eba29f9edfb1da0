"""Strip personal data and secrets from a saved page before it touches the disk.

Used for failure evidence and for ``capture`` (new fixtures people may share). What goes:
scripts and embedded data blobs (LinkedIn ships page data in ``<code>`` elements), names (the
member's, and image alt texts), e-mail addresses, photos, member URNs, profile links, CSRF
tokens, hidden form values, and every cookie value the caller knows. What stays: the markup the
selector maps need (ids, roles, aria attributes, labels, the switch and its state).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from automation.redact import redact

PLACEHOLDER_NAME = "Avery Quill"  # the invented member of the fixtures
PLACEHOLDER_IMAGE = "https://static.licdn.com/aero-v1/sc/h/redacted-image"

_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"<script\b[^>]*>.*?</script\s*>", re.S | re.I), ""),
    (re.compile(r"(<code\b[^>]*>).*?(</code\s*>)", re.S | re.I), r"\1\2"),
    (re.compile(r"<noscript\b[^>]*>.*?</noscript\s*>", re.S | re.I), ""),
    # Images: photos and their names.
    (re.compile(r"""\b(src|data-delayed-url|data-ghost-url)\s*=\s*("[^"]*"|'[^']*')""", re.I),
     f'\\1="{PLACEHOLDER_IMAGE}"'),
    (re.compile(r"""\bsrcset\s*=\s*("[^"]*"|'[^']*')""", re.I), 'srcset=""'),
    (re.compile(r"""\balt\s*=\s*("[^"]*"|'[^']*')""", re.I), 'alt="[image]"'),
    (re.compile(r"url\((['\"]?)https?://media\.licdn\.com[^)]*\)", re.I), f"url(\\1{PLACEHOLDER_IMAGE}\\1)"),
    # Hidden form values (CSRF tokens, page instance ids).
    (re.compile(r"""(<input\b[^>]*\btype\s*=\s*["']?hidden["']?[^>]*\bvalue\s*=\s*)("[^"]*"|'[^']*')""", re.I),
     r'\1""'),
    (re.compile(r"""(<input\b[^>]*\bvalue\s*=\s*)("[^"]*"|'[^']*')([^>]*\btype\s*=\s*["']?hidden)""", re.I),
     r'\1""\3'),
    (re.compile(r"""(<meta\b[^>]*\bname\s*=\s*["'][^"']*(csrf|token)[^"']*["'][^>]*\bcontent\s*=\s*)("[^"]*"|'[^']*')""",
                re.I), r'\1""'),
    # Identifiers.
    (re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"), "member@example.com"),
    (re.compile(r"urn:li:(member|person|fsd_profile|fs_miniProfile|fs_profile|fsd_memberRelationship|"
                r"fs_normalized_profile|fsd_dashProfile|company_member):[A-Za-z0-9_=-]+"), r"urn:li:\1:REDACTED"),
    (re.compile(r"\bACoAA[A-Za-z0-9_-]{8,}"), "ACoAAREDACTED"),  # profile ids outside URNs
    (re.compile(r"(/in/)[A-Za-z0-9%_-]+"), r"\1member"),
    (re.compile(r"\bajax:\d+"), "ajax:0000000000000000000"),
]


def sanitize_html(html: str, *, names: Iterable[str | None] = (), secrets: Iterable[str | None] = ()) -> str:
    """Return ``html`` without personal data or secrets. ``names``: the member's known names;
    ``secrets``: cookie values and tokens to remove wherever they appear."""
    for secret in sorted({s for s in secrets if s and len(s) >= 4}, key=len, reverse=True):
        html = html.replace(secret, "[redacted]")
    for pattern, replacement in _RULES:
        html = pattern.sub(replacement, html)
    for name in sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True):
        html = re.sub(re.escape(name), PLACEHOLDER_NAME, html, flags=re.I)
        for part in name.split():  # "Hi Zelda" greetings use the first name alone
            if len(part) >= 3:
                html = re.sub(rf"\b{re.escape(part)}\b", PLACEHOLDER_NAME.split()[0], html, flags=re.I)
    return redact(html)
