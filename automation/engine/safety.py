"""A last line of defence on the engine's own pages: no save that turns a setting on leaves.

The engine only clicks a switch it has just read as on, so a click should only ever send "off".
This route makes that a guarantee for save requests we can parse: in check mode every save is
blocked, and in apply mode a save whose JSON body sets ``value`` to an "on" value is blocked.
The save format is only partly known (docs/linkedin.md#saves), so a body we cannot parse passes in
apply mode; the reload still decides what is reported.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from playwright.async_api import Page, Route

from automation.catalogue.models import SiteMap

_ON_VALUES = {True, "true", "on", "enabled", "yes"}


@dataclass
class SaveLog:
    """What the engine's pages tried to save: allowed and blocked, by path (never bodies)."""

    sent: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)


def turns_on(body: str | None) -> bool:
    try:
        data = json.loads(body or "")
    except ValueError:
        return False
    value = data.get("value") if isinstance(data, dict) else None
    if isinstance(value, str):
        value = value.lower()
    return isinstance(value, (bool, int, str)) and value in _ON_VALUES


async def guard_saves(page: Page, site: SiteMap, *, allow_saves: bool, log: SaveLog) -> None:
    async def handle(route: Route) -> None:
        request = route.request
        if request.method not in site.save.methods:
            await route.fallback()
            return
        path = request.url.removeprefix(site.base_url)
        if not allow_saves or turns_on(request.post_data):
            log.blocked.append(path)
            await route.abort("blockedbyclient")
            return
        log.sent.append(path)
        await route.fallback()

    await page.route(site.base_url + site.save.path_prefix + "**", handle)
