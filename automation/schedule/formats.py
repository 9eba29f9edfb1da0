"""The exact text of each schedule format. Pure functions: the golden-file tests pin them."""

from __future__ import annotations

import hashlib
import plistlib
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Every = Literal["daily", "weekly", "monthly"]
EVERY: tuple[Every, ...] = ("daily", "weekly", "monthly")
CRON_MARK = "# linkedin-optout:"  # ends every crontab line we own, followed by the profile name


def unit_name(profile: str) -> str:
    """The systemd unit name (without .service/.timer) for a profile."""
    return f"linkedin-optout-{profile}"


@dataclass(frozen=True)
class Job:
    profile: str
    every: Every
    fix: bool  # apply --yes instead of check
    program: tuple[str, ...]  # absolute command that starts the installed tool
    state_dir: Path  # logs and the cron lock live here

    @property
    def argv(self) -> list[str]:
        # --every lets the run tell a stale check (no answer from LinkedIn for two intervals).
        return [*self.program, "scheduled", "--profile", self.profile, "--every", self.every,
                *(["--fix"] if self.fix else [])]

    @property
    def name(self) -> str:
        return unit_name(self.profile)

    @property
    def log(self) -> Path:
        return self.state_dir / "logs" / f"scheduled-{self.profile}.log"

    def slot(self) -> tuple[int, int]:
        """(hour, minute): a fixed time per profile between 09:00 and 11:59, so that many
        installs do not all knock at the same minute, and reinstalling keeps the same time."""
        n = int(hashlib.sha256(self.profile.encode()).hexdigest(), 16)
        return 9 + (n // 60) % 3, n % 60


def systemd_word(word: str, *, command: bool = False) -> str:
    """One ExecStart word: double-quoted when needed, with systemd's own escapes: ``%%`` for a
    literal % (specifiers, in every word) and ``$$`` for a literal $ (environment expansion, which
    systemd applies to the arguments but not to the command path: ``systemd-analyze verify``
    finds no ``$$`` executable)."""
    if word and not any(c in word for c in ' \t"\'\\;'):
        quoted = word
    else:
        quoted = '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'
    quoted = quoted.replace("%", "%%")
    return quoted if command else quoted.replace("$", "$$")


def systemd_service(job: Job) -> str:
    # No After=network-online.target: a --user manager cannot see that system target, so it would
    # order nothing. A machine waking offline is covered instead by the run itself: it retries
    # its page loads, records "unreachable" (never "on") when LinkedIn does not answer, and the
    # timer (Persistent=true) runs again at the next slot.
    what = "turn off and verify" if job.fix else "check (read only)"
    return f"""[Unit]
Description=linkedin-optout: {what} LinkedIn privacy settings (profile {job.profile})

[Service]
Type=oneshot
ExecStart={" ".join(systemd_word(w, command=i == 0) for i, w in enumerate(job.argv))}
# SIGTERM to the tool alone: it finishes the change in flight, writes its record and closes the
# browser itself; the rest of the unit is killed only after TimeoutStopSec.
KillMode=mixed
TimeoutStopSec=60
Nice=10
"""


def systemd_timer(job: Job) -> str:
    calendar = {"daily": "daily", "weekly": "weekly", "monthly": "monthly"}[job.every]
    return f"""[Unit]
Description=linkedin-optout {job.every} re-verification (profile {job.profile})

[Timer]
OnCalendar={calendar}
Persistent=true
RandomizedDelaySec=2h
Unit={job.name}.service

[Install]
WantedBy=timers.target
"""


def cron_line(job: Job) -> str:
    hour, minute = job.slot()
    when = {"daily": f"{minute} {hour} * * *", "weekly": f"{minute} {hour} * * 1",
            "monthly": f"{minute} {hour} 1 * *"}[job.every]
    lock = job.state_dir / f"scheduled-{job.profile}.lock"
    # flock -n: if the last run is still going, skip this one rather than pile up.
    command = (f"flock -n {shlex.quote(str(lock))} {shlex.join(job.argv)} "
               f">> {shlex.quote(str(job.log))} 2>&1")
    # cron turns an unescaped % into a newline (crontab(5)); \% is a literal % and cron drops the
    # backslash. A $ is safe: shlex quotes with single quotes, where sh expands nothing.
    return f"{when} {command.replace('%', chr(92) + '%')} {CRON_MARK}{job.profile}"


def with_cron_line(existing: str, job: Job) -> str:
    """The crontab with our line for this profile replaced or added; every other line kept."""
    kept = [line for line in existing.splitlines() if not line.endswith(f"{CRON_MARK}{job.profile}")]
    return "\n".join([*kept, cron_line(job)]) + "\n"


def without_cron_line(existing: str, profile: str) -> str:
    kept = [line for line in existing.splitlines() if not line.endswith(f"{CRON_MARK}{profile}")]
    return "\n".join(kept) + ("\n" if kept else "")


def launchd_label(profile: str) -> str:
    return f"io.github.linkedin-optout.{profile}"


def launchd_plist(job: Job) -> str:
    hour, minute = job.slot()
    interval: dict[str, int] = {"Hour": hour, "Minute": minute}
    if job.every == "weekly":
        interval["Weekday"] = 1
    elif job.every == "monthly":
        interval["Day"] = 1
    plist = {
        "Label": launchd_label(job.profile),
        "ProgramArguments": job.argv,
        "StartCalendarInterval": interval,  # missed while asleep: launchd runs it on wake
        "StandardOutPath": str(job.log),
        "StandardErrorPath": str(job.log),
        "ProcessType": "Background",
        "RunAtLoad": False,
    }
    return plistlib.dumps(plist, sort_keys=False).decode("utf-8")


def schtasks_name(profile: str) -> str:
    return f"\\linkedin-optout\\{profile}"


SCHTASKS_TR_MAX = 261  # schtasks /Create: "/TR ... The task run command can be up to 261 characters"


def schtasks_command(argv: list[str]) -> str:
    """The /TR string: Windows command-line quoting (a word with a space in double quotes).

    Task Scheduler expands %NAME% in the action, and a double quote cannot be nested in /TR, so a
    path holding either is refused with one line rather than scheduled to run something else.
    A $ means nothing to it and stays as it is.
    """
    for part in argv:
        if "%" in part or '"' in part:
            from automation.errors import SchedulerError

            raise SchedulerError(f"Task Scheduler cannot run a path holding % or \": {part}",
                                 hint="install the tool in a folder without them (pipx install linkedin-optout)")
    command = " ".join(f'"{part}"' if " " in part or "\t" in part or not part else part for part in argv)
    if len(command) > SCHTASKS_TR_MAX:
        from automation.errors import SchedulerError

        raise SchedulerError(f"the command is {len(command)} characters; schtasks /TR takes at most {SCHTASKS_TR_MAX}",
                             hint="install the tool in a shorter path (pipx install linkedin-optout)")
    return command


def schtasks_create(job: Job) -> list[str]:
    hour, minute = job.slot()
    schedule = {"daily": ["/SC", "DAILY"], "weekly": ["/SC", "WEEKLY", "/D", "MON"],
                "monthly": ["/SC", "MONTHLY", "/D", "1"]}[job.every]
    command = schtasks_command(job.argv)
    # /IT: runs only while the person is logged on, with their own (interactive) token.
    return ["schtasks", "/Create", "/TN", schtasks_name(job.profile), "/TR", command, *schedule,
            "/ST", f"{hour:02d}:{minute:02d}", "/IT", "/F"]
