"""The demo's activity: the synthetic person's posts, comments, article and saved resumes, as the
stand-in of LinkedIn shows them, and what they do wrong on request (``ActivityFaults``).

Built from the demo export itself (review/synthetic.py, read through review_export), so what
``prune --demo`` selects from the export is what these pages show, at the same addresses: a post
at ``/feed/update/<its URN>/``; a comment on another member's post at that post's address; the
article at its ``/pulse/`` link and on ``/article/manage/published/``; resumes on
``/jobs/application-settings/``. Items are drawn for whoever is signed in (the demo's own member,
by default), as LinkedIn draws your own content with your name. Deleted items are gone for good:
a deleted post's address answers with the not-found page. Everything is invented.
"""

from __future__ import annotations

import threading
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from urllib.parse import urlsplit

from automation.review.articles import read_article
from automation.review.flow import ContentItem, Options, review_export
from automation.review.ledger import post_urn
from automation.review.synthetic import build

OTHER = "Sam Example"  # the author of the posts the synthetic person commented on (invented)
COMPANY = "Acme Analytics"  # a page the member admins: its posts offer "Delete post" to them too
EXTRA_RESUME = "Rowan_Vale_Cover_Letter.pdf"  # on the settings page, in no export flag: never selected


@dataclass
class ActivityFaults:
    """What the activity pages do wrong, on request. Keys are post URNs (``urn:li:share:…``),
    comment ids, article slugs or resume file names, as in ``Activity``."""

    # Every page draws an empty list at once (no skeleton) and asks for its data only after
    # ``pause`` seconds, a timer with nothing in flight: read too early, every item looks gone.
    drawn_empty: bool = False
    pause: float = 0.9
    data_delay: float = 0.05  # seconds before a data request answers
    not_held: set[str] = field(default_factory=set)  # the delete answers 200, and the item stays
    repost: set[str] = field(default_factory=set)  # the post's address shows the member's repost of it
    foreign: set[str] = field(default_factory=set)  # shows COMPANY's post, same words, whose menu offers delete
    no_delete: set[str] = field(default_factory=set)  # the member's post, with no delete in its menu
    another: dict[str, str] = field(default_factory=dict)  # urn -> the words of another own post shown there
    tombstone: set[str] = field(default_factory=set)  # "This post cannot be displayed", though the post is up
    # urn -> another post's URN: its address redirects there (LinkedIn sends the browser elsewhere)
    redirect: dict[str, str] = field(default_factory=dict)
    alike: dict[str, str] = field(default_factory=dict)  # urn -> the words of another comment of yours on that post
    leave_after_delete: bool = False  # once an item is deleted, the page goes on to the feed by itself
    data_fails: set[str] = field(default_factory=set)  # these pages' data answers 500 and they draw an empty list
    lazy: set[str] = field(default_factory=set)  # these pages' list: far down, drawn empty, loaded once scrolled to
    refuse_delete: bool = False  # the deletion itself is answered 999 (LinkedIn refusing the request)
    refuse_after_deletes: int | None = None  # every activity page answers 999 after this many deletions
    challenge_after_deletes: int | None = None  # every activity page becomes a checkpoint after this many
    delete_delay: float = 0.0  # seconds a deletion takes to answer


@dataclass
class Piece:
    """One thing on the demo's pages. ``author`` None: whoever is signed in (the member)."""

    id: str
    kind: str  # post, comment, article, resume
    text: str
    author: str | None = None
    title: str = ""  # an article's
    deleted: bool = False


class Activity:
    """The synthetic person's activity and what was deleted. Every method takes the lock."""

    def __init__(self, faults: ActivityFaults | None = None) -> None:
        self.lock = threading.RLock()
        self.faults = faults or ActivityFaults()
        self.posts: dict[str, Piece] = {}  # urn -> the post at its address
        self.comments: dict[str, list[Piece]] = {}  # urn of another member's post -> its comments
        self.articles: dict[str, Piece] = {}  # slug -> article
        self.resumes: dict[str, Piece] = {}  # file name -> resume
        self.deleted: list[str] = []  # ids, in the order they were deleted (held or not)
        self.deletes_tried = 0
        self._build()

    def _build(self) -> None:
        sample = build("complete")
        found: list[ContentItem] = []
        review = review_export(sample.data, Options(), items=found.append)
        for item in found:
            if item.kind == "post" and (urn := post_urn(item.link)):
                self.posts[urn] = Piece(urn, "post", item.text)
            elif item.kind == "comment" and (urn := post_urn(item.link)):
                here = self.comments.setdefault(urn, [Piece(f"{urn}/theirs", "comment", "Thanks, well said!", OTHER)])
                here.insert(0, Piece(f"{urn}/c{len(here)}", "comment", item.text))
            elif item.kind == "article" and item.link:
                slug = urlsplit(item.link).path.strip("/").split("/")[-1]
                self.articles[slug] = Piece(slug, "article", item.text, title=self._title(sample.data, item.file))
        names = [f.excerpt for f in review.flags if str(getattr(f.kind, "value", f.kind)) == "resume"]
        for name in dict.fromkeys([*names, EXTRA_RESUME]):
            self.resumes[name] = Piece(name, "resume", name)

    @staticmethod
    def _title(data: bytes, file: str) -> str:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            return read_article(file, archive.read(file).decode("utf-8")).title

    # --- what the pages show -----------------------------------------------------------------

    def post(self, urn: str) -> Piece | None:
        """The post shown at ``urn``'s address (None: nothing there, or deleted)."""
        with self.lock:
            if urn in self.faults.another:
                other = self.posts.setdefault(f"{urn}-other", Piece(f"{urn}-other", "post", self.faults.another[urn]))
                return None if other.deleted else other
            piece = self.posts.get(urn)
            if piece is None and urn in self.comments:  # another member's post, commented on
                return Piece(urn, "post", f"{OTHER} shares a synthetic update for the demo.", OTHER)
            return None if piece is None or piece.deleted else piece

    def comments_on(self, urn: str) -> list[Piece]:
        with self.lock:
            if urn in self.faults.alike and not any(c.id == f"{urn}/alike" for c in self.comments.get(urn, [])):
                self.comments.setdefault(urn, []).append(Piece(f"{urn}/alike", "comment", self.faults.alike[urn]))
            return [c for c in self.comments.get(urn, []) if not c.deleted]

    def article(self, slug: str) -> Piece | None:
        with self.lock:
            piece = self.articles.get(slug)
            return None if piece is None or piece.deleted else piece

    def live(self, pieces: dict[str, Piece]) -> list[Piece]:
        with self.lock:
            return [p for p in pieces.values() if not p.deleted]

    def refuses(self) -> bool:
        with self.lock:
            after = self.faults.refuse_after_deletes
            return after is not None and len(self.deleted) >= after

    def challenges(self) -> bool:
        with self.lock:
            after = self.faults.challenge_after_deletes
            return after is not None and len(self.deleted) >= after

    # --- deleting ----------------------------------------------------------------------------

    def delete(self, kind: str, ident: str) -> bool:
        """Delete one piece (False: there is no such piece). A piece in ``not_held`` is answered
        as deleted and stays."""
        with self.lock:
            self.deletes_tried += 1
            piece = self._find(kind, ident)
            if piece is None or piece.deleted:
                return False
            self.deleted.append(ident)
            if ident not in self.faults.not_held:
                piece.deleted = True
            return True

    def _find(self, kind: str, ident: str) -> Piece | None:
        if kind == "post":
            return self.posts.get(ident)
        if kind == "comment":
            return next((c for cs in self.comments.values() for c in cs if c.id == ident), None)
        if kind == "article":
            return self.articles.get(ident)
        if kind == "resume":
            return self.resumes.get(ident)
        return None

    def is_deleted(self, ident: str) -> bool:
        """For tests: is the piece with this id gone from the pages?"""
        with self.lock:
            pieces = [*self.posts.values(), *self.articles.values(), *self.resumes.values(),
                      *(c for cs in self.comments.values() for c in cs)]
            return any(p.id == ident and p.deleted for p in pieces)
