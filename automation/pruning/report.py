"""What a prune run found and did: each item's status, and the run's exit code.

Its JSON (``--json``, the library's return value) is ``{"items": [{link, kind, reason, status,
why, ...}], "exit_code": ...}``. No item's words are ever part of it: an item is named by its
kind and date (a resume by its file name), its link and its ledger key.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

from automation.exit_codes import ExitCode, most_urgent
from automation.results.report import SIGNAL_EXIT, Halt, Status


class ItemStatus(StrEnum):
    STILL_UP = "still_up"  # the page shows it
    GONE = "gone"  # the page shows it is gone (not deleted by this run)
    DELETED = "deleted"  # deleted by this run, and a reload shows it gone
    FAILED = "failed"  # a deletion did not hold, or could not be confirmed; it is still up
    SKIPPED = "skipped"  # not touched, with why (not the person's own, a repost, the run stopped, ...)
    UNKNOWN = "unknown"  # the page could not tell; never counted as gone


# Statuses that leave something of the selection possibly still up: exit 3 (the apply's "not off").
NOT_DONE = frozenset({ItemStatus.STILL_UP, ItemStatus.FAILED, ItemStatus.SKIPPED, ItemStatus.UNKNOWN})
HALT_CODE = {Status.SIGNED_OUT: ExitCode.SESSION, Status.CHALLENGE: ExitCode.SESSION,
             Status.REFUSED: ExitCode.SESSION, Status.UNREACHABLE: ExitCode.UNREACHABLE}


class PrunedItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    link: str | None = Field(description="The page that shows it (None: the export gives no address to trust)")
    kind: str = Field(description="post, comment, article, resume or answers")
    reason: list[str] = Field(description="The flag kinds that selected it")
    status: ItemStatus
    why: str = ""
    label: str = Field("", description="How to recognise it: its kind and date, or a resume's file name")
    key: str | None = Field(None, description="Its ledger key")
    date: str | None = None
    restored: bool = Field(False, description="recheck: the ledger said gone, and it is up again")
    changed: bool = Field(False, description="What was seen suggests the prune map is out of date")
    before: str | None = Field(None, description="A close-up of the item before the deletion (path)")
    after: str | None = Field(None, description="A close-up of its page after the verifying reload (path)")
    warnings: list[str] = Field(default_factory=list)


class PruneReport(BaseModel):
    model_config = ConfigDict(extra="forbid")

    mode: Literal["look", "delete", "guided", "recheck"]
    items: list[PrunedItem]
    started_at: datetime
    finished_at: datetime
    tool_version: str = ""
    profile: str | None = None
    run_dir: str | None = None
    interrupted: str | None = Field(None, description="SIGINT or SIGTERM when a signal stopped the run early")
    halted: Halt | None = Field(None, description="A wall, a refusal or no network stopped the run")
    already_gone: int = Field(0, description="Selected, but the ledger says they are gone: left out")
    over_limit: int = Field(0, description="Selected, beyond --limit: left for the next run")
    notices: list[str] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _drop_computed(cls, data: object) -> object:
        if isinstance(data, dict) and "exit_code" in data:  # recomputed, never trusted
            data = {k: v for k, v in data.items() if k != "exit_code"}
        return data

    @computed_field  # type: ignore[prop-decorator]
    @property
    def exit_code(self) -> int:
        if self.interrupted in SIGNAL_EXIT:
            return SIGNAL_EXIT[self.interrupted]
        codes = [HALT_CODE[self.halted.status]] if self.halted and self.halted.status in HALT_CODE else []
        if any(i.changed for i in self.items):
            codes.append(ExitCode.PAGE_CHANGED)
        if any(i.status in NOT_DONE for i in self.items):
            codes.append(ExitCode.NOT_OFF)
        return most_urgent(codes)

    def counts(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for item in self.items:
            found[item.status.value] = found.get(item.status.value, 0) + 1
        return found

    def summary(self) -> str:
        parts = ", ".join(f"{n} {status.replace('_', ' ')}" for status, n in self.counts().items())
        return f"{len(self.items)} item(s): {parts or 'none'}"

    def restored(self) -> list[PrunedItem]:
        return [i for i in self.items if i.restored]
