"""The demo site's HTTP side: its routes (settings pages, sign-in, saves, the page's data and
event stream), the faults it plays, the certificate and the quiet server."""

from __future__ import annotations

import json
import secrets
import ssl
import sys
import time
from http import cookies
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Protocol
from urllib.parse import quote, urlsplit

from automation.catalogue.models import Catalogue
from automation.demo.faults import Faults, Hit, Save
from automation.demo.pages import Templates

# The demo's one account. Only tests type these: in real use the person signs in to LinkedIn.
DEMO_EMAIL, DEMO_PASSWORD = "avery.quill@example.com", "demo-password"
HOSTS = ("www.linkedin.com", "static.licdn.com", "media.licdn.com")
SESSION_DAYS = 365
SESSION_COOKIE, CSRF_COOKIE = "li_at", "JSESSIONID"
OTHER_CATEGORY = "/mypreferences/d/categories/privacy"
# Stand-ins for the resources real pages carry (an avatar, a web font, an icon), so that blocking
# them is measurable. Sizes are of the order of LinkedIn's.
_RESOURCE_SIZES = {"image": 24_000, "font": 60_000, "other": 2_000}


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # A browser closing a connection mid-response (a page closed while its images load) is
        # normal traffic, not an error of the site. Anything else is printed as usual.
        if not isinstance(sys.exc_info()[1], (ConnectionError, ssl.SSLError, TimeoutError)):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


def certificate(folder: Path) -> tuple[str, str]:
    import trustme  # only the demo needs it

    ca = trustme.CA()
    cert = ca.issue_cert(*HOSTS)
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert.cert_chain_pems[0].write_to_path(str(cert_file))
    for pem in cert.cert_chain_pems[1:]:
        pem.write_to_path(str(cert_file), append=True)
    cert.private_key_pem.write_to_path(str(key_file))
    return str(cert_file), str(key_file)


class Served(Protocol):
    """The site as its handler sees it (site.py's ``DemoSite``): what it serves, and methods that
    each take the site's own lock. The handler never touches the site's state or lock itself."""

    catalogue: Catalogue
    save_path: str

    @property
    def templates(self) -> Templates: ...

    @property
    def faults(self) -> Faults: ...  # what to do wrong: settings only, never counted down

    def record(self, hit: Hit) -> None: ...
    def is_session(self, li_at: str | None) -> bool: ...
    def member_of(self, li_at: str | None) -> str | None: ...
    def accepted_saves(self) -> int: ...
    def states(self, keys: list[str] | None = None) -> dict[str, bool]: ...
    def rate_limited(self) -> bool: ...  # one more 429 to answer (counts it)
    def add_pending(self, token: str) -> None: ...
    def take_pending(self, token: str | None) -> bool: ...
    def save(self, key: str, value: object) -> tuple[int, object]: ...  # (HTTP status, the value answered)
    def record_save(self, save: Save) -> None: ...
    def new_session(self, member: str | None = None) -> dict[str, str]: ...


def handler_for(site: Served) -> type[BaseHTTPRequestHandler]:
    class Handler(_Handler):
        pass

    Handler.site = site
    return Handler


class _Handler(BaseHTTPRequestHandler):
    site: Served
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
        self.site.record(Hit(self.command, self._host(), urlsplit(self.path).path, status, len(data)))

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
        return self.site.is_session(self._cookie(SESSION_COOKIE))

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
                member = self.site.member_of(self._cookie(SESSION_COOKIE))
                self._send(200, templates.feed_page(member))
        elif path in templates.categories:
            self._category(path)
        elif path == urlsplit(templates.policy.url).path:  # public: no session needed
            self._send(200, templates.policy_page(faults.policy_effective))
        elif path in faults.moved:  # the setting's page moved away
            self._send(404, templates.not_found.html())
        elif path in faults.moved.values():
            self._settings(next(old for old, new in faults.moved.items() if new == path))
        elif path in templates.unlisted and not faults.unlisted:
            self._send(404, templates.not_found.html())
        elif path in templates.settings:
            self._settings(path)
        else:
            self._send(404, templates.not_found.html())

    def do_HEAD(self) -> None:  # noqa: N802
        self.do_GET()

    def _walled(self, path: str) -> bool:
        """Redirect to a checkpoint or the sign-in page when the session calls for it."""
        faults = self.site.faults
        accepted = self.site.accepted_saves()
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
            site.record(Hit(self.command, self._host(), path, 0, 0))
            return
        accepted = site.accepted_saves()
        if faults.status.get(path) or (faults.refuse_after_saves is not None and accepted >= faults.refuse_after_saves):
            status = faults.status.get(path) or 999
            # 401 comes with the sign-in page; 999 and 403 with next to nothing.
            body = site.templates.login if status == 401 else site.templates.by_file["denied-999.html"]
            return self._send(status, body.html())
        if faults.in_place.get(path):  # a wall drawn in place, at the settings URL, no redirect
            return self._send(200, site.templates.by_file[faults.in_place[path]].html())
        if self._walled(path):
            return
        if site.rate_limited():
            return self._send(429, site.templates.rate_limited.html(), headers={"Retry-After": str(faults.retry_after)})
        if faults.unavailable.get(path) == "redirect":
            return self._redirect(OTHER_CATEGORY)
        if faults.unavailable.get(path):
            return self._send(404, site.templates.not_found.html())
        state = site.states()
        banner = faults.cookie_banner and self._cookie("li_gc_demo") != "DENY"
        html = site.templates.settings_page(
            path, state, render_delay=faults.slow_render.get(path, faults.render_delay),
            flip_after_save=faults.flip_after_save, save_path=site.save_path, banner=banner,
            client_redirect=faults.client_redirect.get(path), text_lies=faults.text_lies,
            placeholder=faults.placeholder.get(path) if accepted >= faults.placeholder_after_saves else None,
            realtime=faults.realtime, sends_on=faults.sends_on, save_method=faults.save_method,
            banner_delay=faults.banner_delay, embedded=faults.embedded, data_timing=faults.late(path),
            stale_embedded=faults.stale_embedded)
        self._send(200, html)

    def _category(self, path: str) -> None:
        faults = self.site.faults
        if faults.status.get(path):  # 999: LinkedIn refuses this page load
            return self._send(faults.status[path], self.site.templates.by_file["denied-999.html"].html())
        if self._walled(path):
            return
        if faults.category_missing:
            return self._send(404, self.site.templates.not_found.html())
        self._send(200, self.site.templates.category_page(path, moved=faults.moved, unlisted=faults.unlisted,
                                                          reshaped=faults.category_reshaped))

    def _data(self, query: str) -> None:
        """The page's own data request: the switches' real state, after ``data_delay``."""
        from urllib.parse import parse_qs

        site = self.site
        time.sleep(site.faults.data_delay)
        keys = parse_qs(query).get("keys", [""])[0].split(",")
        state = [{"key": k, "value": on} for k, on in site.states(keys).items()]
        self._send(200 if self._signed_in() else 401, json.dumps({"elements": state}), "application/json")

    def _stream(self) -> None:
        """LinkedIn's long-lived /realtime/connect (docs/linkedin.md#long-lived-requests): an event stream that never
        ends while the page is open. Bounded here so a test run cannot leak it for long."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.site.record(Hit(self.command, self._host(), "/realtime/connect", 200, 0))
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
                site.add_pending(pending)
                return self._redirect(f"/checkpoint/challenge/AgDemo{secrets.token_hex(8)}",
                                      [f"demo_pending={pending}; Path=/; Secure; HttpOnly"])
            return self._signed_in_redirect()
        if path.startswith("/checkpoint/challenge/verify"):
            ok = site.take_pending(self._cookie("demo_pending"))
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
        status, answer = site.save(key, value)
        self._json(key, value, status, answer)

    def _json(self, key: str, value: object, status: int, answer: object = None) -> None:
        self.site.record_save(Save(key, value, status))
        body = {"key": key, "value": answer} if status == 200 else {"status": status, "message": "error"}
        self._send(status, json.dumps(body), "application/json")
