"""Read: a setting's control and state, counted only once the page has settled (settle.py).

``SettledReads`` is the part of the run (run.py) that reads: every setting of a page after it
opens, one setting again just before its click and after the verifying reload. A read that does
not count says why: the page did not settle (``failed``), or a wall showed up (the run stops).

Off needs more evidence than on (``believe_off``). A settled "on" is acted on at once: the click
sends "off" and the reload checks it. A settled "off" is believed only when the page's own data
for that switch agrees (witness.py), or when the page has been open ``Timeouts.min_age`` seconds
and a settled look, the switch scrolled into view, still reads off. A drawn "off" that the
page's data contradicts after that look is ``failed``, never off.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Locator, Page

from automation.catalogue.models import Setting
from automation.engine.guards import PageCheck, check_page
from automation.engine.locate import Found, locate, read_state
from automation.engine.settle import Settled, settle
from automation.engine.stops import GUARD_STATUS, STOPS, advised
from automation.engine.witness import Witnessed, embedded_states
from automation.results.report import Confirmation, SettingResult, Status

if TYPE_CHECKING:
    from collections.abc import Callable

    from automation.catalogue.models import Catalogue
    from automation.engine.options import Timeouts
    from automation.engine.pages import PagePool
    from automation.engine.stops import Stopped

@dataclass(frozen=True)
class Belief:
    """What a read of an "off" came to: the state believed and how, or why none is."""

    state: bool | None
    confirmation: Confirmation | None = None
    problem: str = ""  # the drawing and the page's own data disagree: failed, never off


# What one settled read of a page holds per setting: (matches, strategy, state, belief). The
# state is the believed one: an "off" that a later look found on reads on.
Seen = dict[str, tuple[int, str | None, bool | None, Belief | None]]

ON_LOOKS = Confirmation(by="looks", detail="on in two settled looks (an on is acted on at once)")
DISAGREE = "the switch is drawn off but the page's own data says on ({source}): not reported off"

# Scroll the switch into view and resolve once it is visible (or after ``ms``): a section that
# fetches its data when it comes into view does so now. The page's own observers run before ours.
_REVEAL = """
(el, ms) => new Promise((resolve) => {
  el.scrollIntoView({ block: "center", inline: "nearest" });
  const io = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) { io.disconnect(); resolve(true); }
  });
  io.observe(el);
  setTimeout(() => { io.disconnect(); resolve(false); }, ms);
})
"""


class SettledReads:
    """Mixed into ``Run``; uses its pool, timeouts, catalogue, progress and brakes."""

    if TYPE_CHECKING:  # provided by Run
        pool: PagePool
        timeouts: Timeouts
        catalogue: Catalogue
        progress: Callable[[str, str], None]
        _focus: asyncio.Lock
        semaphore: asyncio.Semaphore

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
                              await read_state(control) if control is not None else None, None)
            return seen

        settled = await self.settle(page, settings, read_all, first=check)
        if not settled.problem and settled.ok and settled.value is not None:
            seen: Seen = settled.value
            offs = [s for s in settings if seen[s.id][2] is False]
            beliefs = await self.believe_off(page, offs, settings, check.lang, give_slot=True) if offs else {}
            if isinstance(beliefs, Settled):
                settled = beliefs
            else:
                for s in settings:
                    count, strategy, state, _ = seen[s.id]
                    belief = beliefs.get(s.id) or (Belief(True, ON_LOOKS) if state else None)
                    seen[s.id] = (count, strategy, belief.state if belief else state, belief)
                return seen, found
        if settled.problem:
            for s in settings:
                results[s.id] = SettingResult(setting=s.id, status=Status.FAILED, message=settled.problem,
                                              url=self.catalogue.url(s))
                await self.pool.evidence(page, results[s.id])
                self.progress(s.id, Status.FAILED.value)
            return None, {}
        self._guard(settled.check, settings, results)  # type: ignore[arg-type]
        return None, {}

    # --- an "off" needs more evidence than an "on" ----------------------------------------------

    async def believe_off(self, page: Page, offs: list[Setting], page_settings: list[Setting],
                          lang: str, *, drawn_on: bool = False, give_slot: bool = False) -> dict[str, Belief] | Settled:
        """For settings a settled read found off: believe each off only on the page's own data, or
        on a settled look at the minimum age with the switch in view. One wait per page (its age
        counts from its load, so pages open side by side wait together). Returns a ``Settled``
        when that look did not count (did not settle, or a wall). ``drawn_on``: the settings
        read on, and only the look at the minimum age may find them off (verify.py: an "on"
        after the reload is a failure, worth that look before it is reported). ``give_slot``:
        wait with the page's slot given back (``aside``); only for the first read of a page, never
        under the change gate or with a change in flight (they must not wait for a slot)."""
        watch = self.pool.watches[page]
        if self.timeouts.min_age <= 0:  # the rule before: a settled state believed at once (measuring only)
            looks = Confirmation(by="looks", detail="two settled looks (no minimum age)", age_s=round(watch.age, 2))
            return {s.id: Belief(drawn_on, looks) for s in offs}
        beliefs: dict[str, Belief] = {}
        witness = await self.witness(page) if not drawn_on else {}
        rest = []
        for s in offs:
            seen = witness.get(s.key)
            if seen is not None and seen.state is False:
                beliefs[s.id] = Belief(False, Confirmation(
                    by="data", detail="off in two settled looks, and the page's own data says off",
                    source=seen.source, age_s=round(watch.age, 2)))
            else:
                rest.append(s)
        if not rest:
            return beliefs
        if (wait := self.timeouts.min_age - watch.age) > 0:
            await (self.aside(wait) if give_slot else asyncio.sleep(wait))
        await self.reveal(page, rest, lang, page_settings)
        states: dict[str, bool | None] = {}

        async def read() -> dict[str, bool | None]:
            for s in rest:
                control = (await locate(page, s, lang, len(page_settings))).control
                states[s.id] = await read_state(control) if control is not None else None
            return dict(states)

        settled = await self.settle(page, page_settings, read)
        if not settled.ok:
            return settled
        witness = await self.witness(page)
        age = round(watch.age, 2)
        for s in rest:
            state, seen = settled.value[s.id], witness.get(s.key)  # type: ignore[index]
            if state is False and seen is not None and seen.state:
                beliefs[s.id] = Belief(None, problem=DISAGREE.format(source=seen.source))
            elif state is False and seen is not None:
                beliefs[s.id] = Belief(False, Confirmation(
                    by="data", detail="off in settled looks, and the page's own data says off",
                    source=seen.source, age_s=age, looks=3))
            elif state is False:
                beliefs[s.id] = Belief(False, Confirmation(
                    by="age", detail=f"still off in a settled look at {age:g} s, the switch in view "
                                     "(no data of the page's own seen for it)", age_s=age, looks=3))
            else:
                beliefs[s.id] = Belief(state, ON_LOOKS if state else None)
        return beliefs

    async def aside(self, seconds: float) -> None:
        """Wait for a page's age with its slot given back: a page that only waits loads nothing,
        so another page may load meanwhile and the pages age side by side. Called only from the
        first read in ``Run.page``, which holds a slot of ``semaphore`` and not the change gate
        (a gate holder waiting for a slot held by pages waiting for the gate would never wake);
        the slot is taken back before the final look."""
        self.semaphore.release()
        try:
            await asyncio.sleep(seconds)
        finally:
            await self.semaphore.acquire()

    async def witness(self, page: Page) -> dict[str, Witnessed]:
        """The page's own data for its switches: responses seen (settle.NetworkWatch) and embedded
        state; where they differ, "on" wins."""
        facts = self.catalogue.site.state
        data = dict(self.pool.watches[page].data)
        for key, on in (await embedded_states(page, facts)).items():
            if not (key in data and data[key].state):
                data[key] = Witnessed(on, f"embedded state ({facts.embedded_confidence})")
        return data

    async def reveal(self, page: Page, settings: list[Setting], lang: str, page_settings: list[Setting]) -> None:
        """Scroll each switch into view, in front (a background tab's observers are starved), so
        a section that fetches its data when shown does fetch before the final look."""
        async with self._focus:
            try:
                await page.bring_to_front()
                for s in settings:
                    control = (await locate(page, s, lang, len(page_settings))).control
                    if control is not None:
                        await control.evaluate(_REVEAL, 1000, timeout=self.timeouts.action * 1000)
            except PlaywrightError:  # re-rendered or navigated meanwhile: the settled look decides
                pass

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

    async def read_believed(self, page: Page, s: Setting, lang: str, page_settings: list[Setting],
                            first: PageCheck | None = None, *,
                            look_again_if_on: bool = False) -> tuple[Locator | None, Belief] | Settled:
        """``read_one``, with an "off" believed only as ``believe_off`` allows. ``look_again_if_on``:
        an "on" gets the look at the minimum age too before it counts (after a verifying reload)."""
        read = await self.read_one(page, s, lang, page_settings, first)
        if isinstance(read, Settled):
            return read
        control, state = read
        if state is None or (state and not look_again_if_on):
            return control, Belief(state, ON_LOOKS if state else None)
        beliefs = await self.believe_off(page, [s], page_settings, lang, drawn_on=state)
        if isinstance(beliefs, Settled):
            return beliefs
        return control, beliefs[s.id]

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

