"""The tests' shorthand for prune: a selection from the demo's own export, and the library call
with the tests' waits (tests/helpers/timing.py) on the running test's demo site."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.async_api import BrowserContext

from automation.engine.options import Evidence, Hooks, Timeouts, Waits
from automation.pruning.options import PruneTask
from automation.pruning.report import PruneReport
from automation.pruning.run import prune
from automation.pruning.selection import Criteria, Selection, select
from automation.review.synthetic import WATCH, build
from tests.helpers.timing import FAST, FAST_RETRY

BASE = "https://www.linkedin.com"
ANSWERS = BASE + "/jobs/application-settings/"
POST_1 = "urn:li:share:7100000000000000001"  # the post with an e-mail address (--kind email)
OLDEST = "urn:li:share:7100000000000000004"  # "My first post here." (--kind old, the first chosen)


def demo_selection(**criteria: Any) -> Selection:
    """Chosen from the demo's export (review/synthetic.py), as `prune --demo` chooses."""
    if "watch-word" in criteria.get("kinds", ()):
        criteria.setdefault("watch", WATCH)
    return select(build("complete").data, Criteria(**criteria), base_url=BASE, answers_page=ANSWERS)


def run(aio: Any, context: BrowserContext, selection: Selection, *, delete: bool = False, guided: bool = False,
        timeouts: Timeouts = FAST, ledger: Path | None = None, evidence: Evidence | None = None,
        hooks: Hooks | None = None, **task: Any) -> PruneReport:
    """``automation.prune`` as a library user calls it, at pace 0 with the tests' waits."""
    made = PruneTask(delete=delete, guided=guided, confirm=len(selection.items) if delete else None,
                     pace=task.pop("pace", 0), **task)
    return aio.run(prune(context, selection, made, waits=Waits(timeouts=timeouts, retry=FAST_RETRY),
                         ledger=ledger, evidence=evidence, hooks=hooks))
