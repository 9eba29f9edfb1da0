"""``teach --adopt URL``: the checks before adopting a setting LinkedIn added, and what goes upstream.

A run reports a switch on a page no map covers as ``unlisted`` and never touches it. A
person who wants it off adopts it: ``teach`` watches them turn it off on that page, exactly as it
learns a renamed switch, and the local override then carries the page and what it controls
(``overrides.py``), so every later run handles it like a bundled setting. Here: which URL and id
may be adopted (checked before any browser opens), the provisional setting taught, and the
suggestion for the maintainers: a new ``selectors/<page>.toml`` and the ``catalogue.toml`` order.
"""

from __future__ import annotations

import difflib
import json
import re
import tomllib
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from automation.catalogue.models import CATALOGUE_FILE, Catalogue, CatalogueFile, PageMap, Setting
from automation.catalogue.overrides import ADOPTED, adopted
from automation.errors import UserError

ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")  # the maps' SettingId
_ID_RULE = "lowercase letters and digits in words joined by single dashes, starting with a letter"


def adopt_path(catalogue: Catalogue, url: str) -> str:
    """The page path of ``url``, when it is a settings page on LinkedIn that no map covers yet."""
    base = catalogue.site.base_url
    example = f"{base}/mypreferences/d/settings/..."
    try:
        parts = urlsplit(url.strip())
        foreign = parts.scheme != "https" or parts.netloc.lower() != urlsplit(base).netloc  # no user, no port
    except ValueError:  # an unparsable address (a broken [IPv6] host)
        foreign = True
    if foreign:
        raise UserError(f"--adopt takes a settings page on {base}, not {url!r}",
                        hint=f"copy the page's address from the browser, e.g. {example}")
    path = parts.path.rstrip("/")
    if not path or re.search(r"\s", path):
        raise UserError(f"--adopt: {url!r} names no settings page", hint=f"e.g. {example}")
    facts = catalogue.site.discovery
    if facts is not None:
        elsewhere = {p.rstrip("/") for p in facts.quiet_paths + facts.category_paths}
        if (not any(path.startswith(p) for p in facts.link_prefixes) or path in elsewhere
                or any(path.startswith(p) for p in facts.skip_prefixes)):
            raise UserError(f"--adopt: {path} is not a settings page with a switch",
                            hint=f"adopt the page a run reports under 'unlisted', e.g. {example}")
    covering = [s for s in catalogue.settings if path in {p.rstrip("/") for p in (s.path, *s.aliases)}]
    if covering and all(adopted(s) for s in covering):
        ids = ", ".join(s.id for s in covering)
        raise UserError(f"--adopt: you adopted {path} already (as {ids})",
                        hint=f"`linkedin-optout teach {covering[0].id}` teaches it again, "
                             f"`linkedin-optout teach --forget {covering[0].id}` removes it")
    if covering:
        ids = ", ".join(s.id for s in covering)
        raise UserError(f"--adopt: the maps already cover {path} (settings: {ids})",
                        hint=f"`linkedin-optout teach {covering[0].id}` teaches a switch there the maps no longer find")
    return path


def page_slug(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.rsplit("/", 1)[-1].lower()).strip("-")


def adopt_id(catalogue: Catalogue, path: str, new_id: str | None) -> str:
    """``new_id``, or one made from the page's last path segment; new, and a valid setting id."""
    if new_id is None:
        new_id = page_slug(path)
        if not ID_PATTERN.match(new_id):
            raise UserError(f"--adopt: no setting id can be made from {path!r}",
                            hint=f"give one with --id ({_ID_RULE})")
    elif not ID_PATTERN.match(new_id):
        raise UserError(f"--id {new_id!r} is not a setting id", hint=_ID_RULE)
    if new_id in catalogue.ids or new_id in catalogue.groups or new_id == ADOPTED:
        what = "a setting" if new_id in catalogue.ids else "a group"
        raise UserError(f"--adopt: {new_id!r} is already {what}", hint="choose another id with --id NEW-ID")
    return new_id


def provisional(catalogue: Catalogue, path: str, new_id: str) -> Setting:
    """The setting being adopted, before anything is learned: no locator at all."""
    url = catalogue.site.base_url + path
    return Setting(id=new_id, group=ADOPTED, controls=f"the switch you choose on {url}", path=path, aliases=(),
                   labelledby=None, element_id=None, labels={}, titles={}, source=url, map_file="")


def adopting_lines(setting: Setting) -> list[str]:
    """The notice while adopting (a setting with nothing learned yet)."""
    return [f"linkedin-optout: adopting a setting LinkedIn added, as '{setting.id}'",
            f"Page: {setting.path} (no map covers it; runs report its switches as unlisted)",
            "Click the switch you want off (turn it OFF); linkedin-optout watches and clicks nothing itself."]


# --- the suggestion for the maintainers -----------------------------------------------------------------


def new_map(catalogue: Catalogue, setting: Setting, kind: str, value: str, label: str, title: str,
            lang: str) -> list[tuple[str, str]]:
    """A new page map and the catalogue order with the adopted setting, as (file name, text), the
    unified diff last. Both are checked against the bundled maps' strict models. A switch known only
    by its label gets no map (a bundled map needs a key or an element id): only a note."""
    if kind == "label":
        note = (f"# {setting.id}: the switch on {setting.path} has no key or element id, only the label "
                f"{label!r}; a bundled map needs one: a maintainer decides from the saved page.\n")
        return [(f"{setting.id}.diff", note)]
    name = f"{page_slug(setting.path) or setting.id}.toml"
    if (catalogue.folder / name).exists():
        name = f"{setting.id}.toml"
    lines = ["# Suggested by `linkedin-optout teach --adopt`: a setting LinkedIn added.",
             f"# Before merging: choose its group from {CATALOGUE_FILE} [groups] and check the texts.",
             "schema_version = 1", f"path = {json.dumps(setting.path)}",
             f"source = {json.dumps(f'linkedin-optout teach --adopt on {date.today().isoformat()}, one account')}", ""]
    if title:
        lines += ["[title]", f"{lang} = {json.dumps(title, ensure_ascii=False)}", ""]
    lines += ["[[settings]]", f"id = {json.dumps(setting.id)}", f"group = {json.dumps(ADOPTED)}",
              f"controls = {json.dumps(setting.controls, ensure_ascii=False)}", f"{kind} = {json.dumps(value)}"]
    if label:
        lines += ["", "[settings.label]", f"{lang} = {json.dumps(label, ensure_ascii=False)}"]
    page = "\n".join(lines) + "\n"
    PageMap.model_validate(tomllib.loads(page))
    old = (catalogue.folder / CATALOGUE_FILE).read_text(encoding="utf-8")
    order = re.compile(r"(?ms)^(order\s*=\s*\[.*?)(\n?)^\]")
    new = order.sub(lambda m: f'{m.group(1)}{m.group(2)}    "{setting.id}",\n]', old, count=1)
    if new == old:  # an order written another way: the maintainer adds the id by hand
        new = old.rstrip("\n") + f"\n# add {json.dumps(setting.id)} to order above\n"
    CatalogueFile.model_validate(tomllib.loads(new))
    diff = "".join([
        *difflib.unified_diff([], page.splitlines(True), "/dev/null", f"b/selectors/{name}"),
        *difflib.unified_diff(old.splitlines(True), new.splitlines(True), f"a/selectors/{CATALOGUE_FILE}",
                              f"b/selectors/{CATALOGUE_FILE}"),
    ])
    return [(name, page), (CATALOGUE_FILE, new), (f"{Path(name).stem}.diff", diff)]
