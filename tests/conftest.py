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
import concurrent.futures
import os
import re
import threading
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from playwright.async_api import Browser, BrowserContext, async_playwright

from automation.cli import cli
from automation.demo.run import demo_context
from automation.demo.site import DemoSite, Faults
from automation.engine.run import opt_out
from automation.results.report import RunReport
from automation.session.browser import choose
from automation.session.runner import LiveSite

# The tests' waits (FAST, FAST_RETRY) and their one knob, LINKEDIN_OPTOUT_TEST_TIMEOUT_SCALE.
from tests.helpers import ci_skips
from tests.helpers.options import options
from tests.helpers.timing import FAST, FAST_RETRY, TIMEOUT_SCALE, scaled, waiting_as_tests_do

T = TypeVar("T")

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / ".artifacts" / "test-results"  # what CI keeps: traces and screenshots of failures


class Aio:
    """An event loop in a daemon thread; ``run`` submits a coroutine and waits for its result."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="test-aio", daemon=True)
        self.thread.start()

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 180) -> T:
        """Wait ``timeout`` seconds (times the scale factor); on time-out cancel the coroutine, so a
        hung test stops driving the shared browser and demo site before the next test starts."""
        # wait_for cancels the coroutine on time-out and waits for its cleanups (page.close, ...);
        # the outer wait is a backstop should a cleanup hang too.
        future = asyncio.run_coroutine_threadsafe(asyncio.wait_for(coro, scaled(timeout)), self.loop)
        try:
            return future.result(scaled(timeout) + scaled(30))
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise

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
    from automation.session.browser import launch

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
def context(request: pytest.FixtureRequest, aio: Aio, abrowser: Browser, site: DemoSite) -> Iterator[BrowserContext]:
    """A fresh signed-in context, traced: a failed test leaves its trace and a screenshot of each
    open page under .artifacts/test-results/<test>/ (pytest-playwright's --tracing only covers its
    own sync fixtures, which these tests do not use)."""
    ctx = aio.run(demo_context(abrowser, site))
    aio.run(ctx.tracing.start(snapshots=True, screenshots=False))
    yield ctx
    aio.run(_close_traced(ctx, _failed_folder(request)))


async def _close_traced(ctx: BrowserContext, folder: Path | None) -> None:
    if folder is None:
        await ctx.tracing.stop()
    else:
        folder.mkdir(parents=True, exist_ok=True)
        for n, page in enumerate(ctx.pages):
            try:
                await page.screenshot(path=str(folder / f"page-{n}.png"), full_page=True, timeout=5_000)
            except Exception:  # noqa: BLE001 - a page that cannot be shot must not hide the failure
                pass
        await ctx.tracing.stop(path=str(folder / "trace.zip"))
    await ctx.close()


def _failed_folder(request: pytest.FixtureRequest) -> Path | None:
    report = getattr(request.node, "rep_call", None)
    if report is None or not report.failed:
        return None
    return ARTIFACTS / re.sub(r"[^\w.-]+", "-", request.node.nodeid).strip("-")[:150]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Keep each phase's report on the test item, so fixtures can tell at teardown that it failed;
    under CI a skip for a tool `make test` installs fails (tests/helpers/ci_skips.py)."""
    report = yield
    ci_skips.strict(report)
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture
def run_engine(aio: Aio, context: BrowserContext):
    """Call the engine the way a library user would, with test-sized waits and no pause."""

    def call(**kwargs: Any) -> RunReport:
        kwargs.setdefault("pace", 0)
        kwargs.setdefault("timeouts", FAST)
        kwargs.setdefault("retry", FAST_RETRY)
        return aio.run(opt_out(context, **options(**kwargs)))

    return call


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict, playwright, demo_server: DemoSite) -> dict:
    """pytest-playwright's sync browser: same executable and host mapping (extend, don't
    replace, or --headed is lost: docs/playwright.md#pytest-playwright)."""
    args = [*browser_type_launch_args.get("args", []), *demo_server.launch_args()]
    executable = choose(playwright.chromium.executable_path)
    return {**browser_type_launch_args, "executable_path": executable, "args": args}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "ignore_https_errors": True, "service_workers": "block"}


def _browsers_path() -> str:
    """Where Playwright keeps its browsers, pinned before HOME moves (it defaults to ~/.cache)."""
    return os.environ.get("PLAYWRIGHT_BROWSERS_PATH") or str(Path.home() / ".cache" / "ms-playwright")


BROWSERS_PATH = _browsers_path()  # read once, at import, from the developer's real HOME


def isolated_env(folder: Path, **extra: str) -> dict[str, str]:
    """The whole environment of a subprocess test: its own HOME and XDG folders under ``folder``
    (outside the checkout), no session, no settings from the developer's environment."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "COLUMNS": "200", "HOME": str(folder / "home"),
           "PLAYWRIGHT_BROWSERS_PATH": BROWSERS_PATH, "LINKEDIN_OPTOUT_LOG_LEVEL": "WARNING"}
    (folder / "home").mkdir(parents=True, exist_ok=True)
    for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"), ("XDG_STATE_HOME", "state"),
                     ("XDG_CACHE_HOME", "cache")):
        env[var] = str(folder / sub)
    if os.environ.get("LINKEDIN_OPTOUT_BROWSER"):
        env["LINKEDIN_OPTOUT_BROWSER"] = os.environ["LINKEDIN_OPTOUT_BROWSER"]
    return {**env, **extra}


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Profiles and state in the test's own tmp_path (HOME, XDG folders, the current folder, so no
    .env); the environment is already clean (``clean_environment``)."""
    _live_in(tmp_path, monkeypatch)
    return tmp_path


def _live_in(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (folder / "home").mkdir(exist_ok=True)
    monkeypatch.setenv("HOME", str(folder / "home"))
    for var, sub in XDG.items():
        monkeypatch.setenv(var, str(folder / sub))
    monkeypatch.chdir(folder)


XDG = {"XDG_CONFIG_HOME": "config", "XDG_CACHE_HOME": "cache", "XDG_DATA_HOME": "data", "XDG_STATE_HOME": "state"}
# What a test may inherit from the developer's environment: the browser to use, the tests' own
# wait scale. Every other LINKEDIN_OPTOUT_* setting, session value or
# scheduler would reach the code under test (a real alert target, a report folder, edited maps).
KEPT = {"LINKEDIN_OPTOUT_BROWSER", "LINKEDIN_OPTOUT_TEST_TIMEOUT_SCALE"}
# Stand-ins first on PATH: the desktop notifier and the user's service manager are never the real
# ones (a test that wants to see what was called puts its own recording stand-in before these).
STAND_INS = {
    "notify-send": "#!/bin/sh\nexit 0\n",
    "osascript": "#!/bin/sh\nexit 0\n",
    "systemctl": "#!/bin/sh\necho 'Failed to connect to bus: no user instance in the tests' >&2\nexit 1\n",
}


def _inherited_setting(name: str) -> bool:
    return (name.startswith("LINKEDIN_OPTOUT_") and name not in KEPT) or name in ("LINKEDIN_LI_AT",
                                                                                "LINKEDIN_JSESSIONID")


def _scrub(environ: Any) -> None:
    """Drop every setting of the tool and every session value the developer's environment holds."""
    for name in [n for n in environ if _inherited_setting(n)]:
        del environ[name]
    environ["LINKEDIN_OPTOUT_LOG_LEVEL"] = "WARNING"


@pytest.fixture(autouse=True)
def clean_environment(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts from a clean environment and its own folders: none of the developer's
    LINKEDIN_OPTOUT_* settings or session, a HOME and XDG folders of its own (the ``home`` fixture
    moves them into tmp_path), a current folder with no .env, and stand-ins for notify-send and
    systemctl."""
    for name in [n for n in os.environ if _inherited_setting(n)]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("LINKEDIN_OPTOUT_LOG_LEVEL", "WARNING")
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", BROWSERS_PATH)
    monkeypatch.setenv("PATH", f"{STAND_IN_BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    if "home" not in request.fixturenames:
        _live_in(tmp_path_factory.mktemp("env"), monkeypatch)


@pytest.fixture
def via_demo(site: DemoSite, monkeypatch: pytest.MonkeyPatch) -> DemoSite:
    """Route the real CLI to the demo site; library calls take ``site=live_site()``. Its runs wait
    as the tests' engine calls do (FAST, FAST_RETRY), not out a person's defaults."""
    import automation.session.runner as runner

    monkeypatch.setattr(runner, "opt_out", waiting_as_tests_do(runner.opt_out))
    # The command line's context object (click's documented way), as `main(site=...)` would set it.
    monkeypatch.setitem(cli.context_settings, "obj", demo_live_site(site))
    monkeypatch.setitem(_CURRENT, "site", demo_live_site(site))
    return site


@pytest.fixture
def selftest_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    """doctor's selftest line as it reads when every bundled page passes, for a doctor test about
    something else: test_doctor_on_a_ready_machine runs the real one, and tests/test_fixture_smoke.py
    and tests/test_selftest_cli.py read every page. (selftest opens no profile: no session in it.)"""
    from automation.tools import doctor

    async def passes(executable: object) -> doctor.Check:
        return doctor.Check("selftest", "OK", "every bundled page reads as its metadata says")

    monkeypatch.setattr(doctor, "selftest", passes)


_CURRENT: dict[str, LiveSite] = {}  # the test's demo site, for library calls (tests only)


def live_site() -> LiveSite:
    """The demo site of the running test (``via_demo``), passed explicitly to library calls."""
    return _CURRENT["site"]


def demo_live_site(site: DemoSite) -> LiveSite:
    """The demo site as the library and the command line take it: an explicit parameter."""
    return LiveSite(tuple(site.launch_args()), ignore_https_errors=True)


_SESSION_ENV: dict[str, str] = {}  # the temp folder pytest_configure made, removed at the end


def pytest_configure(config: pytest.Config) -> None:
    # Property tests: random locally (to find new cases), the same examples on every CI run.
    from hypothesis import settings

    settings.register_profile("ci", derandomize=True, print_blob=True)
    if os.environ.get("CI"):
        settings.load_profile("ci")
    # What is read at import and in session-scoped fixtures (the maps, local overrides) comes from a
    # clean environment too: no developer's settings, overrides (`teach`) or .env. Each test then
    # gets folders of its own (clean_environment); this one is removed when the session ends.
    import tempfile

    _scrub(os.environ)
    folder = Path(tempfile.mkdtemp(prefix="linkedin-optout-tests-"))
    _SESSION_ENV["folder"] = str(folder)
    for var, sub in XDG.items():
        os.environ[var] = str(folder / sub)
    os.environ["PLAYWRIGHT_BROWSERS_PATH"] = BROWSERS_PATH
    (folder / "bin").mkdir()
    for name, script in STAND_INS.items():
        (folder / "bin" / name).write_text(script)
        (folder / "bin" / name).chmod(0o755)
    global STAND_IN_BIN
    STAND_IN_BIN = str(folder / "bin")


def pytest_unconfigure(config: pytest.Config) -> None:
    import shutil

    if folder := _SESSION_ENV.pop("folder", None):
        shutil.rmtree(folder, ignore_errors=True)


STAND_IN_BIN = ""  # set by pytest_configure


# A test that uses any of these drives a real Chromium (or the demo site it reaches): `browser`.
BROWSER_FIXTURES = {"aio", "abrowser", "context", "run_engine", "site", "demo_server", "via_demo", "page",
                    "signed_in"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that needs a browser, so `pytest -m "not browser"` is the fast lane."""
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


__all__ = ["Aio", "Faults", "FAST", "FAST_RETRY", "TIMEOUT_SCALE", "isolated_env", "scaled"]
