"""Verify: the step that proves a change held (autoconsent's ``test``), and the words for a
change that did not."""

from __future__ import annotations

from playwright.async_api import Page

from automation.catalogue.models import Setting
from automation.engine.driver import Driver
from automation.engine.flip import ClickOutcome
from automation.engine.guards import Verdict
from automation.engine.settle import Settled
from automation.engine.stops import STOPS
from automation.results.report import SettingResult, Status


async def verify(run: Driver, page: Page, s: Setting, result: SettingResult, page_settings: list[Setting],
                 outcome: ClickOutcome, blocked_before: int) -> SettingResult:
    """Reload, let the page settle, read again: "off" only if the reload shows it off, believed
    as any "off" is (read.py: the page's own data agrees, or the page is old enough and still
    shows it off). The verdict's words come from ``failure_message`` (pure, tested on its own)."""
    if not run.may_verify():
        result.status = Status.FAILED
        result.message = (f"clicked, but the run stopped before a reload could verify it "
                          f"({run.stopped.reason}): run check later")  # type: ignore[union-attr]
        return result
    run.progress(s.id, "verifying")
    check = await run.open(page, page_settings, reload=True)
    if check.verdict is Verdict.STOPPED:
        result.status, result.message = Status.FAILED, "clicked, but the run stopped before the verifying reload"
        return result
    if check.verdict in STOPS:  # a wall, a refusal or no network on the reload: the run stops here
        return run.unsettled(result, Settled(None, check), unverified(outcome))
    if check.verdict is not Verdict.OK:
        result.status, result.message = Status.FAILED, f"could not verify after the change: {check.reason}"
        return result
    again = await run.read_believed(page, s, check.lang, page_settings, first=check, look_again_if_on=True)
    if isinstance(again, Settled):
        return run.unsettled(result, again, "after the change: ")
    belief = again[1]
    result.after, result.confirmed = belief.state, belief.confirmation
    if belief.problem:
        result.status, result.message = Status.FAILED, f"after the change: {belief.problem}"
        return result
    if result.after is False:
        result.status, result.message = Status.TURNED_OFF, "turned off; a reload shows it off"
        if outcome.rejected_status:
            result.warnings.append(f"the save answered HTTP {outcome.rejected_status}, yet a reload shows off")
        return result
    result.status = Status.FAILED
    result.message = failure_message(outcome, after=result.after,
                                     blocked=len(run.saves.blocked) > blocked_before)
    return result


def unverified(outcome: ClickOutcome) -> str:
    """The start of the message for a change whose verifying reload was stopped (the stop's
    reason follows): a save that failed says so, since the reload cannot."""
    if outcome.rejected_status:
        return f"LinkedIn rejected the save (HTTP {outcome.rejected_status}), and the reload that would verify it failed: "
    if outcome.failed_requests:
        return f"the save request failed ({outcome.failed_requests[0]}), and the reload that would verify it failed: "
    return "after the change: "


def failure_message(outcome: ClickOutcome, *, after: bool | None, blocked: bool) -> str:
    """Why a change did not hold, from what the click and the reload showed (most specific first)."""
    if blocked:
        return "blocked a save that would have turned a setting on; nothing changed"
    if outcome.rejected_status:
        return f"LinkedIn rejected the save (HTTP {outcome.rejected_status}); still on"
    if outcome.failed_requests:
        return f"the save request failed ({outcome.failed_requests[0]}); still on"
    if after is None:
        return "could not read the switch after the reload"
    if outcome.final_state is True:
        return "the switch flipped back on after the save"
    return "the change did not persist: a reload shows it on"
