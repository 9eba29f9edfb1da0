"""The demo site's pages, built from the saved fixtures.

A settings page is its fixture with the ``<main>`` rendered client-side by client.js from the
site's live state; guard pages (sign-in, checkpoint, not found, rate limited) are served as saved.
"""

from __future__ import annotations

import json
import re
from functools import cached_property
from html import escape as html_escape
from importlib.resources import files
from urllib.parse import urlsplit

from automation.catalogue.saved_pages import Fixture, all_fixtures

_SWITCH = re.compile(r"<(?:input|button|div|span)\b[^>]*\brole=\"switch\"[^>]*>", re.S)  # any element a switch can be
_ATTR = re.compile(r'\b(aria-labelledby|id|name)="([^"]+)"')
_BANNER = re.compile(r'(<div id="artdeco-global-alert-container">)(.*?)(</div>\s*\n\s*<header)', re.S)
_ON_OFF = {"en": ["On", "Off"], "de": ["Ein", "Aus"], "fr": ["Oui", "Non"], "nl": ["Aan", "Uit"], "it": ["Sì", "No"]}


def switches_in(html: str) -> dict[str, bool]:
    """Every switch in a saved page: key (aria-labelledby, else id) -> whether it was saved on."""
    found: dict[str, bool] = {}
    for tag in _SWITCH.findall(html):
        attrs = dict(_ATTR.findall(tag))
        key = attrs.get("aria-labelledby") or attrs.get("id") or attrs.get("name")  # name: label-only switches
        if key:
            found[key] = bool(re.search(r"\schecked\b|aria-checked=\"true\"", tag))
    return found


class Templates:
    """The fixtures the site serves, indexed by URL path."""

    def __init__(self, variants: dict[str, str] | None = None) -> None:
        fixtures = all_fixtures()
        self.by_file = by_file = {f.file: f for f in fixtures}
        templates = [f for f in fixtures if f.demo_template]  # one page per URL and one per guard kind
        self.settings: dict[str, Fixture] = {urlsplit(f.url).path: f for f in templates if f.kind == "settings"}
        for path, file in (variants or {}).items():  # e.g. serve the decoy page at the AI URL
            self.settings[path] = by_file[file]
        kinds = {f.kind: f for f in templates if f.kind not in ("settings", "category")}
        self.categories: dict[str, Fixture] = {urlsplit(f.url).path: f for f in templates if f.kind == "category"}
        self.unlisted = {urlsplit(f.url).path for f in templates if f.kind == "settings" and f.unlisted}
        self.policy = kinds["policy"]
        self.login, self.checkpoint = kinds["signed_out"], kinds["challenge"]
        self.not_found, self.rate_limited = kinds["unavailable"], kinds["rate_limited"]
        self.banner = next(f for f in fixtures if f.cookie_banner)

    @cached_property
    def client_js(self) -> str:
        return files("automation.demo").joinpath("client.js").read_text(encoding="utf-8")

    @cached_property
    def banner_html(self) -> str:
        match = _BANNER.search(self.banner.html())
        assert match, "the cookie-banner fixture lost its banner"
        return match.group(2)

    def feed_page(self, member: str | None = None) -> str:
        """A signed-in page for whoami and the end of sign-in: the saved global nav, an empty feed.
        ``member``: another account's name in the nav's photo (default: the saved person)."""
        html = next(iter(self.settings.values())).html()
        nav = re.search(r"<header\b.*?</header>", html, re.S)
        head = re.search(r"<head>.*?</head>", html, re.S)
        assert nav and head
        header = nav.group(0) if not member else re.sub(r'alt="[^"]*"', f'alt="{html_escape(member)}"', nav.group(0))
        return (f"<!DOCTYPE html>\n<html lang=\"en\">\n{head.group(0).replace('<title>', '<title>Feed | ', 1)}\n"
                f"<body>{header}\n<main id=\"main\"><h1>Feed</h1></main>\n</body>\n</html>\n")

    def category_page(self, path: str, *, moved: dict[str, str], unlisted: bool, reshaped: bool) -> str:
        """A category index page; links follow moved settings, and drop the unlisted page when it is off."""
        if reshaped:
            return self.by_file[self.categories[path].file.replace(".html", ".reshaped.html")].html()
        html = self.categories[path].html()
        for old, new in moved.items():
            html = html.replace(f'href="{old}"', f'href="{new}"')
        if not unlisted:
            for gone in self.unlisted:
                html = re.sub(rf'\s*<li><a [^>]*href="{re.escape(gone)}".*?</li>', "", html)
        return html

    def policy_page(self, effective: str | None) -> str:
        html = self.policy.html()
        return re.sub(r"Effective [A-Z][a-z]+ \d{1,2}, \d{4}", f"Effective {effective}", html) if effective else html

    def initial_state(self) -> dict[str, bool]:
        state: dict[str, bool] = {}
        for fixture in self.settings.values():
            state.update(switches_in(fixture.html()))
        return state

    def settings_page(self, path: str, state: dict[str, bool], *, render_delay: float, flip_after_save: bool,
                      save_path: str, banner: bool, client_redirect: str | None, text_lies: bool = False,
                      placeholder: bool | None = None, realtime: bool = False,
                      sends_on: set[str] | frozenset[str] = frozenset(), save_method: str = "PUT",
                      banner_delay: float | None = None, data_timing: dict[str, object] | None = None,
                      embedded: bool = False, stale_embedded: bool = False) -> str:
        """``banner_delay``: the cookie banner is drawn that many seconds after the switches, over
        the page (a busy machine), instead of with the page. ``data_timing``: when and how a
        placeholder page asks for its data (``Faults.late``); ``embedded``: the page carries its
        state as JSON in a ``<code>`` element (``stale_embedded``: the placeholder's, a cached render)."""
        fixture = self.settings[path]
        html = fixture.html()
        keys = switches_in(html)
        late = banner and banner_delay is not None
        if banner and not late:
            html = _BANNER.sub(lambda m: m.group(1) + self.banner_html + m.group(3), html, count=1)
        config = {
            "state": {k: state.get(k, v) for k, v in keys.items()},
            "renderDelayMs": int(render_delay * 1000),
            "flipAfterSave": flip_after_save,
            "savePath": save_path,
            # text_lies: the visible On/Off word says the opposite of the switch (the engine must
            # read the control's state, never the text).
            "words": _ON_OFF.get(fixture.lang, _ON_OFF["en"])[::-1 if text_lies else 1],
            "clientRedirect": client_redirect,
            # placeholder: draw every switch in this state at once, then ask the site for the real
            # state (a data request) and correct it: a page read too early reads the placeholder.
            "placeholder": placeholder,
            "realtime": realtime,
            # sends_on: a click on these switches asks the server for "on" (the safety filter must block it).
            "sendsOn": sorted(k for k in keys if k in sends_on),
            "saveMethod": save_method,
            "lateBanner": {"html": self.banner_html, "delayMs": int((banner_delay or 0) * 1000)} if late else None,
            # when and how the data request of a placeholder page is made (Faults.data_pause ...)
            **(data_timing or {}),
        }
        script = (f"<script>window.__LINKEDIN_DEMO__ = {json.dumps(config)};</script>\n"
                  f"<script>{self.client_js}</script>\n")
        if embedded:  # the state as page data, the way LinkedIn is said to embed it (in <code>)
            cached = placeholder if stale_embedded and placeholder is not None else None
            data = json.dumps({"elements": [{"key": k, "value": state.get(k, v) if cached is None else cached}
                                            for k, v in keys.items()]})
            script = f'<code style="display:none">{html_escape(data, quote=False)}</code>\n' + script
        return html.replace("</body>", script + "</body>", 1)
