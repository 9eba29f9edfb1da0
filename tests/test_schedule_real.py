"""The schedule formats checked by the real tools where this machine has them.

`make test` installs Debian's systemd (for systemd-analyze) and cron (for crontab) when it runs as
root and they are missing (scripts/test_tools.sh). A test whose tool is absent is skipped with
the reason; none passes without having checked.
"""

from __future__ import annotations

import os
import plistlib
import re
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from automation.schedule import formats
from automation.schedule.formats import EVERY, Job

ROOT = Path(__file__).resolve().parent.parent


def _needs(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed here (make test installs it as root on Debian)")
    return path


@pytest.fixture
def odd_program(tmp_path: Path) -> Path:
    """A real executable whose path holds a space, a % and a $: every format must escape them."""
    folder = tmp_path / "Program Files" / "50% off $HOME"
    folder.mkdir(parents=True)
    program = folder / "linkedin-optout"
    program.write_text("#!/bin/sh\nexit 0\n")
    program.chmod(0o755)
    return program


def _job(program: Path, every: str = "weekly", state: Path | None = None) -> Job:
    return Job(profile="work", every=every, fix=True, program=(str(program),),
               state_dir=state or program.parent / "state")


@pytest.mark.parametrize("every", EVERY)
def test_every_generated_systemd_unit_passes_systemd_analyze_verify(every: str, odd_program: Path, tmp_path: Path) -> None:
    analyze = _needs("systemd-analyze")
    units = tmp_path / "units"
    units.mkdir()
    job = _job(odd_program, every)
    (units / f"{job.name}.service").write_text(formats.systemd_service(job))
    (units / f"{job.name}.timer").write_text(formats.systemd_timer(job))
    done = subprocess.run([analyze, "verify", "--man=no", str(units / f"{job.name}.service"), str(units / f"{job.name}.timer")],
                          capture_output=True, text=True, timeout=60, env={**os.environ, "SYSTEMD_LOG_LEVEL": "warning"})
    ours = [line for line in done.stderr.splitlines() if job.name in line or "ExecStart" in line]
    assert done.returncode == 0 and not ours, done.stderr


@pytest.mark.parametrize("every", EVERY)
def test_every_oncalendar_is_understood_by_systemd_analyze_calendar(every: str, odd_program: Path) -> None:
    analyze = _needs("systemd-analyze")
    calendar = re.search(r"^OnCalendar=(.*)$", formats.systemd_timer(_job(odd_program, every)), re.M).group(1)
    done = subprocess.run([analyze, "calendar", calendar], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    assert "Next elapse:" in done.stdout


def test_a_user_unit_orders_nothing_after_a_system_target_it_cannot_see(odd_program: Path) -> None:
    service = formats.systemd_service(_job(odd_program))
    assert "network-online.target" not in service and "After=" not in service


def test_the_execstart_escapes_percent_everywhere_and_dollar_in_arguments(odd_program: Path) -> None:
    word = formats.systemd_word("--note=$HOME 100%")
    assert word == '"--note=$$HOME 100%%"'

    line = next(x for x in formats.systemd_service(_job(odd_program)).splitlines() if x.startswith("ExecStart="))
    assert line == 'ExecStart="' + str(odd_program).replace("%", "%%") + '" scheduled --profile work --every weekly --fix'


@pytest.fixture
def throwaway_user(tmp_path: Path):
    """A fresh local user with its own HOME, deleted afterwards (its crontab too)."""
    if os.geteuid() != 0 or not shutil.which("useradd"):
        pytest.skip("a throw-away user needs root and useradd")
    _needs("crontab")
    name = f"lo{uuid.uuid4().hex[:8]}"
    home = tmp_path / "home"
    subprocess.run(["useradd", "--home-dir", str(home), "--create-home", "--shell", "/bin/sh", name], check=True)
    tmp_path.chmod(0o755)
    try:
        yield name, home
    finally:
        subprocess.run(["crontab", "-r", "-u", name], capture_output=True)
        subprocess.run(["userdel", "--remove", name], capture_output=True)


def _crontab_of(user: str, folder: Path) -> Path:
    """A `crontab` first on PATH that runs the real binary on ``user``'s crontab (root's `-u`):
    the project's code runs unchanged, the real crontab does the work, root's own is untouched."""
    wrapper = folder / "crontab"
    wrapper.write_text(f"#!/bin/sh\nexec {shutil.which('crontab')} -u {user} \"$@\"\n")
    wrapper.chmod(0o755)
    return folder


def test_cron_install_and_remove_go_through_the_real_crontab_and_keep_other_lines(throwaway_user, tmp_path: Path) -> None:
    user, home = throwaway_user
    real = shutil.which("crontab")
    theirs = "MAILTO=ada@example.org\n0 1 * * * /usr/bin/backup --50\\% off\n"
    subprocess.run([real, "-u", user, "-"], input=theirs, text=True, check=True)
    bin_dir = _crontab_of(user, tmp_path)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "HOME": str(home),
           "XDG_STATE_HOME": str(home / ".local" / "state"), "XDG_DATA_HOME": str(home / ".local" / "share"),
           "XDG_CONFIG_HOME": str(home / ".config")}
    cli = [sys.executable, "-m", "automation", "schedule"]
    made = subprocess.run([sys.executable, "-c", "from automation.session.profile import Profile; Profile('work').create()"],
                          env=env, cwd=ROOT, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr

    done = subprocess.run([*cli, "install", "--scheduler", "cron", "--every", "daily", "--profile", "work"],
                          env=env, cwd=home, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    listed = subprocess.run([real, "-u", user, "-l"], capture_output=True, text=True).stdout
    assert listed.startswith(theirs)
    ours = [x for x in listed.splitlines() if x.endswith(f"{formats.CRON_MARK}work")]
    assert len(ours) == 1 and " scheduled --profile work" in ours[0]

    done = subprocess.run([*cli, "remove", "--scheduler", "cron", "--profile", "work"],
                          env=env, cwd=home, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert subprocess.run([real, "-u", user, "-l"], capture_output=True, text=True).stdout == theirs


def test_cron_escapes_percent_and_keeps_dollar_inside_single_quotes(odd_program: Path) -> None:
    line = formats.cron_line(_job(odd_program))
    command = line.split(" ", 5)[5]
    assert "%" not in command.replace("\\%", "")
    assert "'" + str(odd_program).replace("%", "\\%") + "'" in command


def test_the_launchd_plist_parses_and_has_what_launchd_needs(odd_program: Path) -> None:
    for every in EVERY:
        job = _job(odd_program, every)
        plist = plistlib.loads(formats.launchd_plist(job).encode())
        assert plist["Label"] == formats.launchd_label("work")
        assert plist["ProgramArguments"] == job.argv and Path(plist["ProgramArguments"][0]).is_absolute()
        interval = plist["StartCalendarInterval"]
        assert set(interval) <= {"Minute", "Hour", "Day", "Weekday", "Month"}
        assert 0 <= interval["Hour"] <= 23 and 0 <= interval["Minute"] <= 59
        assert {"daily": set(), "weekly": {"Weekday"}, "monthly": {"Day"}}[every] == set(interval) - {"Hour", "Minute"}
        assert plist["StandardOutPath"] == str(job.log)


# schtasks /Create, as documented (learn.microsoft.com/windows-server/administration/windows-commands/schtasks-create)
SCHTASKS_CREATE = {"/S", "/U", "/P", "/RU", "/RP", "/SC", "/MO", "/D", "/M", "/I", "/TN", "/TR", "/ST", "/RI",
                   "/ET", "/DU", "/K", "/SD", "/ED", "/EC", "/IT", "/NP", "/Z", "/XML", "/V1", "/F", "/RL", "/DELAY"}
TAKES_VALUE = {"/S", "/U", "/P", "/RU", "/RP", "/SC", "/MO", "/D", "/M", "/I", "/TN", "/TR", "/ST", "/RI", "/ET",
               "/DU", "/SD", "/ED", "/EC", "/XML", "/RL", "/DELAY"}
DAYS = {"MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"}


@pytest.mark.parametrize("every", EVERY)
def test_the_schtasks_command_line_uses_only_documented_switches(every: str, tmp_path: Path) -> None:
    program = tmp_path / "Program Files" / "$tool" / "linkedin-optout.exe"
    argv = formats.schtasks_create(_job(program, every))
    assert argv[:2] == ["schtasks", "/Create"]
    switches: dict[str, str | None] = {}
    i = 2
    while i < len(argv):
        switch = argv[i].upper()
        assert switch in SCHTASKS_CREATE, switch
        value = argv[i + 1] if switch in TAKES_VALUE else None
        switches[switch] = value
        i += 2 if value is not None else 1
    assert switches["/SC"] in {"DAILY", "WEEKLY", "MONTHLY"}
    assert re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", switches["/ST"])
    if every == "weekly":
        assert switches["/D"] in DAYS
    if every == "monthly":
        assert 1 <= int(switches["/D"]) <= 31
    assert switches["/TR"].startswith(f'"{program}" scheduled') and len(switches["/TR"]) <= 261
    assert switches["/TN"].startswith("\\")


def test_schtasks_refuses_a_path_task_scheduler_would_expand(tmp_path: Path) -> None:
    from automation.schedule.platforms import SchedulerError

    with pytest.raises(SchedulerError, match="cannot run a path holding %"):
        formats.schtasks_create(_job(tmp_path / "%APPDATA%" / "linkedin-optout.exe"))
