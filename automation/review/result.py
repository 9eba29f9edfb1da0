"""What a review found: the files, the flags, the inferences and the ad targeting.

``as_json()`` is the ``--json`` object. Nothing here is written to the history: a review reads
the person's own data and its result stays where the person puts it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, TextIO

from automation.review.flags import FLAG_KINDS, Flag
from automation.review.kinds import CATEGORIES


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

    def sort(self) -> None:
        """Flags grouped by kind (in FLAG_KINDS order), newest first within a kind, undated last."""
        order = {kind: i for i, kind in enumerate(FLAG_KINDS)}
        self.flags.sort(key=lambda f: (f.file, f.row or 0))  # undated: in file order
        self.flags.sort(key=lambda f: f.date or "", reverse=True)  # stable, also reversed
        self.flags.sort(key=lambda f: order.get(f.kind, len(order)))  # stable: keeps newest first

    def categories(self) -> list[dict[str, Any]]:
        """Per category of the AI policy: its files and rows."""
        out = []
        for category in CATEGORIES:
            files = [f for f in self.files if f.category == category.key]
            if files:
                out.append({"key": category.key, "title": category.title, "ai_training": category.ai_training,
                            "files": len(files), "rows": sum(f.rows for f in files)})
        return out

    def flag_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(FLAG_KINDS, 0)
        for flag in self.flags:
            counts[flag.kind] = counts.get(flag.kind, 0) + 1
        return counts

    def as_json(self, *, flags: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "source": self.source, "synthetic": self.synthetic, "today": self.today, "older_than": self.older_than,
            "categories": self.categories(), "files": [f.as_dict() for f in self.files],
            "flag_counts": self.flag_counts(), "inferences": self.inferences, "ad_targeting": self.ad_targeting,
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
