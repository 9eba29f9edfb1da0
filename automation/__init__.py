"""linkedin-optout: turn off LinkedIn's AI-training and ad-data switches, and keep them off.

The library API is ``await automation.opt_out(context, automation.Task(apply=False, only=["ai"]))``;
``Task`` (what to do), ``Evidence`` (where it goes), ``Waits`` (how long) and ``Hooks`` (progress,
an interrupt) are the run's options, frozen and checked when made (engine/options.py).
``await automation.prune(context, automation.Selection.from_export(path, automation.Criteria(kinds=["old"])),
automation.PruneTask())`` looks at (or, with ``delete=True`` and ``confirm``, deletes) what the
person chose from their export (pruning/run.py), with the same ``Evidence``, ``Waits`` and ``Hooks``.
Heavy imports (Playwright) happen on first use, so ``linkedin-optout --help`` starts fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from automation.version import __version__

__all__ = ["opt_out", "Task", "Evidence", "Waits", "Hooks", "RunReport", "SettingResult", "Status", "load_catalogue",
           "prune", "PruneTask", "Criteria", "Selection", "PruneReport", "__version__"]
_OPTIONS = ("Task", "Evidence", "Waits", "Hooks")
_PRUNE = {"prune": "automation.pruning.run", "PruneTask": "automation.pruning.options",
          "Criteria": "automation.pruning.selection", "Selection": "automation.pruning.selection",
          "PruneReport": "automation.pruning.report"}

if TYPE_CHECKING:
    from automation.catalogue.loader import load_catalogue
    from automation.engine.options import Evidence, Hooks, Task, Waits
    from automation.engine.run import opt_out
    from automation.pruning.options import PruneTask
    from automation.pruning.report import PruneReport
    from automation.pruning.run import prune
    from automation.pruning.selection import Criteria, Selection
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
    if name in _PRUNE:
        from importlib import import_module

        return getattr(import_module(_PRUNE[name]), name)
    if name == "load_catalogue":
        from automation.catalogue.loader import load_catalogue

        return load_catalogue
    raise AttributeError(f"module 'automation' has no attribute {name!r}")
