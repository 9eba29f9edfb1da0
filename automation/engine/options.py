"""What a run is asked to do, grouped by what travels together (httpie's ``program(args, env)``):

- ``Task``: what to do (apply or only read, which settings, pace, pages at once, look for new
  settings, read the policy's date, skip heavy resources);
- ``Evidence``: where the evidence goes (a private folder, screenshots, a Playwright trace);
- ``Waits``: how long to wait (``Timeouts``) and how often to try again (``Retry``), both here;
- ``Hooks``: what to tell and what to listen to (progress lines, an ``Interrupt``).

Each is frozen and checked when made: a wrong type or value is an ``OptionsError``, one line.
The command line builds them once; every layer passes them on whole.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from automation.engine.interrupt import Interrupt
from automation.errors import OptionsError

DEFAULT_CONCURRENCY = 3  # pages read at once: conservative for the real site
Progress = Callable[[str, str], None]  # (setting id, what is happening)


def _require(ok: bool, what: str, value: object) -> None:
    if not ok:
        raise OptionsError(f"{what}, not {value!r}")


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


@dataclass(frozen=True)
class Task:
    """What to do. ``only``: setting ids and group names (``None``: the whole catalogue). ``pace``:
    seconds between changes (``None``: a few with jitter; ``0``: none). ``concurrency``: pages at
    once (``None``: 3); changes overlap only when ``pace`` is 0 and ``concurrency`` is given.
    ``discover`` (``None``: when the whole catalogue is asked for) also reads the category pages
    for settings no map covers; ``policy`` reads the privacy policy's date with them. ``lean``
    skips images, media and fonts."""

    apply: bool = True
    only: str | Iterable[str] | None = None
    pace: float | None = None
    concurrency: int | None = None
    discover: bool | None = None
    policy: bool = False
    lean: bool = True

    def __post_init__(self) -> None:
        for name in ("apply", "policy", "lean"):
            _require(isinstance(getattr(self, name), bool), f"Task.{name} must be True or False",
                     getattr(self, name))
        _require(self.discover is None or isinstance(self.discover, bool),
                 "Task.discover must be True, False or None", self.discover)
        only = self.only
        if only is not None and not isinstance(only, str):
            _require(isinstance(only, Iterable), "Task.only must be setting ids or group names", only)
            only = tuple(only)
            _require(all(isinstance(o, str) for o in only), "Task.only must be setting ids or group names", only)
            object.__setattr__(self, "only", only)
        _require(self.pace is None or (_number(self.pace) and self.pace >= 0),
                 "Task.pace must be seconds >= 0 (or None)", self.pace)
        _require(self.concurrency is None or (isinstance(self.concurrency, int)
                                              and not isinstance(self.concurrency, bool) and self.concurrency >= 1),
                 "Task.concurrency must be a whole number >= 1 (or None)", self.concurrency)

    @property
    def pages_at_once(self) -> int:
        return DEFAULT_CONCURRENCY if self.concurrency is None else self.concurrency

    @property
    def parallel_changes(self) -> bool:
        """Changes overlap only when asked for twice: no pause, and a concurrency given."""
        return self.pace == 0 and self.concurrency is not None

    @property
    def looks_for_new(self) -> bool:
        """Read the category pages for settings no map covers (by default: with the whole catalogue)."""
        return self.discover if self.discover is not None else self.only is None


@dataclass(frozen=True)
class Evidence:
    """Where evidence goes. With ``folder``, a setting that ends not_found, ambiguous or failed
    gets a screenshot and a sanitized HTML snapshot there (private, made only when needed); with
    ``screenshots`` too, every page as it was left. ``trace``: a Playwright trace file (0600). It
    holds the session's cookies."""

    folder: Path | None = None
    screenshots: bool = False
    trace: Path | None = None

    def __post_init__(self) -> None:
        for name in ("folder", "trace"):
            value = getattr(self, name)
            _require(value is None or isinstance(value, (str, os.PathLike)), f"Evidence.{name} must be a path", value)
            if value is not None and not isinstance(value, Path):
                object.__setattr__(self, name, Path(value))
        _require(isinstance(self.screenshots, bool), "Evidence.screenshots must be True or False", self.screenshots)


@dataclass(frozen=True)
class Timeouts:
    """Seconds. Set deliberately: Playwright's own defaults are 30 s for actions, 5 s for expect."""

    navigation: float = 30.0
    render: float = 15.0  # the switch is client-rendered; Brave waits up to ~16 s (docs/linkedin.md#client-rendering)
    settle: float = 1.0  # switches shown but none of ours yet: wait this long before the fallbacks
    # The settle rule's quiet window (settle.py): a state counts only when two reads this far apart
    # agree with none of the page's own requests in flight. 0 reads at once: benchmarks only.
    settle_window: float = 0.1
    # Every "off" is believed only once the page has been open this long and a settled look, the
    # switch scrolled into view, still reads off (whatever the page's own data says: it may only
    # contradict): a page may draw a default, pause with nothing in flight, and only then fetch
    # its state. 0 believes a settled "off" at once (the rule before; benchmarks and the tests'
    # control rows only).
    # 2 s: on the demo (100 ms latency) the settle rule alone believes an "off" at a page age of
    # about 0.9 s (2.3 s on a loaded machine), so 2 s leaves a page over a second of quiet after
    # drawing (several times the 400 ms that fools the settle rule) for about a second per wave of
    # pages (benchmarks/run.py --confirm).
    min_age: float = 2.0
    grace: float = 10.0  # after Ctrl-C/SIGTERM, how long a change in flight may take to verify
    save: float = 10.0  # after a click, for the save request(s) to finish
    action: float = 5.0  # for the click itself
    quiet: float = 1.0  # after a click with no save request seen, how long "off" must hold


@dataclass(frozen=True)
class Retry:
    navigation: int = 2  # transient navigation errors
    rate_limit: int = 2  # 429 / "too many requests", honouring Retry-After
    max_wait: float = 60.0
    base_wait: float = 2.0


@dataclass(frozen=True)
class Waits:
    """How long to wait for pages, reads and saves, and how often to try a page again."""

    timeouts: Timeouts = field(default_factory=Timeouts)
    retry: Retry = field(default_factory=Retry)

    def __post_init__(self) -> None:
        _require(isinstance(self.timeouts, Timeouts), "Waits.timeouts must be a Timeouts", self.timeouts)
        _require(isinstance(self.retry, Retry), "Waits.retry must be a Retry", self.retry)


@dataclass(frozen=True)
class Hooks:
    """What the run tells (``progress(setting id, what)``) and listens to: an ``Interrupt`` set by
    Ctrl-C or SIGTERM stops it softly (interrupt.py)."""

    progress: Progress | None = None
    interrupt: Interrupt | None = None

    def __post_init__(self) -> None:
        _require(self.progress is None or callable(self.progress), "Hooks.progress must be callable", self.progress)
        _require(self.interrupt is None or isinstance(self.interrupt, Interrupt),
                 "Hooks.interrupt must be an Interrupt", self.interrupt)

    def tell(self, setting: str, what: str) -> None:
        if self.progress is not None:
            self.progress(setting, what)


def checked(value: object, kind: type, name: str) -> None:
    """A library call's argument of the wrong kind is one line, not a traceback deep in a run."""
    _require(value is None or isinstance(value, kind), f"{name} must be a {kind.__name__}", value)
