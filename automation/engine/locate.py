"""Find exactly one switch for a setting, and read its state.

Strategies, in order; each must resolve exactly one element or the next is tried:

1. ``labelledby``: a switch or checkbox whose ``aria-labelledby`` holds the map's key;
2. ``element_id``: a switch or checkbox with the map's element id;
3. ``label``: a switch or checkbox whose accessible name is exactly the map's label in the page's
   language;
4. ``only_switch``: the single switch on a page whose title matches the map. Used only for a
   one-setting page, and only when exactly one switch exists.

Nothing else: never a position on the page, never "the first switch". A match by strategy 2-4 is
a fallback and is reported as drift. State is read from the DOM as switches.py's ``SWITCH_STATE``
says (``.checked`` for a native checkbox, ``aria-checked`` otherwise, never the On/Off text).
"""

from __future__ import annotations

from dataclasses import dataclass

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Locator, Page

from automation.catalogue.models import Setting
from automation.catalogue.overrides import adopted
from automation.engine.switches import SWITCH_ROLES, SWITCH_STATE, SWITCHLIKE, css_string, state_of

PRIMARY = {"labelledby", "element_id"}
LEARNED = "learned"  # found through the person's local override (``teach``)
FALLBACK_WARNING = "this page changed; the selector map needs an update (found by {strategy})"
LEARNED_WARNING = ("found through your local override (taught on this machine); "
                   "the bundled selector map needs an update")
ADOPTED_NOTE = "a setting you adopted (teach --adopt): found through your local override"
REDUNDANT_WARNING = ("the local override for {id} is no longer needed: the bundled map finds the switch again "
                     "(remove it with `linkedin-optout teach --forget {id}`)")


@dataclass(frozen=True)
class Found:
    """The outcome of locating: one control, none, or too many."""

    control: Locator | None
    strategy: str | None
    count: int  # matches of the strategy that decided (0 = not found, >1 = ambiguous)
    detail: str = ""

    @property
    def fallback(self) -> bool:
        return self.strategy is not None and self.strategy not in PRIMARY


@dataclass(frozen=True)
class SwitchRead:
    """A setting's switch as the page shows it now: located (one control, none, or too many) and
    its drawn state. Drawn, not believed: whether a drawn "off" counts is read.py's rule."""

    found: Found
    state: bool | None = None  # True on, False off; None: not exactly one control, or unreadable

    @property
    def control(self) -> Locator | None:
        return self.found.control

    @property
    def word(self) -> str:
        """As the fixtures' metadata says it: on, off, ambiguous or not_found (also: unreadable)."""
        if self.found.control is None:
            return "ambiguous" if self.found.count > 1 else "not_found"
        return "unreadable" if self.state is None else "on" if self.state else "off"


def notes(found: Found, setting: Setting) -> list[str]:
    """Warnings for a result: found by a fallback, by a local override, or an override now redundant."""
    if found.strategy == LEARNED:
        return [ADOPTED_NOTE if adopted(setting) else LEARNED_WARNING]
    if found.fallback:
        return [FALLBACK_WARNING.format(strategy=found.strategy)]
    if found.strategy in PRIMARY and setting.learned is not None:
        return [REDUNDANT_WARNING.format(id=setting.id)]
    return []


def by_role_name(page: Page, name: str) -> Locator:
    """Switches and checkboxes whose accessible name is exactly ``name``."""
    first, *rest = (page.get_by_role(role, name=name, exact=True) for role in SWITCH_ROLES)  # type: ignore[arg-type]
    for other in rest:
        first = first.or_(other)
    return first


def learned_locator(page: Page, setting: Setting, lang: str) -> Locator | None:
    """The locator of the setting's local override, or None (none, or a label in another language)."""
    taught = setting.learned
    if taught is None:
        return None
    if taught.kind == "labelledby":
        return page.locator(f"{SWITCHLIKE}[aria-labelledby~={css_string(taught.value)}]")
    if taught.kind == "element_id":
        return page.locator(f"{SWITCHLIKE}[id={css_string(taught.value)}]")
    return by_role_name(page, taught.value) if taught.lang == lang else None


async def page_lang(page: Page) -> str:
    lang = await page.evaluate("() => (document.documentElement && document.documentElement.lang) || ''")
    return lang.split("-")[0].lower() or "en"


def candidates(page: Page, setting: Setting, lang: str, page_settings: int) -> list[tuple[str, Locator]]:
    """The strategies that apply to this setting, as (name, locator), in order."""
    found: list[tuple[str, Locator]] = []
    if setting.labelledby:
        found.append(("labelledby", page.locator(f"{SWITCHLIKE}[aria-labelledby~={css_string(setting.labelledby)}]")))
    if setting.element_id:
        found.append(("element_id", page.locator(f"{SWITCHLIKE}[id={css_string(setting.element_id)}]")))
    taught = learned_locator(page, setting, lang)
    if taught is not None:  # after the map's own key, so a fixed map makes the override redundant
        found.append((LEARNED, taught))
    label = setting.labels.get(lang)
    if label:
        found.append(("label", by_role_name(page, label)))
    if page_settings == 1 and setting.titles.get(lang):
        found.append(("only_switch", page.locator(SWITCHLIKE)))
    return found


async def title_matches(page: Page, setting: Setting, lang: str) -> bool:
    title = setting.titles.get(lang)
    if not title:
        return False
    doc_title, h1 = await page.evaluate(
        "() => [document.title, (document.querySelector('main h1') || {}).textContent || '']")
    return h1.strip() == title or doc_title.split(" | ")[0].strip() == title


async def any_candidate(page: Page, setting: Setting, lang: str) -> bool:
    """True once the page shows something the primary or label strategies could match."""
    for _name, loc in candidates(page, setting, lang, page_settings=2):
        if await loc.count():
            return True
    return False


async def switch_count(page: Page) -> int:
    return await page.locator(SWITCHLIKE).count()


async def locate(page: Page, setting: Setting, lang: str, page_settings: int) -> Found:
    """Resolve exactly one control for ``setting`` on the page as it is now."""
    crowded: Found | None = None
    for name, loc in candidates(page, setting, lang, page_settings):
        if name == "only_switch" and not await title_matches(page, setting, lang):
            continue
        n = await loc.count()
        if n == 1:
            return Found(loc, name, 1)
        if n > 1 and crowded is None:
            crowded = Found(None, name, n, f"{n} controls match by {name}; nothing was clicked")
    return crowded or Found(None, None, 0, "no switch for this setting on the page")


async def read_switch(page: Page, setting: Setting, lang: str, page_settings: int, *,
                      timeout_ms: float = 2_000) -> SwitchRead:
    """Locate ``setting``'s switch on the page as it is now, and read its drawn state: the one
    place that locates and then reads (the run, capture, selftest)."""
    found = await locate(page, setting, lang, page_settings)
    return SwitchRead(found, await read_state(found.control, timeout_ms) if found.control is not None else None)


async def read_state(control: Locator, timeout_ms: float = 2_000) -> bool | None:
    """True = on, False = off, None = unreadable (missing, or checked and aria-checked disagree)."""
    try:
        value = await control.evaluate(SWITCH_STATE, timeout=timeout_ms)
    except PlaywrightError:  # detached or re-rendered mid-read: unknown, never a guess
        return None
    return state_of(value)
