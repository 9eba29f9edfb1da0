"""``selftest`` for the pages discovery reads: the category index pages (the settings links the maps
read from them), the privacy policy (its effective date), and a settings page no map covers (its
unlisted switches). Each check returns (what was read, problems); selftest.py reports them."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from automation.engine.options import Timeouts
from automation.engine.read import Reader
from automation.engine.survey import believe_survey, known_setting, policy_date, settings_links, switches_on_page

if TYPE_CHECKING:
    from automation.catalogue.models import Catalogue
    from automation.catalogue.saved_pages import Fixture
    from automation.tools.fixture_tab import Tab

Checked = tuple[str, list[str]]


async def category(tab: Tab, fixture: Fixture, html: str, catalogue: Catalogue) -> Checked:
    facts = catalogue.site.discovery
    if facts is None:
        return "", ["selectors/site.toml has no [discovery] to read a category page with"]
    links = await settings_links(await tab.show(fixture.url, html), catalogue.site.base_url, facts)
    problems = [] if links == fixture.links else [f"settings links read {links}, metadata says {fixture.links}"]
    return f"{len(links)} settings link(s)", problems


async def policy(tab: Tab, fixture: Fixture, html: str, catalogue: Catalogue) -> Checked:
    facts = catalogue.site.policy
    if facts is None:
        return "", ["selectors/site.toml has no [policy] to read the policy's date with"]
    effective = await policy_date(await tab.show(fixture.url, html), facts)
    problems = [] if effective == fixture.effective else [f"effective date read {effective}, "
                                                          f"metadata says {fixture.effective}"]
    return f"effective {effective}", problems


async def unlisted(tab: Tab, fixture: Fixture, html: str, catalogue: Catalogue) -> Checked:
    """The switches no map knows on a page: label -> state, as the run's discovery reads them
    (settled, an "off" only at the minimum age: engine/read.py)."""
    page = await tab.show(fixture.url, html)
    path = urlsplit(fixture.url).path
    reader = Reader({page: tab.watch}, catalogue.site, Timeouts())  # type: ignore[dict-item]
    settled = await reader.settled(page, (path,), lambda: switches_on_page(page))
    if settled.ok:
        settled = await believe_survey(reader, page, path, settled)
    if not settled.ok or settled.value is None:
        last = settled.check
        return "", [f"the page was not read: {settled.problem or (last.reason if last else '')}"]
    survey = settled.value
    seen = {s.label: ("on" if s.state else "off" if s.state is False else "unreadable")
            for s in survey.switches if known_setting(s, survey.lang, catalogue.settings) is None}
    problems = [] if seen == fixture.unlisted else [f"unlisted switches read {seen}, metadata says {fixture.unlisted}"]
    return f"{len(seen)} unlisted switch(es): " + ", ".join(f"{k!r} {v}" for k, v in seen.items()), problems
