"""Bends of the real site that could make prune delete the wrong item or call a present one gone,
each modelled by a fault of the demo's activity pages (automation/demo/activity.py): a longer
post that begins with a short post's words, another comment of yours that begins with the
selected one's, an address that redirects to another post, a page that leaves for the feed after
a deletion, and a list whose data request fails but is drawn empty."""

from __future__ import annotations

import pytest

from automation.demo.site import DemoSite
from automation.exit_codes import ExitCode
from automation.pruning.report import ItemStatus
from tests.helpers.prune import OLDEST, POST_1, demo_selection, run

pytestmark = pytest.mark.browser

FALCON = "urn:li:activity:7600000000000000000"  # "Congrats on Project Falcon, well deserved!" (--kind old)
ELSEWHERE = "urn:li:activity:7199999999999999999"


def test_a_longer_post_that_begins_with_a_short_posts_words_is_not_deleted(aio, context, site: DemoSite) -> None:
    site.activity.faults.another[OLDEST] = "My first post here. And a second one, years later, about the hike."
    selection = demo_selection(kinds=("old",), only=("posts",), limit=1)
    assert selection.items[0].link == f"https://www.linkedin.com/feed/update/{OLDEST}/"
    report = run(aio, context, selection, delete=True)
    assert site.activity.deletes_tried == 0, site.activity.deleted
    assert report.items[0].status is ItemStatus.SKIPPED and report.exit_code == ExitCode.NOT_OFF


def test_another_comment_of_yours_that_begins_with_the_same_words_is_not_deleted(aio, context,
                                                                                  site: DemoSite) -> None:
    site.activity.faults.alike[FALCON] = "Congrats on Project Falcon, well deserved! See you at the party."
    selected = next(c for c in site.activity.comments_on(FALCON) if c.text.startswith("Congrats"))
    assert site.activity.delete("comment", selected.id)  # deleted by hand since the export
    selection = demo_selection(kinds=("old",), only=("comments",))
    assert [i.link for i in selection.items] == [f"https://www.linkedin.com/feed/update/{FALCON}/"]
    report = run(aio, context, selection, delete=True)
    assert site.activity.deleted == [selected.id], site.activity.deleted  # the other comment stays
    assert report.items[0].status is not ItemStatus.DELETED, report.items[0]


def test_an_address_that_redirects_to_another_post_is_never_deleted_there(aio, context, site: DemoSite) -> None:
    selection = demo_selection(kinds=("email",), only=("posts",))
    site.activity.faults.redirect[POST_1] = ELSEWHERE
    site.activity.faults.another[ELSEWHERE] = selection.items[0].words  # the same words, another post
    report = run(aio, context, selection, delete=True)
    assert site.activity.deletes_tried == 0, site.activity.deleted
    item = report.items[0]
    assert item.status is ItemStatus.SKIPPED and "elsewhere" in item.why, item


def test_a_page_that_leaves_for_the_feed_after_a_deletion_is_verified_at_the_items_address(
        aio, context, site: DemoSite) -> None:
    site.activity.faults.leave_after_delete = True
    report = run(aio, context, demo_selection(kinds=("email",), only=("posts",)), delete=True)
    assert site.activity.is_deleted(POST_1)
    item = report.items[0]
    assert item.status is ItemStatus.DELETED and "404" in item.why, item.why


def test_a_list_whose_data_failed_is_not_read_as_gone(aio, context, site: DemoSite) -> None:
    site.activity.faults.data_fails.add("resumes")
    report = run(aio, context, demo_selection(kinds=("resume",)))
    assert [i.status for i in report.items] == [ItemStatus.UNKNOWN] * 3, [(i.label, i.why) for i in report.items]
    assert all("did not load" in i.why for i in report.items)


# Another comment's menu is open and does not close on Escape; this comment's menu is slow to draw.
_STUCK_MENU = """
<main><section class="comments-comments-list">
 <article class="comments-comment-entity" data-linkedin-optout-item="0">
  <div class="comment-options-trigger"><button class="artdeco-dropdown__trigger" aria-expanded="false"
   onclick="this.setAttribute('aria-expanded', 'true');
            setTimeout(() => { document.getElementById('mine').hidden = false; }, 1500)">…</button>
   <div id="mine" hidden><div class="comment-options-dropdown__option-text" role="button"
    onclick="window.deleted = 'mine'">Delete</div></div></div>
 </article>
 <article class="comments-comment-entity">
  <div class="comment-options-trigger"><button class="artdeco-dropdown__trigger" aria-expanded="true">…</button>
   <div><div class="comment-options-dropdown__option-text" role="button"
    onclick="window.deleted = 'theirs'">Delete</div></div></div>
 </article>
</section></main>
"""


def test_a_menu_left_open_is_never_taken_for_the_items_own(aio, context) -> None:
    from automation.engine.settle import NetworkWatch
    from automation.pruning.act import delete_one
    from automation.pruning.map import load_prune_map
    from automation.pruning.scan import Shown
    from tests.helpers.timing import FAST

    flow = load_prune_map().comment

    async def go() -> tuple[object, object]:
        page = await context.new_page()
        await page.set_content(_STUCK_MENU)
        shown = Shown(0, "words", None, "Avery Quill", "• You", "words", 1, True)
        acted = await delete_one(page, shown, flow, flow.look, "en", FAST, NetworkWatch(page))
        return acted, await page.evaluate("() => window.deleted || null")

    acted, deleted = aio.run(go())
    assert deleted is None, "the other comment's Delete was clicked"
    assert acted.refused and not acted.clicked, acted  # type: ignore[attr-defined]


def test_a_list_loaded_only_once_scrolled_to_is_not_read_as_gone(aio, context, site: DemoSite) -> None:
    site.activity.faults.lazy.add("resumes")
    report = run(aio, context, demo_selection(kinds=("resume",)))
    assert [i.status for i in report.items] == [ItemStatus.STILL_UP] * 3, [(i.label, i.why) for i in report.items]
    deleted = run(aio, context, demo_selection(kinds=("resume",), limit=1), delete=True)
    assert deleted.items[0].status is ItemStatus.DELETED, deleted.items[0].why


def test_words_of_the_not_found_page_in_a_comment_do_not_make_the_page_not_found(aio, context,
                                                                                   site: DemoSite) -> None:
    site.activity.faults.alike[FALCON] = "Funny, the link says: This page doesn't exist. Page not found!"
    report = run(aio, context, demo_selection(kinds=("old",), only=("comments",)))
    item = report.items[0]
    assert item.status is ItemStatus.STILL_UP, item.why


def test_a_deletion_refused_with_999_stops_the_run_with_no_further_load(aio, context, site: DemoSite) -> None:
    site.activity.faults.refuse_delete = True
    report = run(aio, context, demo_selection(kinds=("old",), only=("posts",)), delete=True)
    refused = [n for n, h in enumerate(site.hits) if h.status == 999]
    assert refused and site.hits[refused[0]].method == "DELETE"
    assert site.hits[refused[0] + 1:] == [], site.hits[refused[0] + 1:]  # not even a verifying reload
    assert report.exit_code == ExitCode.SESSION and report.halted and "999" in report.halted.message
    assert [i.status for i in report.items] == [ItemStatus.UNKNOWN, ItemStatus.SKIPPED], report.items


def test_a_list_that_scrolls_by_itself_and_is_at_its_end_is_believed(aio, context, site: DemoSite) -> None:
    """The scroll before absence counts: a scrollable list already at its end has nothing more to show."""
    from automation.catalogue.loader import load_catalogue
    from automation.pruning.judge import Seen, Target
    from automation.pruning.map import load_prune_map
    from automation.pruning.tab import Tab
    from tests.helpers.timing import FAST, FAST_RETRY

    surface = load_prune_map().resume.look
    rows = "".join(f'<div class="jobs-resume-card"><div class="jobs-resume-card__file-name">cv-{n}.pdf</div></div>'
                   for n in range(30))

    async def go():
        tab = await Tab.new(context, load_catalogue().site, FAST, FAST_RETRY, lean=True)
        try:
            await tab.page.set_content(f'<main><section class="jobs-resumes-list" style="height:200px;overflow:auto">'
                                       f"{rows}</section></main>")
            tab.watch.loaded()
            return await tab.read(surface, Target("resume", name="Rowan_Vale_Resume_2025.pdf"), expected="blank",
                                  tombstones=[])
        finally:
            await tab.close()

    seen = aio.run(go())
    assert seen.seen is Seen.GONE, seen
