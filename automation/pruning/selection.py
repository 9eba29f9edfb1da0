"""What to prune: items of the person's own export, chosen with the review's own words.

``select(export, Criteria(kinds=("old",), before=2019))`` reviews the export (review_export) and
keeps each post, comment and article that a flag of a chosen kind points at, each resume it
names and, when asked, the saved screening answers. One item per piece of content, with every
flag kind that chose it (its ``reasons``). An item's words are kept in memory for the identity
check only; they are never written anywhere.

Links come from a file the person downloaded; they are never followed as they are. A post's (and
a comment's) page is built from the post's URN; an article's only from a ``/pulse/`` address on
LinkedIn itself. An item with no usable link is kept, to be reported ``skipped`` with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from automation.errors import UserError
from automation.pruning.match import EXCERPT, words
from automation.review.flow import ContentItem, Options, review_export
from automation.review.ledger import Ledger, item_key, post_urn

# The review's flag kinds a selection may name (its own words), and what --only may name.
KINDS = ("old", "email", "phone", "watch-word", "resume", "screening-answer")
CONTENT_FLAGS = ("old", "email", "phone", "watch-word")
ONLY = {"posts": "post", "comments": "comment", "articles": "article", "resumes": "resume", "answers": "answers"}
ORDER = ("post", "comment", "article", "resume", "answers")
_PULSE = re.compile(r"^/pulse/[\w%.~-]+/?$")


class SelectionError(UserError):
    """The selection's options do not make sense (a kind that is not one, --kind watch-word with no words)."""


class NoSelection(UserError):
    """No criterion given: nothing is chosen until the person says what (exit 2)."""


@dataclass(frozen=True)
class Criteria:
    """A selection in the review's words. ``kinds``: flag kinds (any of them chooses an item);
    ``before``: only what is dated before 1 January of that year (alone: everything dated
    before it); ``watch``: watch words (they choose as ``watch-word``); ``only``: posts,
    comments, articles, resumes, answers; ``limit``: at most this many items per run;
    ``older_than``: what ``old`` means, in years (the review's default, 5)."""

    kinds: tuple[str, ...] = ()
    before: int | None = None
    watch: tuple[str, ...] = ()
    only: tuple[str, ...] = ()
    limit: int | None = None
    older_than: float = 5.0

    def __post_init__(self) -> None:
        for name in ("kinds", "watch", "only"):
            value = getattr(self, name)
            object.__setattr__(self, name, (value,) if isinstance(value, str) else tuple(value))
        if bad := [k for k in self.kinds if k not in KINDS]:
            raise SelectionError(f"--kind {bad[0]!r} is not a kind of flag: choose from {', '.join(KINDS)}")
        if bad := [o for o in self.only if o not in ONLY]:
            raise SelectionError(f"--only {bad[0]!r}: choose from {', '.join(ONLY)}")
        if "watch-word" in self.kinds and not self.watch:
            raise SelectionError("--kind watch-word needs your watch words: --watch \"Acme,Project X\"")
        if self.before is not None and not 1990 <= self.before <= 2100:
            raise SelectionError(f"--before is a year, such as 2019, not {self.before}")
        if self.limit is not None and self.limit < 1:
            raise SelectionError(f"--limit is at least 1, not {self.limit}")

    @property
    def wanted(self) -> frozenset[str]:
        return frozenset(self.kinds) | ({"watch-word"} if self.watch else frozenset())

    @property
    def given(self) -> bool:
        """Has the person said what to choose? (--only and --limit alone choose nothing.)"""
        return bool(self.wanted) or self.before is not None


@dataclass(frozen=True)
class Item:
    """One thing to prune. ``link``: the page that shows it (built, never taken raw from the
    export), None when there is none to trust. ``words``: the export's words for it (a resume's
    file name), for the identity check only: never written."""

    kind: str  # post, comment, article, resume, answers
    link: str | None
    key: str | None  # its ledger key (review/ledger.py), None when it cannot be named
    reasons: tuple[str, ...]
    date: str | None = None
    words: str = field(default="", repr=False)
    count: int = 1  # answers: how many saved answers the export holds
    any_shown: bool = False  # no words known (a recheck without the export): one item at its address is it
    # A comment: another of the person's comments on the same post, in the export, whose words the
    # page could not tell from these (the same, or the same first words). One shown is not known
    # to be this one: never deleted, never reported up.
    alike: bool = False

    @property
    def label(self) -> str:
        """How the person recognises it in a table: never its words (a resume's name is shown)."""
        when = f" of {self.date[:10]}" if self.date else ""
        if self.kind == "resume":
            return f"resume {self.words}"
        if self.kind == "answers":
            return f"{self.count} saved screening answer(s)"
        return f"{self.kind}{when}"


@dataclass
class Selection:
    items: list[Item]
    criteria: Criteria
    already_gone: int = 0  # chosen, but the ledger says they are gone: left out
    over_limit: int = 0  # chosen, beyond --limit: left for the next run
    recheck: bool = False  # the ledger's gone items, to see they are still gone (recheck.py)

    @classmethod
    def from_export(cls, export: Path | bytes, criteria: Criteria, *, ledger: Ledger | None = None) -> Selection:
        """The library's way in: the selection from an export (a zip, its folder, or a zip's
        bytes), with the installed maps' addresses. ``ledger``: leave out what it has as gone."""
        from automation.catalogue.loader import load_catalogue
        from automation.pruning.map import load_prune_map

        base = load_catalogue().site.base_url
        source = export.expanduser() if isinstance(export, Path) else export
        return select(source, criteria, base_url=base, answers_page=base + load_prune_map().answers.path,
                      ledger=ledger)

    def counts(self) -> dict[str, int]:
        found = dict.fromkeys(ORDER, 0)
        for item in self.items:
            found[item.kind] += 1
        return {k: n for k, n in found.items() if n}

    @property
    def deletable(self) -> list[Item]:
        """What ``--delete`` may delete, and so the count the person confirms: every item but the
        saved answers, which only the person can delete (``--guided`` opens their page)."""
        return [item for item in self.items if item.kind != "answers"]


def page_of(kind: str, link: str | None, base_url: str) -> str | None:
    """The address to open for an item: built from the post's URN, or a /pulse/ link on
    LinkedIn itself; None for anything else (a link from a file is never followed as it is)."""
    if kind in ("post", "comment"):
        urn = post_urn(link)
        return f"{base_url}/feed/update/{urn}/" if urn else None
    if kind == "article" and link:
        parts = urlsplit(link.strip())
        if f"{parts.scheme}://{parts.netloc}" == base_url and _PULSE.match(parts.path):
            slug = unquote(parts.path.removeprefix("/pulse/").rstrip("/"))
            # Decoded, the slug stays one segment: "..", "." or "a%2Fb" would lead out of /pulse/.
            if "/" not in slug and "\\" not in slug and slug.strip(".") and "%" not in slug:
                return f"{base_url}/pulse/{quote(slug, safe='')}{'/' if parts.path.endswith('/') else ''}"
    return None


def review_items(export: Path | bytes, criteria: Criteria, *, label: str | None = None,
                 today: date | None = None) -> tuple[list[ContentItem], list[tuple[str, str, int | None, str]]]:
    """The export's content items and its flags as (kind, file, row, excerpt)."""
    items: list[ContentItem] = []
    review = review_export(export, Options(watch=criteria.watch, older_than=criteria.older_than, today=today),
                           label=label, items=items.append)
    flags = [(str(getattr(f.kind, "value", f.kind)), f.file, f.row, f.excerpt) for f in review.flags]
    return items, flags


def choose(items: Iterable[ContentItem], flags: list[tuple[str, str, int | None, str]], criteria: Criteria,
           base_url: str, answers_page: str) -> list[Item]:
    """Every item the criteria choose, in a stable order (kind, then oldest first)."""
    items = list(items)
    wanted, cut = criteria.wanted, f"{criteria.before:04d}-01-01" if criteria.before else None
    twins = _alike_comments(items)
    reasons: dict[tuple[str, int | None], list[str]] = {}
    for kind, file, row, _excerpt in flags:
        reasons.setdefault((file, row), []).append(kind)
    chosen: dict[str, Item] = {}
    for content in items:
        why = [k for k in dict.fromkeys(reasons.get((content.file, content.row), [])) if k in wanted]
        if wanted and not why:
            continue
        if cut is not None:
            if not content.date or content.date >= cut:
                continue
            why = why or [f"before-{criteria.before}"]
        key = item_key(content.kind, content.link, date=content.date_text or None, name=content.file)
        item = Item(content.kind, page_of(content.kind, content.link, base_url), key, tuple(why), content.date,
                    content.text, alike=id(content) in twins)
        ident = key or f"{content.file}#{content.row}"
        if ident in chosen:  # the same content twice in the export: one item, every reason
            item = replace(item, reasons=tuple(dict.fromkeys(chosen[ident].reasons + item.reasons)))
        chosen[ident] = item
    if "resume" in wanted:
        for name in dict.fromkeys(excerpt for kind, _f, _r, excerpt in flags if kind == "resume"):
            chosen[f"resume:{name}"] = Item("resume", answers_page, item_key("resume", None, name=name), ("resume",),
                                            words=name)
    answers = sum(1 for kind, *_ in flags if kind == "screening-answer")
    if "screening-answer" in wanted and answers:
        chosen["answers"] = Item("answers", answers_page, None, ("screening-answer",), count=answers)
    only = {ONLY[o] for o in criteria.only}
    found = [i for i in chosen.values() if not only or i.kind in only]
    found.sort(key=lambda i: (ORDER.index(i.kind), i.date or "9999"))
    return found


def _alike_comments(items: list[ContentItem]) -> set[int]:
    """The comments (by ``id``) that have a twin: another comment on the same post, not the same
    one (its key differs), that the identity check (match.is_item) could not tell from it: the
    same words, or, for a text longer than the excerpt, the same first words. Grouped by those
    words, so a hostile export of many comments on one post costs one pass, not every pair."""
    groups: dict[tuple[str, tuple[str, ...]], dict[str, list[int]]] = {}
    for content in items:
        if content.kind == "comment" and (urn := post_urn(content.link)):
            said = words(content.text)
            told = tuple(said) if len(said) < EXCERPT else tuple(said[:EXCERPT])  # what the page is told by
            if told:
                key = item_key("comment", content.link, date=content.date_text or None) or f"#{id(content)}"
                groups.setdefault((urn, told), {}).setdefault(key, []).append(id(content))
    return {n for group in groups.values() if len(group) > 1 for ids in group.values() for n in ids}


def select(export: Path | bytes, criteria: Criteria, *, base_url: str, answers_page: str,
           ledger: Ledger | None = None, label: str | None = None, today: date | None = None) -> Selection:
    """The selection from ``export``: chosen, minus what the ledger says is gone, within the limit.
    Without a criterion, ``NoSelection`` (the caller says what each would choose: ``would_choose``)."""
    if not criteria.given:
        raise NoSelection("say what to prune: --kind, --before or --watch (prune EXPORT alone lists what each "
                          "would choose)")
    items, flags = review_items(export, criteria, label=label, today=today)
    found = choose(items, flags, criteria, base_url, answers_page)
    gone = [i for i in found if ledger is not None and ledger.gone(i.key)]
    left = [i for i in found if i not in gone]
    limit = criteria.limit or len(left)
    return Selection(left[:limit], criteria, already_gone=len(gone), over_limit=max(0, len(left) - limit))


def would_choose(export: Path | bytes, criteria: Criteria, *, base_url: str, answers_page: str,
                 label: str | None = None, today: date | None = None) -> dict[str, dict[str, int]]:
    """For each selectable kind: how many posts, comments, articles, resumes it would choose."""
    items, flags = review_items(export, criteria, label=label, today=today)
    table: dict[str, dict[str, int]] = {}
    for kind in KINDS:
        if kind == "watch-word" and not criteria.watch:
            continue
        alone = replace(criteria, kinds=(kind,), before=None, watch=criteria.watch if kind == "watch-word" else ())
        picked = choose(items, flags, alone, base_url, answers_page)
        counts = Selection(picked, criteria).counts()
        if counts:
            table[kind] = counts
    return table
