"""The run the timer starts: check (or apply with ``fix``), never a question; while LinkedIn's
last refusal cools down it skips and says so (cooldown.py); trouble is alerted; everything is
logged, redacted, to the profile's private log file."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from automation.errors import UserError
from automation.exit_codes import ExitCode
from automation.flows.env import Env, Outcome
from automation.flows.plan import Keep, task_for
from automation.flows.runs import run_task, start_plan
from automation.flows.shown import run_outcome
from automation.paths import state_root
from automation.private import open_private, private_dir
from automation.redact import RedactingFilter
from automation.results import alerts, cooldown, history

log = logging.getLogger("automation.scheduled")


def log_path(profile: str) -> Path:
    return state_root() / "logs" / f"scheduled-{profile}.log"


def log_to_file(path: Path) -> None:
    """The scheduled run's log: INFO and up, redacted, in a private file."""
    private_dir(path.parent)
    os.close(open_private(path))
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.addFilter(RedactingFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("automation")
    root.addHandler(handler)
    root.setLevel(min(root.level or logging.INFO, logging.INFO))


def scheduled(env: Env, *, fix: bool, notify: tuple[str, ...], every: str) -> Outcome:
    """Check (or apply with ``fix``); alert ``notify`` and the desktop on trouble; ``every``: the
    schedule's interval (a check older than two of them is alerted on)."""
    config = env.config
    log_to_file(log_path(config.profile))
    mode = "apply" if fix else "check"
    if waiting := cooldown.active(config.profile):
        log.info("scheduled %s skipped: %s", mode, waiting.describe())
        history.append(history.Record(kind="skipped", profile=config.profile,
                                      details={"reason": waiting.reason, "until": waiting.until.isoformat()}))
        env.say(f"skipped: {waiting.describe()}")
        return Outcome(ExitCode.SESSION)
    log.info("scheduled %s started (profile %s)", mode, config.profile)
    try:
        plan = start_plan(env, mode, Keep(html=True, notify=notify, trigger="scheduled", desktop=True, every=every))
        report = run_task(env, task_for(config, apply=fix, policy=True), plan.evidence)
    except UserError as err:  # signed out before starting, profile locked, browser missing...
        log.error("scheduled %s could not run: %s", mode, err)
        title = f"linkedin-optout: scheduled {mode} could not run ({config.profile})"
        alerts.desktop(title, str(err))
        alerts.send([*notify, *config.notify_urls()], title, str(err))
        raise
    after = plan.after(report)  # history and drift first, so the log can name the drift
    log.info("scheduled %s finished: %s exit code %d", mode, report.summary(), report.exit_code)
    for r in report.results:
        log.info("  %s: %s%s", r.setting, r.status.value, f" (drift: {r.drift})" if r.drift else "")
    for u in report.unlisted:
        log.info("  unlisted: %r on %s: %s", u.label, u.page, "on" if u.state else "off" if u.state is False else "?")
    for line in [*report.notices, *after.notes, *after.warnings]:
        log.info("  %s", line)
    return run_outcome(report, after)
