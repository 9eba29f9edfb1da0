"""objection: the text per region, overrides, the profile's name, no secret, the history record."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from click.testing import CliRunner

from automation.cli import cli
from automation.results.objection import EMAIL_PLACEHOLDER, NAME_PLACEHOLDER, objection_text
from automation.session.profile import Profile


def test_the_eu_text_invokes_article_21_and_covers_every_purpose() -> None:
    text = objection_text("eu", name="Ada Lovelace", email="ada@example.org", today=date(2026, 11, 24))
    assert "Article 21" in text and "UK GDPR" in text and "Swiss" in text and "Article 12(3)" in text
    assert "whether\n   generative or not" in text and "personalized advertising" in text
    assert "Please confirm in writing" in text
    assert "Name: Ada Lovelace" in text and "Account e-mail: ada@example.org" in text and "2026-11-24" in text


def test_the_text_for_elsewhere_does_not_claim_gdpr_rights() -> None:
    text = objection_text("other")
    assert "GDPR" not in text and "Article" not in text
    assert "opt out of\ntargeted advertising" in text and "Please confirm in writing" in text
    assert NAME_PLACEHOLDER in text and EMAIL_PLACEHOLDER in text


def test_the_cli_prefills_the_profile_name_records_it_and_holds_no_secret(home: Path, via_demo) -> None:
    values = via_demo.new_session()
    done = CliRunner().invoke(cli, ["import-session"], env={"LINKEDIN_LI_AT": values["li_at"],
                                                             "LINKEDIN_JSESSIONID": values["JSESSIONID"]})
    assert done.exit_code == 0
    Profile().record_account("Avery Quill")
    done = CliRunner().invoke(cli, ["objection", "--region", "other"])
    assert done.exit_code == 0
    assert "Name: Avery Quill" in done.stdout and "GDPR" not in done.stdout
    assert "https://www.linkedin.com/help/linkedin/ask/TS-DPRO" in done.output and "never submits" in done.output
    for value in values.values():
        assert value.strip('"') not in done.output
    history = json.loads(CliRunner().invoke(cli, ["history", "--json"]).stdout)
    assert [(r["kind"], r["details"]["region"]) for r in history] == [("objection", "other")]


def test_overrides_win_over_the_profile(home: Path) -> None:
    Profile().create().record_account("Avery Quill")
    done = CliRunner().invoke(cli, ["objection", "--name", "Ada Lovelace", "--email", "ada@example.org"])
    assert "Name: Ada Lovelace" in done.stdout and "Account e-mail: ada@example.org" in done.stdout
    assert "Avery" not in done.stdout and "Article 21" in done.stdout


def test_without_a_profile_it_uses_placeholders(home: Path) -> None:
    done = CliRunner().invoke(cli, ["objection"])
    assert done.exit_code == 0 and NAME_PLACEHOLDER in done.stdout


def test_open_hands_the_form_to_the_persons_own_browser(home: Path, monkeypatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    done = CliRunner().invoke(cli, ["objection", "--open"])
    assert done.exit_code == 0 and opened == ["https://www.linkedin.com/help/linkedin/ask/TS-DPRO"]
    assert "objection text produced (region eu)" in CliRunner().invoke(cli, ["history"], env={"COLUMNS": "200"}).stdout
