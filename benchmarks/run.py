"""Benchmark the engine against the demo site: medians beside a lower bound and a baseline.

    python benchmarks/run.py [--repeat 5] [--latency 0.1] [--json]

For `check` and `apply --pace 0` over all 13 settings it prints the median of: wall time after
browser start and including it, requests and bytes the site served, and the peak memory (PSS)
of the whole browser process tree. Each time is printed beside its lower bound: what the site's
latency and render delay make unavoidable for the requests a run must make (a GET per page; for
apply, per setting also a save and a verifying reload) at the same concurrency. And beside a
one-page-at-a-time baseline of the same engine, measured in the same run. A run without resource
blocking shows what skipping images, media and fonts saves. Also: start-up of `--help` and
`settings`. The machine is shared and noisy: read ratios and medians, not single figures.

The settle rule (a state counts only once the page has settled) is measured by running
`check` with it and with reads at once (the engine before it), interleaved run by run so that the
machine's noise falls on both alike: ``--settle`` runs only that pair.

What "off needs more evidence" costs (every off is believed only once the page is
``Timeouts.min_age`` old and a settled look still reads it off; the page's own data can only
contradict): ``--confirm`` runs, interleaved, the old rule (min age 0) and the new one for check
with everything off, check with everything on and apply with everything on, and prints the three
ratios (new / old, medians); ``--min-age`` adds rows for other ages.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

from playwright.async_api import async_playwright  # noqa: E402

from automation.catalogue.loader import load_catalogue  # noqa: E402
from automation.demo.run import demo_context  # noqa: E402
from automation.demo.site import DemoSite, Faults  # noqa: E402
from automation.engine.options import (  # noqa: E402
    Task,
    Timeouts,  # noqa: E402
    Waits,
)
from automation.engine.run import opt_out  # noqa: E402
from automation.session.browser import launch  # noqa: E402


@dataclass
class Variant:
    name: str
    apply: bool
    concurrency: int
    lean: bool = True
    settle_window: float | None = None  # None: the engine's default; 0: read at once (no settle rule)
    discover: bool = False  # also read the category pages (discovery); measured on its own, --discovery
    unlisted: bool = True  # the demo links a page no map covers (False: nothing new, the common case)
    min_age: float | None = None  # None: the engine's default; 0: an off believed at once (the old rule)
    all_off: bool = False  # every switch starts off (check then reports already_off)


VARIANTS = [
    Variant("check", False, 3),
    Variant("apply --pace 0", True, 3),
    Variant("check, one page at a time", False, 1),
    Variant("apply, one page at a time", True, 1),
    Variant("check, images/fonts not skipped", False, 3, lean=False),
]
SETTLE_PAIR = [Variant("check", False, 3), Variant("check, read at once (before the settle rule)", False, 3,
                                                   settle_window=0)]


class TreeMemory:
    """Samples the summed PSS of this process's browser descendants every 50 ms; keeps the peak."""

    def __init__(self) -> None:
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, browser_tree_kb())
            self._stop.wait(0.05)


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            tree.setdefault(ppid, []).append(int(entry))
    return tree


def browser_tree_kb() -> int:
    """PSS (shared pages split fairly) of every Chromium process below this one, in kB."""
    tree, total, todo = _children(), 0, [os.getpid()]
    while todo:
        for child in tree.get(todo.pop(), []):
            todo.append(child)
            try:
                if "chrom" not in Path(f"/proc/{child}/comm").read_text() and \
                        "headless" not in Path(f"/proc/{child}/comm").read_text():
                    continue
                rollup = Path(f"/proc/{child}/smaps_rollup").read_text()
                total += next(int(x.split()[1]) for x in rollup.splitlines() if x.startswith("Pss:"))
            except (OSError, StopIteration):
                continue
    return total


def lower_bound(apply: bool, concurrency: int, latency: float, render: float) -> float:
    """Makespan bound: no schedule at this concurrency beats max(longest page, total / concurrency)."""
    per_page: dict[str, int] = {}
    for s in load_catalogue().settings:
        per_page[s.path] = per_page.get(s.path, 0) + 1
    times = [latency + render + (k * (2 * latency + render) if apply else 0) for k in per_page.values()]
    return max(max(times), sum(times) / concurrency)


async def one_run(site: DemoSite, variant: Variant, latency: float, executable: str | None) -> dict:
    off = dict.fromkeys(site.templates.initial_state(), False) if variant.all_off else None
    site.reset(faults=Faults(latency=latency, unlisted=variant.unlisted), initial=off)
    async with async_playwright() as playwright:
        with TreeMemory() as memory:
            t0 = time.perf_counter()
            browser = await launch(playwright, args=site.launch_args(), executable=executable)
            context = await demo_context(browser, site)
            t1 = time.perf_counter()
            timeouts = Timeouts() if variant.settle_window is None else Timeouts(settle_window=variant.settle_window)
            if variant.min_age is not None:
                timeouts = replace(timeouts, min_age=variant.min_age)
            task = Task(apply=variant.apply, pace=0, concurrency=variant.concurrency, lean=variant.lean,
                        discover=variant.discover)
            report = await opt_out(context, task, waits=Waits(timeouts=timeouts))
            t2 = time.perf_counter()
            await browser.close()
    wanted = "already_off" if variant.all_off else "turned_off" if variant.apply else "on"
    if {r.status.value for r in report.results} != {wanted}:
        raise SystemExit(f"{variant.name}: unexpected statuses {report.summary()}")
    ages = [r.confirmed.age_s for r in report.results if r.confirmed and r.confirmed.age_s is not None]
    return {"run_s": t2 - t1, "with_start_s": t2 - t0, "requests": len(site.hits),
            "bytes": sum(h.size for h in site.hits), "peak_mb": memory.peak_kb / 1024,
            "off_age_s": statistics.median(ages) if ages else 0.0}


def startup(args: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "automation", *args], capture_output=True, check=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--latency", type=float, default=0.1, help="seconds added to every request")
    parser.add_argument("--browser", default=None, help="Chromium executable (default: found as the tool does)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--settle", action="store_true", help="only: check with and without the settle rule")
    parser.add_argument("--confirm", action="store_true",
                        help="only: what believing an off costs (old rule / new rule, three ratios)")
    parser.add_argument("--min-age", type=float, action="append", default=[],
                        help="with --confirm: also check with everything off at this minimum age (repeatable)")
    parser.add_argument("--discovery", action="store_true",
                        help="only: check with and without looking for settings LinkedIn added")
    args = parser.parse_args()
    if args.settle:
        return settle_cost(args)
    if args.confirm:
        return confirm_cost(args)
    if args.discovery:
        return discovery_cost(args)

    results = []
    with DemoSite() as site:
        render = Faults().render_delay
        for variant in VARIANTS:
            runs = [asyncio.run(one_run(site, variant, args.latency, args.browser)) for _ in range(args.repeat)]
            medians = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
            bound = lower_bound(variant.apply, variant.concurrency, args.latency, render)
            results.append({"variant": asdict(variant), **medians, "lower_bound_s": bound,
                            "ratio_to_bound": medians["run_s"] / bound})
    by_name = {r["variant"]["name"]: r for r in results}
    for kind in ("check", "apply"):
        fast = by_name["check" if kind == "check" else "apply --pace 0"]
        base = by_name[f"{kind}, one page at a time"]
        fast["baseline_s"] = base["run_s"]
        fast["speedup_vs_baseline"] = base["run_s"] / fast["run_s"]
    lean, heavy = by_name["check"], by_name["check, images/fonts not skipped"]
    figures = {
        "latency_s": args.latency, "render_delay_s": render, "repeat": args.repeat, "runs": results,
        "skipping_saves": {"requests": heavy["requests"] - lean["requests"], "bytes": heavy["bytes"] - lean["bytes"]},
        "help_s": startup(["--help"], args.repeat), "settings_s": startup(["settings"], args.repeat),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"demo site: {args.latency * 1000:.0f} ms latency per request, {render * 1000:.0f} ms render delay; "
          f"medians of {args.repeat} runs")
    header = f"{'run':34} {'time':>7} {'bound':>7} {'ratio':>6} {'w/start':>8} {'baseline':>9} {'reqs':>5} " \
             f"{'kB':>7} {'peak MB':>8}"
    print(header)
    print("-" * len(header))
    for r in results:
        baseline = f"{r['baseline_s']:.2f}s" if "baseline_s" in r else ""
        print(f"{r['variant']['name']:34} {r['run_s']:6.2f}s {r['lower_bound_s']:6.2f}s {r['ratio_to_bound']:5.2f}x "
              f"{r['with_start_s']:7.2f}s {baseline:>9} {r['requests']:5.0f} {r['bytes'] / 1024:7.0f} "
              f"{r['peak_mb']:8.0f}")
    for kind in ("check", "apply --pace 0"):
        print(f"{kind}: {by_name[kind]['speedup_vs_baseline']:.1f}x faster than one page at a time")
    saved = figures["skipping_saves"]
    print(f"skipping images, media and fonts saves {saved['requests']:.0f} requests and "
          f"{saved['bytes'] / 1024:.0f} kB per check")
    print(f"start-up: --help {figures['help_s']:.2f}s, settings {figures['settings_s']:.2f}s")


def settle_cost(args: argparse.Namespace) -> None:
    """check with the settle rule against reads at once, interleaved run by run."""
    runs: dict[str, list[float]] = {v.name: [] for v in SETTLE_PAIR}
    with DemoSite() as site:
        for _ in range(args.repeat):
            for variant in SETTLE_PAIR:
                runs[variant.name].append(asyncio.run(one_run(site, variant, args.latency, args.browser))["run_s"])
    after, before = (statistics.median(runs[v.name]) for v in SETTLE_PAIR)
    figures = {"check_with_settle_s": after, "check_read_at_once_s": before, "growth": after / before - 1,
               "settle_window_s": Timeouts().settle_window, "repeat": args.repeat, "runs": runs}
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"check over 13 settings, medians of {args.repeat} interleaved runs "
          f"({args.latency * 1000:.0f} ms latency, settle window {Timeouts().settle_window * 1000:.0f} ms):")
    print(f"  reads at once (before): {before:.2f} s")
    print(f"  settled reads (now):    {after:.2f} s   ({figures['growth'] * 100:+.1f}%)")


CONFIRM = [
    ("check, everything off", Variant("check all off", False, 3, all_off=True)),
    ("check, everything on", Variant("check all on", False, 3)),
    ("apply --pace 0, everything on", Variant("apply all on", True, 3)),
]


def confirm_cost(args: argparse.Namespace) -> None:
    """The old rule (an off believed once two settled looks agree: min age 0) and the new one
    (Timeouts().min_age), interleaved run by run, for the three runs the issue names."""
    rows = [(f"{name} ({rule})", replace(v, name=f"{v.name} {rule}", min_age=age))
            for name, v in CONFIRM for rule, age in (("old", 0.0), ("new", None))]
    rows += [(f"check, everything off (min age {age:g} s)", replace(CONFIRM[0][1], min_age=age))
             for age in args.min_age]
    runs: dict[str, list[dict]] = {name: [] for name, _ in rows}
    with DemoSite() as site:
        for _ in range(args.repeat):
            for name, variant in rows:
                runs[name].append(asyncio.run(one_run(site, variant, args.latency, args.browser)))
    medians = {name: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for name, rs in runs.items()}
    ratios = {name: medians[f"{name} (new)"]["run_s"] / medians[f"{name} (old)"]["run_s"] for name, _ in CONFIRM}
    if args.json:
        print(json.dumps({"repeat": args.repeat, "latency_s": args.latency, "min_age_s": Timeouts().min_age,
                          "medians": medians, "ratios": ratios, "runs": runs}, indent=2))
        return
    print(f"13 settings on 12 pages, concurrency 3, medians of {args.repeat} interleaved runs "
          f"({args.latency * 1000:.0f} ms latency; new rule: min age {Timeouts().min_age:g} s, old: 0)")
    for name, m in medians.items():
        age = f"   an off believed at page age {m['off_age_s']:.2f} s" if m["off_age_s"] else ""
        print(f"  {name:44} {m['run_s']:6.2f} s{age}")
    for name, ratio in ratios.items():
        print(f"ratio new/old, {name}: {ratio:.2f}")


DISCOVERY = [Variant("check, mapped pages only (before)", False, 3),
             Variant("check + category pages, nothing new", False, 3, discover=True, unlisted=False),
             Variant("check + category pages + 1 unlisted page", False, 3, discover=True)]


def discovery_cost(args: argparse.Namespace) -> None:
    """check without discovery and with it, interleaved run by run."""
    runs: dict[str, list[dict]] = {v.name: [] for v in DISCOVERY}
    with DemoSite() as site:
        for _ in range(args.repeat):
            for variant in DISCOVERY:
                runs[variant.name].append(asyncio.run(one_run(site, variant, args.latency, args.browser)))
    medians = {name: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for name, rs in runs.items()}
    before = medians[DISCOVERY[0].name]
    if args.json:
        print(json.dumps({"repeat": args.repeat, "latency_s": args.latency, "medians": medians}, indent=2))
        return
    print(f"check over 13 settings, medians of {args.repeat} interleaved runs ({args.latency * 1000:.0f} ms latency):")
    for name, m in medians.items():
        print(f"  {name:42} {m['run_s']:5.2f} s ({(m['run_s'] / before['run_s'] - 1) * 100:+5.1f}%)  "
              f"{m['requests']:4.0f} requests ({m['requests'] - before['requests']:+.0f})")


if __name__ == "__main__":
    main()
