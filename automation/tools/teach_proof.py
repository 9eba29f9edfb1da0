"""What ``teach`` claims of a page, read as the run reads it (engine/read.py): the proof that a
learned locator finds a switch that is off after a reload, and the states a taught page's fixture
says it shows. An "off" counts only at the minimum page age, the page settled, the switch in view,
and the page's own data not saying on: teach must not learn from, nor save a fixture claiming, an
"off" that a late fetch would turn on.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.async_api import Page

from automation.catalogue.models import Catalogue, Setting
from automation.engine.guards import PageCheck, Verdict
from automation.engine.locate import read_switch
from automation.engine.navigate import open_settings_page
from automation.engine.options import Waits
from automation.engine.read import Looked, Reader, Switch, setting_switch
from automation.engine.settle import NetworkWatch
from automation.errors import NothingLearned


async def prove_off(page: Page, catalogue: Catalogue, probe: Setting, key: str | None, waits: Waits,
                    what: str) -> PageCheck:
    """Reload the setting's page and read the switch that ``probe`` (the learned locator alone)
    finds, as the rule allows. Returns the reload's check when that switch is believed off; raises
    ``NothingLearned`` (with why) when it is on, not one control, or not believed; a wall, a
    refusal or no network comes back in the check for the caller to stop on."""
    site = catalogue.site
    network = NetworkWatch(page, site.network.long_lived, site.state)
    try:
        check = await open_settings_page(page, catalogue.url(probe), [probe], site, waits.timeouts, waits.retry,
                                         reload=True, watch=network)
        if check.verdict is not Verdict.OK:
            return check
        switch = Switch(probe.id, key, lambda: read_switch(page, probe, check.lang, 2))
        looked = await Reader({page: network}, site, waits.timeouts).read(
            page, (probe.path, *probe.aliases), [switch], first=check, again_if_on=True)
    finally:
        network.detach()
    if looked.unsettled is not None:
        settled = looked.unsettled
        if settled.check is not None and settled.check.verdict is not Verdict.OK:
            return settled.check  # a wall drawn when the page's data came back: the caller stops
        raise NothingLearned(f"after a reload the learned {what} does not prove out ({settled.problem}); "
                             "learned nothing")
    reading = looked.readings[probe.id]
    found, belief = reading.switch.found, reading.belief
    if belief.problem or belief.state is not False or found.control is None:
        why = belief.problem or (f"it resolved {found.count} control(s)" if found.control is None else
                                 "it reads on" if belief.state else "its state could not be read or believed")
        raise NothingLearned(f"after a reload the learned {what} does not prove out ({why}); learned nothing")
    return check


async def page_states(page: Page, catalogue: Catalogue, settings: list[Setting], lang: str,
                      waits: Waits) -> dict[str, str]:
    """What the bundled maps read on the page as it is now, as a fixture's ``expect`` says it:
    "on", "off", "not_found" or "ambiguous". An "off" not believed by the rule is left out (a
    fixture must never claim it)."""
    if not settings:
        return {}
    site = catalogue.site
    network = NetworkWatch(page, site.network.long_lived, site.state)
    network.loaded()  # the page was loaded before this watch: its age counts from now at the latest
    try:
        looked: Looked = await Reader({page: network}, site, waits.timeouts).read(
            page, (urlsplit(page.url).path,), [setting_switch(page, s, lang, settings) for s in settings])
    finally:
        network.detach()
    states: dict[str, str] = {}
    for s_id, reading in looked.readings.items():
        if reading.belief.problem:
            continue
        word = reading.switch.word
        states[s_id] = "not_found" if word == "unreadable" else word
    return states
