"""The review itself: every file of one export read once, as a stream, into a ``Review``.

Known files are read and counted (reader.py); files the tool does not know are listed, never a
failure. The profile and the person's own phone numbers are read first: their country is how a
phone number written without a country code is read. A folder or zip that holds more than one
export is refused with the list (the same profile counted twice helps no one). With a prune
ledger, flags whose item ``prune`` already deleted, or saw gone, are marked done. Memory grows with
the flags found, not with the size of the export.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from automation.review.archive import Export, Member
from automation.review.flags import Detector
from automation.review.items import ContentItem
from automation.review.kinds import ARTICLE, kind_of
from automation.review.limits import DEFAULT, ExportError, Limits
from automation.review.phones import Phones
from automation.review.reader import Reader
from automation.review.result import Review

__all__ = ["ContentItem", "Options", "review_export"]

_FIRST = ("profile", "phone-numbers")  # read before the rest: the person's country
MAX_LISTED = 10  # exports named in the refusal of a folder holding several


@dataclass(frozen=True)
class Options:
    watch: tuple[str, ...] = ()
    older_than: float = 5.0
    show: bool = False
    today: date | None = None
    limits: Limits = DEFAULT
    country: str | None = None  # ISO 3166 alpha-2 for phone numbers without a country code; None: the profile's
    ledger: Path | None = None  # prune's ledger: flags of items it has gone are marked done (read if it exists)


def _first(name: str) -> bool:
    kind = kind_of(name)
    return kind is not None and kind.kind in _FIRST


def review_export(source: Path | bytes, options: Options = Options(), *, label: str | None = None,
                  synthetic: bool = False, items: Callable[[ContentItem], None] | None = None) -> Review:
    """Review the export at ``source`` (a zip, a folder, or a zip's bytes). ``items``, when given,
    is called with each post, comment and article the export holds (``prune`` selects from them)."""
    today = options.today or date.today()
    detector = Detector(watch=options.watch, older_than=options.older_than, today=today, show=options.show,
                        limit=options.limits.flags, phones=Phones(options.country))
    shown = label or (str(source) if isinstance(source, Path) else "the export")
    result = Review(source=shown, today=today.isoformat(), older_than=options.older_than,
                    watch_words=len(options.watch), synthetic=synthetic, region=detector.phones.region)
    reader = Reader(result, detector, options.limits, items, region_given=options.country is not None)
    with Export(source, limits=options.limits, label=label, first=_first) as export:
        members = export.members()
        roots: dict[str, None] = {}
        for member in members:
            kind = kind_of(member.name)
            if kind is None:
                result.unknown_files.append(member.name)
                continue
            roots.setdefault(member.root)
            if len(roots) > 1:
                _refuse_several(shown, roots, members)
            if kind is ARTICLE:
                reader.article(member, export.budget)
            else:
                reader.table(member, kind, export.budget)
        result.notes.extend(export.notes)
        if not result.files and export.too_deep:
            raise ExportError(f"{shown} holds the export only in a zip nested more than {options.limits.nesting} levels "
                              f"deep ({export.too_deep[0]}): unzip it once and review the zip inside")
    if not result.files:
        raise ExportError(f"{result.source} is not a LinkedIn data export: none of the files LinkedIn puts in one "
                          "(Profile.csv, Connections.csv, Shares.csv, …) is in it")
    result.flags.extend(reader.resumes.values())
    result.sort()
    if options.ledger is not None:
        _mark_done(result, options.ledger)
    return result


def _refuse_several(source: str, roots: dict[str, None], rest: Iterator[Member]) -> None:
    """Name every export found (by the place of its files, none read) and stop."""
    for member in rest:
        if kind_of(member.name) is not None:
            roots.setdefault(member.root)
    listed = list(roots)[:MAX_LISTED]
    more = f" and {len(roots) - MAX_LISTED} more" if len(roots) > MAX_LISTED else ""
    raise ExportError(f"{source} holds {len(roots)} exports, not one: {'; '.join(listed)}{more}. Review each "
                      "apart: pass its zip, or the folder of one export (move the others out of it)")


def _mark_done(result: Review, path: Path) -> None:
    """Flags whose item the ledger has gone are done. A ledger that cannot be read is a note: the
    review is shown without it, never stopped by it."""
    from automation.review.ledger import load

    if not path.exists():
        return
    try:
        ledger = load(path)
    except (OSError, ValueError, RecursionError) as exc:
        why = getattr(exc, "strerror", None) or type(exc).__name__
        result.notes.append(f"the prune ledger {path} cannot be read ({why}): flags are shown without it")
        return
    result.ledger = str(path)
    if ledger.unreadable:
        result.notes.append(f"the prune ledger {path} has {ledger.unreadable} line(s) that cannot be read: skipped")
    for flag in result.flags:
        entry = ledger.gone(flag.item)
        if entry is not None:
            flag.done = entry.status
