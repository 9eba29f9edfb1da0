"""What a step may ask of the run that drives it: a narrow interface, so that no step imports the
run back (autoconsent's rules see ``AutoCMP``, never the engine class).

``verify`` and ``discover`` take a ``Driver``; ``run.Run`` is the one that implements it. Each
member is one thing a step needs: a page to work on, a page loaded and checked, a read counted
only once the page has settled, and the brakes (may it open a page, may it verify, stop).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from typing import TYPE_CHECKING, Protocol, TypeVar

from playwright.async_api import Locator, Page

from automation.catalogue.models import Catalogue, Setting, SiteMap
from automation.engine.guards import PageCheck
from automation.engine.safety import SaveLog
from automation.engine.settle import Settled
from automation.engine.stops import Stopped
from automation.results.report import SettingResult, Status

if TYPE_CHECKING:
    from automation.engine.read import Belief

T = TypeVar("T")


class Driver(Protocol):
    """The run, as its steps see it."""

    @property
    def catalogue(self) -> Catalogue: ...

    @property
    def saves(self) -> SaveLog: ...  # the saves the guard blocked, to tell a blocked save from a lost one

    @property
    def stopped(self) -> Stopped | None: ...  # why the run stopped, once it has

    def progress(self, setting: str, what: str) -> None: ...

    # --- open a page ---------------------------------------------------------------------

    def tab(self) -> AbstractAsyncContextManager[Page | None]:
        """A page to work on, within the run's bound on pages at once; None once the run stopped."""
        ...

    async def open(self, page: Page, settings: list[Setting], *, reload: bool = False) -> PageCheck:
        """Load (or reload, to verify) the settings page of ``settings`` and look at its guards."""
        ...

    async def visit(self, page: Page, path: str, ready: Callable[[Page], Awaitable[bool]] | None,
                    site: SiteMap) -> PageCheck:
        """Load a page no setting is mapped to (read only), guarded by ``site``'s markers."""
        ...

    # --- read settled ------------------------------------------------------------------------

    async def read_settled(self, page: Page, check: Callable[[], Awaitable[PageCheck]],
                           read: Callable[[], Awaitable[T]], first: PageCheck | None = None) -> Settled[T]:
        """``read`` once the page has stopped changing, ``check`` looked at both ends (settle.py)."""
        ...

    async def read_one(self, page: Page, s: Setting, lang: str, page_settings: list[Setting],
                       first: PageCheck | None = None) -> tuple[Locator | None, bool | None] | Settled: ...

    async def read_believed(self, page: Page, s: Setting, lang: str, page_settings: list[Setting],
                            first: PageCheck | None = None, *,
                            look_again_if_on: bool = False) -> tuple[Locator | None, Belief] | Settled:
        """``read_one``, an "off" believed only on the page's own data or at the minimum age (read.py)."""
        ...

    def unsettled(self, result: SettingResult, settled: Settled, when: str) -> SettingResult: ...

    # --- the brakes ------------------------------------------------------------------------

    def may_open(self) -> bool:
        """A new page load or a new change: only while nothing has stopped the run."""
        ...

    def may_verify(self) -> bool:
        """The reload that verifies a change already made: also after a signal, not after a refusal."""
        ...

    def stop(self, status: Status, reason: str, *, hard: bool = True) -> Stopped: ...
