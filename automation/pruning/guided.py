"""``prune --guided``: the person deletes each item in a real window; the tool shows where, watches,
and proves it gone by reload. It clicks nothing on the page itself.

For each item that is up and may be deleted (the same checks as ``--delete``: the export's words,
the person's own, not a repost), a band marked linkedin-optout is drawn at the top or bottom edge,
whichever is farther from the item's "…" button, so it never covers the menu; the button is
outlined. The band lets every click through. Keys pressed in the window: ``s`` skips the item,
``q`` stops the run (both ignored while typing in a field). When the item leaves the page (the
person confirmed LinkedIn's dialog) the page is reloaded and judged like any deletion. Saved
screening answers, whose page nobody here has seen, are shown on their settings page; the next
data export is the only check, and the report says so.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from playwright.async_api import Error as PlaywrightError

from automation.engine.evidence import member_name
from automation.pruning.judge import Judgement, refusal
from automation.pruning.map import Flow, labels
from automation.pruning.options import PruneTask
from automation.pruning.report import ItemStatus, PrunedItem
from automation.pruning.scan import BAND_ID, MARK
from automation.pruning.selection import Item
from automation.pruning.steps import Halted

if TYPE_CHECKING:
    from automation.pruning.steps import Steps

POLL = 0.25  # seconds between looks at the page while the person works

# The band, the outline round the item's "…" button, and the keys; text only, no HTML from anywhere.
_BAND = """
([lines, mark, n, trigger, id]) => {
  let band = document.getElementById(id);
  if (!band) {
    band = document.createElement("div");
    band.id = id;
    band.setAttribute("role", "status");
    band.style.cssText = "position:fixed;left:0;right:0;z-index:2147483647;pointer-events:none;" +
      "background:#1d2226;color:#fff;font:14px/1.4 system-ui,sans-serif;padding:10px 16px;" +
      "border:0 solid #f5c518;box-shadow:0 0 8px rgba(0,0,0,.3)";
    document.body.appendChild(band);
  }
  band.replaceChildren(...lines.map((text, i) => {
    const line = document.createElement("div");
    line.textContent = text;
    if (i === 0) line.style.fontWeight = "700";
    return line;
  }));
  const item = n === null ? null : document.querySelector("[" + mark + '="' + n + '"]');
  let button = null;
  for (const sel of item ? trigger : []) {
    const found = item.querySelectorAll(sel);
    if (found.length === 1) { button = found[0]; break; }
  }
  if (button) button.style.outline = "3px solid #f5c518";
  const place = () => {
    const box = button ? button.getBoundingClientRect() : null;
    const low = box && box.top > window.innerHeight / 2;  // the menu is in the lower half: band at the top
    band.style.top = low ? "0" : ""; band.style.bottom = low ? "" : "0";
    band.style.borderTopWidth = low ? "0" : "4px"; band.style.borderBottomWidth = low ? "4px" : "0";
  };
  place();
  if (!window.__linkedinOptoutGuide) {
    window.__linkedinOptoutGuide = {key: null};
    document.addEventListener("keydown", (e) => {
      const t = e.target;
      if (t && t.closest && t.closest("input, textarea, [contenteditable=''], [contenteditable=true]")) return;
      if (["s", "q", "Enter"].includes(e.key)) window.__linkedinOptoutGuide.key = e.key;
    }, true);
    window.addEventListener("scroll", place, {passive: true});
  }
}
"""

# What the person did since the last look: a key, and whether the item is still on the page.
_STATE = """
([mark, n]) => {
  const guide = window.__linkedinOptoutGuide;
  if (!guide) return {installed: false, key: null, present: false};
  const key = guide.key;
  guide.key = null;
  const item = n === null ? null : document.querySelector("[" + mark + '="' + n + '"]');
  const dialog = document.querySelector("[role=dialog], .artdeco-modal");
  return {installed: true, key, present: !!(item && item.isConnected) || !!dialog};
}
"""


async def _band(steps: Steps, lines: list[str], n: int | None, flow: Flow | None) -> None:
    trigger = flow.acting.trigger if flow else []
    await steps.tab.page.evaluate(_BAND, [lines, MARK, n, trigger, BAND_ID])


async def _wait(steps: Steps, task: PruneTask, n: int | None, ends_when_gone: bool) -> str:
    """Until the person acts: "gone" (the item left the page), "s", "q", "Enter", "timeout", or
    "stopped": the run was stopped meanwhile (a signal; a refusal answered to the page's own
    requests), which is not the person's "q". What the page shows is looked at first, so an item
    the person deleted just before a signal is still verified."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + task.guided_wait
    while loop.time() < deadline:
        try:
            state = await steps.tab.page.evaluate(_STATE, [MARK, n])
        except PlaywrightError:  # the page is between documents: the person moved on
            state = {"installed": False, "key": None, "present": False}
        if state["key"]:
            return str(state["key"])
        if ends_when_gone and (not state["installed"] or not state["present"]):
            return "gone"
        if steps.tab.refusal is not None or not steps.brakes.may_open():
            return "stopped"
        await asyncio.sleep(POLL)
    return "timeout"


def _refused(steps: Steps, result: PrunedItem) -> None:
    """LinkedIn answered the page's own requests with a refusal or a wall while the person worked
    (their deletion, say): the run stops, and nothing more is loaded, not even to verify."""
    if steps.tab.refusal is not None:
        said = steps.brakes.halt(steps.tab.refusal)
        result.status = ItemStatus.UNKNOWN
        result.why = f"LinkedIn answered: {said}; nothing more was loaded, not even to verify: run prune again later"
        raise Halted(said)


def _stopped(result: PrunedItem) -> PrunedItem:
    result.status, result.why = ItemStatus.SKIPPED, "the run was stopped while this item waited for you"
    return result


def _stop(steps: Steps, result: PrunedItem) -> PrunedItem:
    steps.brakes.stop_softly("you stopped it (q)")
    result.status, result.why = ItemStatus.SKIPPED, "you stopped the run (q) at this item"
    return result


async def guided(steps: Steps, task: PruneTask, item: Item, flow: Flow, seen: Judgement,
                 result: PrunedItem) -> PrunedItem:
    """Show the person an item that is up; verify once it leaves the page."""
    shown = seen.item
    assert shown is not None
    if flow.delete is not None:  # an article: deleted from its manage page, found there by title
        name = shown.name
        at = steps.site.base_url + (flow.delete.path or "")
        seen = await steps.look(item, flow.delete, at, name=name) if name else seen
        if seen.item is None or not name:
            result.status, result.why = ItemStatus.SKIPPED, f"not found on its manage page: {seen.why}"
            return result
        shown = seen.item
    member = await member_name(steps.tab.page, steps.site)
    if refused := refusal(shown, item.kind, flow, flow.acting, member, steps.tab.lang):
        result.status, result.why, result.changed = ItemStatus.SKIPPED, refused[0].replace("nothing clicked",
                                                                                          "not shown to you"), refused[1]
        return result
    delete = (labels(flow.menu.delete_labels, steps.tab.lang) or ["Delete"])[0]
    await _band(steps, [f"linkedin-optout: delete this {item.kind} yourself ({item.label})",
                        f"Click its outlined '…' button, then '{delete}', then confirm. linkedin-optout clicks "
                        "nothing; once it is gone it reloads the page to check.",
                        "Press s to skip it, q to stop."], shown.n, flow)
    steps.tab.watch_refusals()
    what = await _wait(steps, task, shown.n, ends_when_gone=True)
    _refused(steps, result)
    if what == "stopped":
        return _stopped(result)
    if what == "q":
        return _stop(steps, result)
    if what != "gone":
        why = "you skipped it (s)" if what == "s" else f"no deletion seen within {task.guided_wait:g} s"
        result.status, result.why = ItemStatus.SKIPPED, why
        return result
    return await steps.verify(item, flow, item.link or "", result)


async def answers(steps: Steps, task: PruneTask, item: Item, result: PrunedItem) -> PrunedItem:
    """Saved screening answers: their page, opened for the person; only the next export can tell."""
    await steps.look(item, steps.pmap.resume.look, item.link or "")  # what it shows of answers is not known

    await _band(steps, [f"linkedin-optout: your {item.count} saved screening answer(s)",
                        "No public source shows how LinkedIn lists them: find them on this page and delete them "
                        "yourself. Press Enter when done, s to skip, q to stop."], None, None)
    steps.tab.watch_refusals()
    what = await _wait(steps, task, None, ends_when_gone=False)
    _refused(steps, result)
    if what == "stopped":
        return _stopped(result)
    if what == "q":
        return _stop(steps, result)
    if what == "Enter":
        result.status = ItemStatus.UNKNOWN
        result.why = "you deleted them by hand; only your next data export can show they are gone (run review on it)"
    else:
        result.status = ItemStatus.SKIPPED
        result.why = "you skipped them (s)" if what == "s" else f"nothing done within {task.guided_wait:g} s"
    return result
