"""Discover: settings LinkedIn added later, and known settings that moved.

After the mapped pages (so a refusal here never touches their results), the run:
1. reads the category index pages of ``selectors/site.toml [discovery]`` and collects every
   settings page they link to. A category page that fails to load or links to no settings page
   is one notice, never a failed run;
2. visits, read only, each linked page that no map covers and that is not known to be quiet
   (at most ``max_pages``): its title, each switch's accessible name and state;
3. a switch that is a mapped setting (its key or label) is that setting, moved: when its mapped
   page no longer holds it (``not_found`` or ``unavailable``) ``discover`` returns it with its new
   page, and the run handles it there like any other (run.py), saying the map should follow.
   Every other switch is ``unlisted``: reported, never clicked, never part of the exit code.
A wall or a refusal on any of these pages stops the run like anywhere else (no further page load)
and makes the run's ``halted``. With ``policy``, the privacy policy's effective date is read too.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, TypeVar

from playwright.async_api import Page

from automation.engine.driver import Exploring
from automation.engine.guards import Verdict
from automation.engine.locate import switch_count
from automation.engine.settle import Settled
from automation.engine.stops import GUARD_STATUS, STOPS, advised
from automation.engine.survey import (
    PageSurvey,
    any_settings_link,
    believe_survey,
    known_setting,
    policy_date,
    settings_links,
    switches_on_page,
)
from automation.results.report import Halt, PolicyDate, SettingResult, Status, UnlistedSwitch, now

if TYPE_CHECKING:
    from datetime import date

    from automation.catalogue.models import DiscoveryFacts, Setting, SiteMap

T = TypeVar("T")
log = logging.getLogger(__name__)
# A mapped setting whose own page no longer holds it may have moved.
MISSING = {Status.NOT_FOUND, Status.UNAVAILABLE}
MOVED_WARNING = "this setting moved to {path} (found there by {strategy}); the selector map should follow"


@dataclass
class Discovered:
    unlisted: list[UnlistedSwitch] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    halted: Halt | None = None
    policy: PolicyDate | None = None


async def _visit(run: Exploring, path: str, ready: Callable[[Page], Awaitable[bool]] | None,
                 read: Callable[[Page], Awaitable[T]], found: Discovered, *, site: SiteMap | None = None,
                 believe: Callable[[Page, Settled[T]], Awaitable[Settled[T]]] | None = None) -> T | None:
    """Load ``path`` read only, pass the guards, let it settle, then ``read`` it (and, with
    ``believe``, let the states it read be believed as any switch's are). None (with a notice,
    or the run halted) when the page could not be read. ``site``: other guard markers."""
    site = site or run.catalogue.site
    async with run.tab() as page:
        if page is None:
            return None
        check = await run.visit(page, path, ready, site)
        if check.verdict is Verdict.OK:
            settled = await run.reader.settled(page, (path,), lambda: read(page), first=check, site=site)
            if settled.ok and believe is not None:
                settled = await believe(page, settled)
            if settled.ok:
                return settled.value
            if settled.problem:
                found.notices.append(f"{path}: {settled.problem}")
                return None
            check = settled.check or check  # a wall drawn when the page's data came back
        _note(run, path, check.verdict, check.reason, found)
        return None


async def _survey(run: Exploring, path: str, found: Discovered) -> PageSurvey | None:
    """An unlisted page: every switch on it, with its state believed as any switch's is."""

    async def believe(page: Page, settled: Settled[PageSurvey]) -> Settled[PageSurvey]:
        return await believe_survey(run.reader, page, path, settled)

    return await _visit(run, path, _has_switch, switches_on_page, found, believe=believe)


def _note(run: Exploring, path: str, verdict: Verdict, reason: str, found: Discovered) -> None:
    if verdict is Verdict.STOPPED:
        return
    if verdict in STOPS:
        status = GUARD_STATUS[verdict]
        message = advised(status, f"while looking for new settings at {path}: {reason}")
        run.stop(status, message)
        if status is Status.UNREACHABLE:
            found.notices.append(message)
        elif found.halted is None:
            found.halted = Halt(status=status, message=message)
        return
    found.notices.append(f"{path} could not be read: {reason or verdict.value}")


async def discover(run: Exploring, wanted: list[Setting], results: dict[str, SettingResult],
                   found: Discovered) -> dict[str, list[Setting]]:
    """Fill ``found`` with what no map covers; return the requested settings that moved, by their
    new page, for the run to handle there. A signal that cancels the rest keeps what ``found``
    holds already."""
    facts = run.catalogue.site.discovery
    if facts is None or not run.may_open():
        return {}
    return await _settings_pages(run, facts, wanted, results, found)


async def look_for_new(run: Exploring, wanted: list[Setting], results: dict[str, SettingResult], found: Discovered,
                       *, policy: bool) -> None:
    """Discover, then handle each moved setting at its new page like any other (the run's own
    ``page``: settle, gate, click once, verify by reload); with ``policy`` read the policy's date."""
    for path, settings in (await discover(run, wanted, results, found)).items():
        await _moved(run, path, settings, results)
    if policy:
        await read_policy(run, found)


async def _moved(run: Exploring, path: str, settings: list[Setting], results: dict[str, SettingResult]) -> None:
    """Handle settings found at a new page; keep the old result if the run stops before it."""
    at_new = [replace(s, path=path, aliases=()) for s in settings]
    before = {s.id: results.pop(s.id) for s in settings}
    await run.page(at_new, results)
    for s in settings:
        result = results.get(s.id)
        if result is None:
            results[s.id] = before[s.id]
            continue
        result.warnings.append(MOVED_WARNING.format(path=path, strategy=result.strategy or "no strategy"))
        if result.strategy is None:  # not found there after all: say where it was looked for
            result.message = f"{result.message} (also looked for at {path})"


async def read_policy(run: Exploring, found: Discovered) -> None:
    """The privacy policy's effective date, into ``found`` (when the site map says where it is)."""
    if run.catalogue.site.policy is not None and run.may_open():
        found.policy = await _policy(run, found)


async def _settings_pages(run: Exploring, facts: DiscoveryFacts, wanted: list[Setting],
                          results: dict[str, SettingResult], found: Discovered) -> dict[str, list[Setting]]:
    base = run.catalogue.site.base_url

    async def links(page: Page) -> list[str]:
        return await settings_links(page, base, facts)

    async def has_links(page: Page) -> bool:
        return await any_settings_link(page, base, facts)

    linked: dict[str, None] = {}
    categories = Discovered()  # their troubles become one notice
    lists = await asyncio.gather(*(_visit(run, p, has_links, links, categories) for p in facts.category_paths))
    for path, paths in zip(facts.category_paths, lists, strict=True):
        if paths == []:
            categories.notices.append(f"{path} links to no settings page (its shape may have changed)")
        linked.update(dict.fromkeys(paths or []))
    found.halted = categories.halted
    if categories.notices:
        found.notices.append("could not look at every category page for settings LinkedIn added: "
                             + "; ".join(categories.notices))
    known = run.catalogue.covered_paths() | {p.rstrip("/") for p in facts.quiet_paths + facts.category_paths}
    todo = [p for p in linked if p not in known]
    if len(todo) > facts.max_pages:
        found.notices.append(f"{len(todo) - facts.max_pages} more linked settings page(s) not read this run "
                             f"(at most {facts.max_pages})")
        todo = todo[:facts.max_pages]
    # Ready once any switch shows (none of them is ours to wait for); the settle rule then decides
    # when its state counts. A page with no switch at all waits out the render timeout.
    surveys = await asyncio.gather(*(_survey(run, p, found) for p in todo))
    moved: dict[str, list[Setting]] = {}
    for path, survey in zip(todo, surveys, strict=True):
        if survey is not None:
            _sort(run, path, survey, wanted, results, moved, found)
    return moved


async def _has_switch(page: Page) -> bool:
    return await switch_count(page) > 0


def _sort(run: Exploring, path: str, survey: PageSurvey, wanted: list[Setting], results: dict[str, SettingResult],
          moved: dict[str, list[Setting]], found: Discovered) -> None:
    """Each switch of an unlisted page: a known setting (moved, or simply also shown here) or unlisted."""
    seen_at = now()
    for switch in survey.switches:
        setting = known_setting(switch, survey.lang, run.catalogue.settings)
        if setting is None:
            if switch.unconfirmed:
                found.notices.append(f"{path}: the switch {switch.label or switch.key!r} is drawn off, but its off is "
                                     f"not confirmed ({switch.unconfirmed}); reported as unknown")
            found.unlisted.append(UnlistedSwitch(page=run.catalogue.site.base_url + path, title=survey.title,
                                                 label=switch.label, key=switch.key or None, state=switch.state,
                                                 first_seen=seen_at))
        elif setting in wanted and setting.id in results and results[setting.id].status in MISSING:
            if setting not in moved.setdefault(path, []):
                moved[path].append(setting)
        else:
            log.debug("%s is also shown at %s", setting.id, path)


async def _policy(run: Exploring, found: Discovered) -> PolicyDate:
    facts = run.catalogue.site.policy
    assert facts is not None

    async def dated(page: Page) -> bool:
        return await policy_date(page, facts) is not None

    async def read(page: Page) -> date | None:
        return await policy_date(page, facts)

    url = run.catalogue.site.base_url + facts.path
    # A legal text may well say "unusual activity" or "verify your identity": on this page only
    # statuses, URLs, titles and selectors are walls, never a phrase.
    site = run.catalogue.site
    no_phrases = site.model_copy(update={name: getattr(site, name).model_copy(update={"texts": []})
                                         for name in ("signed_out", "challenge", "refused", "unavailable")})
    effective = await _visit(run, facts.path, dated, read, found, site=no_phrases)
    if effective is None and found.halted is None:
        found.notices.append(f"the privacy policy's effective date could not be read at {url}")
    return PolicyDate(url=url, effective=effective)
