"""prune when in doubt, without a browser: what looks like the item but may not be it, what a
hostile export or a damaged ledger holds, and links that would lead elsewhere on LinkedIn."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from automation.cli import cli
from automation.exit_codes import ExitCode
from automation.pruning.judge import Seen, Target, judge
from automation.pruning.map import load_prune_map
from automation.pruning.report import ItemStatus
from automation.pruning.scan import Scan, Shown
from automation.pruning.selection import page_of
from automation.review import ledger as records

BASE = "https://www.linkedin.com"
PMAP = load_prune_map()


def _shown(words: str, author: str = "Avery Quill") -> Shown:
    return Shown(0, words, None, author, "", words, 1, True)


def _judge(scan: Scan, target: Target, kind: str = "post", **seen):
    return judge(scan, target, PMAP.flow(kind).look, tombstones=PMAP.tombstone_texts,
                 status=seen.get("status"), redirected=seen.get("redirected", False))


# --- the words: an excerpt confirms a longer text, never a short text a longer one ------------


def _up(page: str, export: str) -> bool:
    return _judge(Scan(items=(_shown(page),), body=page), Target("post", export)).seen is Seen.UP


def test_a_short_text_is_not_the_longer_item_that_begins_with_it() -> None:
    assert _up("My first post here.", "my first post here")
    assert not _up("My first post here. And a second one, years later.", "My first post here.")
    assert not _up("Not a great post at all", "Great post")
    assert _up("Proud of the team hashtag#launch", "Proud of the team #launch")


def test_a_long_text_is_confirmed_by_its_first_words() -> None:
    text = "One two three four five six seven eight nine ten eleven twelve thirteen fourteen"
    assert _up(text.replace("fourteen", "…see more"), text)
    assert not _up("One two three four five six seven eight nine ten eleven", text)


def test_a_comment_with_more_words_than_the_exports_is_another_comment() -> None:
    target = Target("comment", "Congrats on Project Falcon, well deserved!")
    longer = _shown("Congrats on Project Falcon, well deserved! See you at the party.")
    seen = _judge(Scan(items=(longer,), drawn=True, body=longer.words), target, "comment")
    assert seen.seen is Seen.UNSURE and not seen.changed, seen


# --- the address: a page the browser was sent to is not the item's page -----------------------


def test_an_item_shown_after_a_redirect_is_never_up() -> None:
    target = Target("post", "My first post here.")
    seen = _judge(Scan(items=(_shown("My first post here."),), path="/feed/update/urn:li:activity:9/"), target,
                  redirected=True)
    assert seen.seen is Seen.UNSURE and "elsewhere" in seen.why
    anyone = _judge(Scan(items=(_shown("whatever"),), path="/feed/"), Target("post", any=True), redirected=True)
    assert anyone.seen is Seen.UNSURE  # a recheck without words: the feed's one post is not "restored"


def test_an_article_link_cannot_climb_out_of_pulse() -> None:
    for link in (f"{BASE}/pulse/..%2F..%2Ffeed/", f"{BASE}/pulse/../", f"{BASE}/pulse/%2e%2e/",
                 f"{BASE}/pulse/a%2Fb/", f"{BASE}/pulse/./"):
        assert page_of("article", link, BASE) is None, link
    assert page_of("article", f"{BASE}/pulse/why-it-matters-rowan/", BASE) == f"{BASE}/pulse/why-it-matters-rowan/"


def test_a_urn_is_made_of_ascii_digits_only() -> None:
    assert records.post_urn("https://www.linkedin.com/feed/update/urn:li:share:\u0661\u0662\u0663/") is None
    assert records.post_urn("https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A123/") == "urn:li:share:123"


# --- the ledger: a damaged line costs that line, never the rest --------------------------------


def test_a_deeply_nested_line_or_a_line_of_the_wrong_shape_is_skipped_alone(tmp_path: Path) -> None:
    path = tmp_path / "state" / "ledger.jsonl"
    good = records.Entry("post:urn:li:share:1", "post", records.DELETED, "2026-12-01T10:00:00+00:00",
                         link=f"{BASE}/feed/update/urn:li:share:1/", reasons=["old"])
    records.append(path, [good])
    bad = [
        "[" * 100_000 + "]" * 100_000,
        json.dumps({**vars(good), "key": "post:urn:li:share:2", "at": 5}),
        json.dumps({**vars(good), "key": "post:urn:li:share:3", "link": {"x": 1}}),
        json.dumps({**vars(good), "key": "post:urn:li:share:4", "reasons": "old"}),
        json.dumps({**vars(good), "key": "post:urn:li:share:5", "reasons": [1]}),
        json.dumps({**vars(good), "key": "post:urn:li:share:6", "deleted_at": []}),
        json.dumps(["not", "an", "object"]),
    ]
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n".join(bad) + "\n")
    records.append(path, [records.Entry("post:urn:li:share:7", "post", records.GONE, "2026-12-02T10:00:00+00:00")])
    ledger = records.load(path)
    assert ledger.unreadable == len(bad)
    assert set(ledger.entries) == {"post:urn:li:share:1", "post:urn:li:share:7"}


def test_a_ledger_that_is_a_folder_is_one_line_naming_it(home: Path) -> None:
    folder = records.ledger_path("default")
    folder.mkdir(parents=True)
    with pytest.raises(OSError):
        records.load(folder)  # review turns this into a note beside the flags
    result = CliRunner().invoke(cli, ["prune", "--recheck"])
    assert result.exit_code == ExitCode.USAGE, result.output
    assert "ledger-default.jsonl cannot be read" in result.output and "Traceback" not in result.output
    assert folder.is_dir()  # nothing lost, nothing replaced


# --- the export: two comments of yours on one post that the page cannot tell apart --------------


def _comments(folder: Path, *rows: tuple[str, str]) -> Path:
    folder.mkdir()
    (folder / "Profile.csv").write_text("First Name,Last Name\nRowan,Vale\n", encoding="utf-8")
    link = "https://www.linkedin.com/feed/update/urn:li:activity:7300000000000000001"
    body = "".join(f'{when},{link},"{text}"\n' for when, text in rows)
    (folder / "Comments.csv").write_text("Date,Link,Message\n" + body, encoding="utf-8")
    return folder


def test_a_comment_whose_twin_on_the_same_post_is_not_chosen_is_never_deleted(tmp_path: Path) -> None:
    import asyncio

    from automation.pruning.judge import Judgement
    from automation.pruning.options import PruneTask
    from automation.pruning.run import _fresh, _one
    from automation.pruning.selection import Criteria, select

    long = "one two three four five six seven eight nine ten eleven twelve"
    export = _comments(tmp_path / "export", ("2018-01-01 10:00:00", "Congrats!"), ("2024-01-01 10:00:00", "Congrats!"),
                       ("2018-02-01 10:00:00", "Congrats! See you soon."), ("2018-03-01 10:00:00", f"{long} A"),
                       ("2025-03-01 10:00:00", f"{long} B"))
    chosen = select(export, Criteria(before=2020), base_url=BASE, answers_page=BASE + "/jobs/application-settings/")
    assert [i.words for i in chosen.items] == ["Congrats!", "Congrats! See you soon.", f"{long} A"]

    class Seeing:  # the page shows one comment with the words: the one left is not known to be the chosen one
        pmap = PMAP

        async def look(self, item, surface, url):
            return Judgement(Seen.UP, "the page shows the comment", _shown(item.words))

        async def delete(self, item, flow, url, seen, result):
            result.status = ItemStatus.DELETED  # what a deletion would end in
            return result

    results = [asyncio.run(_one(Seeing(), PruneTask(delete=True, confirm=3), item, _fresh(item)))  # type: ignore[arg-type]
               for item in chosen.items]
    assert [r.status for r in results] == [ItemStatus.SKIPPED, ItemStatus.DELETED, ItemStatus.SKIPPED], results
    assert all("same words" in r.why for r in results[::2])


def test_reasons_read_back_from_the_ledger_cannot_drive_the_terminal() -> None:
    from io import StringIO

    from rich.console import Console

    from automation.pruning.report import PrunedItem, PruneReport
    from automation.pruning.terminal import prune_lines
    from automation.results.report import now

    item = PrunedItem(link=None, kind="post", reason=["old\x1b]0;owned\x07"], status=ItemStatus.GONE)
    out = StringIO()
    console = Console(file=out, width=200, color_system=None)
    for line in prune_lines(PruneReport(mode="recheck", items=[item], started_at=now(), finished_at=now())):
        console.print(line)
    assert "\x1b" not in out.getvalue() and "\x07" not in out.getvalue()


def test_a_you_badge_is_the_word_you_alone_not_any_text_that_holds_it() -> None:
    from automation.pruning.judge import refusal

    flow = PMAP.comment
    theirs = Shown(0, "Thanks!", None, "Sam Example", "Helping you grow • 2nd", "Thanks!", 1, True)
    why = refusal(theirs, "comment", flow, flow.look, "Avery Quill", "en")
    assert why is not None and "someone else's comment" in why[0]
    mine = Shown(0, "Thanks!", None, "Someone Else Entirely", "• You", "Thanks!", 1, True)
    assert refusal(mine, "comment", flow, flow.look, "Avery Quill", "en") is None
