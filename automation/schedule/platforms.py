"""Each platform's scheduler: what installing means (files and commands), and doing it.

Every external command goes through ``_run``, found on PATH: the tests put recording stand-ins
for systemctl, crontab, launchctl and schtasks there, so the machine's real scheduler is never
touched by them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from automation.errors import SchedulerError
from automation.schedule import formats
from automation.schedule.formats import Job

SCHEDULERS = ("systemd", "cron", "launchd", "schtasks")


@dataclass
class Plan:
    scheduler: str
    files: dict[Path, str] = field(default_factory=dict)  # written on install
    commands: list[list[str]] = field(default_factory=list)  # run on install, in order
    crontab: str | None = None  # the whole new crontab (cron only)

    def describe(self) -> str:
        parts = [f"scheduler: {self.scheduler}"]
        for path, text in self.files.items():
            parts.append(f"--- write {path}\n{text.rstrip()}")
        if self.crontab is not None:
            parts.append(f"--- install this crontab (crontab -)\n{self.crontab.rstrip()}")
        for command in self.commands:
            parts.append(f"--- run: {' '.join(command)}")
        return "\n".join(parts)


def _run(command: list[str], *, stdin: str | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    if shutil.which(command[0]) is None:
        raise SchedulerError(f"{command[0]} is not installed or not on PATH")
    done = subprocess.run(command, input=stdin, capture_output=True, text=True, timeout=60)
    if check and done.returncode != 0:
        why = (done.stderr or done.stdout).strip().splitlines()
        raise SchedulerError(f"`{' '.join(command[:3])}` failed: {why[0] if why else f'exit {done.returncode}'}")
    return done


def detect() -> str:
    """The scheduler for this machine: launchd on macOS, schtasks on Windows; on Linux systemd
    when a user instance answers, else cron."""
    if sys.platform == "darwin":
        return "launchd"
    if sys.platform == "win32":
        return "schtasks"
    if shutil.which("systemctl"):
        probe = subprocess.run(["systemctl", "--user", "show-environment"], capture_output=True, timeout=15)
        if probe.returncode == 0:
            return "systemd"
    if shutil.which("crontab"):
        return "cron"
    raise SchedulerError("no scheduler found: neither a systemd user instance nor crontab "
                         "(install cron, or enable systemd user sessions)")


def usual() -> str:
    """The scheduler this platform normally has, whether or not it answers here."""
    return {"darwin": "launchd", "win32": "schtasks"}.get(sys.platform, "systemd")


def _home() -> Path:
    return Path(os.environ.get("HOME") or Path.home())


def systemd_dir() -> Path:
    config = os.environ.get("XDG_CONFIG_HOME") or str(_home() / ".config")
    return Path(config) / "systemd" / "user"


def launchd_path(profile: str) -> Path:
    return _home() / "Library" / "LaunchAgents" / f"{formats.launchd_label(profile)}.plist"


def plan(scheduler: str, job: Job, *, current_crontab: str = "") -> Plan:
    if scheduler == "systemd":
        unit = systemd_dir() / job.name
        return Plan("systemd", files={unit.with_suffix(".service"): formats.systemd_service(job),
                                      unit.with_suffix(".timer"): formats.systemd_timer(job)},
                    commands=[["systemctl", "--user", "daemon-reload"],
                              ["systemctl", "--user", "enable", "--now", f"{job.name}.timer"]])
    if scheduler == "cron":
        return Plan("cron", crontab=formats.with_cron_line(current_crontab, job))
    if scheduler == "launchd":
        path = launchd_path(job.profile)
        return Plan("launchd", files={path: formats.launchd_plist(job)},
                    commands=[["launchctl", "bootout", f"gui/{_uid()}/{formats.launchd_label(job.profile)}"],
                              ["launchctl", "bootstrap", f"gui/{_uid()}", str(path)]])
    if scheduler == "schtasks":
        return Plan("schtasks", commands=[formats.schtasks_create(job)])
    raise SchedulerError(f"unknown scheduler {scheduler!r}: choose one of {', '.join(SCHEDULERS)}")


def _uid() -> int:
    return os.getuid() if hasattr(os, "getuid") else 0


def read_crontab() -> str:
    done = _run(["crontab", "-l"], check=False)
    return done.stdout if done.returncode == 0 else ""  # "no crontab for user" is exit 1


def install(p: Plan) -> None:
    for path, text in p.files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if p.crontab is not None:
        _run(["crontab", "-"], stdin=p.crontab)
    for command in p.commands:
        # bootout of a job that is not loaded yet fails harmlessly; everything else must work
        _run(command, check=command[:2] != ["launchctl", "bootout"])


def remove(scheduler: str, profile: str) -> list[str]:
    """Undo ``install``. Returns what was removed (empty: nothing was installed)."""
    removed: list[str] = []
    if scheduler == "systemd":
        name = formats.unit_name(profile)
        units = [systemd_dir() / f"{name}.timer", systemd_dir() / f"{name}.service"]
        if any(u.exists() for u in units):
            _run(["systemctl", "--user", "disable", "--now", f"{name}.timer"], check=False)
            for unit in units:
                if unit.exists():
                    unit.unlink()
                    removed.append(str(unit))
            _run(["systemctl", "--user", "daemon-reload"])
    elif scheduler == "cron":
        current = read_crontab()
        remaining = formats.without_cron_line(current, profile)
        if remaining != current:
            _run(["crontab", "-"], stdin=remaining)
            removed.append(f"crontab line {formats.CRON_MARK}{profile}")
    elif scheduler == "launchd":
        path = launchd_path(profile)
        if path.exists():
            _run(["launchctl", "bootout", f"gui/{_uid()}/{formats.launchd_label(profile)}"], check=False)
            path.unlink()
            removed.append(str(path))
    elif scheduler == "schtasks":
        done = _run(["schtasks", "/Delete", "/TN", formats.schtasks_name(profile), "/F"], check=False)
        if done.returncode == 0:
            removed.append(f"task {formats.schtasks_name(profile)}")
    else:
        raise SchedulerError(f"unknown scheduler {scheduler!r}: choose one of {', '.join(SCHEDULERS)}")
    return removed


def status(scheduler: str, profile: str) -> tuple[bool, str]:
    """(installed?, what the scheduler says about the next run)."""
    if scheduler == "systemd":
        timer = f"{formats.unit_name(profile)}.timer"
        if not (systemd_dir() / timer).exists():
            return False, ""
        done = _run(["systemctl", "--user", "list-timers", "--all", "--no-pager", timer], check=False)
        return True, done.stdout.strip()
    if scheduler == "cron":
        line = next((x for x in read_crontab().splitlines() if x.endswith(f"{formats.CRON_MARK}{profile}")), None)
        return line is not None, f"crontab: {' '.join(line.split()[:5])} (minute hour day month weekday)" if line else ""
    if scheduler == "launchd":
        if not launchd_path(profile).exists():
            return False, ""
        done = _run(["launchctl", "print", f"gui/{_uid()}/{formats.launchd_label(profile)}"], check=False)
        return True, "loaded in launchd" if done.returncode == 0 else "plist present but not loaded"
    if scheduler == "schtasks":
        done = _run(["schtasks", "/Query", "/TN", formats.schtasks_name(profile), "/FO", "LIST", "/V"], check=False)
        if done.returncode != 0:
            return False, ""
        return True, "\n".join(x for x in done.stdout.splitlines() if x.startswith(("Next Run Time", "Status")))
    raise SchedulerError(f"unknown scheduler {scheduler!r}: choose one of {', '.join(SCHEDULERS)}")
