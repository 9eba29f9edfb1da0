"""What a prune run is asked to do (``PruneTask``), beside the engine's ``Evidence``, ``Waits`` and
``Hooks``, which it takes as they are (engine/options.py). Frozen and checked when made: a wrong
type or value is one ``OptionsError`` line."""

from __future__ import annotations

from dataclasses import dataclass

from automation.engine.options import _number, _require

DEFAULT_GUIDED_WAIT = 300.0  # seconds the guided mode waits for the person on one item


@dataclass(frozen=True)
class PruneTask:
    """``delete``: delete what is selected (else only look whether it is still up). ``confirm``:
    with ``delete``, the number of items the person confirmed; the run refuses to start unless it
    is the selection's size (a typed count, asked twice: package managers' way). ``guided``: the
    person deletes each item in the window, the tool shows where and verifies (a headed browser
    is the caller's to open). ``pace``: seconds between deletions (None: a few, with jitter, as
    ``apply``). ``guided_wait``: seconds to wait for the person on one item. ``lean`` skips
    images, media and fonts (not in guided mode: the person sees the page)."""

    delete: bool = False
    confirm: int | None = None
    guided: bool = False
    pace: float | None = None
    guided_wait: float = DEFAULT_GUIDED_WAIT
    lean: bool = True

    def __post_init__(self) -> None:
        for name in ("delete", "guided", "lean"):
            _require(isinstance(getattr(self, name), bool), f"PruneTask.{name} must be True or False",
                     getattr(self, name))
        _require(not (self.delete and self.guided), "PruneTask: delete and guided are two ways to delete; choose one",
                 (self.delete, self.guided))
        _require(self.confirm is None or (isinstance(self.confirm, int) and not isinstance(self.confirm, bool)
                                          and self.confirm >= 0), "PruneTask.confirm must be a count >= 0",
                 self.confirm)
        _require(not self.delete or self.confirm is not None,
                 "PruneTask(delete=True) needs confirm: the number of items the person agreed to delete", self.confirm)
        _require(self.pace is None or (_number(self.pace) and self.pace >= 0),
                 "PruneTask.pace must be seconds >= 0 (or None)", self.pace)
        _require(_number(self.guided_wait) and self.guided_wait > 0, "PruneTask.guided_wait must be seconds > 0",
                 self.guided_wait)

    @property
    def mode(self) -> str:
        return "delete" if self.delete else "guided" if self.guided else "look"
