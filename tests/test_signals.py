"""Ctrl-C and SIGTERM keep the record, with real signals to a real process.

The CLI runs in a subprocess against the demo site (tests/helpers/cli_on_demo.py). On the first
signal the change in flight finishes its verifying reload, the rest is ``skipped``, the report
and the history line are written, the browser is closed and the process exits 130 (SIGINT) or
143 (SIGTERM). No browser process outlives it.
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


def _browsers_of(home: Path) -> list[str]:
    """Command lines of live processes that belong to this test's HOME (its profile's browser)."""
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            cmdline = (Path("/proc") / pid / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if str(home) in cmdline and "cli_on_demo" not in cmdline:
            found.append(cmdline[:120])
    return found


def _finish(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=120)
    return proc.returncode, out, err


@pytest.mark.parametrize("name,code", [("SIGINT", ExitCode.INTERRUPTED), ("SIGTERM", ExitCode.TERMINATED)])
def test_a_signal_mid_apply_keeps_the_change_and_the_record(tmp_path: Path, name: str, code: int) -> None:
    report = tmp_path / "out" / "run.json"
    proc = _start(tmp_path, {"latency": 0.05}, "apply", "--yes", "--pace", "30", "--concurrency", "1",
                  "--only", "ai-training", "--only", "research",
                  "--only", "ads-inferred-age", "--report", str(report))
    _wait_for(proc, "turning off")  # the first change is in flight
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
    history = (tmp_path / "state" / "linkedin-optout" / "history.jsonl").read_text().splitlines()
    last = json.loads(history[-1])["report"]
    assert last["interrupted"] == name and last["results"][0]["status"] == "turned_off"
    deadline = time.monotonic() + 10
    while _browsers_of(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _browsers_of(tmp_path) == [], "a browser outlived the run"


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
    proc.send_signal(signal.SIGINT)
    returncode, _out, err = _finish(proc)
    assert returncode == ExitCode.INTERRUPTED, err
    applied = json.loads(report.read_text())["apply"]
    statuses = [r["status"] for r in applied["results"]]
    assert "turned_off" in statuses and "skipped" in statuses and applied["interrupted"] == "SIGINT"
    assert _browsers_of(tmp_path) == []


def test_a_second_ctrl_c_quits_at_once_and_frees_the_profile(tmp_path: Path) -> None:
    import fcntl

    proc = _start(tmp_path, {"latency": 0.05, "data_delay": 5, "placeholder": {
        "/mypreferences/d/settings/data-for-ai-improvement": True}}, "apply", "--yes", "--pace", "0",
        "--concurrency", "1", "--only", "ai-training")
    _wait_for(proc, "ai-training reading")
    proc.send_signal(signal.SIGINT)
    time.sleep(0.3)
    started = time.monotonic()
    proc.send_signal(signal.SIGINT)
    returncode, _out, _err = _finish(proc)
    assert returncode == ExitCode.INTERRUPTED and time.monotonic() - started < 5
    lock = next(p for p in (tmp_path / "data").rglob("lock") if p.is_file())
    with open(lock, "r+b") as handle:  # the lock is free: another run could start now
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    deadline = time.monotonic() + 10
    while _browsers_of(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _browsers_of(tmp_path) == [], "a browser outlived the process"
