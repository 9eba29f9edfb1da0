"""The prune ledger (review/ledger.py) and the export's content items that prune selects from."""

from __future__ import annotations

import stat
from pathlib import Path

from automation.review import review_export
from automation.review.flow import ContentItem, Options
from automation.review.ledger import DELETED, GONE, RESTORED, Entry, append, item_key, load, post_urn
from automation.review.synthetic import build


def test_a_post_key_is_its_urn_whatever_the_link_form() -> None:
    encoded = "https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7012345678901234567"
    plain = "https://www.linkedin.com/feed/update/urn:li:share:7012345678901234567/"
    assert item_key("post", encoded) == item_key("post", plain) == "post:urn:li:share:7012345678901234567"
    assert post_urn("https://www.linkedin.com/in/someone/") is None
    assert item_key("post", "https://www.linkedin.com/in/someone/") is None


def test_a_comment_key_needs_the_post_and_the_date() -> None:
    link = "https://www.linkedin.com/feed/update/urn:li:activity:123/"
    assert item_key("comment", link, date="2019-03-01 10:00:00") == "comment:urn:li:activity:123@2019-03-01 10:00:00"
    assert item_key("comment", link) is None


def test_the_last_line_per_item_wins_and_a_broken_line_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "state" / "ledger.jsonl"
    key = "post:urn:li:share:1"
    append(path, [Entry(key, "post", DELETED, "2026-12-01T10:00:00Z", reasons=["old"])])
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"key": "half a line\n')
    append(path, [Entry("post:urn:li:share:2", "post", GONE, "2026-12-01T10:01:00Z")])
    ledger = load(path)
    assert ledger.unreadable == 1
    assert ledger.gone(key) is not None and ledger.gone("post:urn:li:share:2") is not None
    append(path, [Entry(key, "post", RESTORED, "2026-12-02T10:00:00Z")])
    assert load(path).gone(key) is None
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_no_ledger_is_an_empty_ledger(tmp_path: Path) -> None:
    assert load(tmp_path / "none.jsonl").entries == {}


def test_the_review_hands_over_each_post_comment_and_article() -> None:
    seen: list[ContentItem] = []
    review_export(build("complete").data, Options(), items=seen.append)
    kinds = {item.kind for item in seen}
    assert kinds == {"post", "comment", "article"}
    posts = [i for i in seen if i.kind == "post"]
    assert all(item_key("post", i.link) for i in posts)
    assert all(i.text for i in seen)
