"""The library's options objects (automation/engine/options.py): what a run is asked to do, where
its evidence goes, how long it waits, what it tells. A wrong type or value is one line (an
expected ``OptionsError``, exit code 2 on the command line), never a traceback from deep in a run.
No browser is needed: the options are checked before anything opens."""

from __future__ import annotations

import asyncio
import inspect
from pathlib import Path

import pytest

import automation
from automation.engine.options import Evidence, Hooks, Task, Waits
from automation.errors import OptionsError, UserError
from automation.exit_codes import ExitCode, most_urgent
from automation.flows.runs import demo_exit_code
from automation.results.report import RunReport, SettingResult, Status, now


def test_opt_out_takes_at_most_six_parameters() -> None:
    assert len(inspect.signature(automation.opt_out).parameters) <= 6


def test_the_options_are_exported_from_the_package() -> None:
    assert (automation.Task, automation.Evidence, automation.Waits, automation.Hooks) == (Task, Evidence, Waits, Hooks)


@pytest.mark.parametrize("make,says", [
    (lambda: Task(pace=-1), "Task.pace must be seconds >= 0 (or None), not -1"),
    (lambda: Task(concurrency=0), "Task.concurrency must be a whole number >= 1 (or None), not 0"),
    (lambda: Task(concurrency=2.5), "Task.concurrency must be a whole number >= 1 (or None), not 2.5"),
    (lambda: Task(apply="yes"), "Task.apply must be True or False, not 'yes'"),
    (lambda: Task(only=[1, 2]), "Task.only must be setting ids or group names, not (1, 2)"),
    (lambda: Evidence(folder=3), "Evidence.folder must be a path, not 3"),
    (lambda: Waits(timeouts=30), "Waits.timeouts must be a Timeouts, not 30"),
    (lambda: Hooks(progress="print"), "Hooks.progress must be callable, not 'print'"),
])
def test_a_wrong_type_or_value_is_one_line(make, says: str) -> None:
    with pytest.raises(OptionsError) as caught:
        make()
    assert str(caught.value) == says and "\n" not in str(caught.value)
    assert isinstance(caught.value, UserError) and caught.value.exit_code == ExitCode.USAGE


def test_the_options_are_frozen_and_normalized() -> None:
    task = Task(only=["ai", "ads"])
    assert task.only == ("ai", "ads") and Evidence(folder="runs").folder == Path("runs")
    with pytest.raises(AttributeError):
        task.apply = False  # type: ignore[misc]


def test_what_the_task_implies() -> None:
    assert Task().looks_for_new and not Task(only="ai").looks_for_new and Task(only="ai", discover=True).looks_for_new
    assert Task().pages_at_once == 3 and Task(concurrency=5).pages_at_once == 5
    assert Task(pace=0, concurrency=2).parallel_changes and not Task(pace=0).parallel_changes


def test_opt_out_refuses_an_option_of_the_wrong_kind_before_touching_the_browser() -> None:
    with pytest.raises(OptionsError, match="task must be a Task, not"):
        asyncio.run(automation.opt_out(None, {"apply": False}))  # type: ignore[arg-type]


def _report(*statuses: Status) -> RunReport:
    at = now()
    return RunReport(mode="apply", results=[SettingResult(setting=f"s{i}", status=s) for i, s in enumerate(statuses)],
                     started_at=at, finished_at=at, tool_version="test")


def test_one_precedence_table_ranks_every_run_code() -> None:
    assert most_urgent([ExitCode.UNREACHABLE, ExitCode.SESSION]) is ExitCode.SESSION
    assert most_urgent([ExitCode.NOT_OFF, ExitCode.PAGE_CHANGED, ExitCode.INTERRUPTED]) is ExitCode.INTERRUPTED
    assert most_urgent([]) is ExitCode.OK


def test_the_demo_says_a_refusal_before_an_unreachable_site() -> None:
    """A refusal (5) in the apply outranks an unreachable site (6) in the check: the table, not the larger number."""
    refused, unreachable = _report(Status.REFUSED), _report(Status.UNREACHABLE)
    assert (refused.exit_code, unreachable.exit_code) == (ExitCode.SESSION, ExitCode.UNREACHABLE)
    assert demo_exit_code(refused, unreachable) is ExitCode.SESSION
    assert demo_exit_code(unreachable, refused) is ExitCode.SESSION
    assert demo_exit_code(_report(Status.TURNED_OFF), _report(Status.ALREADY_OFF)) is ExitCode.OK
