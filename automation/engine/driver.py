"""What a step may ask of the run that drives it: narrow interfaces, so that no step imports the
run back (autoconsent's rules see ``AutoCMP``, never the engine class).

Two steps, two interfaces; ``run.Run`` implements both. ``verify`` reloads a page it already
holds and reads one switch again (``Verifying``); ``discover`` opens pages no setting is mapped
to and reads them (``Exploring``). Both read through the run's ``Reader`` (read.py).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from typing import Protocol

from playwright.async_api import Page

from automation.catalogue.models import Catalogue, Setting, SiteMap
from automation.engine.guards import PageCheck
from automation.engine.read import Reader
from automation.engine.safety import SaveLog
from automation.engine.stops import Stopped
from automation.results.report import SettingResult, Status


class Verifying(Protocol):
    """The run, as ``verify`` sees it: the reload, the reader, and whether it may still verify."""

    @property
    def reader(self) -> Reader: ...

    @property
    def saves(self) -> SaveLog: ...  # the saves the guard blocked, to tell a blocked save from a lost one

    @property
    def stopped(self) -> Stopped | None: ...  # why the run stopped, once it has

    def progress(self, setting: str, what: str) -> None: ...

    async def reopen(self, page: Page, settings: list[Setting]) -> PageCheck:
        """Reload the settings page of ``settings`` (to verify) and look at its guards."""
        ...

    def may_verify(self) -> bool:
        """The reload that verifies a change already made: also after a signal, not after a refusal."""
        ...


class Exploring(Protocol):
    """The run, as ``discover`` sees it: a page to work on, a page loaded and checked, the reader,
    and the brakes."""

    @property
    def catalogue(self) -> Catalogue: ...

    @property
    def reader(self) -> Reader: ...

    def tab(self) -> AbstractAsyncContextManager[Page | None]:
        """A page to work on, within the run's bound on pages at once; None once the run stopped."""
        ...

    async def visit(self, page: Page, path: str, ready: Callable[[Page], Awaitable[bool]] | None,
                    site: SiteMap) -> PageCheck:
        """Load a page no setting is mapped to (read only), guarded by ``site``'s markers."""
        ...

    def may_open(self) -> bool:
        """A new page load: only while nothing has stopped the run."""
        ...

    async def page(self, settings: list[Setting], results: dict[str, SettingResult]) -> None:
        """Handle ``settings`` at their page like any mapped setting (a setting that moved)."""
        ...

    def stop(self, status: Status, reason: str, *, hard: bool = True) -> Stopped: ...
