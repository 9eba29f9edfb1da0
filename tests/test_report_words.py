"""What a report says is decided once (results/words.py): the terminal, the HTML report and the
alerts agree, about a person's run and about the demo's, whose unlisted page is invented."""

from __future__ import annotations

from rich.console import Console

from automation.results import alerts, html_report
from automation.results.report import DEMO, RunReport, SettingResult, Status, UnlistedSwitch, now
from automation.results.terminal import print_report

PAGE = "https://www.linkedin.com/mypreferences/d/settings/ai-hiring-assistant"
COMMAND = f"linkedin-optout teach --adopt {PAGE}"


def a_run(trigger: str) -> RunReport:
    at = now()
    return RunReport(mode="check", trigger=trigger, started_at=at, finished_at=at,
                     results=[SettingResult(setting="ai-training", status=Status.ALREADY_OFF)],
                     unlisted=[UnlistedSwitch(page=PAGE, title="Data for AI-assisted hiring", label="Use my data",
                                              key="allowDataForHiringAssistant", state=True, first_seen=at)])


def outputs(report: RunReport) -> dict[str, str]:
    console = Console(record=True, width=400)
    print_report(report, console)
    return {"terminal": " ".join(console.export_text().split()),
            "html": " ".join(html_report.render(report).split()),
            "alert": " ".join(alerts.reasons(report, report.unlisted))}


def test_a_persons_run_offers_the_adopt_command_in_every_output() -> None:
    for name, text in outputs(a_run("manual")).items():
        assert COMMAND in text, name
        assert "nothing to adopt" not in text, name


def test_the_demos_invented_page_is_nothing_to_adopt_in_every_output() -> None:
    said = outputs(a_run(DEMO))
    for name, text in said.items():
        assert "teach --adopt https://" not in text, name
    assert "there is nothing to adopt here" in said["terminal"] and "there is nothing to adopt here" in said["html"]
    assert "nothing to adopt: the demo invented this page" in said["html"]
    assert "It is ON." in said["alert"]


def test_every_output_says_the_same_summary() -> None:
    said = outputs(a_run("manual"))
    assert "1 settings: 1 already off. Exit code 0." in said["terminal"]
    assert "1 settings: 1 already off. Exit code 0." in said["html"]
