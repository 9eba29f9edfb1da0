"""What a settled look at a page says of one item, and whether it may be deleted. Pure functions.

``judge`` is the one place that decides "up", "gone" or "cannot tell" (docs/prune.md#gone):
- up: exactly one item on the page shows the export's words (or its exact name);
- gone: LinkedIn answers or draws its not-found page at the item's own address, or the item is
  missing from a list that the page has drawn whole (its ``drawn`` marker, nothing more to load,
  and none of the page's data requests failed: a page may draw an empty list on an error);
- everything else is "cannot tell", with the reason: sent elsewhere (whatever that page shows,
  even the item's words: it is not the item's own page), still drawing, "This post cannot be
  displayed" (also shown for live posts), another item there, the words on the page outside any
  item the map knows (then the map may be out of date), nothing drawn.
The caller believes "up" at once and anything else only from a settled look at the minimum page
age, so an empty page drawn before its data is never read as gone.

``refusal`` and ``menu_refusal`` say why an item that is up must not be deleted (a repost,
someone else's, no menu, a menu without delete), or None when it may be.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from automation.pruning.map import Flow, Surface, labels
from automation.pruning.match import excerpt, is_item, label_is, same_name, shows, words
from automation.pruning.scan import Scan, Shown

NOT_FOUND_STATUSES = (404, 410)


class Seen(StrEnum):
    UP = "up"
    GONE = "gone"
    UNSURE = "unsure"


@dataclass(frozen=True)
class Judgement:
    seen: Seen
    why: str = ""
    item: Shown | None = None
    changed: bool = False  # what was seen suggests the map is out of date
    absent: bool = False  # gone by absence from a list drawn whole (not by a not-found page)

    @property
    def at_once(self) -> bool:
        """Believed from the first settled look (else only at the minimum page age)."""
        return self.seen is Seen.UP


@dataclass(frozen=True)
class Target:
    """What to look for: the export's words, or an exact name. ``any``: no words are known (a
    recheck without the export): the one item drawn at the item's own address is taken for it."""

    kind: str
    words: str = ""
    name: str | None = None
    any: bool = False

    def known(self, surface: Surface) -> bool:
        """Is there anything to recognise it by? (Else only a not-found page says anything.)"""
        return self.any or (bool(self.name) if surface.match == "name" else bool(excerpt(self.words)))


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _matches(shown: Shown, target: Target, surface: Surface) -> bool:
    if target.any:
        return True
    if surface.match == "name":
        return shown.name is not None and target.name is not None and same_name(shown.name, target.name)
    return is_item(shown.words, target.words)


def _on_page(body: str, target: Target, surface: Surface) -> bool:
    if surface.match == "name":  # alone, not inside a longer name ("cv.pdf" in "old-cv.pdf")
        name = re.escape(_norm(target.name or ""))
        return bool(target.name) and re.search(rf"(?<![\w.-]){name}(?![\w.-])", _norm(body)) is not None
    return shows(body, target.words)


def judge(scan: Scan, target: Target, surface: Surface, *, tombstones: list[str], status: int | None,
          redirected: bool) -> Judgement:
    """What this look at the page says of ``target`` (see the module's rules)."""
    kind = target.kind
    if status in NOT_FOUND_STATUSES:
        return Judgement(Seen.GONE, f"LinkedIn answers {status} (not found) at its address")
    if scan.not_found:
        return Judgement(Seen.GONE, "LinkedIn shows its not-found page at its address")
    if redirected:  # whatever it shows there is not the item's own page: never "up", never "gone"
        return Judgement(Seen.UNSURE, f"LinkedIn sent the browser elsewhere ({scan.path}), which proves nothing")
    if not target.known(surface):
        return Judgement(Seen.UNSURE, f"nothing to recognise the {kind} by (no words for it), and its page is not "
                                      "LinkedIn's not-found page")
    found = [s for s in scan.items if _matches(s, target, surface)]
    if len(found) == 1:
        return Judgement(Seen.UP, f"the page shows the {kind}", found[0])
    if found:
        return Judgement(Seen.UNSURE, f"the page shows it {len(found)} times: nothing is sure")
    if scan.busy:
        return Judgement(Seen.UNSURE, "the page was still drawing")
    if any(shows(scan.body, t) for t in tombstones):
        return Judgement(Seen.UNSURE, "LinkedIn shows \"This post cannot be displayed\", which it also shows for "
                                      "posts that are up")
    if _on_page(scan.body, target, surface):
        if any(_on_page(s.whole, target, surface) for s in scan.items):  # "Great post" in "Great post, thanks"
            return Judgement(Seen.UNSURE, f"a {kind} on the page holds its words but is not exactly it: nothing is "
                                          "sure")
        return Judgement(Seen.UNSURE, f"its words are on the page, but in no {kind} the map knows: the page may "
                                      "have changed", changed=True)
    if scan.drawn and scan.failed:  # the empty state a page may draw when its data did not come
        return Judgement(Seen.UNSURE, f"some of the page's data did not load ({scan.failed}): that the {kind} is "
                                      "not in its list proves nothing")
    if scan.drawn and not scan.more:
        return Judgement(Seen.GONE, f"the page's list is drawn whole and the {kind} is not in it", absent=True)
    if scan.drawn:
        return Judgement(Seen.UNSURE, f"the page shows only some {kind}s (more to load)")
    if scan.items:
        return Judgement(Seen.UNSURE, f"the page shows another {kind}")
    return Judgement(Seen.UNSURE, f"the page shows no {kind}")


def _is_member(author: str, member: str) -> bool:
    """The author's name as drawn starts with the member's (LinkedIn may repeat a name for screen readers)."""
    mine = words(member)
    return bool(mine) and words(author)[:len(mine)] == mine


def is_repost(shown: Shown, menu: list[str], flow: Flow, lang: str) -> bool:
    """A repost: its header says so, or its menu's delete item is a repost's."""
    header = any(shows(shown.whole, text) for text in labels(flow.look.repost_texts, lang))
    return header or any(label_is(label, labels(flow.menu.repost_labels, lang)) for label in menu)


def refusal(shown: Shown, kind: str, flow: Flow, surface: Surface, member: str | None,
            lang: str) -> tuple[str, bool] | None:
    """Why this item must not be deleted, and whether that suggests the map is out of date; None: it may be."""
    if is_repost(shown, [], flow, lang):
        return "a repost, not a post of your own: nothing clicked", False
    if flow.owner == "author":
        # The badge says "You" and nothing else ("• You"): a headline that holds the word ("Helping
        # you grow") is someone else's, and on your own post their comment's menu offers delete too.
        badge = any(words(shown.own) == words(text) for text in labels(surface.own_texts, lang))
        if not badge:
            if shown.author is None:
                return "the page does not show who wrote it: nothing clicked", True
            if member is None:
                return "the page does not show who is signed in, so whose it is cannot be told: nothing clicked", True
            if not _is_member(shown.author, member):
                return f"someone else's {kind} (by {shown.author.splitlines()[0][:60]}): nothing clicked", False
    if shown.triggers != 1:
        what = "no" if not shown.triggers else f"{shown.triggers}"
        return f"{what} '…' menu found for it: nothing clicked", True
    if not shown.visible:
        return "it is not drawn on screen: nothing clicked", False
    return None


def menu_refusal(shown: Shown, menu: list[str], flow: Flow, lang: str) -> str | None:
    """Why the open menu must not be used: a repost's, no delete, or delete twice; None: it may."""
    if is_repost(shown, menu, flow, lang):
        return "a repost (its menu deletes the repost): nothing clicked"
    # A repost's delete item counts as a delete here: only the repost rule above keeps it unclicked.
    wanted = labels(flow.menu.delete_labels, lang) + labels(flow.menu.repost_labels, lang)
    deletes = [label for label in menu if label_is(label, wanted)]
    if not deletes:
        return "its menu offers no delete: not yours, or LinkedIn does not let you delete it here; nothing clicked"
    if len(deletes) > 1:
        return "its menu offers delete twice: nothing clicked"
    return None
