"""The tests' waits: the engine's logic with test-sized timeouts and retries, one scale knob.

Imported by tests/conftest.py (for the tests and their fixtures) and by tests/helpers/cli_on_demo.py
(the real command line in a subprocess), so both wait alike.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import fields, replace
from typing import Any, TypeVar

from automation.engine.options import Retry, Timeouts

T = TypeVar("T")

# One knob for every wait in the tests: a slow or loaded CI machine raises it (2 doubles them all).
TIMEOUT_SCALE = float(os.environ.get("LINKEDIN_OPTOUT_TEST_TIMEOUT_SCALE", "1") or 1)


def scaled(seconds: float) -> float:
    return seconds * TIMEOUT_SCALE


# Tests keep the engine's logic and lower only its waits, so a failing page fails in seconds.
_FAST = Timeouts(navigation=15, render=6, settle=0.5, save=6, action=4, quiet=0.5)
FAST = Timeouts(**{f.name: scaled(getattr(_FAST, f.name)) for f in fields(Timeouts)})
FAST_RETRY = Retry(navigation=1, rate_limit=2, max_wait=scaled(2), base_wait=0.2)


def waiting_as_tests_do(opt_out: Callable[..., T], grace: float | None = None) -> Callable[..., T]:
    """``opt_out`` (the engine) with the tests' waits (FAST, FAST_RETRY) wherever its caller passed
    none: the command line passes no ``Waits``, so a person's defaults (a 2 s and a 4 s
    back-off per unreachable page, 15 s for a render) would be waited out in full. The engine's logic
    is unchanged. ``grace``: seconds a change in flight may take to verify after a signal.

    Tests put it in place of ``automation.session.runner.opt_out``, the engine call of ``run_live``
    (the ``via_demo`` fixture; tests/helpers/cli_on_demo.py)."""
    timeouts = FAST if grace is None else replace(FAST, grace=scaled(grace))

    from automation.engine.options import Waits

    @functools.wraps(opt_out)
    def call(context: Any, *args: Any, **kwargs: Any) -> T:
        kwargs["waits"] = kwargs.get("waits") or Waits(timeouts=timeouts, retry=FAST_RETRY)
        return opt_out(context, *args, **kwargs)

    return call
