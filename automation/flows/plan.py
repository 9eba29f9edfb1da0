"""A run's plan: the task built once from the options and the configuration, and ``RunPlan``,
where the run's evidence, history, HTML report and alerts go."""

from __future__ import annotations

from dataclasses import dataclass

from automation.catalogue.loader import load_catalogue
from automation.config import Config, report_root
from automation.engine.options import Evidence, Task
from automation.paths import state_root
from automation.private import private_dir
from automation.results.after_run import Aftermath, after_run, run_folder
from automation.results.report import RunReport, now


def task_for(config: Config, *, apply: bool, only: tuple[str, ...] = (), policy: bool = False) -> Task:
    """The run's ``Task`` from the options and the configuration. An unknown ``only`` stops here,
    before any browser; with no ``only`` the whole catalogue is read and new settings looked for."""
    load_catalogue().resolve(only or None)
    return Task(apply=apply, only=only or None, pace=config.pace if apply else None,
                concurrency=config.concurrency, policy=policy)


@dataclass(frozen=True)
class Keep:
    """What a check or apply keeps beyond its report: an HTML report, a trace (it holds the
    session), alerts to these apprise targets. The scheduled run adds a desktop alert, its
    trigger, and its interval (a check older than two of them is alerted on)."""

    html: bool = False
    trace: bool = False
    notify: tuple[str, ...] = ()
    trigger: str = "manual"
    desktop: bool = False
    every: str | None = None


class RunPlan:
    """One check or apply run's private folder, history record, HTML report, trace and alerts.
    Made before any browser starts, so that a folder that cannot be written stops the run first."""

    def __init__(self, config: Config, mode: str, keep: Keep) -> None:
        private_dir(state_root())  # fail now, before any browser, if history cannot be kept
        root = report_root(config.report_dir)
        self.config, self.keep = config, keep
        self.notify = [*keep.notify, *config.notify_urls()]
        self.dir = run_folder(root, mode, now())
        self.trace = self.dir / "trace.zip" if keep.trace else None

    @property
    def evidence(self) -> Evidence:
        return Evidence(folder=self.dir, screenshots=self.keep.html, trace=self.trace)

    def trace_warning(self) -> str | None:
        if self.trace is None:
            return None
        return (f"warning: the trace {self.trace} will hold your LinkedIn session cookies; "
                "keep it private and delete it when done")

    def after(self, report: RunReport) -> Aftermath:
        """History and drift, the HTML report and the alerts (after_run.py)."""
        return after_run(report, profile=self.config.profile, trigger=self.keep.trigger, run_dir=self.dir,
                         html=self.keep.html, notify_urls=self.notify, desktop=self.keep.desktop,
                         every=self.keep.every)
