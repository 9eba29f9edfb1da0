"""What a page shows of the person's content, read in one round trip (``scan``).

The one definition of what the browser reads for ``prune``: every item the map's surface names,
with its words (or name), author, "You" badge, "…" buttons and whether it is drawn; whether the
page is still drawing, has drawn its list, or has more to load; and the page's text. Reading only:
the sole mark it leaves is a ``data-linkedin-optout-item`` attribute on each item, so that the
item found here is the one clicked later (a locator by that mark, checked to be exactly one).

Selector lists are fallbacks: the first that finds anything is used; a later one is named in
``fallbacks`` (the page changed: the map needs an update). The words read here stay in memory:
they are compared with the export's and never written.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from dataclasses import dataclass

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from automation.pruning.map import Surface

MARK = "data-linkedin-optout-item"
BAND_ID = "linkedin-optout-band"  # the guided mode's band: never read as the page's content
SCAN_TIMEOUT = 10.0

_SCAN = """
([s, mark, band]) => {
  const fallbacks = [];
  const first = (root, sels, what) => {
    for (let i = 0; i < sels.length; i++) {
      let found = [];
      try { found = Array.from(root.querySelectorAll(sels[i])); } catch (e) { continue; }
      found = found.filter((n) => !n.closest("#" + band));
      if (found.length) { if (i > 0 && what) fallbacks.push(what + ": " + sels[i]); return found; }
    }
    return [];
  };
  const text = (node) => (node ? (node.innerText || node.textContent || "") : "").trim();
  const shown = (node) => {
    const box = node.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(node).visibility !== "hidden";
  };
  const items = first(document, s.item, "item").map((node, n) => {
    node.setAttribute(mark, String(n));
    const inside = (sels, what) => (sels.length ? first(node, sels, what) : []);
    const words = inside(s.words, "words"), name = inside(s.name, "name"), author = inside(s.author, "author");
    return {n, words: s.words.length ? (words.length ? text(words[0]) : "") : text(node),
            name: name.length ? text(name[0]) : null, author: author.length ? text(author[0]) : null,
            own: inside(s.own, "own").map(text).join(" "), whole: text(node),
            triggers: inside(s.trigger, "trigger").length, visible: shown(node)};
  });
  const any = (sels, what) => first(document, sels, what).length > 0;
  const ours = document.getElementById(band);
  const body = (document.body ? document.body.innerText || "" : "").replace(ours ? ours.innerText : "\0", "");
  return {items, busy: any(s.busy, ""), drawn: s.drawn.length ? any(s.drawn, "drawn") : null,
          more: any(s.more, ""), body,
          fallbacks: Array.from(new Set(fallbacks))};
}
"""


@dataclass(frozen=True)
class Shown:
    """One item as the page shows it."""

    n: int  # its mark
    words: str
    name: str | None
    author: str | None
    own: str  # the text of its "You" badge(s)
    whole: str  # all its text (a repost's header is there)
    triggers: int  # "…" buttons inside it
    visible: bool


@dataclass(frozen=True)
class Scan:
    items: tuple[Shown, ...] = ()
    busy: bool = False  # a skeleton or spinner: still drawing
    drawn: bool | None = None  # the list has drawn its data (None: the map has no marker for it)
    more: bool = False  # more items to load: the list is not complete
    body: str = ""  # the page's text (the guided band left out)
    fallbacks: tuple[str, ...] = ()
    not_found: bool = False  # LinkedIn's not-found page (the guard scan's markers)
    path: str = ""  # where the browser is
    failed: str = ""  # why a data request of this page failed ("": none did): then absence is no evidence

    def fingerprint(self) -> str:
        """Two looks that agree on this saw the same page (the settle rule)."""
        data = json.dumps([[vars(i) for i in self.items], self.busy, self.drawn, self.more, self.body,
                           self.not_found, self.path, self.failed], sort_keys=True)
        return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


async def scan(page: Page, surface: Surface) -> Scan | None:
    """The page as it is now; None while it is between documents (look again)."""
    selectors = surface.model_dump(include={"item", "words", "name", "author", "own", "trigger", "busy", "drawn",
                                            "more"})
    try:
        raw = await asyncio.wait_for(page.evaluate(_SCAN, [selectors, MARK, BAND_ID]), SCAN_TIMEOUT)
    except (TimeoutError, PlaywrightError):  # the document was replaced, or hung: look again
        return None
    items = tuple(Shown(**item) for item in raw["items"])
    return Scan(items, raw["busy"], raw["drawn"], raw["more"], raw["body"], tuple(raw["fallbacks"]))
