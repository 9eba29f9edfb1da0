"""The application: one flow per command, apart from the command line (httpie: ``cli/`` parses,
``core`` runs). A reader answers "what does command X do, and how does it exit?" in its flow.

A flow takes an ``Env`` (the configuration and the terminal as a flow may use them) when it needs
one, and the command's options; it returns an ``Outcome`` (what to print, the JSON ``--json``
prints, notes, the exit code) and never prints a result or exits itself. The command in ``cli/``
parses, calls it and ends in ``finish``. The README's "How it is built" says how a command
becomes a flow; ``tests/test_layout.py`` holds ``cli/`` to it.

The flows:

- ``outcome``: ``Outcome`` and ``Line``; ``env``: ``Env``, and running a coroutine that Ctrl-C and
  SIGTERM stop softly; ``shown``: a run's report as lines and JSON;
- ``plan``: ``task_for`` (a run's ``Task``, built here only) and ``RunPlan`` (a run's private
  folder, history record, HTML report, trace and alerts);
- ``runs``: ``check``, ``apply`` (with its confirmation) and ``demo``; ``scheduled``: the run the
  timer starts (its cool-down, log file and alerts);
- ``account``: ``login``, ``whoami``, ``import_session``, ``logout``;
- ``keeping``: the ``schedule`` commands (``show_plan``, ``install``, ``remove``, ``status``) and ``history``;
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
