"""``teach``: the person shows the switch once, and every later run knows it.

When LinkedIn renames a switch's key and label, the maps find nothing. Here the person clicks the
switch in a visible browser; the tool only watches (it clicks nothing): which switch-like element
changed state (read through ``.checked`` / ``aria-checked``, not the click target), and which save
request followed. It then derives a locator in the maps' own vocabulary (aria-labelledby key, element
id, exact label), proves it after a reload, and writes a local override (``overrides.py``) plus what
a maintainer needs to fix the bundled map: the sanitized page as a fixture and the TOML change.
"""

from __future__ import annotations

import asyncio
import difflib
import json
import re
import tomllib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import JSHandle, Page, Request

from . import __version__
from .errors import UserError
from .evidence import snapshot
from .fixtures import metadata_line
from .guards import Verdict
from .locate import SWITCHLIKE, by_role_name, locate, read_state
from .maps import Catalogue, Learned, PageMap, Setting
from .overrides import Override, overrides_path, put
from .private import private_dir, write_private
from .report import ExitCode
from .visit import Retry, Timeouts, open_settings_page

DEFAULT_TIMEOUT = 300  # seconds the person has to click
SETTLE = 1.0  # after a change, how long to wait for a second one ("two switches at once")
SAVE_WAIT = 5.0  # after a change, how long to wait for its save request
OVERLAY_ID = "linkedin-optout-teach"


class TeachTimeout(UserError):
    """The person changed nothing the tool could learn before the time ran out."""

    exit_code = 8


class NothingLearned(UserError):
    """What the person did cannot be learned safely (two switches, no save, no unique locator)."""

    exit_code = 9


class SessionStopped(UserError):
    """Not signed in, or a security check: the same exit code as a run stopped by the session."""

    exit_code = ExitCode.SESSION


class Unreachable(UserError):
    """LinkedIn could not be reached while teaching."""

    exit_code = ExitCode.UNREACHABLE


@dataclass(frozen=True)
class Seen:
    """One switch the person changed, as shown to them for confirmation."""

    name: str  # accessible name, in the page's language
    before: bool
    after: bool
    title: str
    save: str  # "PUT /path" of the save request that followed ("" when none)


@dataclass
class Taught:
    setting: str
    status: str  # "learned" | "already"
    detail: str = ""
    override: Override | None = None
    files: list[Path] = field(default_factory=list)  # contribution: fixture, map file, diff
    diff: str = ""


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
  const read = (el) => {
    if (el instanceof HTMLInputElement && el.type === "checkbox") return el.checked;
    const aria = el.getAttribute("aria-checked");
    return aria === "true" ? true : aria === "false" ? false : null;
  };
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
""".replace("%(overlay)s", OVERLAY_ID)

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

_DESCRIBE = """
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
                tick: Tick | None = None) -> tuple[JSHandle, Seen]:
    """Wait until the person turns one switch off and confirms it is this setting."""
    saves = _Saves(page)
    try:
        return await _watch(page, setting, saves, timeout=timeout, confirm=confirm, say=say, tick=tick)
    finally:
        saves.stop(page)


async def _watch(page: Page, setting: Setting, saves: _Saves, *, timeout: float, confirm: Confirm, say: Say,
                 tick: Tick | None) -> tuple[JSHandle, Seen]:
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
        info = await handle.evaluate(_DESCRIBE)
        seen = Seen(name=info["name"], before=before, after=after, title=info["title"], save=requests[-1])
        mark = loop.time()
        if await asyncio.to_thread(confirm, seen):
            return handle, seen
        say("declined; watching again (the switch you changed stays as you left it)")
    what = " (a switch was turned on; turn it back off and run teach again)" if turned_on else ""
    raise TeachTimeout(f"nothing learned: no switch was turned off within {int(timeout)} s{what}")


# --- deriving and proving ------------------------------------------------------------------------


def _css(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


async def _is_only(page: Page, locator, handle: JSHandle) -> bool:
    try:
        return await locator.count() == 1 and await locator.evaluate("(el, target) => el === target", handle)
    except PlaywrightError:
        return False


async def derive(page: Page, handle: JSHandle) -> tuple[str, str] | None:
    """(kind, value) of the most stable locator that resolves exactly this one element, or None."""
    info = await handle.evaluate(_DESCRIBE)
    tried = [("labelledby", key, page.locator(f"{SWITCHLIKE}[aria-labelledby~={_css(key)}]"))
             for key in info["labelledby"]]
    if info["id"]:
        tried.append(("element_id", info["id"], page.locator(f"{SWITCHLIKE}[id={_css(info['id'])}]")))
    if info["name"]:
        tried.append(("label", info["name"], by_role_name(page, info["name"])))
    for kind, value, locator in tried:
        if await _is_only(page, locator, handle):
            return kind, value
    return None


def _claimed(catalogue: Catalogue, setting: Setting, kind: str, value: str) -> str | None:
    """Another setting whose bundled map already names this key or id (keys are site-wide)."""
    if kind == "label":
        return None
    for other in catalogue.settings:
        if other.id != setting.id and value in (other.labelledby, other.element_id):
            return other.id
    return None


# --- the contribution ----------------------------------------------------------------------------


def map_change(setting: Setting, kind: str, value: str, label: str, lang: str) -> tuple[str, str]:
    """The bundled map file with the taught locator (and the label seen) in place, and its diff.

    A key or id replaces the stale anchor; a label is added in the page's language either way.
    The result is checked against the same strict model as the bundled maps.
    """
    path = Path(setting.map_file)
    old = path.read_text(encoding="utf-8")
    blocks = re.split(r"(?m)^(?=\[\[settings\]\])", old)
    index = next(i for i, b in enumerate(blocks) if re.search(rf'(?m)^id\s*=\s*"{re.escape(setting.id)}"\s*$', b))
    head, sep, labels = blocks[index].partition("[settings.label]")
    if kind in ("labelledby", "element_id"):
        head = re.sub(r'(?m)^(labelledby|element_id)\s*=.*\n', "", head)
        head = re.sub(r'(?m)^(controls\s*=.*\n)', lambda m: m.group(1) + f"{kind} = {json.dumps(value)}\n", head,
                      count=1)
    if label:
        line = f"{lang} = {json.dumps(label, ensure_ascii=False)}"
        if sep:
            labels, n = re.subn(rf'(?m)^{lang}\s*=.*$', lambda _m: line, labels, count=1)
            if not n:
                labels = "\n" + line + labels
        else:
            head, sep, labels = head.rstrip("\n") + "\n\n", "[settings.label]", "\n" + line + "\n"
    blocks[index] = head + sep + labels
    new = "".join(blocks)
    PageMap.model_validate(tomllib.loads(new))
    name = path.name
    diff = "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True), f"a/selectors/{name}",
                                        f"b/selectors/{name}"))
    return new, diff


async def contribution(page: Page, catalogue: Catalogue, setting: Setting, on_page: list[Setting], lang: str,
                       kind: str, value: str, label: str, folder: Path) -> tuple[list[Path], str]:
    """The sanitized page in the fixtures format (as ``capture`` writes it: what the bundled maps
    read on it) and the bundled map's TOML change, saved in a private folder."""
    private_dir(folder)
    expect: dict[str, str] = {}
    for s in on_page:
        found = await locate(page, replace(s, learned=None), lang, len(on_page))
        if found.control is None:
            expect[s.id] = "ambiguous" if found.count > 1 else "not_found"
        else:
            state = await read_state(found.control)
            expect[s.id] = "not_found" if state is None else ("on" if state else "off")
    stem = Path(setting.map_file).stem
    name = f"{stem}.taught-{setting.id}.html"
    meta = {"file": name, "url": catalogue.url(setting), "kind": "settings", "lang": lang,
            "note": f"captured with linkedin-optout teach on {date.today().isoformat()}: "
                    f"{setting.id} found by {kind} {value!r}", "expect": expect}
    fixture = write_private(folder / name, metadata_line(meta) + await snapshot(page, catalogue.site))
    new, diff = map_change(setting, kind, value, label, lang)
    toml = write_private(folder / Path(setting.map_file).name, new)
    patch = write_private(folder / f"{Path(setting.map_file).stem}.diff", diff)
    return [fixture, toml, patch], diff


# --- one setting ---------------------------------------------------------------------------------


async def teach_one(page: Page, catalogue: Catalogue, setting: Setting, *, timeout: float, force: bool,
                    confirm: Confirm, say: Say, tick: Tick | None = None, on_open: Person | None = None,
                    timeouts: Timeouts | None = None, retry: Retry | None = None,
                    overrides_file: Path | None = None) -> Taught:
    timeouts, retry = timeouts or Timeouts(), retry or Retry()
    on_page = [s for s in catalogue.settings if s.path == setting.path]
    check = await open_settings_page(page, catalogue.url(setting), on_page, catalogue.site, timeouts, retry)
    if check.verdict in (Verdict.SIGNED_OUT, Verdict.CHALLENGE):
        what = "not signed in" if check.verdict is Verdict.SIGNED_OUT else "a security check"
        raise SessionStopped(f"{what}: {check.reason}; nothing learned",
                             hint="run `linkedin-optout login` and finish it, then teach again")
    if check.verdict is Verdict.REFUSED:
        raise SessionStopped(f"{check.reason}; nothing learned",
                             hint="wait some hours, open LinkedIn in your normal browser, then teach again")
    if check.verdict is Verdict.UNREACHABLE:
        raise Unreachable(f"{check.reason}; nothing learned", hint="check the network connection, then teach again")
    if check.verdict is not Verdict.OK:
        raise NothingLearned(f"{setting.id}: the settings page did not open: {check.reason}")
    lang = check.lang
    found = await locate(page, setting, lang, len(on_page))
    if found.control is not None and not force:
        return Taught(setting.id, "already", f"the maps already find exactly one switch (by {found.strategy}); "
                                              "nothing to teach (--force teaches anyway)")
    for line in instructions(setting):
        say(line)
    person = asyncio.ensure_future(on_open(page)) if on_open else None
    try:
        handle, seen = await watch(page, setting, timeout=timeout, confirm=confirm, say=say, tick=tick)
    finally:
        if person is not None:
            if person.done() and not person.cancelled() and person.exception():
                raise person.exception()  # type: ignore[misc]
            person.cancel()
    derived = await derive(page, handle)
    if derived is None:
        raise NothingLearned(f"no locator (key, id or exact label) picks out only that switch on the page; "
                             f"learned nothing for {setting.id}")
    kind, value = derived
    if other := _claimed(catalogue, setting, kind, value):
        raise NothingLearned(f"that switch ({kind} {value!r}) is the setting {other!r} in the maps; "
                             f"learned nothing for {setting.id}")
    # Prove it: after a reload, the learned locator alone resolves one control that reads off.
    learned = Learned(kind=kind, value=value, lang=lang, file=str(overrides_file or overrides_path()))  # type: ignore[arg-type]
    probe = replace(setting, labelledby=None, element_id=None, labels={}, titles={}, learned=learned)
    check = await open_settings_page(page, catalogue.url(setting), [probe], catalogue.site, timeouts, retry,
                                     reload=True)
    proof = await locate(page, probe, check.lang, 2) if check.verdict is Verdict.OK else None
    state = await read_state(proof.control) if proof and proof.control else None
    if state is not False:
        why = check.reason if check.verdict is not Verdict.OK else (
            f"it resolved {proof.count if proof else 0} control(s)" if state is None else "it reads on")
        raise NothingLearned(f"after a reload the learned {kind} does not prove out ({why}); learned nothing")
    override = Override(id=setting.id, kind=kind, value=value, lang=lang,  # type: ignore[arg-type]
                        learned_on=date.today(), tool_version=__version__, page_title=seen.title,
                        save_request=seen.save)
    target = put(override, overrides_file)
    folder = (overrides_file or overrides_path()).parent / "contributions" / f"{setting.id}-{date.today().isoformat()}"
    files, diff = await contribution(page, catalogue, setting, on_page, lang, kind, value, seen.name, folder)
    return Taught(setting.id, "learned", f"learned by {kind} {value!r}; override written to {target}",
                  override=override, files=files, diff=diff)


def left_by_last_run(catalogue: Catalogue) -> list[str]:
    """The settings the last recorded run left not_found or ambiguous, in catalogue order."""
    from .history import read

    runs = [r.report for r in read()[0] if r.kind == "run" and r.report is not None]
    if not runs:
        raise UserError("no run in the history yet: name the setting to teach",
                        hint="`linkedin-optout settings` lists the ids")
    broken = {r.setting for r in runs[-1].results if r.status.value in ("not_found", "ambiguous")}
    if not broken:
        raise UserError("the last run left no setting not_found or ambiguous: nothing to teach",
                        hint="name a setting to teach it anyway, with --force")
    return [s.id for s in catalogue.settings if s.id in broken]


async def teach_flow(profile, setting_ids: list[str], *, timeout: float = DEFAULT_TIMEOUT, force: bool = False,
                     confirm: Confirm, say: Say, tick: Tick | None = None, on_open: Person | None = None,
                     headless: bool = False, executable=None, timeouts: Timeouts | None = None,
                     retry: Retry | None = None) -> list[Taught]:
    """Open the profile's browser (visible unless ``headless``, which only tests use) and teach
    each setting in turn. ``on_open(page)`` runs once the watching starts; tests play the person."""
    from .live import profile_context
    from .maps import load_catalogue

    catalogue = load_catalogue()
    settings = catalogue.resolve(list(setting_ids) or left_by_last_run(catalogue))
    taught: list[Taught] = []
    async with profile_context(profile, headless=headless, executable=executable) as context:
        page = context.pages[0] if context.pages else await context.new_page()
        for setting in settings:
            taught.append(await teach_one(page, catalogue, setting, timeout=timeout, force=force, confirm=confirm,
                                          say=say, tick=tick, on_open=on_open, timeouts=timeouts, retry=retry))
    return taught
