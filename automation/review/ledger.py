"""The prune ledger: what ``prune`` deleted or saw gone, one private JSON line per event.

``prune`` appends a line each time it deletes an item or checks one; ``review`` reads the ledger
so that a flag whose item is already gone is shown as done. A line holds the item's key and link,
its kind, the flag kinds that selected it, a status and a time: never the content's words.

The file lives in the state folder, one per profile (``ledger_path``), mode 0600 in a 0700
folder. Lines are only ever appended; the last line for a key is the item's state. A line that
cannot be read (a crash mid-write, an edit by hand) is skipped and counted, never a failure: the
ledger is a record, and losing one line must not lose the rest.

Keys (``item_key``) name an item whatever link form the export or the page used:
- a post: ``post:`` and its URN (``urn:li:share:…``, ``urn:li:activity:…``, ``urn:li:ugcPost:…``),
  decoded from the link (the export writes ``urn%3Ali%3Ashare%3A…``);
- a comment: ``comment:`` the post's URN, ``@`` and the comment's date as the export gives it
  (the comments file links the post, not the comment);
- an article: ``article:`` and its link (or its file in the export when it has none);
- a resume: ``resume:`` and its file name.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import unquote

from automation.errors import StateFileError
from automation.paths import state_root
from automation.private import open_private, private_dir

# What a ledger line may say of an item.
DELETED = "deleted"  # deleted by this tool, and a reload showed it gone
GONE = "verified-gone"  # seen gone (a check or --recheck), not deleted by this run
RESTORED = "restored"  # was gone, and a later check found it up again
STATUSES = (DELETED, GONE, RESTORED)

CONTENT_KINDS = ("post", "comment", "article", "resume")
_URN = re.compile(r"urn:li:(?:share|activity|ugcPost):[0-9]+")  # ASCII digits: "\d" takes any script's


def ledger_path(profile: str) -> Path:
    return state_root() / "prune" / f"ledger-{profile}.jsonl"


def post_urn(link: str | None) -> str | None:
    """The post URN a link names (decoded), or None."""
    if not link:
        return None
    match = _URN.search(unquote(link))
    return match.group() if match else None


def item_key(kind: str, link: str | None, *, date: str | None = None, name: str | None = None) -> str | None:
    """The ledger key of an item of ``kind`` (one of ``CONTENT_KINDS``); None when it cannot be
    named (a comment with no date, a post link with no URN)."""
    if kind == "post":
        urn = post_urn(link)
        return f"post:{urn}" if urn else None
    if kind == "comment":
        urn = post_urn(link)
        return f"comment:{urn}@{date}" if urn and date else None
    if kind == "article":
        where = link or name
        return f"article:{where}" if where else None
    if kind == "resume":
        return f"resume:{name}" if name else None
    raise ValueError(f"unknown content kind {kind!r}")


@dataclass
class Entry:
    key: str
    kind: str  # one of CONTENT_KINDS
    status: str  # one of STATUSES
    at: str  # ISO 8601, UTC: when this line was written
    link: str | None = None
    reasons: list[str] = field(default_factory=list)  # the flag kinds that selected it
    deleted_at: str | None = None
    verified_at: str | None = None

    def line(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":")) + "\n"


@dataclass
class Ledger:
    entries: dict[str, Entry] = field(default_factory=dict)  # the last line per key
    unreadable: int = 0  # lines skipped

    def gone(self, key: str | None) -> Entry | None:
        """The entry of an item the ledger says is gone (deleted or verified gone), else None."""
        entry = self.entries.get(key) if key else None
        return entry if entry is not None and entry.status in (DELETED, GONE) else None


def load(path: Path) -> Ledger:
    """The ledger at ``path`` (empty when there is none). A line that is not an entry of the right
    shape (broken JSON, nested too deep to read, a field of the wrong type) is skipped and counted.
    A path that cannot be read at all raises ``OSError`` (``read`` makes it one line)."""
    ledger = Ledger()
    try:
        handle = path.open(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return ledger
    with handle:
        for raw in handle:
            if not raw.strip():
                continue
            try:
                entry = _entry(json.loads(raw))
            except (ValueError, TypeError, RecursionError):
                ledger.unreadable += 1
                continue
            ledger.entries[entry.key] = entry
    return ledger


def _entry(data: object) -> Entry:
    """One line's entry, every field of its type; ``TypeError`` or ``ValueError`` if not."""
    if not isinstance(data, dict):
        raise TypeError("not an object")
    entry = Entry(**{k: data[k] for k in data if k in Entry.__dataclass_fields__})
    texts = (entry.key, entry.kind, entry.status, entry.at)
    maybe = (entry.link, entry.deleted_at, entry.verified_at)
    if not all(isinstance(v, str) for v in texts) or not all(v is None or isinstance(v, str) for v in maybe) or \
            not isinstance(entry.reasons, list) or not all(isinstance(r, str) for r in entry.reasons):
        raise TypeError("a field of the wrong type")
    if entry.status not in STATUSES or entry.kind not in CONTENT_KINDS:
        raise ValueError(entry.status)
    return entry


def read(path: Path) -> Ledger:
    """``load`` for prune: a ledger that cannot be read at all (a folder in its place, no permission)
    is one line naming it (``StateFileError``, exit 2), and the file is left as it is."""
    try:
        return load(path)
    except OSError as exc:
        raise StateFileError(f"the prune ledger {path} cannot be read ({exc.strerror or type(exc).__name__})",
                             hint="move it aside, or fix its permissions") from exc


def append(path: Path, entries: Iterable[Entry]) -> None:
    """Append ``entries``, each as one line, to the private ledger at ``path``; each line is
    written whole and flushed to disk before the next, so a stop keeps every line before it."""
    private_dir(path.parent)
    fd = open_private(path)
    try:
        for entry in entries:
            os.write(fd, entry.line().encode("utf-8"))
            os.fsync(fd)
    finally:
        os.close(fd)
