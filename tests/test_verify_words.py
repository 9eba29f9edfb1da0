"""The words for a change that did not hold: a pure function, most specific cause first."""

from __future__ import annotations

import pytest

from automation.engine.flip import ClickOutcome
from automation.engine.verify import failure_message


@pytest.mark.parametrize("outcome,after,blocked,words", [
    (ClickOutcome(statuses=[200]), True, True, "blocked a save that would have turned a setting on"),
    (ClickOutcome(statuses=[500]), True, False, "LinkedIn rejected the save (HTTP 500); still on"),
    (ClickOutcome(failed_requests=["net::ERR_FAILED"]), True, False, "the save request failed (net::ERR_FAILED)"),
    (ClickOutcome(statuses=[200]), None, False, "could not read the switch after the reload"),
    (ClickOutcome(statuses=[200], final_state=True), True, False, "the switch flipped back on after the save"),
    (ClickOutcome(statuses=[200], final_state=False), True, False, "the change did not persist: a reload shows it on"),
])
def test_a_failed_change_is_named_by_its_most_specific_cause(outcome: ClickOutcome, after: bool | None,
                                                              blocked: bool, words: str) -> None:
    assert words in failure_message(outcome, after=after, blocked=blocked)
