"""Benchmark `prune`: items per minute on the demo, looking only, and deleting at the default
(human) pace and at --pace 0.

    python benchmarks/prune.py [--repeat 3] [--latency 0.1] [--json]

Each run prunes the demo's own selection (what `prune --demo` chooses: four posts, two comments,
an article, three resumes) on a fresh demo site, in one browser launched once; only the prune
call is timed. Deleting includes, per item: the page, a settled re-read before the click, the menu,
the dialog, and the verifying reload, whose "gone" is believed only at the minimum page age (2 s).
The default pace adds 2.5-6 s (random) between deletions, on purpose. The machine is shared and
noisy: read the medians.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout

from playwright.async_api import async_playwright  # noqa: E402

from automation.demo.run import demo_context  # noqa: E402
from automation.demo.site import DemoSite, Faults  # noqa: E402
from automation.pruning.options import PruneTask  # noqa: E402
from automation.pruning.run import prune  # noqa: E402
from automation.pruning.selection import Criteria, select  # noqa: E402
from automation.review.synthetic import WATCH, build  # noqa: E402
from automation.session.browser import launch  # noqa: E402

BASE = "https://www.linkedin.com"
MODES = {"look": None, "delete, default pace": None, "delete, --pace 0": 0.0}


async def one(browser, site: DemoSite, mode: str) -> tuple[int, float, set[str]]:  # type: ignore[no-untyped-def]
    site.reset(faults=site.faults)  # every item back up
    selection = select(build("complete").data, Criteria(kinds=("old", "email", "phone", "watch-word", "resume"),
                                                        watch=WATCH), base_url=BASE,
                       answers_page=BASE + "/jobs/application-settings/")
    count = len(selection.items)
    task = PruneTask() if mode == "look" else PruneTask(delete=True, confirm=count, pace=MODES[mode])
    context = await demo_context(browser, site)
    try:
        start = time.perf_counter()
        report = await prune(context, selection, task)
        took = time.perf_counter() - start
    finally:
        await context.close()
    return count, took, {i.status.value for i in report.items}


async def measure(repeat: int, latency: float, executable: str | None) -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {}
    with DemoSite(faults=Faults(latency=latency)) as site:
        async with async_playwright() as playwright:
            browser = await launch(playwright, args=site.launch_args(), executable=executable)
            try:
                for mode in MODES:
                    rates, seconds = [], []
                    for _ in range(repeat):
                        count, took, statuses = await one(browser, site, mode)
                        expected = {"still_up"} if mode == "look" else {"deleted"}
                        if statuses != expected:
                            raise SystemExit(f"{mode}: the run ended {statuses}, not {expected}")
                        rates.append(count / took * 60)
                        seconds.append(took / count)
                    results[mode] = {"items": count, "items_per_minute": statistics.median(rates),
                                     "seconds_per_item": statistics.median(seconds), "runs": repeat}
            finally:
                await browser.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--latency", type=float, default=0.1, help="seconds added to every request")
    parser.add_argument("--browser", default=None, help="Chromium executable (default: found as the tool does)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = asyncio.run(measure(args.repeat, args.latency, args.browser))
    if args.json:
        print(json.dumps({"latency": args.latency, **results}, indent=2))
        return
    print(f"prune on the demo ({args.latency:g} s latency per request), medians of {args.repeat} run(s):")
    for mode, figures in results.items():
        print(f"  {mode:22} {figures['items_per_minute']:5.1f} items/minute "
              f"({figures['seconds_per_item']:.1f} s per item, {figures['items']:.0f} items)")
    ratio = results["delete, --pace 0"]["items_per_minute"] / results["delete, default pace"]["items_per_minute"]
    print(f"  --pace 0 deletes {ratio:.1f}x as many items per minute as the default pace")


if __name__ == "__main__":
    main()
