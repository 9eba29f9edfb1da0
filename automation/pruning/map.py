"""The prune map: ``selectors/prune.toml``, checked as strictly as the settings maps.

Everything LinkedIn-specific that ``prune`` needs lives there, as data: where each kind of item is
shown, how one item is told apart (its words, or its name), whose it is, its "…" menu, the
delete item's label per language, the confirmation dialog, and the markers that say a page is
still drawing, has drawn its list, or has more to load. A broken file is one line naming the
file and the field (``MapError``, exit 2), like any selector map.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from automation.catalogue.loader import _read as read_map
from automation.catalogue.models import PRUNE_FILE, _Strict
from automation.resources import selectors_dir

Lang = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(-[A-Z]{2})?$")]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]
Selectors = list[NonEmpty]
Texts = dict[Lang, list[NonEmpty]]


class Surface(_Strict):
    """One page where items are shown: the item's own link (``path`` None) or a fixed page.

    ``match`` says how an item is told apart: by its ``words`` (the export's text must be among
    them) or by its ``name`` (a resume's file name, an article's title: equal, not contained)."""

    match: Literal["words", "name"] = "words"
    path: Annotated[str, StringConstraints(pattern=r"^/[^\s?#]*$")] | None = None
    item: Selectors = Field(min_length=1, description="Each item on the page")
    words: Selectors = Field(default_factory=list, description="Inside an item: its words (default: all of it)")
    name: Selectors = Field(default_factory=list, description="Inside an item: its name (a file name, a title)")
    author: Selectors = Field(default_factory=list, description="Inside an item: who wrote it")
    own: Selectors = Field(default_factory=list, description="Inside an item: where a badge says it is yours")
    own_texts: Texts = Field(default_factory=dict, description="The badge's words per language")
    repost_texts: Texts = Field(default_factory=dict, description="Words inside an item that make it a repost")
    trigger: Selectors = Field(default_factory=list, description="Inside an item: its '…' button")
    busy: Selectors = Field(default_factory=list, description="On the page: still drawing (a skeleton)")
    drawn: Selectors = Field(default_factory=list,
                             description="On the page: the list has drawn its data (absence there is evidence)")
    more: Selectors = Field(default_factory=list, description="On the page: more items to load (absence is not evidence)")

    @model_validator(mode="after")
    def _told_apart(self) -> Surface:
        if self.match == "name" and not self.name:
            raise ValueError('match "name" needs name selectors')
        return self


class Menu(_Strict):
    """The item's menu once its "…" is clicked, and the dialog that confirms a deletion."""

    items: Selectors = Field(min_length=1)
    delete_labels: Texts = Field(min_length=1)
    repost_labels: Texts = Field(default_factory=dict, description="The delete item of a repost")
    dialog: Selectors = Field(min_length=1)
    confirm: Selectors = Field(min_length=1, description="Inside the dialog: the button that deletes")
    confirm_labels: Texts = Field(min_length=1)


class Flow(_Strict):
    """How one kind of item is looked at, deleted and proved gone. ``owner``: how the page shows
    the item is the person's own besides its menu offering delete: its author is the signed-in
    member (or a "You" badge), or the page itself is the member's (their resumes, their articles)."""

    owner: Literal["author", "page"]
    look: Surface
    delete: Surface | None = None  # None: deleted where it is looked at
    menu: Menu

    @property
    def acting(self) -> Surface:
        return self.delete or self.look

    @model_validator(mode="after")
    def _can_delete(self) -> Flow:
        if not self.acting.trigger:
            raise ValueError("the surface it is deleted on needs a trigger (its '…' button)")
        if self.owner == "author" and not (self.look.author or self.look.own):
            raise ValueError('owner "author" needs author or own selectors')
        if self.delete is not None and not (self.look.name and self.delete.name):
            raise ValueError("deleting on another page matches by name: both surfaces need name selectors")
        return self


class Answers(_Strict):
    path: Annotated[str, StringConstraints(pattern=r"^/[^\s?#]*$")]


class PruneMap(_Strict):
    schema_version: Literal[1]
    source: NonEmpty
    tombstone_texts: list[NonEmpty] = Field(default_factory=list)
    post: Flow
    comment: Flow
    article: Flow
    resume: Flow
    answers: Answers

    def flow(self, kind: str) -> Flow:
        return {"post": self.post, "comment": self.comment, "article": self.article, "resume": self.resume}[kind]


def load_prune_map(folder: Path | None = None) -> PruneMap:
    """The prune map under ``folder`` (default: the selector maps in use)."""
    return _load((folder or selectors_dir()) / PRUNE_FILE)


@lru_cache(maxsize=4)
def _load(path: Path) -> PruneMap:
    found = read_map(path, PruneMap)  # the settings maps' reader: the same one-line errors
    assert isinstance(found, PruneMap)
    return found


def labels(texts: Texts, lang: str) -> list[str]:
    """The words for ``lang`` (English when the map has none for it)."""
    return texts.get(lang) or texts.get(lang.split("-")[0]) or texts.get("en", [])
