"""The selector maps' loader: read ``selectors/``, check each file against ``models``, cross-check them.

Everything LinkedIn-specific (URLs, switch keys, labels per language, guard-page markers) lives in
those files; the engine only sees the ``Catalogue`` built here. A broken file stops the program
with one line naming the file and the field (``MapError``).
"""


from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from pydantic import ValidationError

from automation.catalogue.models import (
    CATALOGUE_FILE,
    PRUNE_FILE,
    SITE_FILE,
    Catalogue,
    CatalogueFile,
    PageMap,
    Setting,
    SiteMap,
    _Strict,
    _where,
)
from automation.catalogue.overrides import merge
from automation.errors import MapError
from automation.resources import selectors_dir


def _read(path: Path, model: type[_Strict]) -> _Strict:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise MapError(f"{path}: invalid TOML: {exc}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise MapError(f"{path}: cannot read: {exc}") from exc
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise MapError(f"{path}: {_where(exc)}") from exc


def load_catalogue(folder: Path | None = None, *, overrides: bool = True) -> Catalogue:
    """Load and cross-check every map in ``folder`` (default: the installed selectors/).

    The installed maps come with the person's local overrides (``teach``) merged in, so every
    command that reads them (check, apply, scheduled, capture, doctor) uses the repair.
    """
    catalogue = _load(Path(folder) if folder else selectors_dir())
    if folder is None and overrides:

        catalogue = merge(catalogue)
    return catalogue


@lru_cache(maxsize=8)
def _load(folder: Path) -> Catalogue:
    site = _read(folder / SITE_FILE, SiteMap)
    cat = _read(folder / CATALOGUE_FILE, CatalogueFile)
    assert isinstance(site, SiteMap) and isinstance(cat, CatalogueFile)

    settings: dict[str, Setting] = {}
    paths: dict[str, Path] = {}
    switches: dict[str, str] = {}  # LinkedIn's switch key -> setting id (keys are site-wide)
    page_files = sorted(p for p in folder.glob("*.toml") if p.name not in (SITE_FILE, CATALOGUE_FILE, PRUNE_FILE))
    if not page_files:
        raise MapError(f"{folder}: no page maps (*.toml) found")
    for file in page_files:
        page = _read(file, PageMap)
        assert isinstance(page, PageMap)
        for path in (page.path, *page.aliases):
            if path in paths:
                raise MapError(f"{file}: path: {path} is already claimed by {paths[path]}")
            paths[path] = file
        for i, s in enumerate(page.settings):
            if s.id in settings:
                raise MapError(f"{file}: settings[{i}].id: {s.id!r} is already defined in {settings[s.id].map_file}")
            if s.group not in cat.groups:
                raise MapError(f"{file}: settings[{i}].group: {s.group!r} is not a group in {CATALOGUE_FILE}")
            anchor = ("labelledby", s.labelledby) if s.labelledby else ("element_id", s.element_id or "")
            if anchor[1] in switches:
                raise MapError(
                    f"{file}: settings[{i}].{anchor[0]}: switch {anchor[1]!r} is already claimed by "
                    f"setting {switches[anchor[1]]!r} in {settings[switches[anchor[1]]].map_file}"
                )
            switches[anchor[1]] = s.id
            settings[s.id] = Setting(
                id=s.id, group=s.group, controls=s.controls, path=page.path, aliases=tuple(page.aliases),
                labelledby=s.labelledby, element_id=s.element_id, labels=dict(s.label),
                titles=dict(page.title), source=page.source, map_file=str(file),
            )

    catalogue_path = folder / CATALOGUE_FILE
    if len(set(cat.order)) != len(cat.order):
        raise MapError(f"{catalogue_path}: order: lists a setting twice")
    for name in cat.order:
        if name not in settings:
            raise MapError(f"{catalogue_path}: order: {name!r} has no map file")
    missing = [name for name in settings if name not in cat.order]
    if missing:
        raise MapError(f"{catalogue_path}: order: missing {', '.join(missing)}")
    return Catalogue(
        site=site, settings=tuple(settings[n] for n in cat.order), groups=dict(cat.groups), folder=folder,
    )
