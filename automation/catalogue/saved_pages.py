"""Saved-page fixtures and their metadata.

Every page in ``fixtures/pages/`` starts with one comment line holding its metadata as JSON
(``<!-- linkedin-optout-fixture {...} -->``): the real URL it was saved at, what kind of page it
is, and the state each setting on it is expected to read. The smoke tests, the demo site and
``capture`` all use this one format.
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from automation.resources import fixtures_dir

_META = re.compile(r"\A<!-- linkedin-optout-fixture (\{.*?\}) -->\n")

Kind = Literal["settings", "signed_out", "challenge", "refused", "unavailable", "rate_limited", "category", "policy"]


class Fixture(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    file: str
    url: str = Field(pattern=r"^https://www\.linkedin\.com/")
    kind: Kind
    lang: str = "en"
    note: str
    # What the selector maps should find per setting: its state, or that it is ambiguous / absent.
    expect: dict[str, Literal["on", "off", "ambiguous", "not_found"]] = Field(default_factory=dict)
    strategy: str | None = None  # the locator strategy expected to match, when not the map's own key
    cookie_banner: bool = False
    demo_template: bool = False
    status: int = 200  # the HTTP status LinkedIn answered the page with (999: request denied)
    # A guard page: what classifies it. "content" (the default) must hold wherever the page is
    # shown, at a settings URL too; "url" only at its own URL; "status" by its HTTP status alone.
    decided_by: Literal["content", "url", "status"] = "content"
    # Discovery: a settings page's switches no map covers (label -> state); a category page's
    # settings links (paths); the privacy policy's effective date.
    unlisted: dict[str, Literal["on", "off"]] = Field(default_factory=dict)
    links: list[str] = Field(default_factory=list)
    effective: date | None = None

    @property
    def path(self) -> Path:
        return pages_dir() / self.file

    def html(self) -> str:
        """The page as saved, without the metadata line."""
        return page_html(self.path)


def pages_dir() -> Path:
    return fixtures_dir() / "pages"


def metadata_line(meta: dict) -> str:
    return f"<!-- linkedin-optout-fixture {json.dumps(meta, ensure_ascii=False, sort_keys=True)} -->\n"


def page_html(path: Path) -> str:
    """A saved page without its metadata line (any folder: bundled, or written by ``capture``)."""
    return _META.sub("", path.read_text(encoding="utf-8"), count=1)


def page_files(folder: Path) -> list[Path]:
    """Every saved page in ``folder`` (as ``capture`` writes them) or its ``pages/``, by name."""
    return sorted({*folder.glob("*.html"), *(folder / "pages").glob("*.html")}, key=lambda p: p.name)


def read_fixture(path: Path) -> Fixture:
    match = _META.match(path.read_text(encoding="utf-8"))
    if not match:
        raise ValueError(f"{path}: first line is not a linkedin-optout-fixture metadata comment")
    return Fixture.model_validate_json(match.group(1))


@lru_cache(maxsize=1)
def all_fixtures() -> tuple[Fixture, ...]:
    return tuple(read_fixture(p) for p in sorted(pages_dir().glob("*.html")))
