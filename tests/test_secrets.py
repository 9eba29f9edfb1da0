"""No cookie or token value appears in any output, log, report or error of any command.

A canary session (values that match no built-in redaction pattern) is made valid at the demo
site, imported, and used by every command at DEBUG log level; then every byte the commands
printed or wrote outside the browser profile is searched for it.
"""

from __future__ import annotations

import json
import traceback
from pathlib import Path

import pytest
from click.testing import CliRunner

from automation.cli import cli
from automation.demo.site import DemoSite

CANARY_LI_AT = "canary-li-at-7f3a9c2e-DO-NOT-LEAK"
CANARY_CSRF = "canaryjsession4b1d"  # the site checks csrf-token == JSESSIONID without quotes
# `demo` is not in the list: it never reads the person's session (it mints its own at its own
# site), and the suite runs the whole demo once, in tests/test_cli_demo.py.


def scan(text: str, where: str) -> None:
    for canary in (CANARY_LI_AT, CANARY_CSRF):
        assert canary not in text, f"{where} leaked a session value"


def test_no_command_leaks_a_cookie_value(home: Path, via_demo: DemoSite, monkeypatch: pytest.MonkeyPatch,
                                        selftest_passes: None) -> None:
    via_demo.sessions.add(CANARY_LI_AT)
    monkeypatch.setenv("LINKEDIN_OPTOUT_LOG_LEVEL", "DEBUG")
    monkeypatch.setenv("LINKEDIN_LI_AT", CANARY_LI_AT)
    monkeypatch.setenv("LINKEDIN_JSESSIONID", CANARY_CSRF)
    monkeypatch.delenv("DISPLAY", raising=False)
    state_file = home / "state.json"
    state_file.write_text(json.dumps({"cookies": [
        {"name": "li_at", "value": CANARY_LI_AT, "domain": ".www.linkedin.com", "path": "/", "expires": -1,
         "httpOnly": True, "secure": True, "sameSite": "None"},
        {"name": "JSESSIONID", "value": f'"{CANARY_CSRF}"', "domain": ".www.linkedin.com", "path": "/",
         "expires": -1, "httpOnly": False, "secure": True, "sameSite": "None"}], "origins": []}))
    corrupt = home / "corrupt.json"
    corrupt.write_text('{"cookies": [{"name": "li_at", "value": "' + CANARY_LI_AT + '"')

    commands = [
        ["settings"], ["settings", "--json"],
        ["import-session"],
        ["import-session", "--profile", "fromfile", "--storage-state", str(state_file)],
        ["import-session", "--profile", "broken", "--storage-state", str(corrupt)],
        ["whoami"], ["whoami", "--profile", "fromfile"],
        ["check", "--json", "--report", str(home / "out" / "check.json")],
        ["check", "--only", "ai"],
        ["apply", "--yes", "--pace", "0", "--json", "--report", str(home / "out" / "apply.json")],
        ["apply", "--yes", "--pace", "0", "--only", "ads"],
        ["check", "--only", "ai", "--html"], ["scheduled", "--fix"], ["history"], ["history", "--json"],
        ["objection"],
        ["doctor"],  # all its checks but selftest, which opens no profile (see selftest_passes)
        ["capture", "--out", str(home / "captured")],
        ["schedule", "print", "--scheduler", "systemd"],
        ["login"],
        ["logout", "--yes"], ["whoami"],
    ]
    codes: list[tuple[str, int]] = []  # in order: no command overwrites another
    for args in commands:
        result = CliRunner().invoke(cli, args)
        codes.append((" ".join(args), result.exit_code))
        scan(result.output, f"`{' '.join(args)}` output")
        scan(result.stderr, f"`{' '.join(args)}` stderr")
        if result.exc_info and result.exit_code not in (0, 2, 3, 4, 5):
            scan("".join(traceback.format_exception(*result.exc_info)), f"`{' '.join(args)}` traceback")
    # Every command's exit code, in order: the canary session really worked where it should.
    assert [code for _, code in codes] == [
        0, 0,  # settings
        0,  # import-session from the environment
        0,  # import-session from the storage-state file
        2,  # import-session from a corrupt file: bad input
        0, 0,  # whoami, whoami --profile fromfile: signed in
        3, 3,  # check: things are on
        0, 0,  # apply --yes: all turned off
        0, 0, 0, 0,  # check --html, scheduled --fix, history, history --json
        0,  # objection
        0,  # doctor: ready (a missing display only matters to login, which has its own line)
        0,  # capture
        0,  # schedule print
        2,  # login: no display
        0, 5,  # logout --yes, then whoami: signed out
    ], "\n".join(f"{c} {a}" for a, c in codes)

    for path in home.rglob("*"):
        if path.is_file() and "browser" not in path.relative_to(home).parts:
            if path in (state_file, corrupt):
                continue  # the person's own input files
            scan(path.read_text(errors="replace"), str(path))
