"""Read: a switch's state as the rule allows, in one place (the ``Reader`` the run holds).

A state counts only once the page has settled (settle.py): every read here goes through it, with
the page's guards looked at both ends (a wall may be drawn when the page's data comes back). A
read that does not count says why (``Looked.unsettled``): the page did not settle, or a wall.

Off needs more evidence than on. A settled "on" is acted on at once: the click sends "off" and
the reload checks it. A settled "off" is believed only once the page has been open
``Timeouts.min_age`` seconds and a settled look, the switch scrolled into view, still reads off.
There is no shortcut: the page's own data (witness.py) may only make an "off" harder to believe,
never easier. Embedded state can be a cached render, and a response can come from a cache that
answers first and revalidates after; a drawn "off" that the page's data contradicts is
``failed`` (unconfirmed, for a switch no map covers), never off.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from automation.engine.guards import PageCheck, check_page
from automation.engine.locate import SwitchRead, read_switch
from automation.engine.settle import NetworkWatch, Settled, settle
from automation.engine.witness import Witnessed, embedded_states
from automation.results.report import Confirmation

if TYPE_CHECKING:
    from automation.catalogue.models import Setting, SiteMap
    from automation.engine.options import Timeouts
    from automation.engine.slots import Slots

T = TypeVar("T")

ON_LOOKS = Confirmation(by="looks", detail="on in two settled looks (an on is acted on at once)")
DISAGREE = "the switch is drawn off but the page's own data says on ({source}): not reported off"


@dataclass(frozen=True)
class Belief:
    """What a read of a switch came to: the state believed and how, or why none is."""

    state: bool | None
    confirmation: Confirmation | None = None
    problem: str = ""  # the drawing and the page's own data disagree: failed, never off


@dataclass(frozen=True)
class Reading:
    """One switch read as the rule allows: as the last look saw it, and what is believed of it."""

    switch: SwitchRead
    belief: Belief


@dataclass(frozen=True)
class Looked:
    """What reading a page's switches came to: a reading for each, or why none counts
    (``unsettled``: the page did not settle in time, or a wall showed up)."""

    readings: dict[str, Reading] = field(default_factory=dict)
    unsettled: Settled | None = None


@dataclass(frozen=True)
class Switch:
    """A switch to read: its name in the reading, its key in the page's own data (witness.py),
    and how to find and read it as the page is now."""

    id: str
    key: str | None
    find: Callable[[], Awaitable[SwitchRead]]


def page_paths(s: Setting) -> tuple[str, ...]:
    """The paths a setting's page may show (its own, and its aliases): anything else is a redirect."""
    return (s.path, *s.aliases)


def setting_switch(page: Page, s: Setting, lang: str, page_settings: list[Setting]) -> Switch:
    """A mapped setting's switch, located by the maps (locate.py) in the page's language."""
    return Switch(s.id, s.key, lambda: read_switch(page, s, lang, len(page_settings)))


# Scroll the switch into view and resolve true once it is visible (false after ``ms``): a section
# that fetches its data when it comes into view does so now. The page's own observers run before
# ours. BACKGROUND_MS: how long to wait for that where the page is, before bringing it to the front.
BACKGROUND_MS = 300
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


_IN_VIEW = """
(el) => {
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
}
"""


class Reader:
    """Reads switches as the rule allows, for the run (run.py) and for whatever else reports a
    state. ``watches``: each page's network watch (settle.py: what is in flight, the page's age
    and its own data); ``slots``: the run's pages at once (slots.py), whose slot a page gives back
    while it only waits for its age; ``focus``: one page in front at a time (clicks, reveals)."""

    def __init__(self, watches: Mapping[Page, NetworkWatch], site: SiteMap, timeouts: Timeouts, *,
                 slots: Slots | None = None, focus: asyncio.Lock | None = None) -> None:
        self.watches, self.site, self.timeouts = watches, site, timeouts
        self.slots, self.focus = slots, focus or asyncio.Lock()

    async def settled(self, page: Page, expected: tuple[str, ...], read: Callable[[], Awaitable[T]], *,
                      first: PageCheck | None = None, site: SiteMap | None = None) -> Settled[T]:
        """``read`` once the page has stopped changing, its guards (``site``'s markers, at the
        ``expected`` paths) looked at both ends (settle.py)."""
        site = site or self.site
        return await settle(self.watches[page], lambda: check_page(page, site, expected), read,
                            window=self.timeouts.settle_window, timeout=self.timeouts.render, first=first)

    async def read(self, page: Page, expected: tuple[str, ...], switches: list[Switch], *,
                   first: PageCheck | None = None, give_slot: bool = False, again_if_on: bool = False) -> Looked:
        """Find and read every switch once the page has settled, then believe each as the rule
        says (``believe``). ``first``: a look just taken. A glance that finds every switch drawn
        off (with ``again_if_on``: drawn either way) needs no settling of its own: nothing is
        believed or acted on before the settled look at the minimum age that follows it. (The
        glance is skipped when ``first`` shows a switch drawn on: then the page settles first.)"""
        if self.timeouts.min_age > 0 and (again_if_on or first is None or _drawn_off(first)):
            if give_slot and self.slots is not None and first is not None and _drawn_off(first):
                self.slots.free(page)  # every switch drawn off: it waits for its age, it loads nothing
            glance = {switch.id: await switch.find() for switch in switches}
            if glance and all(g.state is False or (g.state and again_if_on) for g in glance.values()):
                return await self.believe(page, expected, switches, glance, give_slot=give_slot,
                                          again_if_on=again_if_on)
        seen: dict[str, SwitchRead] = {}

        async def read_all() -> dict[str, SwitchRead]:
            for switch in switches:
                seen[switch.id] = await switch.find()
            return dict(seen)

        settled = await self.settled(page, expected, read_all, first=first)
        if not settled.ok or settled.value is None:
            return Looked(unsettled=settled)
        return await self.believe(page, expected, switches, settled.value, give_slot=give_slot,
                                  again_if_on=again_if_on)

    # --- an "off" needs more evidence than an "on" ----------------------------------------------

    async def believe(self, page: Page, expected: tuple[str, ...], switches: list[Switch],
                      drawn: dict[str, SwitchRead], *, give_slot: bool = False, again_if_on: bool = False) -> Looked:
        """For switches a settled read saw (``drawn``): an "on" counts at once; an "off" is
        believed only on a settled look at the minimum age with the switch in view, which the
        page's own data does not contradict. The switches are scrolled into view first, so a
        section that fetches when shown does so while the page ages. One wait per page (its age
        counts from its load, so pages open side by side wait together). ``again_if_on``: an "on"
        gets that look too before it counts (verify.py: an "on" after the reload is a failure,
        worth that look before it is reported). ``give_slot``: give the page's slot back for the
        reveal, the wait and the look, which load nothing: another page loads meanwhile, and pages
        age side by side; the page takes a slot again only for its next load (slots.py). Never
        under the change gate: a page that gave its slot back must not hold up the gate's queue
        when it wants one again."""
        readings: dict[str, Reading] = {}
        doubted: list[Switch] = []
        for switch in switches:
            state = drawn[switch.id].state
            if state is None or (state and not again_if_on):
                readings[switch.id] = Reading(drawn[switch.id], Belief(state, ON_LOOKS if state else None))
            else:
                doubted.append(switch)
        if not doubted:
            return Looked(readings)
        watch = self.watches[page]
        if self.timeouts.min_age <= 0:  # the rule before: a settled state believed at once (measuring only)
            looks = Confirmation(by="looks", detail="two settled looks (no minimum age)", age_s=round(watch.age, 2))
            return Looked({**readings, **{s.id: Reading(drawn[s.id], Belief(drawn[s.id].state, looks))
                                          for s in doubted}})
        if give_slot and self.slots is not None:
            self.slots.free(page)  # from here the page waits and looks; it loads nothing (slots.py)
        shown = [drawn[s.id] for s in doubted]
        await self.reveal(page, shown)
        if (wait := self.timeouts.min_age - watch.age) > 0:
            await asyncio.sleep(wait)
        if not await self.in_view(shown):  # the page moved them meanwhile: in view again for the look
            await self.reveal(page, shown)
        relooked: dict[str, SwitchRead] = {}

        async def read() -> dict[str, SwitchRead]:
            for switch in doubted:
                relooked[switch.id] = await switch.find()
            return dict(relooked)

        settled = await self.settled(page, expected, read)
        if not settled.ok or settled.value is None:
            return Looked(unsettled=settled)
        witness = await self.witness(page)
        age = round(watch.age, 2)
        for switch in doubted:
            now, seen = settled.value[switch.id], witness.get(switch.key) if switch.key else None
            readings[switch.id] = Reading(now, _after_the_look(now.state, seen, age))
        return Looked(readings)

    async def in_view(self, switches: list[SwitchRead]) -> bool:
        """Every switch is in the page's viewport now (a look that needs no page in front)."""
        for switch in switches:
            try:
                if switch.control is None or not await switch.control.evaluate(
                        _IN_VIEW, timeout=self.timeouts.action * 1000):
                    return False
            except PlaywrightError:  # re-rendered or navigated meanwhile
                return False
        return True

    async def witness(self, page: Page) -> dict[str, Witnessed]:
        """The page's own data for its switches: responses seen (settle.NetworkWatch) and embedded
        state; where they differ, "on" wins."""
        facts = self.site.state
        data = dict(self.watches[page].data)
        for key, on in (await embedded_states(page, facts)).items():
            if not (key in data and data[key].state):
                data[key] = Witnessed(on, f"embedded state ({facts.embedded_confidence})")
        return data

    async def reveal(self, page: Page, switches: list[SwitchRead]) -> None:
        """Scroll each switch into view until an observer of ours sees it, so that a section that
        fetches its data when shown has been told to (the page's own observers run before ours).
        First where the page is; in front only when that does not happen in time (a browser may
        starve a background tab's frames, and observers run on frames: docs/playwright.md#background-tabs)."""
        if await self._scrolled(switches, BACKGROUND_MS):
            return
        async with self.focus:
            try:
                await page.bring_to_front()
            except PlaywrightError:  # navigated meanwhile: the settled look decides
                return
            await self._scrolled(switches, 1000)

    async def _scrolled(self, switches: list[SwitchRead], ms: int) -> bool:
        """Every switch scrolled into view and seen by our observer within ``ms`` each."""
        try:
            for switch in switches:
                if switch.control is not None and not await switch.control.evaluate(
                        _REVEAL, ms, timeout=self.timeouts.action * 1000 + ms):
                    return False
        except PlaywrightError:  # re-rendered or navigated meanwhile: the settled look decides
            return False
        return True


def _drawn_off(look: PageCheck) -> bool:
    """The look's fingerprint (guards.py) shows switches, every one of them drawn off."""
    states = [entry.split("|")[2] for entry in look.switches.split(";") if entry.count("|") >= 3]
    return bool(states) and all(state == "off" for state in states)


def _after_the_look(state: bool | None, seen: Witnessed | None, age: float) -> Belief:
    """What the settled look at the minimum age came to, beside the page's own data: the data
    may only contradict an "off" (then it is not believed), never stand in for the look."""
    if state is False and seen is not None and seen.state:
        return Belief(None, problem=DISAGREE.format(source=seen.source))
    if state is False:
        data = "the page's own data agrees" if seen is not None else "no data of the page's own seen for it"
        return Belief(False, Confirmation(by="age", detail=f"still off in a settled look at {age:g} s, the switch in "
                                                           f"view ({data})",
                                          source=seen.source if seen is not None else None, age_s=age, looks=3))
    return Belief(state, ON_LOOKS if state else None)
