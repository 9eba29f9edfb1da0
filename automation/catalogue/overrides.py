"""The person's local override map: switches taught with ``teach``, merged over the bundled maps.

One TOML file in the user's config folder (0600 in a 0700 folder), validated as strictly as the
files in ``selectors/``: a broken file stops every command with one line naming the file and the
field, and removing the file brings the bundled maps back. Each entry says how it was learned
(date, page language, kind of locator, tool version), so a report can say a local repair is in use
and a maintainer can judge it.

An entry with a ``path`` adopts a setting LinkedIn added that no bundled map covers (``teach
--adopt``): its id is new, and it becomes a setting of its own, in the group ``adopted``
unless it names a bundled group, listed after the bundled ones. Its only locator is the learned one.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import Field, ValidationError, model_validator

from automation.catalogue.models import (
    Catalogue,
    Lang,
    Learned,
    NonEmpty,
    Path_,
    Setting,
    SettingId,
    _Strict,
    _where,
)
from automation.errors import MapError
from automation.paths import APP
from automation.private import write_private

FILE = "overrides.toml"
ADOPTED = "adopted"  # the group of adopted settings that name none
ADOPTED_GROUP = "Settings you adopted with teach"


class Override(_Strict):
    id: SettingId
    kind: Literal["labelledby", "element_id", "label"] = Field(description="Which kind of locator was learned")
    value: NonEmpty = Field(description="The key, element id or exact label")
    lang: Lang = Field(description="The page's language when it was learned")
    learned_on: date
    tool_version: NonEmpty
    page_title: str = ""
    save_request: str = ""  # method and path of the save the change sent (no query, no body)
    # An adopted setting (``teach --adopt``): its page, what it controls, optionally its group.
    path: Path_ | None = Field(None, description="The page of a setting no bundled map covers")
    controls: str = ""
    group: SettingId | None = None

    @model_validator(mode="after")
    def _adopted_fields_go_together(self) -> Override:
        if self.path is None and (self.controls or self.group):
            raise ValueError("controls and group are only for an adopted setting (one with a path)")
        if self.path is not None and not self.controls.strip():
            raise ValueError("an adopted setting (one with a path) needs controls")
        if self.path is not None and self.path.rstrip("/") == "":
            raise ValueError("path: an adopted setting needs a settings page, not /")
        return self


class OverridesFile(_Strict):
    schema_version: Literal[1]
    overrides: list[Override] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_per_setting(self) -> OverridesFile:
        ids = [o.id for o in self.overrides]
        if len(set(ids)) != len(ids):
            raise ValueError("a setting is overridden twice")
        return self


def config_root() -> Path:
    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def overrides_path() -> Path:
    return config_root() / FILE


def read(path: Path | None = None) -> OverridesFile:
    """The overrides file (empty when there is none). A broken file is a ``MapError``."""
    target = path or overrides_path()
    try:
        text = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        return OverridesFile(schema_version=1)
    except (OSError, UnicodeDecodeError) as exc:
        raise MapError(f"{target}: cannot read: {exc}", hint=_REMOVE) from exc
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise MapError(f"{target}: invalid TOML: {exc}", hint=_REMOVE) from exc
    try:
        return OverridesFile.model_validate(raw)
    except ValidationError as exc:
        raise MapError(f"{target}: {_where(exc)}", hint=_REMOVE) from exc


_REMOVE = "fix it, or delete the file to use the bundled maps alone"


def _toml(value: object) -> str:
    # JSON strings are valid TOML basic strings (\\uXXXX escapes included).
    return json.dumps(value.isoformat() if isinstance(value, date) else value)


def write(data: OverridesFile, path: Path | None = None) -> Path:
    """Write the file 0600 in a 0700 folder, after validating what is written."""
    OverridesFile.model_validate(data.model_dump())
    lines = ["# linkedin-optout local overrides: switches taught with `linkedin-optout teach`.",
             "# Remove one with `linkedin-optout teach --forget SETTING`; delete the file to use the bundled maps.",
             "schema_version = 1", ""]
    for o in data.overrides:
        lines.append("[[overrides]]")
        for name, value in o.model_dump().items():
            if value not in ("", None):
                lines.append(f"{name} = {_toml(value)}")
        lines.append("")
    return write_private(path or overrides_path(), "\n".join(lines))


def put(override: Override, path: Path | None = None) -> Path:
    current = read(path)
    kept = [o for o in current.overrides if o.id != override.id]
    return write(OverridesFile(schema_version=1, overrides=[*kept, override]), path)


def forget(setting_id: str, path: Path | None = None) -> bool:
    """Remove one override; False when there was none."""
    current = read(path)
    kept = [o for o in current.overrides if o.id != setting_id]
    if len(kept) == len(current.overrides):
        return False
    write(OverridesFile(schema_version=1, overrides=kept), path)
    return True


def adopted(setting: Setting) -> bool:
    """An adopted setting: a bundled map always names a key or an element id; an adopted one has
    only what ``teach`` learned."""
    return not (setting.labelledby or setting.element_id)


def merge(catalogue: Catalogue, path: Path | None = None) -> Catalogue:
    """The catalogue with each override attached to its setting (tried after the map's own key),
    and each adopted setting added after the bundled ones.

    An adopted entry whose id a later version bundles is attached to the bundled setting like any
    override (the report then says when it is no longer needed)."""
    target = path or overrides_path()
    data = read(target)
    if not data.overrides:
        return catalogue
    by_id = {s.id: s for s in catalogue.settings}
    groups = dict(catalogue.groups)
    new: list[str] = []
    for i, o in enumerate(data.overrides):
        learned = Learned(kind=o.kind, value=o.value, lang=o.lang, file=str(target))
        if o.id in by_id:
            by_id[o.id] = replace(by_id[o.id], learned=learned)
            continue
        if o.path is None:
            raise MapError(f"{target}: overrides[{i}].id: {o.id!r} is not a setting this version knows",
                           hint=_REMOVE)
        group = o.group or ADOPTED
        if group != ADOPTED and group not in catalogue.groups:
            raise MapError(f"{target}: overrides[{i}].group: {group!r} is not a group this version knows",
                           hint=_REMOVE)
        if o.id in groups or o.id == ADOPTED:
            raise MapError(f"{target}: overrides[{i}].id: {o.id!r} is the name of a group", hint=_REMOVE)
        groups.setdefault(group, ADOPTED_GROUP)
        by_id[o.id] = Setting(id=o.id, group=group, controls=o.controls, path=o.path, aliases=(), labelledby=None,
                              element_id=None, labels={}, titles={}, source=f"adopted with teach on {o.learned_on.isoformat()}",
                              map_file=str(target), learned=learned)
        new.append(o.id)
    return Catalogue(site=catalogue.site, settings=tuple(by_id[i] for i in [*catalogue.ids, *new]),
                     groups=groups, folder=catalogue.folder)
