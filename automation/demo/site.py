"""A stateful stand-in of LinkedIn's settings pages, for the demo and the tests.

It is a real HTTPS server on loopback. A browser launched with ``launch_args()`` (Chromium's
``--host-resolver-rules``) talks to "www.linkedin.com" through it over a real network stack, so
server-side redirects, Secure cookies and relative URLs behave as on the site; Playwright's
``route.fulfill`` cannot serve redirects (PLAYWRIGHT.md). The site keeps each switch's state,
checks the session cookie and CSRF header on saves, records every request, and injects faults
on request (see ``Faults``). It never talks to the real LinkedIn.
"""

from __future__ import annotations

import json
import secrets
import ssl
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http import cookies
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, urlsplit

from ..maps import load_catalogue
from .pages import Templates

HOSTS = ("www.linkedin.com", "static.licdn.com", "media.licdn.com")
# The demo's one account. Only tests type these: in real use the person signs in to LinkedIn.
DEMO_EMAIL, DEMO_PASSWORD = "avery.quill@example.com", "demo-password"
SESSION_DAYS = 365
SESSION_COOKIE, CSRF_COOKIE = "li_at", "JSESSIONID"
OTHER_CATEGORY = "/mypreferences/d/categories/privacy"

# Stand-ins for the resources real pages carry (an avatar, a web font, an icon), so that blocking
# them is measurable. Sizes are of the order of LinkedIn's.
_RESOURCE_SIZES = {"image": 24_000, "font": 60_000, "other": 2_000}


@dataclass
class Faults:
    """What the site does wrong, on request. Paths are URL paths; keys are LinkedIn switch keys."""

    save_status: dict[str, int] = field(default_factory=dict)  # key -> HTTP status for its saves (500 ...)
    not_persisted: set[str] = field(default_factory=set)  # answers 200 "off" but keeps it on
    reverts: set[str] = field(default_factory=set)  # answers 200 with the old value: the switch flips back
    render_delay: float = 0.3  # seconds before the client-side app shows the switches
    slow_render: dict[str, float] = field(default_factory=dict)  # path -> render delay
    expire_after_saves: int | None = None  # the session ends after this many accepted saves
    challenge_after_saves: int | None = None  # every page becomes a checkpoint after this many accepted saves
    text_lies: bool = False  # the visible On/Off text says the opposite of the switch's state
    cookie_banner: bool = False
    unavailable: dict[str, str] = field(default_factory=dict)  # path -> "not_found" | "redirect"
    rate_limit: int = 0  # the next N page loads answer 429
    retry_after: int = 1
    signed_out: bool = False  # every page redirects to the sign-in page
    challenge: bool = False  # every page redirects to a checkpoint
    client_redirect: dict[str, str] = field(default_factory=dict)  # path -> where the app sends the browser
    flip_after_save: bool = True  # the switch changes only when the save answers
    latency: float = 0.0  # added to every request, in seconds
    login_checkpoint: bool = False  # signing in passes through a security check first
    # --- a site that behaves worse than the demo (issue 12) ---
    # path -> the state the page's skeleton draws at once (True on, False off), corrected when the
    # page's own data request (GET <save path>?keys=...) answers after ``data_delay`` seconds.
    placeholder: dict[str, bool] = field(default_factory=dict)
    data_delay: float = 0.9
    realtime: bool = False  # every settings page holds a never-ending /realtime/connect event stream open
    status: dict[str, int] = field(default_factory=dict)  # path -> HTTP status of the page load (999, 401, 403)
    in_place: dict[str, str] = field(default_factory=dict)  # path -> fixture file served in place (a wall)
    drop_connections: bool = False  # settings pages: the connection closes without an answer
    refuse_after_saves: int | None = None  # every settings page answers 999 after this many accepted saves
    sends_on: set[str] = field(default_factory=set)  # keys whose click sends "on" whatever the state (a broken app)
    save_method: str = "PUT"  # the HTTP method of saves (LinkedIn's is PUT for two settings, unknown for the rest)


@dataclass(frozen=True)
class Save:
    key: str
    value: object
    status: int


@dataclass(frozen=True)
class Hit:
    method: str
    host: str
    path: str
    status: int
    size: int


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

    def serve_variant(self, path: str, fixture_file: str) -> None:
        """Serve another saved page at ``path`` (e.g. the decoy page at the AI URL), keeping sessions.
        Switches new to the site start as the fixture saved them."""
        with self.lock:
            self.templates = Templates({**self._variants, path: fixture_file})
            self._variants[path] = fixture_file
            for key, on in self.templates.initial_state().items():
                self.state.setdefault(key, on)

    # --- session ---------------------------------------------------------------------------

    def new_session(self) -> dict[str, str]:
        """Mint a signed-in session (fake values) and return its cookies by name."""
        li_at = "AQEDemo" + secrets.token_urlsafe(24)
        with self.lock:
            self.sessions.add(li_at)
        return {SESSION_COOKIE: li_at, CSRF_COOKIE: f'"ajax:{secrets.randbelow(10**19):019d}"'}

    def session_cookies(self) -> list[dict]:
        """A new session as Playwright cookies, for ``context.add_cookies``."""
        return [{"name": name, "value": value, "domain": ".www.linkedin.com", "path": "/", "secure": True,
                 "httpOnly": name == SESSION_COOKIE, "sameSite": "None"}
                for name, value in self.new_session().items()]

    def end_sessions(self) -> None:
        with self.lock:
            self.sessions.clear()

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
        context.load_cert_chain(*_certificate(Path(self._tmp.name)))
        server = _QuietServer(("127.0.0.1", 0), _handler_for(self))
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


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # A browser closing a connection mid-response (a page closed while its images load) is
        # normal traffic, not an error of the site. Anything else is printed as usual.
        if not isinstance(sys.exc_info()[1], (ConnectionError, ssl.SSLError, TimeoutError)):
            super().handle_error(request, client_address)


def _certificate(folder: Path) -> tuple[str, str]:
    import trustme  # only the demo needs it

    ca = trustme.CA()
    cert = ca.issue_cert(*HOSTS)
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert.cert_chain_pems[0].write_to_path(str(cert_file))
    for pem in cert.cert_chain_pems[1:]:
        pem.write_to_path(str(cert_file), append=True)
    cert.private_key_pem.write_to_path(str(key_file))
    return str(cert_file), str(key_file)


def _handler_for(site: DemoSite) -> type[BaseHTTPRequestHandler]:
    class Handler(_Handler):
        pass

    Handler.site = site
    return Handler


class _Handler(BaseHTTPRequestHandler):
    site: DemoSite
    protocol_version = "HTTP/1.1"  # keep-alive, like a real site

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet: tests read .hits
        pass

    # --- plumbing --------------------------------------------------------------------------

    def _send(self, status: int, body: bytes | str, content_type: str = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None, set_cookies: list[str] | None = None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        for cookie in set_cookies or []:
            self.send_header("Set-Cookie", cookie)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        with self.site.lock:
            self.site.hits.append(Hit(self.command, self._host(), urlsplit(self.path).path, status, len(data)))

    def _redirect(self, location: str, set_cookies: list[str] | None = None) -> None:
        self._send(302, "", headers={"Location": location}, set_cookies=set_cookies)

    def _host(self) -> str:
        return (self.headers.get("Host") or "").split(":")[0]

    def _cookie(self, name: str) -> str | None:
        jar = cookies.SimpleCookie()
        try:
            jar.load(self.headers.get("Cookie") or "")
        except cookies.CookieError:
            return None
        return jar[name].value if name in jar else None

    def _signed_in(self) -> bool:
        li_at = self._cookie(SESSION_COOKIE)
        with self.site.lock:
            return li_at is not None and li_at in self.site.sessions

    # --- routes ----------------------------------------------------------------------------

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        site, faults = self.site, self.site.faults
        if faults.latency:
            time.sleep(faults.latency)
        url = urlsplit(self.path)
        path = url.path.rstrip("/") or "/"
        templates = site.templates
        if self._host() != "www.linkedin.com":
            self._resource(path)
        elif path.startswith("/uas/login") or path.startswith("/login"):
            self._send(200, templates.login.html())
        elif path.startswith("/checkpoint/"):
            self._send(200, templates.checkpoint.html())
        elif path.startswith("/realtime/"):
            self._stream()
        elif path == self.site.save_path.rstrip("/"):
            self._data(url.query)
        elif path == "/feed":
            if not self._walled(path + "/"):
                self._send(200, templates.feed_page())
        elif path in templates.settings:
            self._settings(path)
        else:
            self._send(404, templates.not_found.html())

    def do_HEAD(self) -> None:  # noqa: N802
        self.do_GET()

    def _walled(self, path: str) -> bool:
        """Redirect to a checkpoint or the sign-in page when the session calls for it."""
        faults = self.site.faults
        accepted = sum(1 for s in self.site.saves if s.status == 200)
        if faults.challenge or (faults.challenge_after_saves is not None and accepted >= faults.challenge_after_saves):
            self._redirect(f"/checkpoint/challenge/AgDemo{secrets.token_hex(8)}")
            return True
        if faults.signed_out or not self._signed_in():
            here = self.site.catalogue.site.base_url + path
            self._redirect(f"/uas/login?session_redirect={quote(here, safe='')}")
            return True
        return False

    def _settings(self, path: str) -> None:
        site, faults = self.site, self.site.faults
        if faults.drop_connections:  # as if the network dropped: Chromium says ERR_EMPTY_RESPONSE
            self.close_connection = True
            with site.lock:
                site.hits.append(Hit(self.command, self._host(), path, 0, 0))
            return
        accepted = sum(1 for s in site.saves if s.status == 200)
        if faults.status.get(path) or (faults.refuse_after_saves is not None and accepted >= faults.refuse_after_saves):
            status = faults.status.get(path) or 999
            # 401 comes with the sign-in page; 999 and 403 with next to nothing.
            body = site.templates.login if status == 401 else site.templates.by_file["denied-999.html"]
            return self._send(status, body.html())
        if faults.in_place.get(path):  # a wall drawn in place, at the settings URL, no redirect
            return self._send(200, site.templates.by_file[faults.in_place[path]].html())
        if self._walled(path):
            return
        with site.lock:
            limited = faults.rate_limit > 0
            faults.rate_limit -= limited
        if limited:
            return self._send(429, site.templates.rate_limited.html(), headers={"Retry-After": str(faults.retry_after)})
        if faults.unavailable.get(path) == "redirect":
            return self._redirect(OTHER_CATEGORY)
        if faults.unavailable.get(path):
            return self._send(404, site.templates.not_found.html())
        with site.lock:
            state = dict(site.state)
        banner = faults.cookie_banner and self._cookie("li_gc_demo") != "DENY"
        html = site.templates.settings_page(
            path, state, render_delay=faults.slow_render.get(path, faults.render_delay),
            flip_after_save=faults.flip_after_save, save_path=site.save_path, banner=banner,
            client_redirect=faults.client_redirect.get(path), text_lies=faults.text_lies,
            placeholder=faults.placeholder.get(path), realtime=faults.realtime,
            sends_on=faults.sends_on, save_method=faults.save_method)
        self._send(200, html)

    def _data(self, query: str) -> None:
        """The page's own data request: the switches' real state, after ``data_delay``."""
        from urllib.parse import parse_qs

        site = self.site
        time.sleep(site.faults.data_delay)
        keys = parse_qs(query).get("keys", [""])[0].split(",")
        with site.lock:
            state = {k: site.state[k] for k in keys if k in site.state}
        self._send(200 if self._signed_in() else 401, json.dumps(state), "application/json")

    def _stream(self) -> None:
        """LinkedIn's long-lived /realtime/connect (FACTS.md sec. 2): an event stream that never
        ends while the page is open. Bounded here so a test run cannot leak it for long."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        with self.site.lock:
            self.site.hits.append(Hit(self.command, self._host(), "/realtime/connect", 200, 0))
        try:
            for _ in range(120):
                self.wfile.write(b": heartbeat\n\n")
                self.wfile.flush()
                time.sleep(0.5)
        except OSError:  # the page went away
            pass
        self.close_connection = True

    def _resource(self, path: str) -> None:
        kind = "font" if path.endswith((".woff2", ".woff")) else "image" if "/image" in path else "other"
        content_type = {"font": "font/woff2", "image": "image/jpeg", "other": "image/svg+xml"}[kind]
        self._send(200, b"\0" * _RESOURCE_SIZES[kind], content_type)

    def do_POST(self) -> None:  # noqa: N802 - the sign-in form and the checkpoint
        from urllib.parse import parse_qs

        site, faults = self.site, self.site.faults
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        path = urlsplit(self.path).path
        if path.startswith(site.save_path):  # a save sent as POST (Faults.save_method)
            return self._save(raw)
        form = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
        if path == "/checkpoint/lg/login-submit":
            if (form.get("session_key"), form.get("session_password")) != (DEMO_EMAIL, DEMO_PASSWORD):
                return self._redirect("/login?error=wrong-credentials")
            if faults.login_checkpoint:
                pending = "pending-" + secrets.token_hex(8)
                with site.lock:
                    site.sessions.add(pending)
                return self._redirect(f"/checkpoint/challenge/AgDemo{secrets.token_hex(8)}",
                                      [f"demo_pending={pending}; Path=/; Secure; HttpOnly"])
            return self._signed_in_redirect()
        if path.startswith("/checkpoint/challenge/verify"):
            pending = self._cookie("demo_pending")
            with site.lock:
                ok = pending is not None and pending in site.sessions
                site.sessions.discard(pending or "")
            return self._signed_in_redirect() if ok else self._redirect("/login?error=checkpoint")
        self._send(404, site.templates.not_found.html())

    def _signed_in_redirect(self) -> None:
        from email.utils import formatdate

        cookies_ = self.site.new_session()
        expires = formatdate(time.time() + SESSION_DAYS * 86400, usegmt=True)
        attrs = f"Domain={self.site.catalogue.site.session.cookie_domain}; Path=/; Expires={expires}; Secure; SameSite=None"
        self._redirect("/feed/", [f"{SESSION_COOKIE}={cookies_[SESSION_COOKIE]}; {attrs}; HttpOnly",
                                  f"{CSRF_COOKIE}={cookies_[CSRF_COOKIE]}; {attrs}",
                                  "demo_pending=; Path=/; Max-Age=0; Secure"])

    def do_PUT(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        self._save(self.rfile.read(length) if length else b"")

    def _save(self, raw: bytes) -> None:
        site, faults = self.site, self.site.faults
        if faults.latency:
            time.sleep(faults.latency)
        path = urlsplit(self.path).path
        if not path.startswith(site.save_path):
            return self._send(404, "{}", "application/json")
        key = path.removeprefix(site.save_path)
        try:
            body = json.loads(raw or b"{}")
            value = body["value"]
        except (ValueError, KeyError, TypeError):
            return self._json(key, None, 400)
        csrf = (self._cookie(CSRF_COOKIE) or "").strip('"')
        if not self._signed_in() or not csrf or self.headers.get("csrf-token") != csrf:
            return self._json(key, value, 401 if not self._signed_in() else 403)
        with site.lock:
            if key not in site.state:
                return self._json(key, value, 404)
            status = faults.save_status.get(key, 200)
            old = site.state[key]
            if status == 200 and key not in faults.not_persisted and key not in faults.reverts:
                site.state[key] = bool(value)
            answer = old if key in faults.reverts else value
            accepted = sum(1 for s in site.saves if s.status == 200) + (status == 200)
            if faults.expire_after_saves is not None and accepted >= faults.expire_after_saves:
                site.sessions.clear()
        self._json(key, value, status, answer)

    def _json(self, key: str, value: object, status: int, answer: object = None) -> None:
        with self.site.lock:
            self.site.saves.append(Save(key, value, status))
        body = {"key": key, "value": answer} if status == 200 else {"status": status, "message": "error"}
        self._send(status, json.dumps(body), "application/json")
