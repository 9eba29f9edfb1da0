"""The application's flows, apart from the command line (httpie: ``cli/`` parses, ``core`` runs).

Each flow takes an ``Env`` (the configuration and the terminal, as the flow may use them) and
the options the command line built once, does the work, and returns an ``Outcome``: the report,
what happened after it (history, HTML, alerts) and the exit code, under the one precedence
table (``exit_codes.most_urgent``). The command line only parses, calls and prints.

- ``env``: ``Env``, ``Outcome``, and running a coroutine that Ctrl-C and SIGTERM stop softly;
- ``plan``: ``RunPlan``, a run's private folder, history record, HTML report, trace and alerts;
- ``runs``: ``check``, ``apply`` (with its confirmation) and ``demo``;
- ``scheduled``: the run the timer starts: its cool-down, its log file and its alerts.
"""

from __future__ import annotations

from automation.flows.env import Env, Outcome
from automation.flows.plan import Keep, RunPlan, task_for
from automation.flows.runs import apply, check, demo
from automation.flows.scheduled import scheduled

__all__ = ["Env", "Keep", "Outcome", "RunPlan", "apply", "check", "demo", "scheduled", "task_for"]
