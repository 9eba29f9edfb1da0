"""The CLI over the demo site, and its answers to bad input."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.conftest import isolated_env, scaled


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The CLI in a subprocess with its own HOME and XDG folders, run outside the checkout (so no
    developer's .env or state is read or written)."""
    with tempfile.TemporaryDirectory(prefix="linkedin-optout-test-") as folder:
        return subprocess.run([sys.executable, "-m", "automation", *args], capture_output=True, text=True,
                              env=isolated_env(Path(folder), COLUMNS="160", **(env or {})), cwd=cwd or folder,
                              timeout=scaled(300))


def one_error_line(done: subprocess.CompletedProcess[str]) -> str:
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("linkedin-optout: error:") and "Traceback" not in done.stderr
    return lines[0]


@pytest.fixture(scope="module")
def whole_demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path, Path]:
    """The one whole `demo --html` run of the suite, run from an empty folder with the report
    folder elsewhere. Returns (the finished process, that folder, the HTML report)."""
    folder = tmp_path_factory.mktemp("demo")
    cwd, reports = folder / "cwd", folder / "reports"
    cwd.mkdir()
    done = run("demo", "--html", "--report", str(cwd / "out" / "demo.json"), cwd=cwd,
               env={"LINKEDIN_OPTOUT_REPORT_DIR": str(reports)})
    (html,) = reports.glob("*-demo/report.html")
    return done, cwd, html


@pytest.mark.browser
@pytest.mark.slow
def test_demo_turns_everything_off_then_checks_and_writes_a_private_report(whole_demo) -> None:
    """The text a person reads, and the JSON report."""
    done, tmp_path, _ = whole_demo
    report = tmp_path / "out" / "demo.json"
    assert done.returncode == 0, done.stderr
    assert "13 settings: 13 turned off. Exit code 0." in done.stdout
    assert "13 settings: 13 already off. Exit code 0." in done.stdout
    assert "ai-training turning off" in done.stderr  # progress while pages are worked on
    # After turning things off: what the switches cannot do, and where to go next.
    assert "What the switches cannot do" in done.stdout and "linkedin-optout objection" in done.stdout
    assert "download-my-data" in done.stdout
    assert done.stdout.rstrip().endswith("linkedin-optout review --demo")  # the demo ends by pointing at it
    data = json.loads(report.read_text())
    assert data["apply"]["exit_code"] == 0 and data["check"]["mode"] == "check"
    assert [r["status"] for r in data["apply"]["results"]] == ["turned_off"] * 13
    assert [r["status"] for r in data["check"]["results"]] == ["already_off"] * 13
    # The demo's setting no map knows: listed by both runs, still on after apply (never changed).
    for run_ in ("apply", "check"):
        assert [(u["page"].rsplit("/", 1)[1], u["state"]) for u in data[run_]["unlisted"]] == [
            ("ai-hiring-assistant", True)]
    assert "Settings this tool does not know" in done.stdout
    # Its page is invented: no `teach --adopt` aimed at the real site, but what adopting would do.
    assert "teach --adopt https://" not in done.stdout
    words = " ".join(done.stdout.split())
    assert "This page is the demo's own invention: there is nothing to adopt here." in words
    assert "`linkedin-optout teach --adopt <its address>`" in words and "every run turns it off" in words
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert stat.S_IMODE(report.parent.stat().st_mode) == 0o700
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"], "the demo wrote nothing else into its folder"


@pytest.mark.browser
@pytest.mark.slow
def test_demo_html_is_the_whole_demo_on_a_few_screens_that_fit_the_width(whole_demo, aio, context) -> None:
    """`demo --html`: titled for the demo, both halves (the apply, then the check), every switch as a
    close-up that loads, and a page that never runs past the window's width, at 1280 and 800 px."""
    done, _, html = whole_demo
    assert f"HTML report: {html}" in done.stderr
    # What the terminal says of the invented unlisted page, the HTML page says too: nothing to adopt.
    text = " ".join(html.read_text(encoding="utf-8").split())
    assert "teach --adopt https://" not in text and "there is nothing to adopt here" in text
    assert stat.S_IMODE(html.stat().st_mode) == 0o600 and stat.S_IMODE(html.parent.stat().st_mode) == 0o700
    assert {stat.S_IMODE(p.stat().st_mode) for p in html.parent.glob("*.png")} == {0o600}

    async def look() -> dict:
        page = await context.new_page()
        await page.goto(html.as_uri())
        seen: dict = {"title": await page.title(), "h1": await page.locator("h1").inner_text()}
        for half in ("apply", "check"):
            seen[half] = await page.locator(f"#{half}-results tbody tr td:nth-child(4)").all_inner_texts()
            seen[f"{half} summary"] = await page.locator(f"#{half}-summary").inner_text()
        seen["cards"] = await page.locator("#apply figure.card").evaluate_all("fs => fs.map(f => f.dataset.setting)")
        seen["images"] = await page.locator("img").evaluate_all(
            "is => is.map(i => i.complete && i.naturalWidth > 0)")
        seen["links"] = await page.locator("#apply figure.card a.page").evaluate_all(
            "as => as.map(a => a.getAttribute('href'))")
        for width in (1280, 800):
            await page.set_viewport_size({"width": width, "height": 800})
            seen[width] = await page.evaluate("""() => ({
                scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
                height: document.documentElement.scrollHeight,
                cards: document.querySelector("#apply .cards").getBoundingClientRect().height,
                past: [...document.querySelectorAll("body *")].filter(
                    e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
                    .map(e => e.tagName + (e.id ? "#" + e.id : "")).slice(0, 5)})""")
        await page.close()
        return seen

    seen = aio.run(look())
    assert seen["title"] == seen["h1"] == "linkedin-optout demo: apply, then check again"
    assert seen["apply"] == ["turned_off"] * 13 and seen["check"] == ["already_off"] * 13
    assert seen["apply summary"].startswith("13 settings: 13 turned off.")
    assert seen["check summary"].startswith("13 settings: 13 already off.")
    assert len(seen["cards"]) == 13 and len(seen["links"]) == 13
    assert all(seen["images"]) and len(seen["images"]) == 13, "a broken image in the report"
    assert all((html.parent / link).is_file() for link in seen["links"])
    for width in (1280, 800):
        assert seen[width]["scroll"] <= seen[width]["client"] and seen[width]["past"] == [], (width, seen[width])
    # The 13 switches' evidence in about two screens, the whole report in a few (full pages made ~9,000 px).
    assert seen[1280]["cards"] <= 1_600 and seen[1280]["height"] <= 4_800, seen[1280]


def test_demo_json_goes_to_stdout_as_the_report_holds_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """--json prints the same payload the report file holds (without a second whole demo run)."""
    from click.testing import CliRunner

    import automation.demo.run as demo_run
    from automation.cli import cli
    from automation.results.report import RunReport, now

    async def instant(**kwargs):
        return tuple(RunReport(mode=mode, results=[], started_at=now(), finished_at=now()) for mode in ("apply", "check"))

    monkeypatch.setattr(demo_run, "run_demo", instant)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    report = tmp_path / "demo.json"
    done = CliRunner().invoke(cli, ["demo", "--json", "--report", str(report)])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout) == json.loads(report.read_text())
    assert set(json.loads(done.stdout)) == {"apply", "check"}


@pytest.mark.parametrize("command", ["check", "apply"])
def test_an_unknown_setting_is_one_line_and_exit_2(command: str) -> None:
    done = run(command, "--only", "ai-trainin", "--yes" if command == "apply" else "--quiet")
    assert done.returncode == 2
    assert "unknown setting or group 'ai-trainin'" in one_error_line(done)


def test_a_bad_config_value_names_the_variable() -> None:
    # check uses the concurrency (the demo does not, so it would not refuse: test_config_newcomer.py)
    done = run("check", "--quiet", env={"LINKEDIN_OPTOUT_CONCURRENCY": "lots"})
    assert done.returncode == 2
    assert "LINKEDIN_OPTOUT_CONCURRENCY" in one_error_line(done)


def test_a_missing_browser_is_one_line_saying_what_to_install() -> None:
    done = run("demo", env={"LINKEDIN_OPTOUT_BROWSER": "/nonexistent/chrome"})
    assert done.returncode == 2
    assert "LINKEDIN_OPTOUT_BROWSER=/nonexistent/chrome is not an executable file" in one_error_line(done)


def test_no_browser_at_all_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    from automation.errors import BrowserNotFoundError
    from automation.session import browser

    monkeypatch.delenv(browser.ENV_VAR, raising=False)
    monkeypatch.setattr(browser, "system_browsers", lambda: [])
    with pytest.raises(BrowserNotFoundError) as caught:
        browser.choose("/nonexistent/ms-playwright/chromium/chrome")
    assert "playwright install chromium" in str(caught.value) and "apt-get install chromium" in str(caught.value)


def test_an_unwritable_report_folder_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("I am a file, not a folder")
    done = run("demo", "--report", str(blocker / "r.json"))
    assert done.returncode == 2
    assert "cannot create folder" in one_error_line(done)
    assert blocker.read_text() == "I am a file, not a folder"


def test_a_report_in_an_existing_folder_leaves_that_folder_alone(tmp_path: Path) -> None:
    from automation.private import write_private

    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    os.chmod(shared, 0o755)
    written = write_private(shared / "new" / "r.json", "{}")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755
    assert stat.S_IMODE(written.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
