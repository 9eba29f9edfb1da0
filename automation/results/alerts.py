"""Alerts when a run needs the person: drift, signed out or challenged, a page that changed, a
setting left on. A desktop notification where one is available, and any target ``apprise``
supports (``pip install 'linkedin-optout[notify]'``). Alerts carry setting ids and statuses only:
no cookie, token or URL of the person's targets is ever printed.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from collections.abc import Sequence
from urllib.parse import urlsplit

from automation.redact import register
from automation.results.report import FINE, ExitCode, RunReport, UnlistedSwitch
from automation.results.words import adopt_command

log = logging.getLogger(__name__)
# Not UNREACHABLE: a laptop that wakes offline is not a setting that is on. A scheduled run alerts
# instead when the last check that reached LinkedIn grows too old (cooldown.py, stale_since).
ALERT_CODES = {ExitCode.NOT_OFF, ExitCode.PAGE_CHANGED, ExitCode.SESSION}


def reasons(report: RunReport, fresh: Sequence[UnlistedSwitch] = ()) -> list[str]:
    """Why this run deserves an alert (empty: it does not). ``fresh``: unlisted switches on now and
    never seen on before (history.mark_unlisted), each alerted once."""
    found = [f"drift: {r.setting} {r.drift}" for r in report.drifted()]
    found += [f"LinkedIn added a setting this tool does not know: \"{u.label}\" on {u.title or 'a page'} "
              f"({u.page}). It is ON." + (f" To have it turned off on every run: {command}"
                                          if (command := adopt_command(report, u.page)) else "")
              for u in fresh]
    if report.policy is not None and report.policy.changed_from is not None:
        found.append(f"LinkedIn's privacy policy changed: now dated {report.policy.effective} "
                     f"(was {report.policy.changed_from}). Read it: {report.policy.url}")
    if report.halted is not None:
        found.append(report.halted.message)
    if report.exit_code in ALERT_CODES:
        problems = [f"{r.setting} {r.status.value}" for r in report.results if r.status not in FINE]
        if problems:  # else the halt (above) is the reason
            found.append(f"exit code {report.exit_code}: " + ", ".join(problems))
    return found


def compose(report: RunReport, why: list[str]) -> tuple[str, str]:
    title = f"linkedin-optout: {report.mode} needs attention" + (f" ({report.profile})" if report.profile else "")
    body = "\n".join([*why, report.summary(), "Run `linkedin-optout check` to see details."])
    return title, body


def desktop(title: str, body: str) -> bool:
    """Best effort; False where no notifier exists (say, a server without a session bus)."""
    if sys.platform == "darwin" and shutil.which("osascript"):
        script = f"display notification {_applescript(body)} with title {_applescript(title)}"
        command = ["osascript", "-e", script]
    elif shutil.which("notify-send"):
        command = ["notify-send", "--app-name=linkedin-optout", title, body]
    else:
        return False
    try:
        return subprocess.run(command, capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def _applescript(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def send(urls: list[str], title: str, body: str) -> list[str]:
    """Send to each apprise URL. Returns warnings (never containing a URL: they hold tokens)."""
    if not urls:
        return []
    for url in urls:
        register(url)  # webhook URLs are secrets: keep them out of logs
    try:
        import apprise
    except ImportError:
        return ["--notify needs apprise: pip install 'linkedin-optout[notify]'"]
    warnings = []
    for url in urls:
        scheme = urlsplit(url).scheme or "?"
        sender = apprise.Apprise()
        if not sender.add(url):
            warnings.append(f"not a notification target apprise understands ({scheme}://…)")
        elif not sender.notify(title=title, body=body):
            warnings.append(f"the {scheme}:// alert could not be delivered")
    return warnings
