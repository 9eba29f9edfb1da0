"""linkedin-optout: turn off LinkedIn's AI-training and ad-data switches, and keep them off.

The library API is ``await automation.opt_out(context, apply=True, only=None, pace=None)``.
Heavy imports (Playwright) happen on first use, so ``linkedin-optout --help`` starts fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from automation.version import __version__

__all__ = ["opt_out", "RunReport", "SettingResult", "Status", "load_catalogue", "__version__"]

if TYPE_CHECKING:
    from automation.catalogue.loader import load_catalogue
    from automation.engine.run import opt_out
    from automation.results.report import RunReport, SettingResult, Status


def __getattr__(name: str) -> Any:
    if name == "opt_out":
        from automation.engine.run import opt_out

        return opt_out
    if name in ("RunReport", "SettingResult", "Status"):
        from automation.results import report

        return getattr(report, name)
    if name == "load_catalogue":
        from automation.catalogue.loader import load_catalogue

        return load_catalogue
    raise AttributeError(f"module 'automation' has no attribute {name!r}")
