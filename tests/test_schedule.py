"""Scheduling: golden files for every format, and install/remove/status in a temporary HOME with
recording stand-ins for systemctl, crontab, launchctl and schtasks (the real scheduler of the
machine running the tests is never touched)."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from automation.cli import cli
from automation.schedule import formats
from automation.schedule.formats import Job
from automation.session.profile import Profile

GOLDEN = Path(__file__).parent / "golden" / "schedule"
JOB = Job(profile="work", every="weekly", fix=True, program=("/opt/linkedin-optout/bin/linkedin-optout",),
          state_dir=Path("/home/ada/.local/state/linkedin-optout"))

RENDER = {
    "systemd.service": lambda job: formats.systemd_service(job),
    "systemd.timer": lambda job: formats.systemd_timer(job),
    "crontab": lambda job: formats.with_cron_line("MAILTO=ada@example.org\n0 1 * * * /usr/bin/backup\n", job),
    "launchd.plist": lambda job: formats.launchd_plist(job),
    "schtasks.txt": lambda job: json.dumps(formats.schtasks_create(job), indent=1) + "\n",
}


# A program path with a space, a % and a $: each format escapes them its own way (systemd %% and
# $$, cron \%, plist XML, and Task Scheduler, which cannot hold a %, gets the path without one).
ODD = Job(profile="work", every="daily", fix=False,
          program=("/home/ada/My Tools/50% off $HOME/bin/linkedin-optout",),
          state_dir=Path("/home/ada/.local/state/linkedin-optout"))
ODD_WINDOWS = Job(profile="work", every="daily", fix=False,
                  program=(r"C:\Users\Ada Lovelace\$tools\linkedin-optout.exe",), state_dir=Path("state"))
CASES = {**{name: (JOB, name) for name in RENDER},
         **{f"odd-path.{name}": (ODD_WINDOWS if name == "schtasks.txt" else ODD, name) for name in RENDER}}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str) -> None:
    """Set UPDATE_GOLDEN=1 to rewrite after an intended change, then review the diff."""
    job, render = CASES[name]
    got = RENDER[render](job)
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(got)
    assert got == path.read_text()


@pytest.mark.parametrize("every", formats.EVERY)
def test_every_interval_is_in_every_format(every: str) -> None:
    job = Job(**{**JOB.__dict__, "every": every})
    assert f"OnCalendar={every}" in formats.systemd_timer(job)
    cron = formats.cron_line(job).split()[:5]
    assert {"daily": cron[2:] == ["*", "*", "*"], "weekly": cron[4] == "1", "monthly": cron[2] == "1"}[every]
    plist = formats.launchd_plist(job)
    assert ("<key>Weekday</key>" in plist) == (every == "weekly") and ("<key>Day</key>" in plist) == (every == "monthly")
    assert formats.schtasks_create(job)[formats.schtasks_create(job).index("/SC") + 1] == every.upper()


STAND_IN = """#!{python}
import json, os, sys
name = os.path.basename(sys.argv[0])
with open(os.environ["SCHED_LOG"], "a") as log:
    log.write(json.dumps([name, *sys.argv[1:]]) + "\\n")
store = os.path.join(os.environ["SCHED_DIR"], "crontab.txt")
if name == "crontab" and sys.argv[1:] == ["-l"]:
    if not os.path.exists(store):
        sys.stderr.write("no crontab for user\\n"); sys.exit(1)
    sys.stdout.write(open(store).read())
elif name == "crontab" and sys.argv[1:] == ["-"]:
    open(store, "w").write(sys.stdin.read())
elif name == "systemctl" and "show-environment" in sys.argv:
    sys.exit(int(os.environ.get("SCHED_NO_SYSTEMD", "0")))
elif name == "systemctl" and "list-timers" in sys.argv:
    print("NEXT LEFT LAST PASSED UNIT " + os.environ["SCHED_ANSWER"])
elif name == "schtasks" and "/Query" in sys.argv:
    print("TaskName: noise-" + os.environ["SCHED_ANSWER"])
    print("Next Run Time: " + os.environ["SCHED_ANSWER"])
    print("Status: Ready")
"""
# What a stand-in scheduler answers to a query: the tests check that `status` asked the right
# question (argv) and relayed this answer, never text the project could not have produced itself.
ANSWER = "answer-7f3c"


@pytest.fixture
def sched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict:
    """A temp HOME and PATH stand-ins that record every call."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in ("systemctl", "crontab", "launchctl", "schtasks"):
        tool = bin_dir / name
        tool.write_text(STAND_IN.format(python=sys.executable))
        tool.chmod(0o755)
    home = tmp_path / "home"
    home.mkdir()
    for var, value in {"HOME": home, "XDG_CONFIG_HOME": home / ".config", "XDG_DATA_HOME": home / "data",
                       "XDG_STATE_HOME": home / "state", "SCHED_LOG": tmp_path / "calls.jsonl",
                       "SCHED_DIR": tmp_path, "SCHED_ANSWER": ANSWER,
                       "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}.items():
        monkeypatch.setenv(var, str(value))
    monkeypatch.chdir(tmp_path)
    Profile("work").create()

    def calls() -> list[list[str]]:
        log = tmp_path / "calls.jsonl"
        return [json.loads(x) for x in log.read_text().splitlines()] if log.exists() else []

    return {"home": home, "calls": calls, "crontab": tmp_path / "crontab.txt"}


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_systemd_install_status_remove(sched: dict) -> None:
    done = invoke("schedule", "install", "--profile", "work", "--every", "daily", "--fix")
    assert done.exit_code == 0, done.output
    units = sched["home"] / ".config" / "systemd" / "user"
    timer, service = units / "linkedin-optout-work.timer", units / "linkedin-optout-work.service"
    assert "Persistent=true" in timer.read_text() and "RandomizedDelaySec=" in timer.read_text()
    exec_start = next(x for x in service.read_text().splitlines() if x.startswith("ExecStart="))
    program = exec_start.removeprefix("ExecStart=").split()[0]
    assert Path(program).is_absolute() and exec_start.endswith("scheduled --profile work --every daily --fix")
    assert ["systemctl", "--user", "enable", "--now", "linkedin-optout-work.timer"] in sched["calls"]()

    status = invoke("schedule", "status", "--profile", "work")
    assert ["systemctl", "--user", "list-timers", "--all", "--no-pager", "linkedin-optout-work.timer"] \
        in sched["calls"]()
    assert "systemd: installed" in status.output and ANSWER in status.output
    assert "last scheduled run: none yet" in status.output

    removed = invoke("schedule", "remove", "--profile", "work")
    assert removed.exit_code == 0 and not timer.exists() and not service.exists()
    assert ["systemctl", "--user", "disable", "--now", "linkedin-optout-work.timer"] in sched["calls"]()


def test_cron_is_the_fallback_and_keeps_other_lines(sched: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCHED_NO_SYSTEMD", "1")  # no systemd user instance answers
    sched["crontab"].write_text("MAILTO=ada@example.org\n0 1 * * * /usr/bin/backup\n")
    assert invoke("schedule", "install", "--profile", "work").exit_code == 0
    lines = sched["crontab"].read_text().splitlines()
    assert lines[:2] == ["MAILTO=ada@example.org", "0 1 * * * /usr/bin/backup"]
    assert "flock -n" in lines[2] and lines[2].endswith("# linkedin-optout:work") and " 1 " in lines[2][:12]
    assert invoke("schedule", "install", "--profile", "work").exit_code == 0  # again: replaced, not doubled
    assert len(sched["crontab"].read_text().splitlines()) == 3
    assert "cron: installed" in invoke("schedule", "status", "--profile", "work").output
    assert invoke("schedule", "remove", "--profile", "work").exit_code == 0
    assert sched["crontab"].read_text().splitlines() == ["MAILTO=ada@example.org", "0 1 * * * /usr/bin/backup"]


def test_launchd_install_and_remove(sched: dict) -> None:
    assert invoke("schedule", "install", "--profile", "work", "--scheduler", "launchd").exit_code == 0
    plist = sched["home"] / "Library" / "LaunchAgents" / "io.github.linkedin-optout.work.plist"
    assert "<string>scheduled</string>" in plist.read_text()
    assert any(c[:2] == ["launchctl", "bootstrap"] and c[-1] == str(plist) for c in sched["calls"]())
    assert invoke("schedule", "remove", "--profile", "work", "--scheduler", "launchd").exit_code == 0
    assert not plist.exists() and any(c[:2] == ["launchctl", "bootout"] for c in sched["calls"]())


def test_schtasks_install_status_remove(sched: dict) -> None:
    assert invoke("schedule", "install", "--profile", "work", "--scheduler", "schtasks").exit_code == 0
    create = next(c for c in sched["calls"]() if c[:2] == ["schtasks", "/Create"])
    assert "/IT" in create and create[create.index("/TN") + 1] == "\\linkedin-optout\\work"
    status = invoke("schedule", "status", "--profile", "work", "--scheduler", "schtasks").output
    assert ["schtasks", "/Query", "/TN", "\\linkedin-optout\\work", "/FO", "LIST", "/V"] in sched["calls"]()
    assert f"Next Run Time: {ANSWER}" in status and f"noise-{ANSWER}" not in status  # only the lines that matter
    assert invoke("schedule", "remove", "--profile", "work", "--scheduler", "schtasks").exit_code == 0
    assert ["schtasks", "/Delete", "/TN", "\\linkedin-optout\\work", "/F"] in sched["calls"]()


def test_print_changes_nothing(sched: dict) -> None:
    done = invoke("schedule", "print", "--profile", "work", "--scheduler", "systemd")
    assert "OnCalendar=weekly" in done.output and "--- run: systemctl --user enable" in done.output
    assert not (sched["home"] / ".config" / "systemd").exists()
    assert [c for c in sched["calls"]() if "enable" in c or "daemon-reload" in c] == []


def test_install_without_a_profile_says_how_to_sign_in(sched: dict) -> None:
    done = CliRunner().invoke(cli, ["schedule", "install", "--profile", "nobody"])
    assert done.exit_code == 5 and "linkedin-optout login" in done.output


def test_a_scheduler_that_fails_is_one_line(sched: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = Path(os.environ["PATH"].split(os.pathsep)[0]) / "systemctl"
    broken.write_text("#!/bin/sh\n[ \"$2\" = show-environment ] && exit 0\necho 'Failed to connect to bus' >&2\nexit 1\n")
    done = CliRunner().invoke(cli, ["schedule", "install", "--profile", "work"])
    assert done.exit_code == 2 and "Failed to connect to bus" in done.output
    assert "Traceback" not in done.output


def test_the_program_path_is_absolute() -> None:
    from automation.flows.keeping import program

    assert all(Path(p).is_absolute() for p in program()[:1])
    assert stat.S_ISREG(Path(program()[0]).stat().st_mode)


def test_print_on_a_machine_with_no_scheduler_shows_the_usual_one_and_says_so(sched: dict, monkeypatch) -> None:
    bin_dir = Path(os.environ["PATH"].split(os.pathsep)[0])
    (bin_dir / "crontab").unlink()
    monkeypatch.setenv("SCHED_NO_SYSTEMD", "1")
    monkeypatch.setenv("PATH", str(bin_dir))  # no crontab anywhere, systemctl without a user instance
    done = invoke("schedule", "print", "--profile", "work")
    assert done.exit_code == 0, done.output
    first, *rest = done.output.splitlines()
    assert first.startswith("no scheduler answers here (no scheduler found") and "for systemd" in first
    assert rest[0] == "scheduler: systemd" and any(x.startswith("OnCalendar=weekly") for x in rest)


def test_install_on_a_machine_with_no_scheduler_still_refuses_with_one_line(sched: dict, monkeypatch) -> None:
    bin_dir = Path(os.environ["PATH"].split(os.pathsep)[0])
    (bin_dir / "crontab").unlink()
    monkeypatch.setenv("SCHED_NO_SYSTEMD", "1")
    monkeypatch.setenv("PATH", str(bin_dir))
    done = CliRunner().invoke(cli, ["schedule", "install", "--profile", "work"])
    assert done.exit_code == 2 and "no scheduler found" in done.output
