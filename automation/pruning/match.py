"""Is this the item the export names? The words a page shows against the words the export holds.

Pure functions, tested on their own. Both sides are normalised the same way (Unicode NFKC, case
folded, split into words: punctuation, quote marks, line breaks and emoji do not count), and the
export's first ``EXCERPT`` words must appear, in order and side by side, among the page's. A short
excerpt is enough: the page is the item's own link, so its words only confirm what the address
already names. A text no longer than the excerpt is matched whole (``is_item``): "Great post" is
not the comment "Great post, see you Monday", nor "My first post." the longer post that begins
with it. LinkedIn draws a hashtag as a link whose text starts with the word "hashtag"
[I: docs/prune.md#identity]; that word is dropped from the page's side unless the export has it.

A name (a resume's file name, an article's title) must be equal, not merely contained: two files
named ``cv.pdf`` and ``old-cv.pdf`` are two files.
"""

from __future__ import annotations

import re
import unicodedata

EXCERPT = 12  # words of the export's text that the page must show
_WORD = re.compile(r"\w+")
_DROPPED = ("hashtag",)


def words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def excerpt(text: str, size: int = EXCERPT) -> list[str]:
    """The first ``size`` words of the export's text: what the page must show."""
    return words(text)[:size]


def shows(page_text: str, export_text: str) -> bool:
    """Does ``page_text`` hold the export's excerpt, its words side by side in the same order?
    An export with no words matches nothing: there is nothing to check the page against."""
    wanted = excerpt(export_text)
    if not wanted:
        return False
    seen = _seen(page_text, wanted)
    first, size = wanted[0], len(wanted)
    return any(seen[i:i + size] == wanted for i, word in enumerate(seen) if word == first)


def is_item(item_text: str, export_text: str) -> bool:
    """Is the item whose words the page shows as ``item_text`` the export's? A text longer than the
    excerpt: its first words side by side (``shows``; the page may cut the rest). A shorter one is
    the whole item: exactly its words, no more (a longer item that holds them is another item)."""
    wanted = words(export_text)
    if len(wanted) > EXCERPT:
        return shows(item_text, export_text)
    return bool(wanted) and _seen(item_text, wanted) == wanted


def _seen(page_text: str, wanted: list[str]) -> list[str]:
    return [w for w in words(page_text) if w not in _DROPPED or w in wanted]


def same_name(shown: str, name: str) -> bool:
    """A name as the page shows it against the export's: equal once spacing and case are normalised."""
    def norm(text: str) -> str:
        return " ".join(unicodedata.normalize("NFKC", text).casefold().split())

    return bool(norm(name)) and norm(shown) == norm(name)


def label_is(shown: str, labels: list[str]) -> bool:
    """A menu item's or button's label is one of ``labels`` (LinkedIn pads labels with spaces)."""
    return any(same_name(shown, label) for label in labels)
