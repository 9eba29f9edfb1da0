"""Keep it off: history, drift across runs, alerts, the scheduled run, the HTML report. All
through the real CLI against the demo site, with a session imported into a temp HOME."""

from __future__ import annotations

import json
import os
import stat
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from automation.cli import cli
from automation.demo.site import DemoSite
from automation.results.report import RunReport
from tests.helpers.pixels import SWITCH_OFF, SWITCH_ON, colours_in, whole_switch
from tests.helpers.signed_in import import_demo_session

PAIR = ["--only", "ai-training", "--only", "research"]


def invoke(*args: str, **kwargs):
    return CliRunner().invoke(cli, list(args), **kwargs)


@pytest.fixture
def signed_in(home: Path, via_demo: DemoSite) -> dict[str, str]:
    """A profile holding a demo session, imported the way a person would; returns the cookie values."""
    values = import_demo_session(via_demo)
    for setting in via_demo.catalogue.settings:
        via_demo.set_setting(setting.id, False)
    return values


def run_json(*args: str) -> RunReport:
    done = invoke(*args, "--json", "--quiet")
    assert done.exit_code in (0, 3), done.output
    return RunReport.model_validate_json(done.stdout)


def history_file(home: Path) -> Path:
    return home / "state" / "linkedin-optout" / "history.jsonl"


class Target(BaseHTTPRequestHandler):
    """A local alert target: apprise's json:// posts here."""

    received: list[dict] = []

    def do_POST(self) -> None:  # noqa: N802
        Target.received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def alert_target():
    Target.received = []
    server = HTTPServer(("127.0.0.1", 0), Target)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"json://127.0.0.1:{server.server_port}/alerts", Target.received
    server.shutdown()


def test_drift_is_found_across_two_runs_and_shown_in_history(home: Path, signed_in, via_demo: DemoSite) -> None:
    first = run_json("check", *PAIR)
    assert first.exit_code == 0 and first.drifted() == []  # the first run: nothing to compare with

    via_demo.set_setting("ai-training", True)  # LinkedIn switched it back on
    second = run_json("check", *PAIR)
    assert second.exit_code == 3
    assert [(r.setting, (r.drift or "")[:11]) for r in second.drifted()] == [("ai-training", "was off on ")]
    assert second.result("ai-training").drift.endswith("now on")

    third = run_json("check", "--only", "marketing-emails")  # never seen before
    assert third.result("marketing-emails").drift == "seen for the first time"

    records = json.loads(invoke("history", "--json").stdout)
    assert [r["report"]["exit_code"] for r in records] == [0, 3, 0]
    assert stat.S_IMODE(history_file(home).stat().st_mode) == 0o600
    table = invoke("history").stdout
    assert "ai-training" in table and "manual check" in table


def test_a_damaged_history_line_is_skipped_and_kept(home: Path, signed_in) -> None:
    run_json("check", "--only", "ai-training")
    with history_file(home).open("a") as f:
        f.write('{"kind": "run", "truncated\n')
    run_json("check", "--only", "ai-training")
    done = invoke("history", "--json")
    assert done.exit_code == 0 and len(json.loads(done.stdout)) == 2
    assert '"truncated' in history_file(home).read_text()


def test_a_history_with_nothing_readable_is_one_line_and_untouched(home: Path) -> None:
    path = history_file(home)
    path.parent.mkdir(parents=True)
    path.write_text("this is not json\n")
    done = invoke("history")
    assert done.exit_code == 2 and "left untouched" in done.output and path.read_text() == "this is not json\n"


def test_an_alert_reaches_a_local_target_without_secrets(home: Path, signed_in, via_demo, alert_target) -> None:
    url, received = alert_target
    run_json("check", *PAIR)
    via_demo.set_setting("research", True)
    done = invoke("check", *PAIR, "--quiet", "--notify", url)
    assert done.exit_code == 3
    assert len(received) == 1
    alert = json.dumps(received[0])
    assert "research" in alert and "drift" in alert and "exit code 3" in alert
    for value in signed_in.values():
        assert value not in alert and value.strip('"') not in alert
    assert url not in done.output  # a target URL may hold a token


def test_no_alert_when_all_is_well(home: Path, signed_in, alert_target) -> None:
    url, received = alert_target
    assert invoke("check", *PAIR, "--quiet", "--notify", url).exit_code == 0
    assert received == []


def test_the_scheduled_run_fixes_records_logs_and_alerts(home: Path, signed_in, via_demo, alert_target,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    url, received = alert_target
    monkeypatch.setenv("LINKEDIN_OPTOUT_NOTIFY", url)
    monkeypatch.setenv("LINKEDIN_OPTOUT_PACE", "0")
    via_demo.faults.unlisted = False  # nothing new on LinkedIn (a new setting alerts once: test_unlisted_cli)
    run_json("check")  # a first run, so a setting switched back on is drift
    via_demo.set_setting("ads-interests", True)
    done = invoke("scheduled", "--fix", input="")  # never reads stdin: it would hang on a prompt
    assert done.exit_code == 0, done.output
    assert via_demo.setting("ads-interests") is False
    record = json.loads(history_file(home).read_text().splitlines()[-1])
    assert record["report"]["trigger"] == "scheduled" and record["report"]["mode"] == "apply"
    assert Path(record["report"]["run_dir"], "report.html").exists()
    log = home / "state" / "linkedin-optout" / "logs" / "scheduled-default.log"
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    text = log.read_text()
    assert "scheduled apply finished" in text and "ads-interests: turned_off (drift:" in text
    assert all(v.strip('"') not in text for v in signed_in.values())
    assert len(received) == 1 and "ads-interests" in json.dumps(received[0])
    status = invoke("schedule", "status", "--scheduler", "systemd")  # no timer here: reads the history
    assert "last scheduled run:" in status.output and "exit code 0" in status.output


def test_the_html_report_in_a_real_browser(aio, context, home: Path, signed_in, via_demo) -> None:
    """The report as a person opens it: the table, each switch close up in the state the run left it
    (read from the image's own pixels), and the whole page one click away, all in the private run folder."""
    via_demo.set_setting("ai-training", True)
    report = run_json("apply", *PAIR, "--yes", "--pace", "0", "--html")
    html = Path(report.run_dir, "report.html")
    assert stat.S_IMODE(html.stat().st_mode) == 0o600 and stat.S_IMODE(html.parent.stat().st_mode) == 0o700
    pngs = sorted(html.parent.glob("*.png"))
    assert [p.name for p in pngs] == ["card-ai-training.png", "card-research.png", "page-ai-training.png",
                                      "page-research.png"]
    assert {stat.S_IMODE(p.stat().st_mode) for p in pngs} == {0o600}

    async def look() -> dict:
        page = await context.new_page()
        await page.set_viewport_size({"width": 1280, "height": 800})
        fetched: list[str] = []  # every request the opened report makes, anywhere in the document
        page.on("request", lambda request: fetched.append(request.url))
        await page.goto(html.as_uri())
        await page.wait_for_load_state("networkidle")
        seen: dict = {"fetched": list(fetched)}
        seen["rows"] = await page.locator("#results tbody tr").evaluate_all(
            "rs => rs.map(r => [...r.cells].slice(0, 4).map(c => c.textContent.trim()))")
        seen["cards"] = await page.locator("figure.card").evaluate_all("""fs => fs.map(f => {
            const img = f.querySelector("img"), link = f.querySelector("a.page");
            return {setting: f.dataset.setting, src: img.src, loaded: img.complete && img.naturalWidth > 0,
                    shown: img.width, natural: img.naturalWidth, caption: f.querySelector("figcaption").innerText,
                    href: link.getAttribute("href")};
        })""")
        seen["pixels"] = [await colours_in(page, card["src"], off=SWITCH_OFF, on=SWITCH_ON) for card in seen["cards"]]
        seen["summary"] = await page.locator("#summary").inner_text()
        await page.screenshot(path=str(home / "html-report.png"), full_page=True)  # renders; outside the checkout
        # The whole page, one click away: the link opens the full screenshot beside the report.
        await page.locator('figure.card[data-setting="ai-training"] a.page').click()
        await page.wait_for_load_state()
        seen["opened"] = page.url
        seen["full"] = await page.evaluate("() => [document.images[0].naturalWidth, document.images[0].naturalHeight]")
        await page.close()
        return seen

    seen = aio.run(look())
    assert [u for u in seen["fetched"] if not u.startswith(("file:", "data:"))] == [], "the report fetched something"
    assert seen["fetched"][:1] == [html.as_uri()]
    assert seen["rows"] == [["ai-training", "on", "off", "turned_off"], ["research", "off", "off", "already_off"]]
    assert "2 settings: 1 turned off, 1 already off. Exit code 0." in seen["summary"]
    cards = seen["cards"]
    assert [c["setting"] for c in cards] == ["ai-training", "research"]
    for card, pixels in zip(cards, seen["pixels"]):
        assert card["loaded"] and card["src"].startswith("data:image/png;base64,")  # embedded in the report
        assert card["shown"] == card["natural"], "the close-up is scaled down: the switch no longer reads"
        assert card["caption"].startswith(f"{card['setting']}: off")
        # The switch itself, whole, in the state the run left it, in a close-up of one row, not a page.
        assert whole_switch(pixels["colours"]["off"]) and not whole_switch(pixels["colours"]["on"])
        assert pixels["height"] <= 100
    assert [c["href"] for c in cards] == ["page-ai-training.png", "page-research.png"]  # relative, in the run folder
    assert seen["opened"] == (html.parent / "page-ai-training.png").as_uri()
    assert seen["full"][0] > cards[0]["natural"] and seen["full"][1] >= 600  # the whole page


def test_the_html_report_shows_a_switch_left_on_as_on(aio, context, home: Path, signed_in, via_demo) -> None:
    """check mode leaves a switch on: its close-up shows it on, in the switch's own colour."""
    via_demo.set_setting("research", True)
    report = run_json("check", "--only", "research", "--html")
    html = Path(report.run_dir, "report.html")

    async def look() -> tuple[str, dict]:
        page = await context.new_page()
        await page.goto(html.as_uri())
        card = page.locator('figure.card[data-setting="research"]')
        src = await card.locator("img").get_attribute("src")
        pixels = await colours_in(page, src or "", off=SWITCH_OFF, on=SWITCH_ON)
        caption = await card.locator("figcaption").inner_text()
        await page.close()
        return caption, pixels

    caption, pixels = aio.run(look())
    assert caption.startswith("research: on")
    assert whole_switch(pixels["colours"]["on"]) and not whole_switch(pixels["colours"]["off"])


def test_trace_is_opt_in_private_and_announced(home: Path, signed_in) -> None:
    plain = run_json("check", "--only", "ai-training")
    assert not any(Path(plain.run_dir).glob("trace.zip")) if Path(plain.run_dir).exists() else True
    done = invoke("check", "--only", "ai-training", "--json", "--quiet", "--trace")
    report = RunReport.model_validate_json(done.stdout)
    trace = Path(report.run_dir, "trace.zip")
    assert trace.stat().st_size > 0 and stat.S_IMODE(trace.stat().st_mode) == 0o600
    assert "will hold your LinkedIn session" in done.stderr


def test_a_scheduled_run_that_finds_drift_shows_a_desktop_notification(home: Path, signed_in, via_demo,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    calls = home / "notify-send.args"
    tool = home / "bin" / "notify-send"
    tool.parent.mkdir()
    tool.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" >> {calls}\n')
    tool.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tool.parent}:{os.environ['PATH']}")
    run_json("check", *PAIR)
    via_demo.set_setting("ai-training", True)
    done = invoke("scheduled")  # check only: the drift stays, exit 3
    assert done.exit_code == 3
    shown = calls.read_text()
    assert "linkedin-optout: check needs attention (default)" in shown and "drift: ai-training" in shown
    assert all(v.strip('"') not in shown for v in signed_in.values())


def test_an_unwritable_state_folder_is_one_line_before_any_browser(home: Path, monkeypatch) -> None:
    blocker = home / "state-is-a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker))
    done = invoke("check", "--only", "ai")
    assert done.exit_code == 2 and "cannot create folder" in done.output and "is a file" in done.output
    assert blocker.read_text() == "not a folder"
