"""Read: a setting's control and state, counted only once the page has settled (settle.py).

``SettledReads`` is the part of the run (run.py) that reads: every setting of a page after it
opens, one setting again just before its click and after the verifying reload. A read that does
not count says why: the page did not settle (``failed``), or a wall showed up (the run stops).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from playwright.async_api import Locator, Page

from automation.catalogue.models import Setting
from automation.engine.guards import PageCheck, check_page
from automation.engine.locate import Found, locate, read_state
from automation.engine.settle import Settled, settle
from automation.engine.stops import GUARD_STATUS, STOPS, advised
from automation.results.report import SettingResult, Status

if TYPE_CHECKING:
    from collections.abc import Callable

    from automation.catalogue.models import Catalogue
    from automation.engine.navigate import Timeouts
    from automation.engine.pages import PagePool
    from automation.engine.stops import Stopped

# What one settled read of a page holds per setting: (matches, strategy, state).
Seen = dict[str, tuple[int, str | None, bool | None]]


class SettledReads:
    """Mixed into ``Run``; uses its pool, timeouts, catalogue, progress and brakes."""

    if TYPE_CHECKING:  # provided by Run
        pool: PagePool
        timeouts: Timeouts
        catalogue: Catalogue
        progress: Callable[[str, str], None]

        def stop(self, status: Status, reason: str, *, hard: bool = True) -> Stopped: ...
        def _guard(self, check: PageCheck, settings: list[Setting], results: dict[str, SettingResult]) -> None: ...

    # --- read: a settled state, never the first thing drawn ------------------------------------

    async def read_page(self, page: Page, settings: list[Setting], check: PageCheck,
                    results: dict[str, SettingResult]) -> tuple[Seen | None, dict[str, Found]]:
        """Locate and read every setting of the page once it has settled (settle.py), looking at
        the guards at both ends (a wall may be drawn when the page's data comes back).
        Returns (None, {}) when the results are already recorded (did not settle, or a wall)."""
        found: dict[str, Found] = {}

        async def read_all() -> Seen:
            seen: Seen = {}
            for s in settings:
                found[s.id] = await locate(page, s, check.lang, len(settings))
                control = found[s.id].control
                seen[s.id] = (found[s.id].count, found[s.id].strategy,
                              await read_state(control) if control is not None else None)
            return seen

        settled = await self.settle(page, settings, read_all, first=check)
        if settled.problem:
            for s in settings:
                results[s.id] = SettingResult(setting=s.id, status=Status.FAILED, message=settled.problem,
                                              url=self.catalogue.url(s))
                await self.pool.evidence(page, results[s.id])
                self.progress(s.id, Status.FAILED.value)
            return None, {}
        if not settled.ok:
            self._guard(settled.check, settings, results)  # type: ignore[arg-type]
            return None, {}
        return settled.value, found

    async def settle(self, page: Page, settings: list[Setting], read, *, first: PageCheck | None = None) -> Settled:
        site = self.catalogue.site
        expected = (settings[0].path, *settings[0].aliases)
        return await settle(self.pool.watches[page], lambda: check_page(page, site, expected), read,
                            window=self.timeouts.settle_window, timeout=self.timeouts.render, first=first)


    async def read_one(self, page: Page, s: Setting, lang: str, page_settings: list[Setting],
                        first: PageCheck | None = None) -> tuple[Locator | None, bool | None] | Settled:
        """One setting's control and settled state; or the Settled that says why there is none
        (the page did not settle, or a wall showed up)."""
        holder: dict[str, Found] = {}

        async def read() -> bool | None:
            holder["found"] = found = await locate(page, s, lang, len(page_settings))
            return await read_state(found.control) if found.control is not None else None

        settled = await self.settle(page, page_settings, read, first=first)
        if not settled.ok:
            return settled
        return holder["found"].control, settled.value

    def unsettled(self, result: SettingResult, settled: Settled, when: str) -> SettingResult:
        """A read that did not count: the page did not settle (failed), or a wall showed up
        (that wall's status; the run stops)."""
        if settled.problem or settled.check is None:
            result.status, result.message = Status.FAILED, f"{when}{settled.problem}"
            return result
        result.status = GUARD_STATUS.get(settled.check.verdict, Status.FAILED)
        result.message = advised(result.status, f"{when}{settled.check.reason}")
        if settled.check.verdict in STOPS:
            self.stop(result.status, result.message)
        return result

