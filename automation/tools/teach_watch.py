"""``teach``'s eyes: the notice on the page, and watching which switch the person changes.

The tool clicks nothing here: an in-page observer records every switch-like element whose state
(switches.py's ``SWITCH_STATE``, as every step reads it) changes, and the non-GET requests that
follow. The "off" the person made is believed as any "off" is (engine/read.py: a settled look at
the minimum age, the switch in view, that the page's own data does not contradict) before the
terminal asks the person to confirm what was seen. A switch turned on is never learned.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import JSHandle, Page, Request

from automation.catalogue.models import Setting, SiteMap
from automation.catalogue.overrides import adopted
from automation.engine.locate import Found, SwitchRead, read_state
from automation.engine.options import Timeouts
from automation.engine.read import Belief, Reader, Switch
from automation.engine.settle import NetworkWatch
from automation.engine.switches import SWITCH_STATE, SWITCHLIKE
from automation.errors import NothingLearned, TeachTimeout
from automation.tools.teach_adopt import adopting_lines

SETTLE = 1.0  # after a change, how long to wait for a second one ("two switches at once")
SAVE_WAIT = 5.0  # after a change, how long to wait for its save request
OVERLAY_ID = "linkedin-optout-teach"


@dataclass(frozen=True)
class Seen:
    """One switch the person changed, as shown to them for confirmation."""

    name: str  # accessible name, in the page's language
    before: bool
    after: bool
    title: str
    save: str  # "PUT /path" of the save request that followed ("" when none)



Say = Callable[[str], None]
Confirm = Callable[[Seen], bool]
Tick = Callable[[float], None]
Person = Callable[[Page], Awaitable[None]]

# --- in the page -------------------------------------------------------------------------------

# Watches every switch-like element: a MutationObserver and change/click listeners trigger a scan,
# and a short interval polls too (``.checked`` is a property: no mutation announces it).
_WATCH = """
(selector) => {
  if (window.__linkedinOptoutTeach) return;
  const els = [], last = [], changes = [];
  const stateOf = SWITCH_STATE;  // switches.py: the one definition of a switch's state
  const read = (el) => ({on: true, off: false})[stateOf(el)] ?? null;
  const scan = () => {
    for (const el of document.querySelectorAll(selector)) {
      if (el.closest("#%(overlay)s")) continue;
      const now = read(el);
      const i = els.indexOf(el);
      if (i < 0) { els.push(el); last.push(now); continue; }
      if (now !== null && last[i] !== null && now !== last[i]) changes.push({i, before: last[i], after: now});
      last[i] = now;
    }
  };
  window.__linkedinOptoutTeach = {els, changes, scan};
  scan();
  new MutationObserver(scan).observe(document.documentElement, {subtree: true, childList: true, attributes: true});
  for (const type of ["change", "click", "input"]) document.addEventListener(type, () => setTimeout(scan, 0), true);
  setInterval(scan, 150);
}
""".replace("%(overlay)s", OVERLAY_ID).replace("SWITCH_STATE", SWITCH_STATE)

# A band fixed at the bottom edge, above everything, that lets clicks through; the page gets
# room below its content so the band covers none of it. Text only (no HTML from anywhere).
_OVERLAY = """
(lines) => {
  let band = document.getElementById("%(overlay)s");
  if (!band) {
    band = document.createElement("div");
    band.id = "%(overlay)s";
    band.setAttribute("role", "status");
    band.setAttribute("aria-live", "polite");
    band.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:2147483647;pointer-events:none;" +
      "background:#1d2226;color:#fff;font:14px/1.4 system-ui,sans-serif;padding:10px 16px;" +
      "border-top:4px solid #f5c518;box-shadow:0 -2px 8px rgba(0,0,0,.3)";
    document.body.appendChild(band);
  }
  band.replaceChildren();
  lines.forEach((text, n) => {
    const p = document.createElement("div");
    p.textContent = text;
    if (n === 0) p.style.fontWeight = "700";
    band.appendChild(p);
  });
  document.body.style.paddingBottom = (band.offsetHeight + 16) + "px";
}
""".replace("%(overlay)s", OVERLAY_ID)

DESCRIBE = """
(el) => {
  const text = (node) => (node ? node.textContent : "").replace(/\\s+/g, " ").trim();
  const ids = (el.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean);
  let name = ids.map((id) => text(document.getElementById(id))).filter(Boolean).join(" ");
  if (!name) name = (el.getAttribute("aria-label") || "").trim();
  if (!name && el.labels && el.labels.length) name = text(el.labels[0]);
  if (!name && el.getAttribute("role") !== "checkbox" && !(el instanceof HTMLInputElement)) name = text(el);
  return {labelledby: ids, id: el.id || "", name, title: document.title};
}
"""


def instructions(setting: Setting) -> list[str]:
    if adopted(setting) and setting.learned is None:
        return adopting_lines(setting)
    return [f"linkedin-optout: teaching the setting '{setting.id}'",
            f"What it controls: {setting.controls}",
            "Click the switch for this setting (turn it OFF); linkedin-optout watches and clicks nothing itself."]


# --- watching ----------------------------------------------------------------------------------


class _Saves:
    """Non-GET fetch/XHR requests the page sends while the person works (method and path only)."""

    def __init__(self, page: Page) -> None:
        self.seen: list[tuple[float, str]] = []
        self._loop = asyncio.get_running_loop()
        page.on("request", self._on)

    def _on(self, request: Request) -> None:
        if request.method != "GET" and request.resource_type in ("fetch", "xhr"):
            self.seen.append((self._loop.time(), f"{request.method} {urlsplit(request.url).path}"))

    def since(self, t: float) -> list[str]:
        return [what for at, what in self.seen if at >= t]

    def stop(self, page: Page) -> None:
        page.remove_listener("request", self._on)


async def _install(page: Page, setting: Setting) -> None:
    await page.evaluate(_WATCH, SWITCHLIKE)
    await page.evaluate(_OVERLAY, instructions(setting))


async def _drain(page: Page, setting: Setting) -> list[dict]:
    """Changes seen since the last drain; re-installs the watcher after a navigation."""
    try:
        drained = await page.evaluate("() => window.__linkedinOptoutTeach ? window.__linkedinOptoutTeach"
                                      ".changes.splice(0) : null")
        if drained is None:
            await _install(page, setting)
            return []
        return drained
    except PlaywrightError:  # the page is between documents
        return []


async def watch(page: Page, setting: Setting, *, timeout: float, confirm: Confirm, say: Say,
                tick: Tick | None = None, site: SiteMap | None = None,
                timeouts: Timeouts | None = None) -> tuple[JSHandle, Seen]:
    """Wait until the person turns one switch off and confirms it is this setting. ``site``
    (default: the bundled site map) and ``timeouts``: how the "off" is believed (read.py)."""
    if site is None:
        from automation.catalogue.loader import load_catalogue

        site = load_catalogue().site
    saves = _Saves(page)
    network = NetworkWatch(page, site.network.long_lived, site.state)
    network.loaded()  # the page's age counts from now at the latest: it may only be older
    reader = Reader({page: network}, site, timeouts or Timeouts())
    try:
        return await _watch(page, setting, saves, reader, timeout=timeout, confirm=confirm, say=say, tick=tick)
    finally:
        saves.stop(page)
        network.detach()


MARK = "data-linkedin-optout-watched"  # on the changed switch while its "off" is believed, then removed


async def believed_off(page: Page, handle: JSHandle, reader: Reader) -> Belief:
    """The switch the person turned off, believed as any "off" is: a settled look at the minimum
    age, the switch in view, that the page's own data (for its key) does not contradict."""
    info = await handle.evaluate(DESCRIBE)
    key = next(iter(info["labelledby"]), None) or info["id"] or None
    await handle.evaluate("(el, mark) => el.setAttribute(mark, '')", MARK)
    marked = page.locator(f"[{MARK}]")

    async def find() -> SwitchRead:
        count = await marked.count()
        if count != 1:
            return SwitchRead(Found(None, None, count))
        return SwitchRead(Found(marked, "watched", 1), await read_state(marked))

    try:
        looked = await reader.read(page, (urlsplit(page.url).path,), [Switch("watched", key, find)])
    finally:
        with contextlib.suppress(PlaywrightError):
            await handle.evaluate("(el, mark) => el.removeAttribute(mark)", MARK)
    if looked.unsettled is not None:
        check = looked.unsettled.check
        return Belief(None, problem=looked.unsettled.problem or (check.reason if check else "the page changed"))
    return looked.readings["watched"].belief


async def _watch(page: Page, setting: Setting, saves: _Saves, reader: Reader, *, timeout: float, confirm: Confirm,
                 say: Say, tick: Tick | None) -> tuple[JSHandle, Seen]:
    loop = asyncio.get_running_loop()
    await _install(page, setting)
    deadline = loop.time() + timeout
    mark = loop.time()
    turned_on = False
    while (left := deadline - loop.time()) > 0:
        if tick:
            tick(left)
        changes = await _drain(page, setting)
        if not changes:
            await asyncio.sleep(0.25)
            continue
        changed_at = loop.time()
        await asyncio.sleep(SETTLE)
        changes += await _drain(page, setting)
        elements = {c["i"] for c in changes}
        if len(elements) > 1:
            raise NothingLearned(f"{len(elements)} switches changed at once; learned nothing",
                                 hint="run teach again and change only the one switch")
        before, after = changes[0]["before"], changes[-1]["after"]
        if before == after:  # flipped and back: nothing to learn yet
            mark = loop.time()  # its saves belong to no later change
            continue
        if after:
            turned_on, mark = True, loop.time()
            say("that turned it on; turn it back off (nothing is learned from turning a setting on)")
            continue
        while not (requests := saves.since(max(mark, changed_at - SAVE_WAIT))) and loop.time() < changed_at + SAVE_WAIT:
            await asyncio.sleep(0.2)
        if not requests:
            raise NothingLearned("that change sent no save request: it may not be a setting; learned nothing")
        handle = await page.evaluate_handle("(i) => window.__linkedinOptoutTeach.els[i]", changes[0]["i"])
        belief = await believed_off(page, handle, reader)
        if belief.state is not False:
            mark = loop.time()
            why = belief.problem or ("it reads on again" if belief.state else "its state cannot be read")
            say(f"that switch is not off once the page has settled ({why}); nothing learned, watching again")
            continue
        info = await handle.evaluate(DESCRIBE)
        seen = Seen(name=info["name"], before=before, after=after, title=info["title"], save=requests[-1])
        mark = loop.time()
        if await asyncio.to_thread(confirm, seen):
            return handle, seen
        say("declined; watching again (the switch you changed stays as you left it)")
    what = " (a switch was turned on; turn it back off and run teach again)" if turned_on else ""
    raise TeachTimeout(f"nothing learned: no switch was turned off within {int(timeout)} s{what}")


