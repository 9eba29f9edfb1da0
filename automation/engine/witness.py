"""The page's own data for its switches: a witness that can only contradict an "off".

A settings page draws its switches from data: a response it fetched, or state embedded in the
page. Where to look is the site map's ``[state]`` (selectors/site.toml), each source marked
confirmed or inferred. Either can lag the truth (a cached render, a cache that revalidates after
answering), so the data never makes an "off" easier to believe (read.py: every "off" waits for
the minimum age and a settled look); where it says "on" for a switch drawn off, that "off" is not
believed. What counts as a switch's state in that data, and nothing else: a JSON object that
names the switch in one of ``key_fields`` and holds exactly one boolean in the ``value_fields``.
A bare ``{"<key>": true}`` is not read: in a page's large embedded data it could be anything (a
default, a flag), and would fail a switch that is off. Where the data says both, "on" wins.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from automation.catalogue.models import StateFacts

MAX_DEPTH = 12  # JSON nesting walked, at most


@dataclass(frozen=True)
class Witnessed:
    """A switch's state as the page's own data gives it, and where that was seen."""

    state: bool
    source: str  # e.g. "response GET /mysettings-api/... (inferred)"


def states_in(data: Any, facts: StateFacts) -> dict[str, bool]:
    """Every switch state the data holds, by switch key. Where the data says both, "on" wins: a
    witness may only ever make an "off" harder to believe."""
    found: dict[str, bool] = {}

    def walk(node: Any, depth: int) -> None:
        if depth > MAX_DEPTH:
            return
        if isinstance(node, dict):
            names = [node[f] for f in facts.key_fields if isinstance(node.get(f), str)]
            values = [node[f] for f in facts.value_fields if isinstance(node.get(f), bool)]
            if names and len(values) == 1:
                for name in names:
                    found[name] = found.get(name, False) or values[0]
            for value in node.values():
                if isinstance(value, (dict, list)):
                    walk(value, depth + 1)
        elif isinstance(node, list):
            for item in node:
                walk(item, depth + 1)

    walk(data, 0)
    return found


_EMBEDDED = """
(selectors) => {
  const texts = [];
  for (const s of selectors) {
    try { for (const el of document.querySelectorAll(s)) texts.push(el.textContent || ""); } catch (e) {}
  }
  return texts.slice(0, 200);
}
"""


async def embedded_states(page: Page, facts: StateFacts) -> dict[str, bool]:
    """Switch states the page embeds as JSON (in the site map's ``embedded`` elements)."""
    if not facts.embedded:
        return {}
    try:
        texts = await page.evaluate(_EMBEDDED, facts.embedded)
    except PlaywrightError:  # the document changed under us: no witness this time
        return {}
    found: dict[str, bool] = {}
    for text in texts:
        text = text.strip()
        if not text.startswith(("{", "[")):
            continue
        try:
            states = states_in(json.loads(text), facts)
        except ValueError:
            continue
        for key, on in states.items():
            found[key] = found.get(key, False) or on
    return found
