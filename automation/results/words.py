"""What a report says in words, decided once for every output.

The terminal tables, the HTML report, the alerts and the flows take their sentences about a run's
summary, adopting an unlisted switch and the privacy policy from here, so that no output offers
what another one says cannot be done (the demo's unlisted page is invented: nothing to adopt).
"""

from __future__ import annotations

from datetime import date

from automation.results.report import DEMO, RunReport

# How a person has every later run turn an unlisted switch off (``teach --adopt``).
ADOPT = "linkedin-optout teach --adopt {page}"

# The demo's unlisted page is its own invention, and `teach --adopt` aims at the real site.
DEMO_INVENTED = ("This page is the demo's own invention: there is nothing to adopt here. On your own LinkedIn, a "
                 "page like it is adopted with `linkedin-optout teach --adopt <its address>`: a window opens on it, "
                 "you turn the switch off yourself, the tool learns how to find it, and from then on every run turns "
                 "it off too and proves it by reload.")
NOTHING_TO_ADOPT = "nothing to adopt: the demo invented this page"


def summary(report: RunReport) -> str:
    """The run in one sentence, with its exit code."""
    return f"{report.summary()}. Exit code {report.exit_code}."


def adopt_command(report: RunReport, page: str) -> str | None:
    """The command that has every later run turn off the switch on ``page``; None where there is
    nothing to adopt (a demo's page)."""
    return None if report.trigger == DEMO else ADOPT.format(page=page)


def adopt_advice(report: RunReport, *, listed: bool = True) -> str:
    """With a run's unlisted switches: how to adopt them, or why there is nothing to adopt.
    ``listed``: the commands follow (else the output shows each beside its switch)."""
    pages = dict.fromkeys(u.page for u in report.unlisted)
    commands = [command for page in pages if (command := adopt_command(report, page))]
    if not commands:
        return DEMO_INVENTED
    if not listed:
        return "Adopt one, with the command beside it, to have every run turn it off."
    return "To have every run turn one off, adopt it:\n" + "\n".join(commands)


def policy_words(report: RunReport) -> str:
    policy = report.policy
    if policy is None or policy.effective is None:
        return "The privacy policy's date could not be read."
    said = f"LinkedIn's privacy policy is dated {_day(policy.effective)}"
    if policy.changed_from:
        return f"{said}: it CHANGED (it was dated {_day(policy.changed_from)}). Read it: {policy.url}"
    return said + "."


def _day(value: date) -> str:
    return f"{value:%B} {value.day}, {value.year}"  # no %-d: Windows has none
