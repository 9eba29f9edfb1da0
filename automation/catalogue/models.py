"""The selector maps' schema: strict models of the TOML files in ``selectors/`` (``extra="forbid"``,
a schema version), and what the rest of the program sees, ``Setting`` and ``Catalogue``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from automation.errors import UnknownSettingError

SCHEMA_VERSION = 1
SITE_FILE = "site.toml"
CATALOGUE_FILE = "catalogue.toml"
PRUNE_FILE = "prune.toml"  # prune's map (automation/pruning/map.py), not a settings page

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


class StateResponse(_Strict):
    """A response of the page's own that carries switch states (read by the settle rule and the
    witness, which may only contradict an "off")."""

    path_prefix: Path_
    methods: list[Literal["GET", "POST"]] = Field(default_factory=lambda: ["GET"])  # type: ignore[arg-type]
    confidence: Literal["confirmed", "inferred"]


class StateFacts(_Strict):
    """Where a settings page's own data for its switches can be seen: responses it fetches and
    state it embeds. The data may only make an "off" harder to believe: where it says "on" for a
    switch drawn off, the read is ``failed``; it never confirms an "off" (every "off" waits for the
    minimum age and a settled look: engine/read.py)."""

    responses: list[StateResponse] = Field(default_factory=list)
    embedded: list[NonEmpty] = Field(default_factory=list, description="CSS selectors of elements holding JSON")
    embedded_confidence: Literal["confirmed", "inferred"] = "inferred"
    key_fields: list[NonEmpty] = Field(default_factory=lambda: ["key"], description="Fields naming a switch")
    value_fields: list[NonEmpty] = Field(default_factory=lambda: ["value"], description="Fields holding its state")


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


class DiscoveryFacts(_Strict):
    """Where settings LinkedIn adds later show up: the category index pages."""

    category_paths: list[Path_] = Field(min_length=1, description="The category index pages read on every run")
    link_prefixes: list[Path_] = Field(min_length=1, description="A link there leads to a settings page")
    skip_prefixes: list[Path_] = Field(default_factory=list, description="Links never followed (other categories)")
    quiet_paths: list[Path_] = Field(default_factory=list, description="Pages known to hold no switch: never visited")
    max_pages: int = Field(12, ge=1, le=50, description="Unlisted pages visited per run, at most")


class PolicyFacts(_Strict):
    """The public privacy policy and how to read the date it took effect."""

    path: Path_
    date_pattern: NonEmpty = Field(description="A regular expression over the page's text; group 1 is the date")
    date_format: NonEmpty = Field(description="strptime format of group 1")

    @model_validator(mode="after")
    def _one_group(self) -> PolicyFacts:
        try:
            groups = re.compile(self.date_pattern).groups
        except re.error as exc:
            raise ValueError(f"date_pattern is not a regular expression: {exc}") from None
        if groups < 1:
            raise ValueError("date_pattern needs a group around the date")
        return self


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
    state: StateFacts = StateFacts()
    signed_in: SignedInMarkers
    cookie_banner: CookieBanner
    session: SessionFacts
    after: AfterFacts
    discovery: DiscoveryFacts | None = None  # None: no looking for settings LinkedIn added
    policy: PolicyFacts | None = None  # None: the policy date is not watched


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

    def covered_paths(self) -> set[str]:
        """Every page path a map covers (its path and aliases), without a trailing slash."""
        return {p.rstrip("/") for s in self.settings for p in (s.path, *s.aliases)}

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
