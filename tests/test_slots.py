"""Pages at once (automation/engine/slots.py): who gets a slot when, and the order of the run's
page jobs. Pure asyncio, no browser."""

from __future__ import annotations

import asyncio

from automation.catalogue.loader import load_catalogue
from automation.engine.slots import Slots, page_jobs


def _run(coro):  # a fresh loop per test
    return asyncio.run(coro)


async def _waiting(slots: Slots, order: list[str], name: str, *, first: bool = False) -> None:
    await slots.take(first=first)
    order.append(name)


def test_a_page_with_a_change_in_flight_gets_the_next_slot_before_pages_that_have_none() -> None:
    async def scenario() -> list[str]:
        slots, order = Slots(1), []
        await slots.take()  # the one slot is busy
        new = [asyncio.ensure_future(_waiting(slots, order, f"new {n}")) for n in range(2)]
        await asyncio.sleep(0)
        reload = asyncio.ensure_future(_waiting(slots, order, "reload", first=True))
        await asyncio.sleep(0)
        for _ in range(3):
            slots.put()
            await asyncio.sleep(0)
        await asyncio.gather(*new, reload)
        return order

    assert _run(scenario()) == ["reload", "new 0", "new 1"]


def test_a_waiter_cancelled_before_its_turn_is_passed_over_and_one_granted_as_it_is_cancelled_passes_it_on() -> None:
    async def scenario() -> tuple[list[str], int]:
        slots, order = Slots(1), []
        await slots.take()
        gone = asyncio.ensure_future(_waiting(slots, order, "gone"))
        late = asyncio.ensure_future(_waiting(slots, order, "late"))
        await asyncio.sleep(0)
        gone.cancel()
        await asyncio.sleep(0)
        slots.put()  # passes over the cancelled waiter
        await late
        granted = asyncio.ensure_future(_waiting(slots, order, "granted, then cancelled"))
        after = asyncio.ensure_future(_waiting(slots, order, "after"))
        await asyncio.sleep(0)
        slots.put()  # to "granted", which is cancelled before it runs: the slot goes on to "after"
        granted.cancel()
        await asyncio.gather(granted, return_exceptions=True)
        await after
        return order, slots._free

    assert _run(scenario()) == (["late", "after"], 0)


def test_a_page_gives_its_slot_back_once_and_takes_one_again_only_for_a_load() -> None:
    async def scenario() -> list[bool]:
        slots, page = Slots(1), object()
        await slots.take()
        slots.held_by(page)  # type: ignore[arg-type]
        seen = [slots.holds(page)]  # type: ignore[arg-type]
        slots.free(page)  # type: ignore[arg-type]
        slots.free(page)  # type: ignore[arg-type]  # a second time gives nothing back
        other = asyncio.ensure_future(slots.take())
        await asyncio.sleep(0)
        seen += [slots.holds(page), other.done()]  # type: ignore[arg-type]
        slots.put()
        await slots.hold(page)  # type: ignore[arg-type]
        seen += [slots.holds(page), slots._free == 0]  # type: ignore[arg-type]
        return seen

    assert _run(scenario()) == [True, False, True, True, True]


def test_page_jobs_keep_the_first_page_first_then_pages_with_more_settings_when_side_by_side() -> None:
    settings = list(load_catalogue().settings)
    side = page_jobs(settings, side_by_side=True)
    one = page_jobs(settings, side_by_side=False)
    first_path = settings[0].path
    assert [s.path for s in side[0]] == [first_path] and [s.path for s in one[0]] == [first_path]
    assert [len(job) for job in side[1:]] == sorted((len(job) for job in side[1:]), reverse=True)
    assert [job[0].path for job in one] == list(dict.fromkeys(s.path for s in settings))  # the catalogue's order
    assert sorted(s.id for job in side for s in job) == sorted(s.id for s in settings)
    assert len(side[1]) == 2  # the marketing page, with its two settings, in the first wave
