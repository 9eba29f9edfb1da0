"""The selector maps: strict models for the TOML files in ``selectors/`` and their loader.

Everything LinkedIn-specific (URLs, switch keys, labels per language, guard-page markers) lives in
those files; the engine only sees the ``Catalogue`` built here. A broken file stops the program
with one line naming the file and the field (``MapError``).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from .errors import MapError, UnknownSettingError
from .resources import selectors_dir

SCHEMA_VERSION = 1
SITE_FILE = "site.toml"
CATALOGUE_FILE = "catalogue.toml"

Lang = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(-[A-Z]{2})?$")]
SettingId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
Path_ = Annotated[str, StringConstraints(pattern=r"^/[^\s?#]*$")]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- one page's map -------------------------------------------------------------------------


class SettingMap(_Strict):
    id: SettingId
    group: NonEmpty
    controls: NonEmpty = Field(description="What the switch controls, in plain English")
    labelledby: NonEmpty | None = Field(None, description="The switch's aria-labelledby key")
    element_id: NonEmpty | None = Field(None, description="The switch's element id")
    label: dict[Lang, NonEmpty] = Field(default_factory=dict, description="Switch label per language")

    @model_validator(mode="after")
    def _needs_an_anchor(self) -> SettingMap:
        if not (self.labelledby or self.element_id):
            raise ValueError("needs labelledby or element_id")
        return self


class PageMap(_Strict):
    schema_version: Literal[1]
    path: Path_
    aliases: list[Path_] = Field(default_factory=list)
    source: NonEmpty
    title: dict[Lang, NonEmpty] = Field(default_factory=dict)
    settings: list[SettingMap] = Field(min_length=1)


# --- site-wide facts ------------------------------------------------------------------------


class Markers(_Strict):
    path_prefixes: list[NonEmpty] = Field(default_factory=list)
    titles: list[NonEmpty] = Field(default_factory=list)
    selectors: list[NonEmpty] = Field(default_factory=list)
    texts: list[NonEmpty] = Field(default_factory=list)
    statuses: list[Annotated[int, Field(ge=400, le=999)]] = Field(
        default_factory=list, description="HTTP statuses of a page load that mean this guard")


class NetworkFacts(_Strict):
    """Requests that never finish while a page is shown (ignored by the settle rule)."""

    long_lived: list[NonEmpty] = Field(default_factory=list, description="URL substrings")


class SaveRequest(_Strict):
    methods: list[Literal["PUT", "POST", "PATCH"]] = Field(min_length=1)
    path_prefix: Path_


class TextMarkers(_Strict):
    texts: list[NonEmpty] = Field(min_length=1)


class SignedInMarkers(_Strict):
    selectors: list[NonEmpty] = Field(min_length=1)
    local_storage_prefix: NonEmpty


class CookieBanner(_Strict):
    banner: NonEmpty
    deny: NonEmpty
    max_attempts: int = Field(ge=1, le=10)


class SessionFacts(_Strict):
    login_path: Path_
    probe_path: Path_
    cookie_domain: NonEmpty
    session_cookie: NonEmpty
    csrf_cookie: NonEmpty
    name_selectors: list[NonEmpty] = Field(min_length=1)


class AfterFacts(_Strict):
    """What the switches cannot do, and where LinkedIn lets a person go further."""

    objection_path: Path_  # the Data Processing Objection Form
    copy_of_data_path: Path_  # "Get a copy of your data"


class SiteMap(_Strict):
    schema_version: Literal[1]
    base_url: Annotated[str, StringConstraints(pattern=r"^https://[^/\s]+$")]
    source: NonEmpty
    save: SaveRequest
    signed_out: Markers
    challenge: Markers
    refused: Markers
    unavailable: Markers
    rate_limited: TextMarkers
    network: NetworkFacts = NetworkFacts()
    signed_in: SignedInMarkers
    cookie_banner: CookieBanner
    session: SessionFacts
    after: AfterFacts


class CatalogueFile(_Strict):
    schema_version: Literal[1]
    order: list[SettingId] = Field(min_length=1)
    groups: dict[SettingId, NonEmpty] = Field(min_length=1)


# --- what the rest of the program uses ------------------------------------------------------


@dataclass(frozen=True)
class Learned:
    """A locator the person taught with ``teach`` (a local override): one kind, one value."""

    kind: Literal["labelledby", "element_id", "label"]
    value: str
    lang: str  # the page's language when it was learned (what a label is written in)
    file: str  # the overrides file it came from


@dataclass(frozen=True)
class Setting:
    """One switch, with its page's facts folded in."""

    id: str
    group: str
    controls: str
    path: str
    aliases: tuple[str, ...]
    labelledby: str | None
    element_id: str | None
    labels: dict[str, str]
    titles: dict[str, str]
    source: str
    map_file: str
    learned: Learned | None = None  # from the person's overrides file, tried after the map's own key

    @property
    def key(self) -> str:
        """The name LinkedIn gives the switch (its labelledby key, else its element id)."""
        return self.labelledby or self.element_id or ""


@dataclass(frozen=True)
class Catalogue:
    site: SiteMap
    settings: tuple[Setting, ...]
    groups: dict[str, str]
    folder: Path
    _by_id: dict[str, Setting] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update({s.id: s for s in self.settings})

    def __getitem__(self, setting_id: str) -> Setting:
        return self._by_id[setting_id]

    @property
    def ids(self) -> list[str]:
        return [s.id for s in self.settings]

    def url(self, setting: Setting) -> str:
        return self.site.base_url + setting.path

    def resolve(self, only: str | list[str] | tuple[str, ...] | None) -> list[Setting]:
        """Turn ids and group names into settings, in the order asked, without repeats."""
        if only is None:
            return list(self.settings)
        names = [only] if isinstance(only, str) else list(only)
        names = [part.strip() for name in names for part in name.split(",") if part.strip()]
        if not names:
            raise UnknownSettingError("no setting or group given", hint=self._choices())
        chosen: list[Setting] = []
        for name in names:
            if name in self._by_id:
                matches = [self._by_id[name]]
            elif name in self.groups:
                matches = [s for s in self.settings if s.group == name]
            else:
                raise UnknownSettingError(f"unknown setting or group {name!r}", hint=self._choices())
            chosen.extend(s for s in matches if s not in chosen)
        return chosen

    def _choices(self) -> str:
        return f"groups: {', '.join(self.groups)}; run `linkedin-optout settings` for the ids"


def _where(err: ValidationError) -> str:
    first = err.errors()[0]
    loc = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in first["loc"]).lstrip(".")
    more = f" (and {err.error_count() - 1} more)" if err.error_count() > 1 else ""
    return f"{loc or 'file'}: {first['msg']}{more}"


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
        from .overrides import merge

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
    page_files = sorted(p for p in folder.glob("*.toml") if p.name not in (SITE_FILE, CATALOGUE_FILE))
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
