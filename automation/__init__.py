"""linkedin-optout: turn off LinkedIn's AI-training and ad-data switches, and keep them off.

The library API is ``await automation.opt_out(context, automation.Task(apply=False, only=["ai"]))``;
``Task`` (what to do), ``Evidence`` (where it goes), ``Waits`` (how long) and ``Hooks`` (progress,
an interrupt) are the run's options, frozen and checked when made (engine/options.py).
Heavy imports (Playwright) happen on first use, so ``linkedin-optout --help`` starts fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from automation.version import __version__

__all__ = ["opt_out", "Task", "Evidence", "Waits", "Hooks", "RunReport", "SettingResult", "Status", "load_catalogue",
           "__version__"]
_OPTIONS = ("Task", "Evidence", "Waits", "Hooks")

if TYPE_CHECKING:
    from automation.catalogue.loader import load_catalogue
    from automation.engine.options import Evidence, Hooks, Task, Waits
    from automation.engine.run import opt_out
    from automation.results.report import RunReport, SettingResult, Status


def __getattr__(name: str) -> Any:
    if name == "opt_out":
        from automation.engine.run import opt_out

        return opt_out
    if name in _OPTIONS:
        from automation.engine import options

        return getattr(options, name)
    if name in ("RunReport", "SettingResult", "Status"):
        from automation.results import report

        return getattr(report, name)
    if name == "load_catalogue":
        from automation.catalogue.loader import load_catalogue

        return load_catalogue
    raise AttributeError(f"module 'automation' has no attribute {name!r}")
