"""Delete one item through the page's own "…" menu and confirmation dialog: the only clicks
``prune`` makes, each on exactly one element.

The steps: make sure no menu is open (one that will not close refuses the item: its delete item
would be another item's); open the item's menu (its one "…" button, found inside the item by the scan's mark);
read the menu's items; refuse (and close the menu) when it is a repost's, offers no delete, or
offers it twice (judge.menu_refusal); click the one delete item; wait for exactly one dialog with
exactly one confirm button of a known label; click it once; wait for the dialog to close and the
page's requests to end (bounded). Whether the item is gone is not decided here: the caller
reloads and judges.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Locator, Page

from automation.engine.options import Timeouts
from automation.engine.settle import NetworkWatch
from automation.pruning.judge import menu_refusal
from automation.pruning.map import Flow, Surface, labels
from automation.pruning.match import label_is
from automation.pruning.scan import MARK, Shown

T = TypeVar("T")
MENU_MARK, CONFIRM_MARK = "data-linkedin-optout-menu", "data-linkedin-optout-confirm"

# The menu items shown now (the first selector with any visible), marked so that one can be clicked.
_MENU = """
([sels, mark]) => {
  for (const old of document.querySelectorAll("[" + mark + "]")) old.removeAttribute(mark);
  const shown = (n) => { const b = n.getBoundingClientRect(); return b.width > 0 && b.height > 0; };
  for (const sel of sels) {
    let found = [];
    try { found = Array.from(document.querySelectorAll(sel)).filter(shown); } catch (e) { continue; }
    if (found.length) return found.map((n, i) => { n.setAttribute(mark, String(i)); return (n.innerText || "").trim(); });
  }
  return [];
}
"""

# Dialogs shown now, and in each its confirm buttons with their labels; confirm buttons marked.
_DIALOG = """
([dialogs, confirms, mark]) => {
  for (const old of document.querySelectorAll("[" + mark + "]")) old.removeAttribute(mark);
  const shown = (n) => { const b = n.getBoundingClientRect(); return b.width > 0 && b.height > 0; };
  const all = (root, sels) => {
    for (const sel of sels) {
      let found = [];
      try { found = Array.from(root.querySelectorAll(sel)).filter(shown); } catch (e) { continue; }
      if (found.length) return found;
    }
    return [];
  };
  let n = 0;
  return all(document, dialogs).map((d) => all(d, confirms).map((b) => {
    b.setAttribute(mark, String(n++));
    return (b.innerText || "").trim();
  }));
}
"""


@dataclass(frozen=True)
class Acted:
    """What the clicks did. ``clicked``: the menu's delete item was clicked (the item may be gone,
    dialog or not); ``confirmed``: the dialog's button too; ``refused``: why nothing was clicked
    beyond opening its menu; ``failed``: what went wrong before anything was confirmed.
    ``changed``: the page does not look as the map says."""

    clicked: bool = False
    confirmed: bool = False
    refused: str | None = None
    failed: str | None = None
    changed: bool = False


async def _poll(seconds: float, probe: Callable[[], Awaitable[T]], done: Callable[[T], bool]) -> T:
    """Call ``probe`` until ``done(result)`` or ``seconds`` pass; the last result."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while True:
        result = await probe()
        if done(result) or loop.time() >= deadline:
            return result
        await asyncio.sleep(0.1)


async def _trigger(page: Page, shown: Shown, surface: Surface) -> Locator | None:
    item = page.locator(f'[{MARK}="{shown.n}"]')
    for selector in surface.trigger:
        trigger = item.locator(selector)
        if await trigger.count() == 1:
            return trigger
    return None


async def delete_one(page: Page, shown: Shown, flow: Flow, surface: Surface, lang: str, timeouts: Timeouts,
                     watch: NetworkWatch) -> Acted:
    """The menu, the delete item, the dialog, its confirm button: each clicked once, or nothing."""
    if await page.evaluate(_MENU, [flow.menu.items, MENU_MARK]):  # another menu is open: close it first
        await page.keyboard.press("Escape")
        # A menu that stays open would be read as this item's once its "…" is clicked, and its
        # delete item is another item's: click nothing while one is shown.
        if await _poll(timeouts.action, lambda: page.evaluate(_MENU, [flow.menu.items, MENU_MARK]), lambda m: not m):
            return Acted(refused="another menu is open and does not close: nothing clicked")
    trigger = await _trigger(page, shown, surface)
    clicked = False  # the menu's delete item: once clicked, the item may be gone
    if trigger is None:
        return Acted(refused="its '…' menu could not be found again: nothing clicked", changed=True)
    try:
        await trigger.click(timeout=timeouts.action * 1000)
        menu = await _poll(timeouts.action, lambda: page.evaluate(_MENU, [flow.menu.items, MENU_MARK]), bool)
        assert isinstance(menu, list)
        if await trigger.get_attribute("aria-expanded") == "false":
            menu = []  # the menu that shows is not this item's
        if not menu:
            return Acted(refused="its '…' menu did not open: nothing clicked", changed=True)
        if why := menu_refusal(shown, menu, flow, lang):
            await page.keyboard.press("Escape")
            return Acted(refused=why)
        wanted = labels(flow.menu.delete_labels, lang) + labels(flow.menu.repost_labels, lang)
        at = next(i for i, label in enumerate(menu) if label_is(label, wanted))
        item = page.locator(f'[{MENU_MARK}="{at}"]')
        if await item.count() != 1:
            await page.keyboard.press("Escape")
            return Acted(refused="the menu changed before its delete item could be clicked: nothing clicked")
        await item.click(timeout=timeouts.action * 1000)
        clicked = True
        dialogs = await _poll(timeouts.action, lambda: page.evaluate(
            _DIALOG, [flow.menu.dialog, flow.menu.confirm, CONFIRM_MARK]), bool)
        assert isinstance(dialogs, list)
        confirms = [(d, i) for d, buttons in enumerate(dialogs) for i, label in enumerate(buttons)
                    if label_is(label, labels(flow.menu.confirm_labels, lang))]
        if len(dialogs) != 1 or len(confirms) != 1:
            await page.keyboard.press("Escape")
            what = "no confirmation dialog appeared" if not dialogs else \
                "the dialog shows no single confirm button of a known label" if len(dialogs) == 1 else \
                f"{len(dialogs)} dialogs appeared"
            return Acted(clicked=True, failed=f"{what}: nothing confirmed", changed=not dialogs or len(dialogs) == 1)
        mark = sum(len(b) for b in dialogs[:confirms[0][0]]) + confirms[0][1]
        button = page.locator(f'[{CONFIRM_MARK}="{mark}"]')
        if await button.count() != 1:
            await page.keyboard.press("Escape")
            return Acted(clicked=True, failed="the dialog changed before its button could be clicked: nothing confirmed")
        await button.click(timeout=timeouts.action * 1000)
    except PlaywrightError as exc:
        return Acted(clicked=clicked, failed=f"could not click: {str(exc).splitlines()[0]}: nothing confirmed")
    await _settle_after(page, flow, watch, timeouts)
    return Acted(clicked=True, confirmed=True)


async def _settle_after(page: Page, flow: Flow, watch: NetworkWatch, timeouts: Timeouts) -> None:
    """After the confirm: until the dialog has closed and the page's requests ended (bounded)."""

    async def probe() -> bool:
        try:
            open_ = await page.evaluate(_DIALOG, [flow.menu.dialog, flow.menu.confirm, CONFIRM_MARK])
        except PlaywrightError:
            return True  # the page moved on
        return not open_ and not watch.busy

    await _poll(timeouts.save, probe, bool)
