"""The export's own content as ``prune`` selects from it: one ``ContentItem`` per post, comment
and article, handed out by ``review_export(..., items=...)`` as the review reads them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ContentItem:
    """One piece of the person's own content as the export gives it, for ``prune``: it matches
    the page against these words before it deletes anything. ``text`` is held in memory only,
    never written (not to the ledger, not to a report)."""

    kind: str  # "post", "comment" or "article" (ledger.CONTENT_KINDS)
    file: str
    row: int | None
    link: str | None
    date: str | None  # ISO 8601, as the flags give it
    date_text: str  # the date as written in the export (a comment's ledger key uses it)
    text: str
