"""Each fault of the demo's activity pages, and the guard that keeps prune right on it.

Every test runs the fault twice where it can: once as shipped (the guard holds: nothing wrong is
deleted, nothing present is called gone), and once with that one guard broken, to show the fault
really bites without it: the wrong item is deleted, or a present item is called gone. A test that
passed both ways would prove nothing.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from automation.demo.activity import COMPANY
from automation.demo.site import DemoSite
from automation.exit_codes import ExitCode
from automation.pruning import judge
from automation.pruning.report import ItemStatus
from tests.helpers.prune import POST_1, demo_selection, run
from tests.helpers.timing import FAST

pytestmark = pytest.mark.browser

NO_AGE = replace(FAST, min_age=0)  # the minimum page age broken: any settled look is believed
ANOTHER = "A different post of mine, about the weekend hike."


def _email_post():
    selection = demo_selection(kinds=("email",), only=("posts",))
    assert [i.link for i in selection.items] == [f"https://www.linkedin.com/feed/update/{POST_1}/"]
    return selection


# --- another post at a flagged link: the identity check -------------------------------------


def test_another_post_of_yours_at_the_link_is_skipped_never_deleted(aio, context, site: DemoSite) -> None:
    site.activity.faults.another[POST_1] = ANOTHER
    report = run(aio, context, _email_post(), delete=True)
    item = report.items[0]
    assert item.status is ItemStatus.SKIPPED and "another post" in item.why
    assert site.activity.deletes_tried == 0 and report.exit_code == ExitCode.NOT_OFF


def test_with_the_identity_check_broken_the_wrong_post_is_deleted(aio, context, site: DemoSite,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    site.activity.faults.another[POST_1] = ANOTHER
    monkeypatch.setattr(judge, "_matches", lambda shown, target, surface: True)  # "it shows the export's words": always
    run(aio, context, _email_post(), delete=True)
    assert site.activity.deleted == [f"{POST_1}-other"]  # the other post: exactly what the check prevents
    assert not site.activity.is_deleted(POST_1)


# --- someone else's post at a flagged link: whose it is ---------------------------------------


def test_someone_elses_post_is_skipped_even_when_its_menu_offers_delete(aio, context, site: DemoSite) -> None:
    site.activity.faults.foreign.add(POST_1)  # a page the member admins: "Delete post" is offered
    report = run(aio, context, _email_post(), delete=True)
    item = report.items[0]
    assert item.status is ItemStatus.SKIPPED and f"someone else's post (by {COMPANY})" in item.why
    assert site.activity.deletes_tried == 0


def test_with_the_author_check_broken_someone_elses_post_is_deleted(aio, context, site: DemoSite,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    site.activity.faults.foreign.add(POST_1)
    monkeypatch.setattr(judge, "_is_member", lambda author, member: True)
    run(aio, context, _email_post(), delete=True)
    assert site.activity.deleted == [POST_1]


# --- a repost -----------------------------------------------------------------------------


def test_a_repost_is_skipped(aio, context, site: DemoSite) -> None:
    site.activity.faults.repost.add(POST_1)
    report = run(aio, context, _email_post(), delete=True)
    assert report.items[0].status is ItemStatus.SKIPPED and "repost" in report.items[0].why
    assert site.activity.deletes_tried == 0


def test_with_the_repost_check_broken_the_repost_is_deleted(aio, context, site: DemoSite,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    site.activity.faults.repost.add(POST_1)
    monkeypatch.setattr(judge, "is_repost", lambda *args: False)
    run(aio, context, _email_post(), delete=True)
    assert site.activity.deleted == [POST_1]


# --- a menu with no delete ------------------------------------------------------------------


def test_a_menu_without_delete_is_closed_and_the_item_skipped(aio, context, site: DemoSite) -> None:
    site.activity.faults.no_delete.add(POST_1)
    report = run(aio, context, _email_post(), delete=True)
    item = report.items[0]
    assert item.status is ItemStatus.SKIPPED and "offers no delete" in item.why
    assert site.activity.deletes_tried == 0 and not [h for h in site.hits if h.method == "DELETE"]


def test_with_the_menu_check_broken_nothing_safe_can_follow(aio, context, site: DemoSite,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the rule there is no delete item to click: the run could only guess. The rule is
    what turns that into a clean skip with the reason."""
    site.activity.faults.no_delete.add(POST_1)
    monkeypatch.setattr(judge, "menu_refusal", lambda *args: None)
    from automation.pruning import act

    monkeypatch.setattr(act, "menu_refusal", lambda *args: None)
    with pytest.raises(RuntimeError, match="StopIteration"):  # the click has nothing to land on: a crash
        run(aio, context, _email_post(), delete=True)
    assert site.activity.deletes_tried == 0


# --- a delete that does not hold --------------------------------------------------------------


def test_a_delete_that_does_not_hold_is_failed_and_never_recorded_gone(aio, context, site: DemoSite,
                                                                       tmp_path) -> None:
    site.activity.faults.not_held.add(POST_1)
    ledger = tmp_path / "ledger.jsonl"
    report = run(aio, context, _email_post(), delete=True, ledger=ledger)
    item = report.items[0]
    assert site.activity.deleted == [POST_1]  # the page took the click and said "Post deleted."
    assert item.status is ItemStatus.FAILED and "still shows it" in item.why
    assert report.exit_code == ExitCode.NOT_OFF and not ledger.exists()


# --- an item drawn empty before its data: the minimum page age ---------------------------------


def test_a_list_drawn_empty_before_its_data_is_not_read_as_gone(aio, context, site: DemoSite) -> None:
    site.activity.faults.drawn_empty = True
    selection = demo_selection(kinds=("phone", "resume"))  # a comment and three resumes: items in lists
    report = run(aio, context, selection)
    assert {i.status for i in report.items} == {ItemStatus.STILL_UP}, [(i.label, i.why) for i in report.items]


def test_without_the_minimum_age_the_empty_drawing_is_read_as_gone(aio, context, site: DemoSite) -> None:
    site.activity.faults.drawn_empty = True
    report = run(aio, context, demo_selection(kinds=("phone", "resume")), timeouts=NO_AGE)
    assert ItemStatus.GONE in {i.status for i in report.items}  # a present item called gone: the worst answer


def test_a_delete_that_does_not_hold_behind_an_empty_drawing_is_still_failed(aio, context, site: DemoSite) -> None:
    site.activity.faults.drawn_empty = True
    site.activity.faults.not_held.add("Rowan_Vale_Resume_2025.pdf")
    selection = demo_selection(kinds=("resume",), limit=1)
    report = run(aio, context, selection, delete=True)
    assert report.items[0].status is ItemStatus.FAILED, report.items[0].why
    again = run(aio, context, selection, delete=True, timeouts=NO_AGE)
    # Without the guard the resume, still on the page, is reported gone (the empty drawing believed).
    assert again.items[0].status in (ItemStatus.GONE, ItemStatus.DELETED)
    assert not site.activity.is_deleted("Rowan_Vale_Resume_2025.pdf")


# --- "This post cannot be displayed" ---------------------------------------------------------


def test_this_post_cannot_be_displayed_is_could_not_tell(aio, context, site: DemoSite) -> None:
    site.activity.faults.tombstone.add(POST_1)
    report = run(aio, context, _email_post())
    assert report.items[0].status is ItemStatus.UNKNOWN and "cannot be displayed" in report.items[0].why
    deleting = run(aio, context, _email_post(), delete=True)
    assert deleting.items[0].status is ItemStatus.SKIPPED and site.activity.deletes_tried == 0
