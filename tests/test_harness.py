"""The test harness itself: a timed-out helper stops its work, and one knob scales every wait."""

from __future__ import annotations

import asyncio
import concurrent.futures
import subprocess
import sys

import pytest

from tests.conftest import ROOT, Aio


def test_a_timed_out_coroutine_is_cancelled_not_left_running() -> None:
    runner = Aio()
    seen: list[str] = []

    async def hangs() -> None:
        try:
            await asyncio.sleep(60)
        except asyncio.CancelledError:
            seen.append("cancelled")
            raise

    try:
        with pytest.raises(concurrent.futures.TimeoutError):
            runner.run(hangs(), timeout=0.2)
        assert seen == ["cancelled"], "the hung coroutine would keep driving the shared browser"
        assert runner.run(asyncio.sleep(0, result="still usable"), timeout=5) == "still usable"
    finally:
        runner.close()


def test_one_environment_variable_scales_every_wait() -> None:
    probe = "from tests.conftest import FAST, FAST_RETRY; print(FAST.render, FAST.navigation, FAST_RETRY.max_wait)"
    plain, doubled = (subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True,
                                     env={"PATH": "/usr/bin:/bin", "LINKEDIN_OPTOUT_TEST_TIMEOUT_SCALE": scale}).stdout.split()
                      for scale in ("1", "2"))
    assert [float(x) * 2 for x in plain] == [float(x) for x in doubled]
