"""The engine: read every requested switch, turn off what is on, prove it by reload.

Its steps, each in a module named for it (autoconsent names its steps the same way):
- ``navigate``: open a settings page (bounded retries; refusals and unreachable stop), wait for it;
- ``guards``: what stands between us and a switch (walls, refusals, not found, the cookie banner);
- ``settle``: read only once the page has stopped changing its switches (and ``NetworkWatch``:
  what the page has in flight, how old it is, what its own data said);
- ``locate``: exactly one control per setting, or none, and its drawn state (``read_switch``);
- ``read``: the ``Reader``, every read of a switch's state through one rule: settled, and an
  "off" only at the minimum age; ``witness``: the page's own data, which may only contradict an
  "off";
- ``flip``: one click, and the save it causes;
- ``verify``: reload and read again; "off" only if the reload shows it off;
- ``decide``: what a step found for a setting (a ``Decision``), which the run turns into its result;
- ``run``: ``opt_out``, which drives the steps over all pages; ``gate`` paces changes, ``stops``
  says why a run ended early, ``pages`` keeps the browser tabs, ``interrupt`` takes signals,
  ``trace`` keeps a Playwright trace;
- ``options``: the run's options (``Task``, ``Evidence``, ``Waits``, ``Hooks``, ``Timeouts``,
  ``Retry``); ``driver``: what ``verify`` (``Verifying``) and ``discover`` (``Exploring``) may ask
  of the run; ``switches``: what a switch is and how its state is read, for every step;
- ``discover`` and ``survey``: the category pages, switches no map covers, the policy's date;
- ``safety``, ``evidence``, ``sanitize``, ``block_heavy``: the guard rails and what a failure leaves.
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:  # lazy: importing a step does not import the whole engine
    if name == "opt_out":
        from automation.engine.run import opt_out

        return opt_out
    raise AttributeError(f"module 'automation.engine' has no attribute {name!r}")


__all__ = ["opt_out"]
