"""Verify: the step that proves a change held (autoconsent's ``test``), and the words for a
change that did not."""

from __future__ import annotations

from playwright.async_api import Page

from automation.catalogue.models import Setting
from automation.engine.decide import Decision, unsettled
from automation.engine.driver import Verifying
from automation.engine.flip import ClickOutcome
from automation.engine.guards import Verdict
from automation.engine.read import page_paths, setting_switch
from automation.engine.settle import Settled
from automation.engine.stops import STOPS
from automation.results.report import Status


async def verify(run: Verifying, page: Page, s: Setting, page_settings: list[Setting], outcome: ClickOutcome,
                 blocked_before: int) -> Decision:
    """Reload, let the page settle, read again: "off" only if the reload shows it off, believed
    as any "off" is (read.py: the page's own data agrees, or the page is old enough and still
    shows it off). The verdict's words come from ``failure_message`` (pure, tested on its own)."""
    if not run.may_verify():
        return Decision(Status.FAILED, f"clicked, but the run stopped before a reload could verify it "
                                       f"({run.stopped.reason}): run check later")  # type: ignore[union-attr]
    run.progress(s.id, "verifying")
    check = await run.reopen(page, page_settings)
    if check.verdict is Verdict.STOPPED:
        return Decision(Status.FAILED, "clicked, but the run stopped before the verifying reload")
    if check.verdict in STOPS:  # a wall, a refusal or no network on the reload: the run stops here
        return unsettled(Settled(None, check), unverified(outcome))
    if check.verdict is not Verdict.OK:
        return Decision(Status.FAILED, f"could not verify after the change: {check.reason}")
    # The reload ages with its page slot given back, as a page's first read does: the change gate
    # is not held here, and the gate lets its queue go once the run stops (gate.py).
    reread = await run.reader.read(page, page_paths(s), [setting_switch(page, s, check.lang, page_settings)], first=check,
                                   again_if_on=True, give_slot=True)
    if reread.unsettled is not None:
        return unsettled(reread.unsettled, "after the change: ")
    belief = reread.readings[s.id].belief
    if belief.problem:
        return Decision(Status.FAILED, f"after the change: {belief.problem}", looked=True)
    if belief.state is False:
        rejected = outcome.rejected_status
        return Decision(Status.TURNED_OFF, "turned off; a reload shows it off", after=False,
                        confirmed=belief.confirmation, looked=True,
                        warnings=(f"the save answered HTTP {rejected}, yet a reload shows off",) if rejected else ())
    return Decision(Status.FAILED, failure_message(outcome, after=belief.state,
                                                   blocked=len(run.saves.blocked) > blocked_before),
                    after=belief.state, confirmed=belief.confirmation, looked=True)


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
