"""What the demo site does wrong on request (``Faults``), and what it records (``Save``, ``Hit``)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Faults:
    """What the site does wrong, on request. Paths are URL paths; keys are LinkedIn switch keys."""

    save_status: dict[str, int] = field(default_factory=dict)  # key -> HTTP status for its saves (500 ...)
    not_persisted: set[str] = field(default_factory=set)  # answers 200 "off" but keeps it on
    reverts: set[str] = field(default_factory=set)  # answers 200 with the old value: the switch flips back
    render_delay: float = 0.3  # seconds before the client-side app shows the switches
    slow_render: dict[str, float] = field(default_factory=dict)  # path -> render delay
    expire_after_saves: int | None = None  # the session ends after this many accepted saves
    challenge_after_saves: int | None = None  # every page becomes a checkpoint after this many accepted saves
    text_lies: bool = False  # the visible On/Off text says the opposite of the switch's state
    cookie_banner: bool = False
    banner_delay: float | None = None  # with cookie_banner: drawn this long after the switches, over the page
    unavailable: dict[str, str] = field(default_factory=dict)  # path -> "not_found" | "redirect"
    rate_limit: int = 0  # the first N settings page loads since the reset answer 429 (the site counts them)
    retry_after: int = 1
    signed_out: bool = False  # every page redirects to the sign-in page
    challenge: bool = False  # every page redirects to a checkpoint
    client_redirect: dict[str, str] = field(default_factory=dict)  # path -> where the app sends the browser
    flip_after_save: bool = True  # the switch changes only when the save answers
    latency: float = 0.0  # added to every request, in seconds
    login_checkpoint: bool = False  # signing in passes through a security check first
    # --- a site that behaves worse than the demo: late data, refusals, walls in place ---
    # path -> the state the page's skeleton draws at once (True on, False off), corrected when the
    # page's own data request (GET <save path>?keys=...) answers after ``data_delay`` seconds.
    placeholder: dict[str, bool] = field(default_factory=dict)
    data_delay: float = 0.9
    realtime: bool = False  # every settings page holds a never-ending /realtime/connect event stream open
    # --- a page that asks for its data late, after a quiet pause ---
    # With a placeholder: the data request starts only ``data_pause`` seconds after the document
    # started (a timer: nothing in flight meanwhile), after an idle callback with ``data_idle``,
    # by XMLHttpRequest with ``data_xhr`` (else fetch).
    data_pause: float = 0.0
    data_idle: bool = False
    data_xhr: bool = False
    lazy: set[str] = field(default_factory=set)  # paths: switches below the fold; data fetched when scrolled into view
    embedded: bool = False  # settings pages embed their real state as JSON in a <code> element
    # With embedded and a placeholder: the embedded state is the placeholder (a cached render that
    # lags the data the page then fetches), not the current state.
    stale_embedded: bool = False
    stale_drawing: set[str] = field(default_factory=set)  # paths: the data is fetched but never drawn
    placeholder_after_saves: int = 0  # pages draw their placeholder only once this many saves were accepted
    status: dict[str, int] = field(default_factory=dict)  # path -> HTTP status of the page load (999, 401, 403)
    in_place: dict[str, str] = field(default_factory=dict)  # path -> fixture file served in place (a wall)
    drop_connections: bool = False  # settings pages: the connection closes without an answer
    refuse_after_saves: int | None = None  # every settings page answers 999 after this many accepted saves
    sends_on: set[str] = field(default_factory=set)  # keys whose click sends "on" whatever the state (a broken app)
    save_method: str = "PUT"  # the HTTP method of saves (LinkedIn's is PUT for two settings, unknown for the rest)
    # --- settings LinkedIn adds later: the category pages and a moved setting ---
    unlisted: bool = True  # the category page links to a settings page no map knows (its switch on)
    category_missing: bool = False  # the category index pages answer 404
    category_reshaped: bool = False  # the category pages show their items as script buttons: no links
    moved: dict[str, str] = field(default_factory=dict)  # mapped path -> where its page now lives (old: 404)
    policy_effective: str | None = None  # the privacy policy's "Effective ..." date (None: as saved)


    def late(self, path: str) -> dict[str, object]:
        """When and how the page at ``path`` asks for its data (client.js's settings)."""
        return {"dataPauseMs": int(self.data_pause * 1000), "dataIdle": self.data_idle, "dataXhr": self.data_xhr,
                "lazy": path in self.lazy, "staleDrawing": path in self.stale_drawing}


@dataclass(frozen=True)
class Save:
    key: str
    value: object
    status: int


@dataclass(frozen=True)
class Hit:
    method: str
    host: str
    path: str
    status: int
    size: int
