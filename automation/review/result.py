"""What a review found: the files, the flags, the inferences and the ad targeting.

``as_json()`` is the ``--json`` object. Nothing here is written to the history: a review reads
the person's own data and its result stays where the person puts it.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, TextIO

from automation.review.flag_kinds import FlagKind
from automation.review.flags import Flag
from automation.review.kinds import CATEGORIES, CONTENT, JOBS, PROFILE

# The categories of LinkedIn's policy a person reviews an export for: when one is missing, "0
# flags" means "not looked at", not "all clear", and the review says so.
EXPECTED = (PROFILE, CONTENT, JOBS)


@dataclass
class FileInfo:
    name: str  # as in the export
    kind: str
    category: str
    ai_training: bool | None
    rows: int = 0
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "category": self.category, "rows": self.rows,
                "ai_training": self.ai_training, "notes": self.notes}


@dataclass
class Review:
    source: str
    today: str
    older_than: float
    watch_words: int
    files: list[FileInfo] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    inferences: list[dict[str, str]] = field(default_factory=list)
    ad_targeting: dict[str, list[str]] = field(default_factory=dict)
    unknown_files: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    synthetic: bool = False
    region: str | None = None  # the country phone numbers without a country code were read in
    ledger: str | None = None  # the prune ledger read, when there was one

    def sort(self) -> None:
        """Flags grouped by kind (in FlagKind order); old content oldest first, every other kind
        newest first; undated last, in file order."""
        order = {kind: i for i, kind in enumerate(FlagKind)}
        self.flags.sort(key=lambda f: (f.file, f.row or 0))  # undated: in file order
        self.flags.sort(key=lambda f: f.date or "", reverse=True)  # stable, also reversed
        self.flags.sort(key=lambda f: order[f.kind] if f.kind else len(order))
        old = [i for i, f in enumerate(self.flags) if f.kind is FlagKind.OLD]
        if old:  # every old flag has a date: newest first reversed is oldest first
            self.flags[old[0]:old[-1] + 1] = reversed(self.flags[old[0]:old[-1] + 1])

    def of_kind(self, kind: FlagKind, *, done: bool = False) -> list[Flag]:
        """The flags of ``kind`` still to act on (or, with ``done``, those the ledger has gone)."""
        return [f for f in self.flags if f.kind is kind and (f.done is not None) == done]

    def categories(self) -> list[dict[str, Any]]:
        """Per category of the AI policy: its files and rows."""
        out = []
        for category in CATEGORIES:
            files = [f for f in self.files if f.category == category.key]
            if files:
                out.append({"key": category.key, "title": category.title, "ai_training": category.ai_training,
                            "files": len(files), "rows": sum(f.rows for f in files)})
        return out

    def missing(self) -> list[dict[str, str]]:
        """The categories the person reviews for that this export holds no file of."""
        present = {f.category for f in self.files}
        return [{"key": c.key, "title": c.title} for c in EXPECTED if c.key not in present]

    def missing_note(self) -> str | None:
        """One line on what this export does not hold, so that no flag there is not read as all clear."""
        missing = self.missing()
        if not missing:
            return None
        return (f"Not in this export: {', '.join(m['title'] for m in missing)}. No flag there means not reviewed, "
                "not all clear: ask LinkedIn for the larger archive (\"Download larger data archive\") or tick "
                "those categories under \"Want something in particular?\".")

    def older_than_note(self) -> str | None:
        """When --older-than reaches back past any date: say what it counts, in case a year was meant."""
        if self.older_than < 200:
            return None
        return (f"Nothing is older than {self.older_than:g} years: --older-than counts years back from "
                f"{self.today} (--older-than 5 flags what is older than five years).")

    def region_note(self) -> str | None:
        """When no country was known: which phone numbers were looked for, and how to read the rest."""
        if self.region is not None:
            return None
        return ("No country in the profile: only phone numbers written with their country code (+44 …) were looked "
                "for; --country with yours (GB, US, …) reads the others too.")

    def flag_counts(self, *, done: bool = False) -> dict[str, int]:
        """Flags per kind still to act on (with ``done``: already gone, per the prune ledger)."""
        counts = dict.fromkeys(FlagKind, 0)
        for flag in self.flags:
            if flag.kind is not None and (flag.done is not None) == done:
                counts[flag.kind] += 1
        return {str(k): n for k, n in counts.items()}

    def old_by_year(self, *, done: bool = False) -> dict[str, int]:
        """Old content per year, oldest year first: the shape of the person's history."""
        years = Counter((f.date or "")[:4] for f in self.of_kind(FlagKind.OLD, done=done))
        return dict(sorted(years.items()))

    def as_json(self, *, flags: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "source": self.source, "synthetic": self.synthetic, "today": self.today,
            "older_than": self.older_than if math.isfinite(self.older_than) else None,  # JSON has no infinity
            "categories": self.categories(), "missing_categories": self.missing(),
            "files": [f.as_dict() for f in self.files],
            "flag_counts": self.flag_counts(), "done_counts": self.flag_counts(done=True),
            "old_by_year": self.old_by_year(), "phone_region": self.region, "ledger": self.ledger,
            "inferences": self.inferences, "ad_targeting": self.ad_targeting,
            "unknown_files": self.unknown_files, "notes": self.notes,
        }
        if flags:
            data["flags"] = [f.as_dict() for f in self.flags]
        return data

    def write_json(self, out: TextIO) -> None:
        """``as_json()`` written as it is made, a flag per line: a hundred thousand flags never sit
        in memory twice (as objects and as one string)."""
        encoder = json.JSONEncoder(indent=2)
        out.write("{")
        for key, value in self.as_json(flags=False).items():
            out.write(f"\n  {json.dumps(key)}: " + encoder.encode(value).replace("\n", "\n  ") + ",")
        out.write('\n  "flags": [')
        for i, flag in enumerate(self.flags):
            out.write(("," if i else "") + "\n    " + json.dumps(flag.as_dict()))
        out.write("\n  ]\n}\n")
