"""Survey: what a page offers beyond the mapped switches, read in one round trip each.

- ``settings_links``: the settings pages a category index page links to;
- ``switches_on_page``: every switch on a page, with its accessible name, key and drawn state
  (``read_again`` finds one again; discover.py believes its "off" as the Reader says);
- ``policy_date``: the date the privacy policy says it took effect.

Read only: nothing here clicks. The shape of the category pages is not known (docs/linkedin.md#category-pages),
so links are read from the whole document and filtered by path, never by class names. The
run (discover.py) reads these only once the page has settled (settle.py); selftest reads them
on saved pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from urllib.parse import urlsplit

from playwright.async_api import Locator, Page

from automation.catalogue.models import DiscoveryFacts, PolicyFacts, Setting
from automation.engine.locate import Found, SwitchRead, by_role_name, read_state
from automation.engine.read import Reader, Switch
from automation.engine.settle import Settled
from automation.engine.switches import SWITCH_SELECTOR, SWITCH_STATE, SWITCHLIKE, css_string, state_of

_LINKS = "() => Array.from(document.querySelectorAll('a[href]'), (a) => a.href)"

# Each switch-like element: its key, accessible name and state. The name follows the ARIA order
# (aria-labelledby, aria-label, <label>); the state is switches.SWITCH_STATE, as everywhere.
_SWITCHES = """
() => {
  const state = SWITCH_STATE;
  const text = (el) => (el ? el.textContent : "").replace(/\\s+/g, " ").trim();
  const name = (el) => {
    const ids = (el.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean);
    const byIds = ids.map((id) => text(document.getElementById(id))).filter(Boolean).join(" ");
    if (byIds) return byIds;
    if (el.getAttribute("aria-label")) return el.getAttribute("aria-label").trim();
    if (el.labels && el.labels.length) return text(el.labels[0]);
    return text(el.closest("label"));
  };
  const h1 = document.querySelector("main h1") || document.querySelector("h1");
  return {
    title: text(h1) || document.title.split(" | ")[0].trim(),
    lang: ((document.documentElement && document.documentElement.lang) || "en").split("-")[0].toLowerCase(),
    switches: Array.from(document.querySelectorAll(SWITCH_SELECTOR),
      (el) => [el.getAttribute("aria-labelledby") || el.id || "", name(el), state(el)]),
  };
}
"""
_SWITCHES = _SWITCHES.replace("SWITCH_SELECTOR", repr(SWITCH_SELECTOR)).replace("SWITCH_STATE", SWITCH_STATE)


@dataclass(frozen=True)
class SwitchSeen:
    key: str  # aria-labelledby or element id ("" when it has neither)
    label: str
    state: bool | None
    unconfirmed: str = ""  # drawn off, but its off could not be confirmed (why): state is None


@dataclass(frozen=True)
class PageSurvey:
    title: str
    lang: str
    switches: tuple[SwitchSeen, ...]


def _normal(path: str) -> str:
    return path.rstrip("/") or "/"


def settings_paths(urls: list[str], base_url: str, facts: DiscoveryFacts) -> list[str]:
    """The settings pages among ``urls``: on LinkedIn's host, under a link prefix, not skipped;
    as paths without query or trailing slash, in order, without repeats."""
    host = urlsplit(base_url).netloc
    found: dict[str, None] = {}
    for url in urls:
        parts = urlsplit(url)
        path = _normal(parts.path)
        if parts.netloc != host or not any(path.startswith(p) for p in facts.link_prefixes):
            continue
        if any(path.startswith(p) for p in facts.skip_prefixes):
            continue
        found[path] = None
    return list(found)


async def settings_links(page: Page, base_url: str, facts: DiscoveryFacts) -> list[str]:
    return settings_paths(await page.evaluate(_LINKS), base_url, facts)


async def any_settings_link(page: Page, base_url: str, facts: DiscoveryFacts) -> bool:
    return bool(await settings_links(page, base_url, facts))


async def switches_on_page(page: Page) -> PageSurvey:
    seen = await page.evaluate(_SWITCHES)
    switches = tuple(SwitchSeen(key, label, state_of(state)) for key, label, state in seen["switches"])
    return PageSurvey(seen["title"], seen["lang"] or "en", switches)


def switch_locator(page: Page, switch: SwitchSeen) -> Locator:
    """The switch again, by its key (as aria-labelledby or element id), else by its exact name."""
    if switch.key:
        key = css_string(switch.key)
        return page.locator(f"{SWITCHLIKE}[aria-labelledby={key}], {SWITCHLIKE}[id={key}]")
    return by_role_name(page, switch.label)


async def read_again(page: Page, switch: SwitchSeen) -> SwitchRead:
    """The surveyed switch as the page shows it now: exactly one element, and its drawn state."""
    locator = switch_locator(page, switch)
    count = await locator.count()
    if count != 1:
        return SwitchRead(Found(None, None, count, f"{count} switches match {switch.key or switch.label!r}"))
    return SwitchRead(Found(locator, "key" if switch.key else "label", 1), await read_state(locator))


async def believe_survey(reader: Reader, page: Page, path: str, settled: Settled[PageSurvey]) -> Settled[PageSurvey]:
    """An unlisted page's switches believed as any switch is (read.py): an "off" only at the
    minimum age in a settled look, which the page's own data does not contradict. An "off" that
    cannot be confirmed so is reported unknown, with why, never off: this is the one place that
    sees what LinkedIn adds, and a switch that is on must raise the alert."""
    survey = settled.value
    assert survey is not None
    switches = [Switch(str(n), seen.key or None, lambda seen=seen: read_again(page, seen))  # type: ignore[misc]
                for n, seen in enumerate(survey.switches)]
    drawn = {str(n): SwitchRead(Found(switch_locator(page, seen), "key", 1), seen.state)
             for n, seen in enumerate(survey.switches)}
    looked = await reader.believe(page, (path,), switches, drawn, give_slot=True)
    if looked.unsettled is not None:
        return looked.unsettled
    believed = []
    for n, seen in enumerate(survey.switches):
        belief = looked.readings[str(n)].belief
        why = belief.problem or ("it could not be read again" if seen.state is False and belief.state is None else "")
        believed.append(replace(seen, state=belief.state, unconfirmed=why))
    return Settled(replace(survey, switches=tuple(believed)), settled.check)


def known_setting(switch: SwitchSeen, lang: str, settings: tuple[Setting, ...] | list[Setting]) -> Setting | None:
    """The mapped setting this switch is, by its key or by its label in the page's language."""
    for s in settings:
        keys = {s.labelledby, s.element_id} | ({s.learned.value} if s.learned and s.learned.kind != "label" else set())
        if switch.key and switch.key in keys:
            return s
        labels = {s.labels.get(lang)} | ({s.learned.value} if s.learned and s.learned.kind == "label" else set())
        if switch.label and switch.label in labels:
            return s
    return None


def parse_policy_date(text: str, facts: PolicyFacts) -> date | None:
    """The effective date in the policy's text, or None when the text does not say it readably."""
    match = re.search(facts.date_pattern, text)
    if not match:
        return None
    try:
        return datetime.strptime(match.group(1), facts.date_format).date()
    except ValueError:
        return None


async def policy_date(page: Page, facts: PolicyFacts) -> date | None:
    text = await page.evaluate("() => document.body ? document.body.innerText : ''")
    return parse_policy_date(text, facts)
