"""LinkedIn refusing, and LinkedIn out of reach: stop at once, say what happened.

A refusal (HTTP 999, 403, a lasting 429, "unusual activity") stops the whole run: no further page
load, the rest ``skipped``, exit 5. An unreachable site (offline, no DNS, a refused connection, a
TLS error) is not a setting that is on: every setting is ``unreachable``, no screenshot of a
browser error page is kept, exit 6. The network failures here are real ones, made by Chromium's
own resolver and TLS stack against loopback.
"""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest
from playwright.async_api import Browser, async_playwright

from automation.demo.run import demo_context
from automation.demo.site import DemoSite
from automation.engine.options import Evidence, Task, Waits
from automation.engine.run import opt_out
from automation.results.report import ExitCode, RunReport, Status
from automation.session.browser import launch

from .conftest import FAST, FAST_RETRY, Aio


def _settings_loads(site: DemoSite) -> list[str]:
    return [h.path for h in site.hits if h.method == "GET" and h.path.startswith("/mypreferences/")]


def test_a_999_on_every_page_loads_no_page_after_the_first_answers(site: DemoSite, run_engine) -> None:
    for s in site.catalogue.settings:
        site.faults.status[s.path] = 999
    report = run_engine(apply=True, concurrency=3)
    loads = _settings_loads(site)
    assert len(loads) <= 3, f"{len(loads)} page loads after LinkedIn refused: {loads}"
    refused = [r for r in report.results if r.status is Status.REFUSED]
    assert refused and all("HTTP 999" in r.message and "Wait some hours" in r.message for r in refused)
    assert {r.status for r in report.results} <= {Status.REFUSED, Status.SKIPPED}
    assert report.exit_code == ExitCode.SESSION and site.saves == []


def test_a_refusal_on_the_verifying_reload_is_never_reported_off(site: DemoSite, run_engine) -> None:
    site.faults.refuse_after_saves = 1  # the save goes through; the reload that should prove it gets 999
    report = run_engine(apply=True, only=["ai-training", "research"], concurrency=1)
    ai, research = report.results
    assert ai.status is Status.REFUSED and ai.after is None and "after the change" in ai.message
    assert research.status is Status.SKIPPED
    assert _settings_loads(site) == ["/mypreferences/d/settings/data-for-ai-improvement"] * 2
    assert report.exit_code == ExitCode.SESSION


# --- unreachable: real failures of Chromium's network stack ------------------------------------


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _PlainHttp:
    """A loopback server that answers TLS with plain HTTP: Chromium's TLS handshake fails."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.recv(1024)
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi")

    def close(self) -> None:
        self.sock.close()


async def _run_against(rules: str | None, *, offline: bool = False, trust_demo: bool = True,
                       site: DemoSite | None = None, evidence: Path | None = None) -> tuple[RunReport, list[str]]:
    """Run the engine in a browser of its own whose www.linkedin.com resolves per ``rules``;
    returns the report and every document request the browser made."""
    async with async_playwright() as pw:
        args = [f"--host-resolver-rules={rules}"] if rules else (site.launch_args() if site else [])
        browser: Browser = await launch(pw, args=args)
        try:
            if site is not None and trust_demo:
                context = await demo_context(browser, site)
            else:
                context = await browser.new_context(service_workers="block")
            documents: list[str] = []
            context.on("request", lambda r: documents.append(r.url) if r.resource_type == "document" else None)
            if offline:
                await context.set_offline(True)
            report = await opt_out(context, Task(apply=True, pace=0, concurrency=3), evidence=Evidence(folder=evidence),
                                   waits=Waits(FAST, FAST_RETRY))
            await context.close()
        finally:
            await browser.close()
    return report, documents


def _assert_unreachable(report: RunReport, documents: list[str], evidence: Path, error: str) -> None:
    assert {r.status for r in report.results} == {Status.UNREACHABLE}, [(r.setting, r.message) for r in report.results]
    assert report.exit_code == ExitCode.UNREACHABLE
    first = next(r for r in report.results if "could not be reached" in r.message)
    assert error in first.message and "network connection" in first.message
    pages = {url.split("?")[0] for url in documents}
    assert len(pages) <= 3, f"pages beyond those already in flight were loaded: {sorted(pages)}"
    # Each page: its load and the bounded retries. Chromium may repeat a request on its own after
    # a refused connection (seen under load), hence the factor 2; no other page is ever loaded.
    for page in pages:
        assert documents.count(page) <= 2 * (1 + FAST_RETRY.navigation), documents
    assert not evidence.exists() or list(evidence.iterdir()) == [], "a browser error page was kept as evidence"


@pytest.mark.parametrize("case", ["no DNS", "connection refused", "TLS error", "offline"])
def test_linkedin_unreachable_stops_the_run_and_says_so(aio: Aio, demo_server: DemoSite, tmp_path: Path,
                                                        case: str) -> None:
    evidence = tmp_path / "run"
    plain = _PlainHttp() if case == "TLS error" else None
    try:
        if case == "no DNS":
            report, docs = aio.run(_run_against("MAP * ~NOTFOUND", evidence=evidence))
            error = "ERR_NAME_NOT_RESOLVED"
        elif case == "connection refused":
            report, docs = aio.run(_run_against(f"MAP * 127.0.0.1:{_closed_port()}", evidence=evidence))
            error = "ERR_CONNECTION_REFUSED"
        elif case == "TLS error":
            assert plain is not None
            report, docs = aio.run(_run_against(f"MAP * 127.0.0.1:{plain.port}", evidence=evidence))
            error = "ERR_SSL_PROTOCOL_ERROR"
        else:
            demo_server.reset()
            report, docs = aio.run(_run_against(None, offline=True, site=demo_server, evidence=evidence))
            error = "ERR_INTERNET_DISCONNECTED"
    finally:
        if plain:
            plain.close()
    _assert_unreachable(report, docs, evidence, error)


def test_an_untrusted_certificate_is_unreachable_not_a_setting(aio: Aio, demo_server: DemoSite,
                                                                tmp_path: Path) -> None:
    """The demo's certificate comes from a throwaway CA: without ignore_https_errors Chromium
    refuses it, as it would a machine-in-the-middle on a hotel network."""
    demo_server.reset()
    report, docs = aio.run(_run_against(None, site=demo_server, trust_demo=False, evidence=tmp_path / "run"))
    _assert_unreachable(report, docs, tmp_path / "run", "ERR_CERT_AUTHORITY_INVALID")
    assert demo_server.saves == []
