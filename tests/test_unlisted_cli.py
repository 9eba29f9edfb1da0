"""Unlisted settings and the policy date through the real CLI: every output shows
them, history remembers when each was first seen, a scheduled run alerts once per new unlisted
switch that is on and once per policy change. Against the demo site, in a temp HOME."""

from __future__ import annotations

import json
from pathlib import Path

from automation.demo.site import DemoSite
from tests.test_keep_it_off import alert_target, invoke, run_json, signed_in  # noqa: F401 - fixtures

PAGE = "https://www.linkedin.com/mypreferences/d/settings/ai-hiring-assistant"
LABEL = "Use my profile data in AI hiring tools (invented)"
ADOPT = f"linkedin-optout teach --adopt {PAGE}"


def test_unlisted_shows_in_json_terminal_html_and_history(home: Path, signed_in, via_demo: DemoSite,  # noqa: F811
                                                          monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # the tables' lines unbroken
    first = run_json("check", "--html")
    assert first.exit_code == 0  # every known switch is off; the unlisted one does not count
    assert [(u.page, u.label, u.state) for u in first.unlisted] == [(PAGE, LABEL, True)]
    html = Path(first.run_dir or "", "report.html").read_text()
    assert 'id="unlisted"' in html and LABEL in html and ADOPT in html

    shown = invoke("check")
    assert shown.exit_code == 0, shown.output
    assert "Settings this tool does not know" in shown.stdout and ADOPT in shown.stdout
    assert "1 setting(s) this tool does not know are on" in shown.stdout

    again = run_json("check")
    assert again.unlisted[0].first_seen == first.unlisted[0].first_seen  # from the history
    assert via_demo.state["allowDataForHiringAssistant"] is True and via_demo.saves == []
    table = invoke("history").stdout
    assert "unlisted on:" in table


def test_apply_says_the_unlisted_switch_is_not_changed(home: Path, signed_in, via_demo: DemoSite,  # noqa: F811
                                                        monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    via_demo.set_setting("ai-training", True)
    done = invoke("apply", "--yes", "--pace", "0")
    assert done.exit_code == 0, done.output
    assert "read only: nothing here was changed" in done.stdout
    assert via_demo.setting("ai-training") is False and via_demo.state["allowDataForHiringAssistant"] is True
    assert [s.key for s in via_demo.saves] == ["allowDataForGenerativeAI"]


def test_a_scheduled_run_alerts_once_per_new_unlisted_switch_and_policy_change(  # noqa: PLR0915
        home: Path, signed_in, via_demo: DemoSite, alert_target, monkeypatch) -> None:  # noqa: F811
    url, received = alert_target
    monkeypatch.setenv("LINKEDIN_OPTOUT_NOTIFY", url)
    monkeypatch.setenv("COLUMNS", "200")

    assert invoke("scheduled", input="").exit_code == 0
    assert len(received) == 1
    alert = json.dumps(received[0])
    assert "LinkedIn added a setting this tool does not know" in alert and "It is ON" in alert and ADOPT in alert
    assert "privacy policy changed" not in alert  # the first date read is recorded, not a change

    assert invoke("scheduled", input="").exit_code == 0
    assert len(received) == 1, "the same unlisted switch alerted twice"

    via_demo.faults.policy_effective = "December 1, 2026"
    assert invoke("scheduled", input="").exit_code == 0
    assert len(received) == 2
    alert = json.dumps(received[1])
    assert "privacy policy changed: now dated 2026-12-01 (was 2025-11-03)" in alert
    assert "https://www.linkedin.com/legal/privacy-policy" in alert and "does not know" not in alert

    assert invoke("scheduled", input="").exit_code == 0
    assert len(received) == 2, "the same policy change alerted twice"
    records = [json.loads(line) for line in (home / "state" / "linkedin-optout" / "history.jsonl").read_text().splitlines()]
    assert [r["report"]["policy"]["effective"] for r in records] == ["2025-11-03"] * 2 + ["2026-12-01"] * 2
    assert "policy 2026-12-01 (was 2025-11-03)" in invoke("history").stdout


def test_a_scheduled_run_alerts_for_a_new_setting_whose_page_fetches_after_a_pause(  # noqa: F811
        home: Path, signed_in, via_demo: DemoSite, alert_target, monkeypatch) -> None:
    """The new setting's page draws it off, pauses with nothing in flight, then fetches its data
    (on). Read as any switch is (off only at the minimum age), it is ON, and the alert fires."""
    from tests.helpers.timing import scaled

    url, received = alert_target
    monkeypatch.setenv("LINKEDIN_OPTOUT_NOTIFY", url)
    via_demo.faults.placeholder = {"/mypreferences/d/settings/ai-hiring-assistant": False}
    via_demo.faults.data_pause = scaled(1.5)
    assert invoke("scheduled", input="").exit_code == 0
    assert len(received) == 1, "no alert for the new setting that is on"
    alert = json.dumps(received[0])
    assert "LinkedIn added a setting this tool does not know" in alert and "It is ON" in alert and ADOPT in alert
