"""What a run found and did: statuses, per-setting results, the run report and its exit code."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

from automation.exit_codes import ExitCode, most_urgent


class Status(StrEnum):
    ALREADY_OFF = "already_off"
    TURNED_OFF = "turned_off"  # was on; a reload shows it off
    ON = "on"  # check mode found it on
    UNAVAILABLE = "unavailable"  # not offered to this account or region: normal
    NOT_FOUND = "not_found"  # the page loaded but no switch could be identified
    AMBIGUOUS = "ambiguous"  # more than one candidate; nothing was clicked
    FAILED = "failed"  # save rejected, reverted or not persisted; or the page kept failing
    SIGNED_OUT = "signed_out"
    CHALLENGE = "challenge"  # checkpoint, 2FA or captcha
    REFUSED = "refused"  # LinkedIn refused: HTTP 999 or 403, a 429 that lasted, "unusual activity"
    UNREACHABLE = "unreachable"  # LinkedIn could not be reached: offline, DNS, connection, TLS
    SKIPPED = "skipped"  # the run stopped before this setting (a refusal, a wall, an interrupt)


# Statuses that need nothing from the person: off, or not offered here.
FINE = frozenset({Status.ALREADY_OFF, Status.TURNED_OFF, Status.UNAVAILABLE})


# Which statuses call for which exit code; when several do, ``exit_codes.PRECEDENCE`` decides
# (the one table). An unreachable site says nothing about a switch, so a setting read on before
# the network went away still makes the run's code 3.
_CODE_OF: dict[ExitCode, frozenset[Status]] = {
    ExitCode.SESSION: frozenset({Status.SIGNED_OUT, Status.CHALLENGE, Status.REFUSED}),
    ExitCode.PAGE_CHANGED: frozenset({Status.NOT_FOUND, Status.AMBIGUOUS}),
    ExitCode.NOT_OFF: frozenset({Status.ON, Status.FAILED, Status.SKIPPED}),
    ExitCode.UNREACHABLE: frozenset({Status.UNREACHABLE}),
}

# What a stop by signal means, by the signal's name (the run's ``interrupted`` field).
SIGNAL_EXIT = {"SIGINT": ExitCode.INTERRUPTED, "SIGTERM": ExitCode.TERMINATED}

DEMO = "demo"  # the trigger of the demo's runs: a stand-in of LinkedIn, not the person's own


def exit_code_for(statuses: list[Status]) -> ExitCode:
    return most_urgent(code for code, members in _CODE_OF.items() if members.intersection(statuses))


def now() -> datetime:
    return datetime.now(UTC)


class Confirmation(BaseModel):
    """How a state was believed (the settle rule): an "off" needs the page's own data to agree, or
    the page to be old enough and still read off; an "on" is acted on once two looks agree."""

    model_config = ConfigDict(extra="forbid")

    by: Literal["data", "age", "looks"] = Field(
        description="data: the page's own data agreed; age: still off at the minimum age; looks: two settled looks")
    detail: str = Field(description="What was seen, in words")
    source: str | None = Field(None, description="Where the page's data was seen (a response or embedded state)")
    age_s: float | None = Field(None, description="How long the page had been open at the final look, in seconds")
    looks: int = Field(2, description="Settled looks that agreed")


class SettingResult(BaseModel):
    model_config = ConfigDict(extra="forbid")

    setting: str
    status: Status
    before: bool | None = None  # True = on, False = off, None = unknown
    after: bool | None = None
    message: str = ""
    strategy: str | None = Field(None, description="Which locator strategy found the switch")
    warnings: list[str] = Field(default_factory=list)
    evidence: list[str] = Field(default_factory=list, description="Paths of screenshots/snapshots saved")
    screenshot: str | None = Field(None, description="Screenshot of the page as the run left it")
    card: str | None = Field(None, description="Screenshot of the setting's switch and label as the run left it")
    drift: str | None = Field(None, description="Set when this differs from the previous run: why")
    url: str | None = None
    confirmed: Confirmation | None = Field(None, description="How the reported state was believed")


class UnlistedSwitch(BaseModel):
    """A switch on a settings page that no map covers: a setting LinkedIn added.
    Read only, never changed; it never changes the exit code."""

    model_config = ConfigDict(extra="forbid")

    page: str = Field(description="The page's URL")
    title: str = ""
    label: str = Field(description="The switch's accessible name, in the page's language")
    key: str | None = Field(None, description="Its aria-labelledby key or element id, when it has one")
    state: bool | None = Field(description="True = on, False = off, None = unreadable")
    first_seen: datetime

    def same_as(self, other: UnlistedSwitch) -> bool:
        """The same switch, seen in another run: same page, same key (or same label when keyless)."""
        return self.page == other.page and (self.key or self.label) == (other.key or other.label)


class PolicyDate(BaseModel):
    """LinkedIn's privacy policy as a scheduled run read it."""

    model_config = ConfigDict(extra="forbid")

    url: str
    effective: date | None = Field(None, description="The date the policy says it took effect (None: unreadable)")
    changed_from: date | None = Field(None, description="The date recorded before, when it changed")


class Halt(BaseModel):
    """A wall or refusal met after the settings were handled (looking for new settings)."""

    model_config = ConfigDict(extra="forbid")

    status: Status
    message: str


class RunReport(BaseModel):
    model_config = ConfigDict(extra="forbid")

    mode: str = Field(description="check or apply")
    results: list[SettingResult]
    started_at: datetime
    finished_at: datetime
    tool_version: str = ""
    profile: str | None = Field(None, description="Sign-in profile the run used (None: the library or demo)")
    trigger: str = Field("manual", description="manual, scheduled or demo (the built-in stand-in of LinkedIn)")
    run_dir: str | None = Field(None, description="Private folder holding this run's evidence and HTML report")
    interrupted: str | None = Field(None, description="SIGINT or SIGTERM when a signal stopped the run early")
    unlisted: list[UnlistedSwitch] = Field(default_factory=list,
                                           description="Switches on pages no map covers (never changed)")
    notices: list[str] = Field(default_factory=list, description="Run-wide warnings (e.g. a category page changed)")
    halted: Halt | None = Field(None, description="A wall or refusal met after the settings were handled (exit 5)")
    policy: PolicyDate | None = None

    @model_validator(mode="before")
    @classmethod
    def _drop_computed(cls, data: object) -> object:
        """A saved report (history, --json) carries its exit_code; it is recomputed, never trusted."""
        if isinstance(data, dict) and "exit_code" in data:
            data = {k: v for k, v in data.items() if k != "exit_code"}
        return data

    @computed_field  # type: ignore[prop-decorator]
    @property
    def exit_code(self) -> int:
        """By the one precedence table: a signal, then a wall or refusal (in a result, or ``halted``
        after the settings were handled), then a map to update, a switch still on, unreachable."""
        signal = [SIGNAL_EXIT[self.interrupted]] if self.interrupted in SIGNAL_EXIT else []
        halted = [ExitCode.SESSION] if self.halted else []
        return most_urgent([*signal, *halted, exit_code_for([r.status for r in self.results])])

    def result(self, setting: str) -> SettingResult:
        return next(r for r in self.results if r.setting == setting)

    def drifted(self) -> list[SettingResult]:
        return [r for r in self.results if r.drift]

    def summary(self) -> str:
        counts: dict[str, int] = {}
        for r in self.results:
            counts[r.status.value] = counts.get(r.status.value, 0) + 1
        parts = ", ".join(f"{n} {status.replace('_', ' ')}" for status, n in counts.items())
        return f"{len(self.results)} settings: {parts}"
