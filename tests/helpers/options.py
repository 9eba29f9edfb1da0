"""The tests' shorthand for a run's options: keywords in, the library's frozen objects out.

``run_engine(apply=False, only="ads", timeouts=FAST)`` reads better in a test than four objects;
this sorts each keyword into the object it belongs to (automation/engine/options.py), so a test
still calls ``opt_out`` exactly as a library user does.
"""

from __future__ import annotations

from typing import Any

from automation.engine.options import Evidence, Hooks, Task, Waits

_WHERE = {"apply": "task", "only": "task", "pace": "task", "concurrency": "task", "discover": "task",
          "policy": "task", "lean": "task", "evidence_dir": "evidence", "screenshots": "evidence",
          "trace": "evidence", "timeouts": "waits", "retry": "waits", "progress": "hooks", "interrupt": "hooks"}
_RENAMED = {"evidence_dir": "folder"}


def options(**keywords: Any) -> dict[str, Any]:
    """``opt_out``'s keyword arguments (task, evidence, waits, hooks, catalogue) from flat ones."""
    grouped: dict[str, dict[str, Any]] = {"task": {}, "evidence": {}, "waits": {}, "hooks": {}}
    made: dict[str, Any] = {}
    for name, value in keywords.items():
        if name == "catalogue":
            made[name] = value
        elif value is not None or name not in ("timeouts", "retry"):
            grouped[_WHERE[name]][_RENAMED.get(name, name)] = value
    kinds = {"task": Task, "evidence": Evidence, "waits": Waits, "hooks": Hooks}
    made.update({key: kinds[key](**values) for key, values in grouped.items() if values})
    return made


def live(*, profile: Any, **keywords: Any) -> Any:
    """``run_live`` on the running test's demo site, its options given flat (as ``options``)."""
    from automation.session.runner import Launch, run_live
    from tests.conftest import live_site

    made = options(**keywords)
    return run_live(profile, made.pop("task", None), launch=Launch(site=live_site()), **made)
