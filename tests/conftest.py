"""Shared test harness.

The engine is async; pytest-playwright's fixtures are sync. So async work runs on one event loop
in a background thread (``aio.run(coro)``), which owns one Chromium for the whole session. That
browser is launched with the demo site's ``--host-resolver-rules``, so every page it opens is
served at its real ``https://www.linkedin.com/...`` URL by the stand-in on 127.0.0.1 (or by a
route that fulfils a saved fixture). Nothing reaches the network: every other host resolves to
nothing.
"""

from __future__ import annotations

import asyncio
import os
import threading
from pathlib import Path
from collections.abc import Coroutine, Iterator
from typing import Any, TypeVar

import pytest
from playwright.async_api import Browser, BrowserContext, async_playwright

import automation.live as live
from automation.browser import choose
from automation.demo.run import demo_context
from automation.demo.site import DemoSite, Faults
from automation.engine import opt_out
from automation.report import RunReport
from automation.visit import Retry, Timeouts

T = TypeVar("T")

# Tests keep the engine's logic and lower only its waits, so a failing page fails in seconds.
FAST = Timeouts(navigation=15, render=6, settle=0.5, save=6, action=4, quiet=0.5)
FAST_RETRY = Retry(navigation=1, rate_limit=2, max_wait=2, base_wait=0.2)


class Aio:
    """An event loop in a daemon thread; ``run`` submits a coroutine and waits for its result."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="test-aio", daemon=True)
        self.thread.start()

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 180) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


@pytest.fixture(scope="session")
def aio() -> Iterator[Aio]:
    runner = Aio()
    yield runner
    runner.close()


@pytest.fixture(scope="session")
def demo_server() -> Iterator[DemoSite]:
    with DemoSite() as site:
        yield site


@pytest.fixture(scope="session")
def abrowser(aio: Aio, demo_server: DemoSite) -> Iterator[Browser]:
    """One async Chromium for the session, wired to the demo site."""
    from automation.browser import launch

    holder: dict[str, Any] = {}

    async def start() -> Browser:
        holder["pw"] = await async_playwright().start()
        return await launch(holder["pw"], args=demo_server.launch_args())

    browser = aio.run(start())
    yield browser

    async def stop() -> None:
        await browser.close()
        await holder["pw"].stop()

    aio.run(stop())


@pytest.fixture
def site(demo_server: DemoSite) -> Iterator[DemoSite]:
    """The demo site, reset: every switch on, no faults, no saves. Tests reconfigure it freely."""
    demo_server.reset()
    yield demo_server
    demo_server.reset()


@pytest.fixture
def context(aio: Aio, abrowser: Browser, site: DemoSite) -> Iterator[BrowserContext]:
    ctx = aio.run(demo_context(abrowser, site))
    yield ctx
    aio.run(ctx.close())


@pytest.fixture
def run_engine(aio: Aio, context: BrowserContext):
    """Call the engine the way a library user would, with test-sized waits and no pause."""

    def call(**kwargs: Any) -> RunReport:
        kwargs.setdefault("pace", 0)
        kwargs.setdefault("timeouts", FAST)
        kwargs.setdefault("retry", FAST_RETRY)
        return aio.run(opt_out(context, **kwargs))

    return call


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict, playwright, demo_server: DemoSite) -> dict:
    """pytest-playwright's sync browser: same executable and host mapping (PLAYWRIGHT.md: extend,
    don't replace, or --headed is lost)."""
    args = [*browser_type_launch_args.get("args", []), *demo_server.launch_args()]
    executable = choose(playwright.chromium.executable_path)
    return {**browser_type_launch_args, "executable_path": executable, "args": args}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "ignore_https_errors": True, "service_workers": "block"}


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Profiles and state in a temp HOME; no .env from the checkout; no session in the environment."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # local overrides (teach)
    monkeypatch.delenv("LINKEDIN_LI_AT", raising=False)
    monkeypatch.delenv("LINKEDIN_JSESSIONID", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def via_demo(site: DemoSite, monkeypatch: pytest.MonkeyPatch) -> DemoSite:
    """Route the real CLI and library code for sessions to the demo site."""
    monkeypatch.setattr(live, "TEST_SITE", {"site_args": site.launch_args(), "ignore_https_errors": True})
    return site


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("LINKEDIN_OPTOUT_LOG_LEVEL", "WARNING")
    # The developer's own local overrides (`teach`) must never change what the tests read.
    import tempfile

    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="linkedin-optout-test-config-")


__all__ = ["Aio", "Faults", "FAST", "FAST_RETRY"]
