"""Ctrl-C and SIGTERM keep the record, with real signals to a real process.

The CLI runs in a subprocess against the demo site (tests/helpers/cli_on_demo.py). On the first
signal the change in flight finishes its verifying reload, the rest is ``skipped``, the report
and the history line are written, the browser is closed and the process exits 130 (SIGINT) or
143 (SIGTERM). No browser process it started outlives it (followed by process id and start
time, wherever its profile folder is).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from automation.results.report import ExitCode

pytestmark = pytest.mark.browser  # runs the tool in a subprocess that drives Chromium

ROOT = Path(__file__).resolve().parent.parent
DRIVER = ROOT / "tests" / "helpers" / "cli_on_demo.py"


def _env(home: Path) -> dict[str, str]:
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "COLUMNS": "160",
            "XDG_DATA_HOME": str(home / "data"), "XDG_STATE_HOME": str(home / "state"),
            "XDG_CONFIG_HOME": str(home / "config"), "XDG_CACHE_HOME": str(home / "cache"),
            "PYTHONPATH": str(ROOT), "LINKEDIN_OPTOUT_LOG_LEVEL": "WARNING",
            # the helper's waits (tests/helpers/timing.py) scale like the tests' own
            **{k: v for k, v in os.environ.items() if k == "LINKEDIN_OPTOUT_TEST_TIMEOUT_SCALE"}}


def _start(home: Path, faults: dict, *args: str, driver: bool = True, grace: float | None = None) -> subprocess.Popen[str]:
    command = [sys.executable, str(DRIVER), json.dumps(faults), "--", *args] if driver else \
        [sys.executable, "-m", "automation", *args]
    env = _env(home) | ({"CLI_ON_DEMO_GRACE": str(grace)} if grace is not None else {})
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=home)


def _wait_for(proc: subprocess.Popen[str], needle: str, timeout: float = 120) -> list[str]:
    """Read stderr lines until one contains ``needle``; returns the lines read."""
    assert proc.stderr is not None
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        seen.append(line)
        if needle in line:
            return seen
    proc.kill()
    raise AssertionError(f"never saw {needle!r}: {''.join(seen)}")


def _processes() -> dict[int, tuple[int, str, str]]:
    """pid -> (parent pid, start time, command line) of every live process."""
    found = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = (Path("/proc") / pid / "stat").read_text()
            cmdline = (Path("/proc") / pid / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # after "pid (name) "
        found[int(pid)] = (int(fields[1]), fields[19], cmdline)
    return found


def _browsers_under(proc: subprocess.Popen[str]) -> set[tuple[int, str]]:
    """(pid, start time) of the browser processes the run started (descendants of ``proc``)."""
    table = _processes()
    family, grew = {proc.pid}, True
    while grew:
        more = {pid for pid, (parent, _, _) in table.items() if parent in family} - family
        family |= more
        grew = bool(more)
    return {(pid, table[pid][1]) for pid in family - {proc.pid} if "--user-data-dir=" in table[pid][2]}


def _alive(browsers: set[tuple[int, str]]) -> list[str]:
    """Command lines of those browser processes still running (the same pid and start time)."""
    table = _processes()
    return [table[pid][2][:120] for pid, started in browsers if pid in table and table[pid][1] == started]


def _no_browser_outlives(browsers: set[tuple[int, str]]) -> None:
    deadline = time.monotonic() + 10
    while _alive(browsers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _alive(browsers) == [], "a browser outlived the run"


def _finish(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=120)
    return proc.returncode, out, err


@pytest.mark.parametrize("name,code", [("SIGINT", ExitCode.INTERRUPTED), ("SIGTERM", ExitCode.TERMINATED)])
def test_a_signal_mid_apply_keeps_the_change_and_the_record(tmp_path: Path, name: str, code: int) -> None:
    report = tmp_path / "out" / "run.json"
    proc = _start(tmp_path, {"latency": 0.05}, "apply", "--yes", "--pace", "30", "--concurrency", "1",
                  "--only", "ai-training", "--only", "research",
                  "--only", "ads-inferred-age", "--report", str(report), "--html")
    _wait_for(proc, "turning off")  # the first change is in flight
    browsers = _browsers_under(proc)
    assert browsers, "the check below would see no browser"
    proc.send_signal(getattr(signal, name))
    returncode, out, err = _finish(proc)
    assert returncode == code, err
    assert "Traceback" not in err
    data = json.loads(report.read_text())
    statuses = {r["setting"]: r["status"] for r in data["results"]}
    assert statuses["ai-training"] == "turned_off", "the change in flight finished its verifying reload"
    assert statuses["research"] == "skipped" and statuses["ads-inferred-age"] == "skipped"
    assert "interrupted" in next(r["message"] for r in data["results"] if r["setting"] == "research")
    assert data["interrupted"] == name and data["exit_code"] == code
    html = (Path(data["run_dir"]) / "report.html").read_text()  # the HTML report is written too
    assert "turned_off" in html and "skipped" in html
    history = (tmp_path / "state" / "linkedin-optout" / "history.jsonl").read_text().splitlines()
    last = json.loads(history[-1])["report"]
    assert last["interrupted"] == name and last["results"][0]["status"] == "turned_off"
    _no_browser_outlives(browsers)


def test_ctrl_c_during_check_writes_the_report(tmp_path: Path) -> None:
    report = tmp_path / "check.json"
    # The page in flight at the signal never renders: its grace would only be waited out.
    proc = _start(tmp_path, {"slow_render": {"/mypreferences/d/settings/ads-by-age": 60}}, "check",
                  "--concurrency", "1", "--only", "ai-training", "--only", "ads-inferred-age",
                  "--only", "research", "--report", str(report), grace=1)
    _wait_for(proc, "ai-training on")
    proc.send_signal(signal.SIGINT)
    returncode, _out, err = _finish(proc)
    assert returncode == ExitCode.INTERRUPTED, err
    statuses = {r["setting"]: r["status"] for r in json.loads(report.read_text())["results"]}
    assert statuses["ai-training"] == "on" and statuses["research"] == "skipped"


def test_ctrl_c_during_the_demo_writes_its_report(tmp_path: Path) -> None:
    report = tmp_path / "demo.json"
    proc = _start(tmp_path, {}, "demo", "--pace", "30", "--report", str(report), driver=False)
    _wait_for(proc, "turned_off")
    browsers = _browsers_under(proc)
    assert browsers, "the check below would see no browser"
    proc.send_signal(signal.SIGINT)
    returncode, _out, err = _finish(proc)
    assert returncode == ExitCode.INTERRUPTED, err
    applied = json.loads(report.read_text())["apply"]
    statuses = [r["status"] for r in applied["results"]]
    assert "turned_off" in statuses and "skipped" in statuses and applied["interrupted"] == "SIGINT"
    _no_browser_outlives(browsers)


def test_a_second_ctrl_c_quits_at_once_and_frees_the_profile(tmp_path: Path) -> None:
    import fcntl

    proc = _start(tmp_path, {"latency": 0.05, "data_delay": 5, "placeholder": {
        "/mypreferences/d/settings/data-for-ai-improvement": True}}, "apply", "--yes", "--pace", "0",
        "--concurrency", "1", "--only", "ai-training")
    _wait_for(proc, "ai-training reading")
    browsers = _browsers_under(proc)
    assert browsers, "the check below would see no browser"
    proc.send_signal(signal.SIGINT)
    time.sleep(0.3)
    started = time.monotonic()
    proc.send_signal(signal.SIGINT)
    returncode, _out, _err = _finish(proc)
    assert returncode == ExitCode.INTERRUPTED and time.monotonic() - started < 5
    lock = next(p for p in (tmp_path / "data").rglob("lock") if p.is_file())
    with open(lock, "r+b") as handle:  # the lock is free: another run could start now
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    _no_browser_outlives(browsers)


# --- a verifying read ages with its page slot given back ----------------------------------------------
def test_a_signal_while_a_change_in_flight_waits_for_a_slot_behind_the_gates_queue_does_not_stall_it(
        site, run_engine, aio, context) -> None:
    """Two page slots and a pace of 12 s. The marketing page's first change verifies and gives its
    slot back while its reload ages; the two other pages (held back until then) take both slots
    and queue at the change gate behind the marketing page's second change. That change is
    clicked; its verifying reload must wait for a slot, and the page now at the gate holds one
    while it waits out the pace. A signal then: the gate lets its queue go at once (each page asks
    whether it may still change, may not, and gives its slot back), so the reload gets a slot
    within the grace period and the change ends turned_off. Were the queue to wait out the pace,
    the grace period would end first and the change would be lost ("interrupted after the click")."""
    import asyncio
    from dataclasses import replace

    from automation.engine.interrupt import Interrupt
    from automation.results.report import Status
    from tests.helpers.timing import FAST, scaled

    interrupt, released = Interrupt(), asyncio.Event()

    async def held_back(route) -> None:  # the other pages load once the first change is proven
        await released.wait()
        await route.fallback()

    for path in ("data-for-ai-improvement", "policy-and-academic-research"):
        aio.run(context.route(f"**/mypreferences/d/settings/{path}", held_back))

    def progress(setting: str, what: str) -> None:
        if (setting, what) == ("marketing-promotions", "turned_off"):
            released.set()
        if (setting, what) == ("marketing-emails", "verifying"):
            asyncio.get_running_loop().call_later(scaled(0.5), interrupt.set, "SIGINT")

    started = time.monotonic()
    report = run_engine(apply=True, only=["marketing-promotions", "marketing-emails", "ai-training", "research"],
                        pace=scaled(12), concurrency=2, progress=progress, interrupt=interrupt,
                        timeouts=replace(FAST, grace=scaled(6)))
    statuses = {r.setting: r.status for r in report.results}
    assert statuses == {"marketing-promotions": Status.TURNED_OFF, "marketing-emails": Status.TURNED_OFF,
                        "ai-training": Status.SKIPPED, "research": Status.SKIPPED}, [r.message for r in report.results]
    assert [s.key for s in site.saves] == [site_key(site, "marketing-promotions"), site_key(site, "marketing-emails")]
    assert time.monotonic() - started < scaled(12) + scaled(10), "the gate's queue waited out the pace"


def site_key(site, setting: str) -> str:
    return site.catalogue[setting].key


def test_a_change_whose_verifying_read_outlasts_the_grace_period_is_failed_not_skipped(site, run_engine) -> None:
    """Clicked, then a signal while its reload waits for data that takes longer than the grace
    period: the report must say the change was made and not verified, never "skipped"."""
    import asyncio
    from dataclasses import replace

    from automation.engine.interrupt import Interrupt
    from automation.results.report import Status
    from tests.helpers.timing import FAST, scaled

    interrupt = Interrupt()
    site.faults.placeholder = {"/mypreferences/d/settings/data-for-ai-improvement": False}
    site.faults.placeholder_after_saves, site.faults.data_delay = 1, scaled(20)  # the reload's data never comes in time

    def progress(setting: str, what: str) -> None:
        if what == "verifying":
            asyncio.get_running_loop().call_soon(interrupt.set, "SIGINT")

    report = run_engine(apply=True, only="ai-training", interrupt=interrupt, progress=progress,
                        timeouts=replace(FAST, grace=scaled(1)))
    result = report.result("ai-training")
    assert result.status is Status.FAILED and result.before is True, result.message
    assert result.message == "interrupted after the click, before a reload could verify it: run check"
    assert len(site.saves) == 1
