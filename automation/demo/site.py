"""A stateful stand-in of LinkedIn's settings pages, for the demo and the tests.

It is a real HTTPS server on loopback. A browser launched with ``launch_args()`` (Chromium's
``--host-resolver-rules``) talks to "www.linkedin.com" through it over a real network stack, so
server-side redirects, Secure cookies and relative URLs behave as on the site; Playwright's
``route.fulfill`` cannot serve redirects (docs/playwright.md#redirects-need-a-real-server). The
site keeps each switch's state, checks the session cookie and CSRF header on saves, records every request, and injects faults
on request (see ``Faults``). It never talks to the real LinkedIn.
"""

from __future__ import annotations

import secrets
import ssl
import tempfile
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

from automation.catalogue.loader import load_catalogue
from automation.demo.activity import Activity
from automation.demo.activity_http import with_activity
from automation.demo.faults import Faults, Hit, Save
from automation.demo.handler import (
    CSRF_COOKIE,
    DEMO_EMAIL,
    DEMO_PASSWORD,
    HOSTS,
    SESSION_COOKIE,
    QuietServer,
    certificate,
    handler_for,
)
from automation.demo.pages import Templates


class DemoSite:
    """Start with ``with DemoSite() as site:``; point a browser at it with ``site.launch_args()``."""

    def __init__(self, *, initial: dict[str, bool] | None = None, faults: Faults | None = None,
                 variants: dict[str, str] | None = None, all_on: bool = True) -> None:
        self.lock = threading.RLock()
        self.catalogue = load_catalogue()
        self.save_path = self.catalogue.site.save.path_prefix + "settingsApiSettings/"
        self._server: ThreadingHTTPServer | None = None
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self.reset(initial=initial, faults=faults, variants=variants, all_on=all_on)

    def reset(self, *, initial: dict[str, bool] | None = None, faults: Faults | None = None,
              variants: dict[str, str] | None = None, all_on: bool = True) -> None:
        """Start over: new state, faults and page variants; no saves, hits or sessions."""
        with self.lock:
            self._variants = dict(variants or {})
            self.templates = Templates(variants)
            self.faults = faults or Faults()
            state = self.templates.initial_state()
            self.state = {k: True for k in state} if all_on else state
            self.state.update(initial or {})
            self.saves: list[Save] = []
            self.hits: list[Hit] = []
            self.sessions: set[str] = set()
            self.members: dict[str, str] = {}  # session -> member name, when not the demo's own person
            self._answered_429 = 0  # counted here, never in the faults: they stay what was asked for
            self.activity = Activity()  # the synthetic person's posts, comments, article, resumes (prune)

    def serve_variant(self, path: str, fixture_file: str) -> None:
        """Serve another saved page at ``path`` (e.g. the decoy page at the AI URL), keeping sessions.
        Switches new to the site start as the fixture saved them."""
        with self.lock:
            self.templates = Templates({**self._variants, path: fixture_file})
            self._variants[path] = fixture_file
            for key, on in self.templates.initial_state().items():
                self.state.setdefault(key, on)

    # --- session ---------------------------------------------------------------------------

    def new_session(self, member: str | None = None) -> dict[str, str]:
        """Mint a signed-in session (fake values) and return its cookies by name. ``member``: the
        name another account shows in the nav (default: the demo's own invented person)."""
        li_at = "AQEDemo" + secrets.token_urlsafe(24)
        with self.lock:
            self.sessions.add(li_at)
            if member:
                self.members[li_at] = member
        return {SESSION_COOKIE: li_at, CSRF_COOKIE: f'"ajax:{secrets.randbelow(10**19):019d}"'}

    def session_cookies(self) -> list[dict]:
        """A new session as Playwright cookies, for ``context.add_cookies``."""
        return [{"name": name, "value": value, "domain": ".www.linkedin.com", "path": "/", "secure": True,
                 "httpOnly": name == SESSION_COOKIE, "sameSite": "None"}
                for name, value in self.new_session().items()]

    def end_sessions(self) -> None:
        with self.lock:
            self.sessions.clear()

    # --- what the handler asks (handler.py's ``Served``); each takes the lock ----------------

    def record(self, hit: Hit) -> None:
        with self.lock:
            self.hits.append(hit)

    def record_save(self, save: Save) -> None:
        with self.lock:
            self.saves.append(save)

    def is_session(self, li_at: str | None) -> bool:
        with self.lock:
            return li_at is not None and li_at in self.sessions

    def member_of(self, li_at: str | None) -> str | None:
        with self.lock:
            return self.members.get(li_at or "")

    def add_pending(self, token: str) -> None:
        """A sign-in waiting for its security check (``Faults.login_checkpoint``)."""
        with self.lock:
            self.sessions.add(token)

    def take_pending(self, token: str | None) -> bool:
        with self.lock:
            ok = token is not None and token in self.sessions
            self.sessions.discard(token or "")
            return ok

    def accepted_saves(self) -> int:
        with self.lock:
            return sum(1 for s in self.saves if s.status == 200)

    def states(self, keys: list[str] | None = None) -> dict[str, bool]:
        """A copy of the switches' states (only ``keys`` that exist, when given)."""
        with self.lock:
            return dict(self.state) if keys is None else {k: self.state[k] for k in keys if k in self.state}

    def rate_limited(self) -> bool:
        """Answer this page load with a 429? The first ``Faults.rate_limit`` loads since the reset are."""
        with self.lock:
            limited = self._answered_429 < self.faults.rate_limit
            self._answered_429 += limited
            return limited

    def save(self, key: str, value: object) -> tuple[int, object]:
        """A save that passed the session and CSRF checks: (HTTP status, the value answered), as
        the faults say. The session ends after ``Faults.expire_after_saves`` accepted saves."""
        faults = self.faults
        with self.lock:
            if key not in self.state:
                return 404, None
            status = faults.save_status.get(key, 200)
            old = self.state[key]
            if status == 200 and key not in faults.not_persisted and key not in faults.reverts:
                self.state[key] = bool(value)
            accepted = sum(1 for s in self.saves if s.status == 200) + (status == 200)
            if faults.expire_after_saves is not None and accepted >= faults.expire_after_saves:
                self.sessions.clear()
            return status, old if key in faults.reverts else value

    # --- what tests look at ------------------------------------------------------------------

    def setting(self, setting_id: str) -> bool:
        return self.state[self.catalogue[setting_id].key]

    def set_setting(self, setting_id: str, on: bool) -> None:
        with self.lock:
            self.state[self.catalogue[setting_id].key] = on

    def saves_for(self, key: str) -> list[Save]:
        return [s for s in self.saves if s.key == key]

    # --- lifecycle -------------------------------------------------------------------------

    @property
    def port(self) -> int:
        assert self._server, "the demo site is not running"
        return self._server.server_address[1]

    def launch_args(self) -> list[str]:
        """Chromium flags that send LinkedIn's hosts here and every other host nowhere."""
        rules = ", ".join(f"MAP {h} 127.0.0.1:{self.port}" for h in HOSTS)
        return [f"--host-resolver-rules={rules}, MAP * ~NOTFOUND"]

    def start(self) -> DemoSite:
        self._tmp = tempfile.TemporaryDirectory(prefix="linkedin-optout-demo-")
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*certificate(Path(self._tmp.name)))
        server = QuietServer(("127.0.0.1", 0), with_activity(handler_for(self)))
        server.daemon_threads = True
        server.socket = context.wrap_socket(server.socket, server_side=True)
        self._server = server
        threading.Thread(target=server.serve_forever, name="linkedin-demo-site", daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._tmp:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> DemoSite:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

__all__ = ["DEMO_EMAIL", "DEMO_PASSWORD", "DemoSite", "Faults", "Hit", "Save"]  # what tests and the demo use
