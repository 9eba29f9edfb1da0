"""``prune --recheck``: are the items the ledger has as gone still gone? LinkedIn may restore
content, and a restored item is reported and alerted on like a setting that drifted back on.

The ledger holds no words, so the selection is rebuilt from its keys and links: a resume by its
file name (its key); a post or an article by its own address, where one item drawn is taken for
it; a comment only with the export given (its words are needed to find it among the others).
With the export, every item is matched by its words, as on the first run.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from automation.pruning.selection import Criteria, Item, Selection, page_of, review_items
from automation.review.ledger import Ledger, item_key

_ALL = Criteria(kinds=("old",))  # any criteria will do: the export is read for its items' words only


def words_by_key(export: Path | bytes, *, label: str | None = None, today: date | None = None) -> dict[str, str]:
    """Each content item's words in the export, by its ledger key."""
    items, flags = review_items(export, _ALL, label=label, today=today)
    found = {}
    for content in items:
        key = item_key(content.kind, content.link, date=content.date_text or None, name=content.file)
        if key:
            found[key] = content.text
    return found


def from_ledger(ledger: Ledger, *, base_url: str, answers_page: str, words: dict[str, str] | None = None,
                limit: int | None = None) -> Selection:
    """A selection of the ledger's gone items, to look at again."""
    items = []
    for key, entry in ledger.entries.items():
        if ledger.gone(key) is None:
            continue
        known = (words or {}).get(key, "")
        if entry.kind == "resume":
            name = key.removeprefix("resume:")
            items.append(Item("resume", answers_page, key, tuple(entry.reasons), words=name))
            continue
        link = page_of(entry.kind, entry.link, base_url)
        items.append(Item(entry.kind, link, key, tuple(entry.reasons), words=known,
                          any_shown=not known and entry.kind in ("post", "article")))
    limit = limit or len(items)
    return Selection(items[:limit], Criteria(), over_limit=max(0, len(items) - limit), recheck=True)
