"""The application: one flow per command, apart from the command line (httpie: ``cli/`` parses,
``core`` runs). A reader answers "what does command X do, and how does it exit?" in its flow.

How a command becomes a flow:

1. The flow is a function here (or in its own package, like ``review``) that takes an ``Env``
   (the configuration and the terminal as a flow may use them) when it needs one, and the
   command's options, grouped in small frozen objects when they travel together (``Task``,
   ``Keep``, ``Lesson``). It does the work and returns an ``Outcome`` (``outcome.py``): the lines
   to print, the JSON ``--json`` prints instead, the notes for stderr, and the exit code, a member
   of ``exit_codes.ExitCode`` (``most_urgent`` when there are several reasons). It never prints
   directly and never exits; mid-flow it may ``env.show`` a line, ``env.say`` one on stderr,
   ``env.ask`` a question. An expected error is raised as a ``UserError``.
2. The command in ``cli/`` parses its options (shared ones from ``cli/base.py``), builds the
   ``Env`` with ``environment(...)`` and the option objects, calls the flow, and ends with
   ``finish(outcome, as_json, report)``, the one way out (``tests/test_layout.py`` checks that
   no command leaves another way, and that ``cli/`` imports nothing of ``engine/`` but the
   options, nothing of ``session/``).

The flows:

- ``outcome``: ``Outcome`` and ``Line``; ``env``: ``Env``, and running a coroutine that Ctrl-C and
  SIGTERM stop softly; ``shown``: a run's report as lines and JSON;
- ``plan``: ``task_for`` (a run's ``Task``, built here only) and ``RunPlan`` (a run's private
  folder, history record, HTML report, trace and alerts);
- ``runs``: ``check``, ``apply`` (with its confirmation) and ``demo``; ``scheduled``: the run the
  timer starts (its cool-down, log file and alerts);
- ``account``: ``login``, ``whoami``, ``import_session``, ``logout``;
- ``keeping``: ``schedule`` (``print``, ``install``, ``remove``, ``status``) and ``history``;
- ``listing``: ``settings`` and ``objection``;
- ``upkeep``: ``doctor``, ``capture``, ``selftest``; ``teaching``: ``teach`` (and ``--list``,
  ``--forget``) and ``demo --teach``.
"""

from __future__ import annotations

from typing import Any

_NAMES = {"Env": "env", "Outcome": "outcome", "Line": "outcome", "Keep": "plan", "RunPlan": "plan",
          "task_for": "plan", "apply": "runs", "check": "runs", "demo": "runs", "scheduled": "scheduled"}


def __getattr__(name: str) -> Any:  # lazy: the command line's error path imports only ``outcome``
    if name in _NAMES:
        from importlib import import_module

        return getattr(import_module(f"automation.flows.{_NAMES[name]}"), name)
    raise AttributeError(f"module 'automation.flows' has no attribute {name!r}")
