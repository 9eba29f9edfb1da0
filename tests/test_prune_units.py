"""prune's pure pieces, without a browser: matching words, judging a look at a page, choosing
from the export, the map's schema, the report's exit code and the ledger lines it adds."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from automation.errors import MapError
from automation.exit_codes import ExitCode
from automation.pruning.judge import Seen, Target, is_repost, judge, menu_refusal, refusal
from automation.pruning.map import PruneMap, load_prune_map
from automation.pruning.match import same_name, shows
from automation.pruning.report import ItemStatus, PrunedItem, PruneReport
from automation.pruning.run import _ledger_line
from automation.pruning.scan import Scan, Shown
from automation.pruning.selection import Criteria, NoSelection, SelectionError, page_of, select, would_choose
from automation.pruning.terminal import clean
from automation.results.report import Halt, Status, now
from automation.review import ledger as records
from automation.review.synthetic import WATCH, build

BASE = "https://www.linkedin.com"
ANSWERS = BASE + "/jobs/application-settings/"
PMAP = load_prune_map()
TODAY = date(2026, 12, 1)


def _shown(words: str = "", *, n: int = 0, author: str | None = "Avery Quill", own: str = "", whole: str = "",
           triggers: int = 1, name: str | None = None) -> Shown:
    return Shown(n, words, name, author, own, whole or words, triggers, True)


# --- matching ------------------------------------------------------------------------------


def test_the_page_must_show_the_exports_first_words_side_by_side() -> None:
    export = 'An old post about "Project Falcon", long before launch.'
    assert shows("Avery Quill\nAn old post about Project Falcon, long before launch. …see more", export)
    assert not shows("An old post about something else, Project Falcon long before launch", export)
    assert not shows("", export) and not shows("anything at all", "")


def test_hashtags_drawn_as_links_still_match() -> None:
    assert shows("Proud of the team hashtag#launch today", "Proud of the team #launch today")


def test_a_name_must_be_equal_not_contained() -> None:
    assert same_name("  Rowan_Vale_Resume_2025.pdf ", "Rowan_Vale_Resume_2025.pdf")
    assert not same_name("old-Rowan_Vale_Resume_2025.pdf", "Rowan_Vale_Resume_2025.pdf")


# --- judging one look ---------------------------------------------------------------------


def _judge(scan: Scan, target: Target, kind: str = "post", *, status: int | None = None,
           redirected: bool = False):
    surface = PMAP.flow(kind).look
    return judge(scan, target, surface, tombstones=PMAP.tombstone_texts, status=status, redirected=redirected)


def test_one_item_with_the_words_is_up_and_believed_at_once() -> None:
    seen = _judge(Scan(items=(_shown("My first post here."),)), Target("post", "My first post here."))
    assert seen.seen is Seen.UP and seen.at_once


def test_only_the_not_found_page_says_a_post_is_gone() -> None:
    assert _judge(Scan(), Target("post", "x y"), status=404).seen is Seen.GONE
    assert _judge(Scan(not_found=True), Target("post", "x y")).seen is Seen.GONE
    empty = _judge(Scan(), Target("post", "x y"))
    assert empty.seen is Seen.UNSURE and not empty.at_once  # an empty post page is never evidence


def test_this_post_cannot_be_displayed_is_not_gone() -> None:
    seen = _judge(Scan(body="This post cannot be displayed"), Target("post", "My first post"))
    assert seen.seen is Seen.UNSURE and "also shows for posts that are up" in seen.why


def test_absence_from_a_list_drawn_whole_is_gone_but_not_while_more_can_load() -> None:
    other = (_shown("Thanks, well said!", author="Sam Example"),)
    target = Target("comment", "Happy to help, call me")
    assert _judge(Scan(items=other, drawn=True), target, "comment").seen is Seen.GONE
    assert _judge(Scan(items=other, drawn=True, more=True), target, "comment").seen is Seen.UNSURE
    assert _judge(Scan(items=other, drawn=True, busy=True), target, "comment").seen is Seen.UNSURE


def test_words_outside_any_known_item_say_the_map_is_out_of_date_never_gone() -> None:
    seen = _judge(Scan(drawn=True, body="Avery Quill Happy to help, call me any time"),
                  Target("comment", "Happy to help, call me"), "comment")
    assert seen.seen is Seen.UNSURE and seen.changed


def test_another_post_at_its_address_and_a_redirect_prove_nothing() -> None:
    assert _judge(Scan(items=(_shown("Something else entirely"),)), Target("post", "My first post")).seen is Seen.UNSURE
    assert _judge(Scan(drawn=True, path="/feed/"), Target("comment", "words here"), "comment",
                  redirected=True).seen is Seen.UNSURE


def test_with_nothing_to_recognise_it_by_absence_says_nothing() -> None:
    assert _judge(Scan(drawn=True), Target("comment", ""), "comment").seen is Seen.UNSURE
    assert _judge(Scan(), Target("post", ""), status=404).seen is Seen.GONE
    assert _judge(Scan(items=(_shown("whatever"),)), Target("post", "", any=True)).seen is Seen.UP


def test_a_resume_is_gone_when_only_a_longer_name_holds_its_name() -> None:
    scan = Scan(items=(_shown(name="old-cv.pdf"),), drawn=True, body="Resumes\nold-cv.pdf")
    assert _judge(scan, Target("resume", name="cv.pdf"), "resume").seen is Seen.GONE
    stale = _judge(Scan(drawn=True, body="Resumes\ncv.pdf"), Target("resume", name="cv.pdf"), "resume")
    assert stale.seen is Seen.UNSURE and stale.changed  # its name on the page, in no card the map knows


# --- may it be deleted --------------------------------------------------------------------


def test_someone_elses_post_is_refused_even_when_its_menu_offers_delete() -> None:
    why = refusal(_shown("same words", author="Acme Analytics"), "post", PMAP.post, PMAP.post.look, "Avery Quill", "en")
    assert why is not None and "someone else's post (by Acme Analytics)" in why[0]
    assert refusal(_shown("same words", author="Avery Quill\nAvery Quill"), "post", PMAP.post, PMAP.post.look,
                   "Avery Quill", "en") is None


def test_a_comment_is_its_authors_by_its_you_badge() -> None:
    mine = _shown("words", author=None, own="• You")
    assert refusal(mine, "comment", PMAP.comment, PMAP.comment.look, None, "en") is None


def test_whose_it_is_unknown_is_a_refusal_that_asks_for_a_map_update() -> None:
    assert refusal(_shown("words", author=None), "post", PMAP.post, PMAP.post.look, "Avery Quill", "en") == \
        ("the page does not show who wrote it: nothing clicked", True)
    assert refusal(_shown("words", triggers=0), "post", PMAP.post, PMAP.post.look, "Avery Quill", "en")[1]


def test_a_repost_is_told_by_its_header_or_its_menu() -> None:
    assert is_repost(_shown("w", whole="Avery Quill reposted this\nw"), [], PMAP.post, "en")
    assert is_repost(_shown("w"), ["Save", "Delete repost"], PMAP.post, "en")
    assert menu_refusal(_shown("w"), ["Save", "Delete repost"], PMAP.post, "en") is not None


def test_a_menu_must_offer_delete_exactly_once() -> None:
    assert "no delete" in menu_refusal(_shown("w"), ["Save", "Report post"], PMAP.post, "en")
    assert "twice" in menu_refusal(_shown("w"), ["Delete post", " Delete post "], PMAP.post, "en")
    assert menu_refusal(_shown("w"), ["Save", "  Delete post  "], PMAP.post, "en") is None


# --- choosing -----------------------------------------------------------------------------


def _select(**criteria):
    return select(build("complete", today=TODAY).data, Criteria(**criteria), base_url=BASE, answers_page=ANSWERS,
                  today=TODAY)


def test_kinds_choose_what_the_review_flags_each_item_once_with_every_reason() -> None:
    chosen = _select(kinds=("old", "watch-word"), watch=WATCH)
    falcon = [i for i in chosen.items if i.kind == "post" and "watch-word" in i.reasons and "old" in i.reasons]
    assert len(falcon) == 1 and falcon[0].link == f"{BASE}/feed/update/urn:li:share:7100000000000000003/"
    assert len({i.key for i in chosen.items}) == len(chosen.items)


def test_before_alone_chooses_what_is_dated_before_that_year() -> None:
    chosen = _select(before=2020)
    assert chosen.items and all(i.date and i.date < "2020" for i in chosen.items)
    assert {i.reasons for i in chosen.items} == {("before-2020",)}


def test_only_and_limit_narrow_and_the_ledger_leaves_out_what_is_gone(tmp_path: Path) -> None:
    everything = _select(kinds=("old",))
    first = everything.items[0]
    ledger = tmp_path / "ledger.jsonl"
    records.append(ledger, [records.Entry(first.key or "", first.kind, records.DELETED, "2026-11-01T00:00:00+00:00")])
    left = select(build("complete", today=TODAY).data, Criteria(kinds=("old",), only=("posts",), limit=1),
                  base_url=BASE, answers_page=ANSWERS, ledger=records.load(ledger), today=TODAY)
    assert [i.kind for i in left.items] == ["post"] and left.items[0].key != first.key
    assert left.already_gone == 1 and left.over_limit >= 0


def test_resumes_and_saved_answers_are_chosen_by_their_own_kinds() -> None:
    chosen = _select(kinds=("resume", "screening-answer"))
    assert {i.words for i in chosen.items if i.kind == "resume"} == {
        "Rowan_Vale_Resume_2025.pdf", "Rowan_Vale_Resume_2022.docx", "rowan-vale-cv-2023.pdf"}
    answers = [i for i in chosen.items if i.kind == "answers"]
    assert len(answers) == 1 and answers[0].count >= 3 and answers[0].link == ANSWERS


def test_without_a_criterion_nothing_is_chosen_but_each_kinds_count_is_told() -> None:
    with pytest.raises(NoSelection):
        _select(only=("posts",), limit=3)
    table = would_choose(build("complete", today=TODAY).data, Criteria(watch=WATCH), base_url=BASE,
                         answers_page=ANSWERS, today=TODAY)
    assert table["old"]["post"] == 2 and table["resume"] == {"resume": 3} and "watch-word" in table


@pytest.mark.parametrize("criteria, words", [
    (dict(kinds=("ancient",)), "not a kind of flag"), (dict(kinds=("watch-word",)), "needs your watch words"),
    (dict(only=("likes",)), "--only"), (dict(before=19), "is a year"), (dict(limit=0), "at least 1")])
def test_a_selection_that_makes_no_sense_is_one_line(criteria: dict, words: str) -> None:
    with pytest.raises(SelectionError, match=words):
        Criteria(**criteria)


def test_links_from_the_export_are_never_followed_as_they_are() -> None:
    assert page_of("post", "https://evil.example/feed/update/urn%3Ali%3Ashare%3A1", BASE) == \
        f"{BASE}/feed/update/urn:li:share:1/"  # rebuilt from the URN, on LinkedIn
    assert page_of("article", "https://evil.example/pulse/x", BASE) is None
    assert page_of("article", f"{BASE}/jobs/view/1", BASE) is None
    assert page_of("article", f"{BASE}/pulse/why-it-matters-rowan", BASE) == f"{BASE}/pulse/why-it-matters-rowan"


# --- the map ------------------------------------------------------------------------------


def test_the_prune_map_is_checked_strictly(tmp_path: Path) -> None:
    raw = tomllib.loads((Path(__file__).parent.parent / "selectors" / "prune.toml").read_text(encoding="utf-8"))
    PruneMap.model_validate(raw)
    raw["post"]["look"]["surprise"] = ["x"]
    (tmp_path / "prune.toml").write_text("schema_version = 1\nsource = 'x'\n[post]\nowner = 'nobody'\n",
                                         encoding="utf-8")
    with pytest.raises(MapError, match=r"prune.toml: .*post"):
        load_prune_map(tmp_path)
    with pytest.raises(Exception, match="surprise"):
        PruneMap.model_validate(raw)


def test_the_catalogue_leaves_the_prune_map_alone() -> None:
    from automation.catalogue.loader import load_catalogue

    assert all("prune" not in s.map_file for s in load_catalogue().settings)


# --- the report and the ledger --------------------------------------------------------------


def _report(*statuses: ItemStatus, **extra) -> PruneReport:
    items = [PrunedItem(link=None, kind="post", reason=["old"], status=s) for s in statuses]
    return PruneReport(mode="delete", items=items, started_at=now(), finished_at=now(), **extra)


def test_exit_codes_follow_the_one_precedence_table() -> None:
    assert _report(ItemStatus.DELETED, ItemStatus.GONE).exit_code == ExitCode.OK
    assert _report(ItemStatus.DELETED, ItemStatus.STILL_UP).exit_code == ExitCode.NOT_OFF
    assert _report(ItemStatus.UNKNOWN).exit_code == ExitCode.NOT_OFF  # could not tell is never done
    halted = Halt(status=Status.REFUSED, message="LinkedIn refused (HTTP 999)")
    assert _report(ItemStatus.DELETED, ItemStatus.SKIPPED, halted=halted).exit_code == ExitCode.SESSION
    assert _report(ItemStatus.SKIPPED, interrupted="SIGINT").exit_code == ExitCode.INTERRUPTED
    changed = _report(ItemStatus.SKIPPED)
    changed.items[0].changed = True
    assert changed.exit_code == ExitCode.PAGE_CHANGED
    assert "words" not in changed.model_dump_json()


def test_the_ledger_gets_deleted_gone_and_restored_lines_and_never_words() -> None:
    item = PrunedItem(link=f"{BASE}/feed/update/urn:li:share:1/", kind="post", reason=["old"],
                      status=ItemStatus.DELETED, key="post:urn:li:share:1")
    line = _ledger_line(item, records.Ledger(), "2026-12-01T10:00:00+00:00")
    assert line is not None and line.status == records.DELETED and line.deleted_at and line.verified_at
    before = records.Ledger({item.key: line})
    item.status = ItemStatus.STILL_UP
    back = _ledger_line(item, before, "2026-12-08T10:00:00+00:00")
    assert back is not None and back.status == records.RESTORED and item.restored
    assert _ledger_line(PrunedItem(link=None, kind="answers", reason=[], status=ItemStatus.UNKNOWN), before, "t") is None


def test_text_from_a_page_or_a_file_cannot_drive_the_terminal() -> None:
    assert clean("cv\x1b[31m.pdf\x07") == "cv\\x1b[31m.pdf\\x07"


def test_the_typed_count_must_be_the_selections() -> None:
    from dataclasses import replace

    from automation.config import Config
    from automation.errors import UserError
    from automation.flows.env import Env
    from automation.flows.prune import confirmed

    said: list[str] = []
    env = Env(config=Config(), printer=lambda line: said.append(str(line.text)), type_in=lambda question: " 2 ")
    chosen = _select(kinds=("old",), only=("posts",))
    assert confirmed(env, chosen, None) == 2
    assert "About to delete 2 item(s): 2 posts" in said[0]
    assert confirmed(replace(env, type_in=lambda question: "yes"), chosen, None) is None
    with pytest.raises(UserError, match="--yes 3, but the selection holds 2"):
        confirmed(env, chosen, 3)
    with pytest.raises(UserError, match="type the count, or pass --yes 2"):
        confirmed(replace(env, type_in=None), chosen, None)


def test_the_count_confirmed_is_what_the_tool_will_delete_not_the_saved_answers() -> None:
    """Saved answers are chosen (a guided run opens their page) but never deleted by the tool, so
    the count the person types, and the library's ``confirm``, leave them out."""
    from automation.config import Config
    from automation.errors import UserError
    from automation.flows.env import Env
    from automation.flows.prune import confirmed

    chosen = _select(kinds=("resume", "screening-answer"))
    assert chosen.counts() == {"resume": 3, "answers": 1} and len(chosen.deletable) == 3
    said: list[str] = []
    env = Env(config=Config(), printer=lambda line: said.append(str(line.text)))
    assert confirmed(env, chosen, 3) == 3
    assert "About to delete 3 item(s): 3 resumes." in said[0] and "saved screening answer(s) are not deleted" in said[0]
    with pytest.raises(UserError, match="--yes 4, but the selection holds 3 item"):
        confirmed(env, chosen, 4)
