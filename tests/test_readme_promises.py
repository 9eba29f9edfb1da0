"""What the README promises, each checked once where no other test does.

Through the command line or the library call, against the demo site; each test says which
sentence of the README it holds to.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from automation.catalogue.loader import load_catalogue
from automation.cli import cli
from automation.demo.site import DemoSite
from automation.errors import BrowserNotFoundError
from automation.results.report import ExitCode, RunReport, Status
from automation.session import browser
from automation.session.profile import Profile

from .test_keep_it_off import alert_target, history_file, invoke, signed_in  # noqa: F401 (fixtures)

ROOT = Path(__file__).resolve().parent.parent
CATEGORIES = ("/mypreferences/d/categories/privacy", "/mypreferences/d/categories/ads")
UNLISTED_PATH = "/mypreferences/d/settings/ai-hiring-assistant"  # the demo's page no map covers

# --- "A wrong value stops with one line naming the variable." ----------------------------------------

WRONG = [
    ("PROFILE", "../x", ["check", "--only", "ai-training"]),
    ("HEADLESS", "maybe", ["check", "--only", "ai-training"]),
    ("PACE", "banana", ["apply", "--yes", "--only", "ai-training"]),  # a command refuses only values it uses
    ("CONCURRENCY", "0", ["check", "--only", "ai-training"]),
    ("LOG_LEVEL", "LOUD", ["check", "--only", "ai-training"]),
    ("BROWSER", "/nonexistent/chrome", ["selftest"]),  # the command that needs no profile to start one
    ("REPORT_DIR", "{file}", ["check", "--only", "ai-training"]),
    ("SELECTORS", "/nonexistent/maps", ["settings"]),
    ("NOTIFY", "nonsense", ["check", "--only", "ai-training"]),
]


@pytest.mark.parametrize("name,value,command", WRONG)
def test_a_wrong_value_is_one_line_that_names_its_variable(home: Path, monkeypatch: pytest.MonkeyPatch, name: str,
                                                          value: str, command: list[str]) -> None:
    (home / "a-file").write_text("not a folder")
    monkeypatch.setenv(f"LINKEDIN_OPTOUT_{name}", value.format(file=home / "a-file"))
    done = CliRunner().invoke(cli, command)
    lines = done.output.strip().splitlines()
    assert done.exit_code == 2, done.output
    assert len(lines) == 1 and f"LINKEDIN_OPTOUT_{name}" in lines[0], done.output


# --- "1: a bug: please report it with the traceback" -------------------------------------------------


def test_a_bug_exits_1_with_its_traceback(home: Path) -> None:
    bug = ("import automation.results.terminal as terminal\n"
           "def table(catalogue):\n    raise RuntimeError('a bug in the table')\n"
           "terminal.catalogue_table = table\n"
           "from automation.cli import main\nmain(['settings'])\n")
    done = subprocess.run([sys.executable, "-c", bug], capture_output=True, text=True, timeout=60, cwd=home,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 1, done.stderr
    assert "Traceback (most recent call last)" in done.stderr and "RuntimeError: a bug in the table" in done.stderr


# --- "Order: LINKEDIN_OPTOUT_BROWSER, then Playwright's own Chromium, then the usual Chrome" ---------


def test_the_browser_is_chosen_in_the_order_the_readme_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def executable(name: str) -> str:
        path = tmp_path / name
        path.write_text("#!/bin/sh\n")
        path.chmod(0o755)
        return str(path)

    named, managed, system = executable("named-chrome"), executable("playwright-chromium"), executable("chromium")
    monkeypatch.setattr(browser, "system_browsers", lambda: [system])
    monkeypatch.setenv(browser.ENV_VAR, named)
    assert browser.choose(managed) == named, "the variable first"
    monkeypatch.delenv(browser.ENV_VAR)
    assert browser.choose(managed) is None, "then Playwright's own Chromium (None: launch it)"
    assert browser.choose(str(tmp_path / "not-installed")) == system, "then a system Chrome or Chromium"
    monkeypatch.setattr(browser, "system_browsers", lambda: [])
    with pytest.raises(BrowserNotFoundError):
        browser.choose(str(tmp_path / "not-installed"))


# --- "LINKEDIN_OPTOUT_REPORT_DIR moves it" -------------------------------------------------------------


def test_the_report_folder_follows_linkedin_optout_report_dir(home: Path, signed_in, via_demo: DemoSite,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINKEDIN_OPTOUT_REPORT_DIR", str(home / "my-reports"))
    done = invoke("check", "--only", "ai-training", "--json", "--quiet", "--html")
    assert done.exit_code == 0, done.output
    run_dir = Path(RunReport.model_validate_json(done.stdout).run_dir or "")
    assert run_dir.parent == home / "my-reports" and (run_dir / "report.html").is_file()
    assert stat.S_IMODE(run_dir.stat().st_mode) == 0o700
    assert not (home / "state" / "linkedin-optout" / "reports").exists(), "nothing in the default folder"


# --- "The scheduled run never prompts, takes the profile lock" ---------------------------------------


def test_the_scheduled_run_takes_the_profile_lock(home: Path, signed_in, via_demo: DemoSite) -> None:
    with Profile().lock():
        done = invoke("scheduled", "--fix", input="")
    assert done.exit_code == 2 and "in use by another run" in done.output, done.output
    assert via_demo.hits == [] and via_demo.saves == [], "nothing was loaded while another run held the profile"


# --- "On drift, signed-out, challenge, a changed page or a setting left on, a scheduled run ... alerts"


def _signed_out(site: DemoSite) -> None:
    site.faults.signed_out = True


def _challenge(site: DemoSite) -> None:
    site.faults.challenge = True


def _changed_page_and_left_on(site: DemoSite) -> None:
    """ai-training's key and label renamed (the maps find nothing); research's save is refused
    (the switch stays on). One run shows both."""
    catalogue = load_catalogue()
    site.serve_variant(catalogue["ai-training"].path, "ai-training.key-and-label-changed.html")
    site.set_setting("research", True)
    site.faults.save_status[catalogue["research"].key] = 500


@pytest.mark.parametrize("arrange,says", [(_signed_out, ["ai-training signed_out"]),
                                          (_challenge, ["ai-training challenge"]),
                                          (_changed_page_and_left_on, ["ai-training not_found", "research failed"])],
                         ids=["signed out", "challenge", "a changed page and a setting left on"])
def test_a_scheduled_run_alerts_when_it_needs_the_person(home: Path, signed_in, via_demo: DemoSite, alert_target,
                                                         monkeypatch: pytest.MonkeyPatch, arrange,
                                                         says: list[str]) -> None:
    url, received = alert_target
    monkeypatch.setenv("LINKEDIN_OPTOUT_NOTIFY", url)
    monkeypatch.setenv("LINKEDIN_OPTOUT_PACE", "0")
    via_demo.faults.unlisted = False  # nothing new on LinkedIn: that alerts on its own (test_unlisted_cli)
    arrange(via_demo)
    done = invoke("scheduled", "--fix", input="")
    assert done.exit_code in (ExitCode.NOT_OFF, ExitCode.PAGE_CHANGED, ExitCode.SESSION), done.output
    assert len(received) == 1, received
    # The line that names the settings the run could not get off ("exit code N: ..."), not drift.
    problems = json.dumps(received[0]).split("exit code")[-1]
    assert all(line in problems for line in says), received[0]
    assert all(v.strip('"') not in json.dumps(received[0]) for v in signed_in.values())


# --- "A setting that ends not_found, ambiguous or failed leaves a screenshot and a sanitized HTML" ---


def test_ambiguous_and_failed_leave_a_screenshot_and_a_sanitized_snapshot(site: DemoSite, run_engine, aio, context,
                                                                          tmp_path: Path) -> None:
    catalogue = load_catalogue()
    site.serve_variant(catalogue["ai-training"].path, "ai-training.same-label.html")  # two switches, one label
    site.faults.save_status[catalogue["research"].key] = 500
    report = run_engine(apply=True, only=["ai-training", "research"], evidence_dir=tmp_path / "run")
    cookies = [c["value"] for c in aio.run(context.cookies())]
    for setting, status in (("ai-training", Status.AMBIGUOUS), ("research", Status.FAILED)):
        result = report.result(setting)
        assert result.status is status, result.message
        assert sorted(Path(p).name for p in result.evidence) == [f"{setting}.html", f"{setting}.png"]
        for path in map(Path, result.evidence):
            assert path.stat().st_size > 0 and stat.S_IMODE(path.stat().st_mode) == 0o600
        html = (tmp_path / "run" / f"{setting}.html").read_text()
        assert "<script" not in html and not any(value in html for value in cookies if len(value) > 8)
    assert stat.S_IMODE((tmp_path / "run").stat().st_mode) == 0o700


# --- discovery: "at most 12" pages, and "a wall ... there stops the run like anywhere else (exit 5)" --


def test_at_most_12_unlisted_pages_are_read_in_one_run(site: DemoSite, run_engine) -> None:
    """With maps for one page only, the category pages link more unknown settings pages than the
    cap: 12 are read, the rest are one notice."""
    full = load_catalogue()
    facts = full.site.discovery
    assert facts is not None and facts.max_pages == 12
    # Maps for one page, and no page known to be quiet: 15 linked pages no map covers.
    site_map = full.site.model_copy(update={"discovery": facts.model_copy(update={"quiet_paths": []})})
    one = replace(full, site=site_map, settings=(full["ai-training"],), _by_id={})
    report = run_engine(apply=False, only="ai-training", discover=True, catalogue=one)
    loads = [h.path for h in site.hits if h.method == "GET" and h.path.startswith("/mypreferences/")]
    surveyed = [p for p in dict.fromkeys(loads) if p not in CATEGORIES and p != full["ai-training"].path]
    assert len(surveyed) == 12, surveyed
    assert any("3 more linked settings page(s) not read this run (at most 12)" in n for n in report.notices), \
        report.notices
    assert site.saves == []


def test_a_sign_in_wall_on_a_category_page_stops_the_run(site: DemoSite, run_engine) -> None:
    site.faults.status = {CATEGORIES[0]: 401}  # LinkedIn answers the category page with its sign-in wall
    report = run_engine(apply=False, only="ai-training", discover=True)
    assert report.halted is not None and report.halted.status is Status.SIGNED_OUT, report.halted
    assert report.exit_code == ExitCode.SESSION
    loads = [h.path for h in site.hits if h.method == "GET" and h.path.startswith("/mypreferences/")]
    assert CATEGORIES[0] in loads and UNLISTED_PATH not in loads, "no linked page is read after the wall"


def test_a_wrong_alert_target_is_named_but_never_echoed(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An alert target may carry a webhook token: the one line names the variable, never the value."""
    monkeypatch.setenv("LINKEDIN_OPTOUT_NOTIFY", "ntfy://fine,hooks.example/T0KEN-s3cret")
    done = CliRunner().invoke(cli, ["check", "--only", "ai-training"])
    assert done.exit_code == 2, done.output
    assert "LINKEDIN_OPTOUT_NOTIFY" in done.output and "s3cret" not in done.output, done.output
