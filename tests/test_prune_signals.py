"""Ctrl-C and SIGTERM during `prune --delete`, with real signals to a real process: the deletion
in flight finishes and is verified, nothing new starts, and the ledger, the report and the history
keep what was done (exit 130 or 143)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from automation.exit_codes import ExitCode
from automation.review import ledger as records
from automation.review.synthetic import build
from tests.test_signals import ROOT, _browsers_under, _env, _no_browser_outlives, _wait_for

pytestmark = pytest.mark.browser

DRIVER = ROOT / "tests" / "helpers" / "prune_on_demo.py"


@pytest.mark.parametrize("name,code", [("SIGINT", ExitCode.INTERRUPTED), ("SIGTERM", ExitCode.TERMINATED)])
def test_a_signal_mid_deletion_finishes_it_and_keeps_the_ledger(tmp_path: Path, name: str, code: int) -> None:
    export = tmp_path / "export.zip"
    export.write_bytes(build("complete").data)
    report = tmp_path / "out" / "prune.json"
    proc = subprocess.Popen(
        [sys.executable, str(DRIVER), json.dumps({"delete_delay": 2.0}), "--", "prune", str(export), "--kind", "old",
         "--delete", "--yes", "4", "--pace", "0", "--report", str(report)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(tmp_path), cwd=tmp_path)
    _wait_for(proc, " deleting")  # the first deletion's request is in flight (it takes 2 s to answer)
    browsers = _browsers_under(proc)
    proc.send_signal(getattr(signal, name))
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == code, err
    assert "Traceback" not in err
    data = json.loads(report.read_text())
    statuses = [i["status"] for i in data["items"]]
    assert statuses[0] == "deleted", data["items"][0]  # finished and verified by its reload
    assert set(statuses[1:]) == {"skipped"} and data["interrupted"] == name and data["exit_code"] == code
    ledger = records.load(tmp_path / "state" / "linkedin-optout" / "prune" / "ledger-default.jsonl")
    assert [e.status for e in ledger.entries.values()] == [records.DELETED]
    history = (tmp_path / "state" / "linkedin-optout" / "history.jsonl").read_text().splitlines()
    assert json.loads(history[-1])["details"]["deleted"] == "1"
    _no_browser_outlives(browsers)
