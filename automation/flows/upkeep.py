"""Looking after the tool: ``doctor`` (is this machine ready?), ``capture`` (every settings page,
sanitized, to contribute as fixtures) and ``selftest`` (the maps against saved pages, offline)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from automation.engine.options import Waits
from automation.exit_codes import ExitCode
from automation.flows.env import Env
from automation.flows.outcome import Line, Outcome, said
from automation.private import private_dir
from automation.session.profile import Profile

_COLOUR = {"OK": "green", "WARN": "yellow", "FAIL": "bold red"}


def doctor(env: Env, *, session: bool) -> Outcome:
    """One line per check (OK, WARN or FAIL, with the fix): Python, Playwright, the browser, the
    display, the maps, the folders, the selftest and, with ``session``, the profile's session.
    The code: 2 something to fix here, 5 sign in again, 6 LinkedIn could not be reached, else 0."""
    from rich.text import Text

    from automation.tools import doctor as d

    config = env.config
    checks = [*d.versions(), asyncio.run(d.browser(config.browser)), d.display(), d.maps(),
              *d.folders(config.report_dir), asyncio.run(d.selftest(config.browser))]
    if session:
        checks.append(asyncio.run(d.session(config.profile, config.browser, site=env.site)))
    lines = []
    for c in checks:
        line = Text(f"{c.outcome:<4}", style=_COLOUR[c.outcome])
        line.append(f" {c.name}: {c.detail}")
        if c.fix and c.outcome != "OK":
            line.append(f" -> {c.fix}", style="bold")
        lines.append(Line(line))
    return Outcome(d.exit_code(checks), tuple(lines))


def capture(env: Env, *, folder: Path, waits: Waits | None = None) -> Outcome:
    """Save every settings page (and the category pages), sanitized, in the fixtures format, into
    ``folder``; nothing is clicked and every save is blocked. Its code is why it stopped early: a
    wall or a refusal 5, an unreachable LinkedIn 6 (tools/capture.py)."""
    from automation.engine.guards import Verdict
    from automation.session.runner import profile_context
    from automation.session.signin import UNREACHABLE_FIX
    from automation.tools import capture as captured

    private_dir(folder)  # fail before the browser starts
    launch = env.launch

    async def go() -> captured.Capture:
        async with profile_context(Profile(env.config.profile), site=launch.site, headless=launch.headless,
                                   executable=launch.executable) as context:
            return await captured.capture(context, folder, waits=waits)

    done = asyncio.run(go())
    lines = said(*(f"{page.path if page.saved else page.path.name}: {page.summary}" for page in done.pages))
    if done.saved:
        notes = [f"{len(done.saved)} page(s) saved in {folder}. Read them before sharing; open an issue with them "
                 "attached to add them to fixtures/pages/."]
    else:
        notes = [f"nothing saved in {folder}"]
    if done.stopped_by is not None:
        notes.append("stopped early: " + ("the remaining pages were not captured" if done.saved
                                          else "no page was captured"))
    if done.stopped_by is Verdict.UNREACHABLE:
        notes.append(f"to fix: {UNREACHABLE_FIX}")
    return Outcome(done.exit_code, lines, notes=tuple(notes))


def selftest(env: Env, *, folder: Path | None) -> Outcome:
    """The maps against the bundled saved pages (or ``folder``'s, from ``capture``) in the
    person's own browser, offline: 0 every page reads as saved, 4 a map does not match its page
    (2, the browser does not start, is raised)."""
    from automation.tools.selftest import selftest as run_selftest

    report = asyncio.run(run_selftest(folder, env.config.browser))
    code = ExitCode.OK if report.ok else ExitCode.PAGE_CHANGED
    return Outcome(code, said(*(page.line() for page in report.pages), report.summary()),
                   json.dumps(report.to_json(), indent=2))
