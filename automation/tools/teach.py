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
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import JSHandle, Page

from automation.catalogue.models import Catalogue, Learned, PageMap, Setting
from automation.catalogue.overrides import ADOPTED, Override, adopted, overrides_path, put
from automation.catalogue.saved_pages import metadata_line
from automation.engine.evidence import snapshot
from automation.engine.guards import PageCheck, Verdict
from automation.engine.locate import by_role_name, locate
from automation.engine.navigate import open_settings_page
from automation.engine.options import Waits
from automation.engine.switches import SWITCHLIKE, css_string
from automation.errors import NothingLearned, SessionStopped, Unreachable, UserError
from automation.private import private_dir, write_private
from automation.session.profile import Profile
from automation.session.runner import Launch
from automation.tools.teach_adopt import adopt_id, adopt_path, new_map, page_slug, provisional
from automation.tools.teach_proof import page_states, prove_off
from automation.tools.teach_watch import DESCRIBE, Confirm, Person, Say, Seen, Tick, instructions, watch
from automation.version import __version__

DEFAULT_TIMEOUT = 300  # seconds the person has to click


@dataclass
class Taught:
    setting: str
    status: str  # "learned" | "already"
    detail: str = ""
    override: Override | None = None
    files: list[Path] = field(default_factory=list)  # contribution: fixture, map file, diff
    diff: str = ""



# --- deriving and proving ------------------------------------------------------------------------


async def _is_only(page: Page, locator, handle: JSHandle) -> bool:
    try:
        return await locator.count() == 1 and await locator.evaluate("(el, target) => el === target", handle)
    except PlaywrightError:
        return False


async def derive(page: Page, handle: JSHandle) -> tuple[str, str] | None:
    """(kind, value) of the most stable locator that resolves exactly this one element, or None."""
    info = await handle.evaluate(DESCRIBE)
    tried = [("labelledby", key, page.locator(f"{SWITCHLIKE}[aria-labelledby~={css_string(key)}]"))
             for key in info["labelledby"]]
    if info["id"]:
        tried.append(("element_id", info["id"], page.locator(f"{SWITCHLIKE}[id={css_string(info['id'])}]")))
    if info["name"]:
        tried.append(("label", info["name"], by_role_name(page, info["name"])))
    for kind, value, locator in tried:
        if await _is_only(page, locator, handle):
            return kind, value
    return None


def _claimed(catalogue: Catalogue, setting: Setting, kind: str, value: str) -> str | None:
    """Another setting whose map (or local override) already names this key or id (keys are site-wide)."""
    if kind == "label":
        return None
    for other in catalogue.settings:
        taught = other.learned.value if other.learned and other.learned.kind != "label" else None
        if other.id != setting.id and value in (other.labelledby, other.element_id, taught):
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
                       kind: str, value: str, seen: Seen, folder: Path,
                       waits: Waits | None = None) -> tuple[list[Path], str]:
    """The sanitized page in the fixtures format (as ``capture`` writes it: what the bundled maps
    read on it) and the bundled maps' TOML change, saved in a private folder. For an adopted
    setting: a new page map and the catalogue's order instead of a change to a map file."""
    private_dir(folder)
    bundled = [replace(s, learned=None) for s in on_page if not adopted(s)]  # what the bundled maps read
    expect = await page_states(page, catalogue, bundled, lang, waits or Waits())
    stem = page_slug(setting.path) if adopted(setting) else Path(setting.map_file).stem
    name = f"{stem}.taught-{setting.id}.html"
    meta = {"file": name, "url": catalogue.url(setting), "kind": "settings", "lang": lang,
            "note": f"captured with linkedin-optout teach on {date.today().isoformat()}: "
                    f"{setting.id} found by {kind} {value!r}", "expect": expect}
    if adopted(setting) and seen.name:
        meta["unlisted"] = {seen.name: "off"}
    fixture = write_private(folder / name, metadata_line(meta) + await snapshot(page, catalogue.site))
    if adopted(setting):
        title = seen.title.split(" | ")[0].strip()
        written = new_map(catalogue, setting, kind, value, seen.name, title, lang)
        return [fixture, *(write_private(folder / n, text) for n, text in written)], written[-1][1]
    new, diff = map_change(setting, kind, value, seen.name, lang)
    toml = write_private(folder / Path(setting.map_file).name, new)
    patch = write_private(folder / f"{Path(setting.map_file).stem}.diff", diff)
    return [fixture, toml, patch], diff


# --- one setting ---------------------------------------------------------------------------------


def _stop_for(check: PageCheck) -> None:
    """A wall, a refusal or an unreachable site stops the lesson with its own exit code (5 or 6),
    when the page first opens and at the reload that proves what was learned alike."""
    if check.verdict in (Verdict.SIGNED_OUT, Verdict.CHALLENGE):
        what = "not signed in" if check.verdict is Verdict.SIGNED_OUT else "a security check"
        raise SessionStopped(f"{what}: {check.reason}; nothing learned",
                             hint="run `linkedin-optout login` and finish it, then teach again")
    if check.verdict is Verdict.REFUSED:
        raise SessionStopped(f"{check.reason}; nothing learned",
                             hint="wait some hours, open LinkedIn in your normal browser, then teach again")
    if check.verdict is Verdict.UNREACHABLE:
        raise Unreachable(f"{check.reason}; nothing learned", hint="check the network connection, then teach again")


async def teach_one(page: Page, catalogue: Catalogue, setting: Setting, *, timeout: float, force: bool,
                    confirm: Confirm, say: Say, tick: Tick | None = None, on_open: Person | None = None,
                    waits: Waits | None = None, overrides_file: Path | None = None) -> Taught:
    waits = waits or Waits()
    on_page = [s for s in catalogue.settings if s.path == setting.path] or [setting]  # adopting: its own page
    check = await open_settings_page(page, catalogue.url(setting), on_page, catalogue.site, waits.timeouts,
                                     waits.retry)
    _stop_for(check)
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
        handle, seen = await watch(page, setting, timeout=timeout, confirm=confirm, say=say, tick=tick,
                                   site=catalogue.site, timeouts=waits.timeouts)
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
    check = await prove_off(page, catalogue, probe, value if kind == "key" else (setting.key or None), waits, kind)
    _stop_for(check)  # the network gone, or a wall, at the proof: that, not "nothing could be learned"
    if check.verdict is not Verdict.OK:
        raise NothingLearned(f"after a reload the learned {kind} does not prove out ({check.reason}); learned nothing")
    new = {}
    if adopted(setting):  # its page and what it controls (kept when an adopted setting is taught again)
        controls = setting.controls if setting.learned else (
            seen.name or seen.title.split(" | ")[0].strip() or f"the switch on {setting.path}")
        new = {"path": setting.path, "controls": controls, "group": None if setting.group == ADOPTED else setting.group}
        setting = replace(setting, controls=controls)
    override = Override(id=setting.id, kind=kind, value=value, lang=lang,
                        learned_on=date.today(), tool_version=__version__, page_title=seen.title,
                        save_request=seen.save, **new)
    target = put(override, overrides_file)
    folder = (overrides_file or overrides_path()).parent / "contributions" / f"{setting.id}-{date.today().isoformat()}"
    files, diff = await contribution(page, catalogue, setting, on_page, lang, kind, value, seen, folder, waits)
    what = "adopted" if adopted(setting) and not setting.learned else "learned"
    return Taught(setting.id, "learned", f"{what} by {kind} {value!r}; override written to {target}",
                  override=override, files=files, diff=diff)


def left_by_last_run(catalogue: Catalogue) -> list[str]:
    """The settings the last recorded run left not_found or ambiguous, in catalogue order."""
    from automation.results.history import read

    runs = [r.report for r in read()[0] if r.kind == "run" and r.report is not None]
    if not runs:
        raise UserError("no run in the history yet: name the setting to teach",
                        hint="`linkedin-optout settings` lists the ids")
    broken = {r.setting for r in runs[-1].results if r.status.value in ("not_found", "ambiguous")}
    if not broken:
        raise UserError("the last run left no setting not_found or ambiguous: nothing to teach",
                        hint="name a setting to teach it anyway, with --force")
    return [s.id for s in catalogue.settings if s.id in broken]


@dataclass(frozen=True)
class Lesson:
    """What to teach: ``settings`` by id (none: what the last run left not_found or ambiguous), or
    with ``adopt`` the URL of a settings page no map covers, whose switch becomes ``new_id``.
    ``force`` teaches even what the maps find; the person has ``timeout`` seconds to click."""

    settings: tuple[str, ...] = ()
    adopt: str | None = None
    new_id: str | None = None
    force: bool = False
    timeout: float = DEFAULT_TIMEOUT


@dataclass(frozen=True)
class Talk:
    """How the tool talks with the person: ``say`` a line, ``confirm`` what was seen, ``tick`` the
    seconds left; ``on_open(page)`` runs once the watching starts (tests play the person there)."""

    confirm: Confirm
    say: Say
    tick: Tick | None = None
    on_open: Person | None = None


async def teach_flow(profile: Profile, lesson: Lesson, talk: Talk, *, launch: Launch | None = None,
                     waits: Waits | None = None) -> list[Taught]:
    """Open the profile's browser (visible unless ``launch.headless``, which only tests ask for)
    and teach each setting in turn."""
    from automation.catalogue.loader import load_catalogue
    from automation.session.runner import profile_context

    launch, waits = launch or Launch(headless=False), waits or Waits()
    catalogue = load_catalogue()
    if lesson.adopt is not None:  # checked before any browser opens
        path = adopt_path(catalogue, lesson.adopt)
        settings = [provisional(catalogue, path, adopt_id(catalogue, path, lesson.new_id))]
    else:
        settings = catalogue.resolve(list(lesson.settings) or left_by_last_run(catalogue))
    taught: list[Taught] = []
    async with profile_context(profile, headless=launch.headless, executable=launch.executable,
                               site=launch.site) as context:
        page = context.pages[0] if context.pages else await context.new_page()
        for setting in settings:
            taught.append(await teach_one(page, catalogue, setting, timeout=lesson.timeout, force=lesson.force,
                                          confirm=talk.confirm, say=talk.say, tick=talk.tick, on_open=talk.on_open,
                                          waits=waits))
    return taught
