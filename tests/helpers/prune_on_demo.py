"""Run the real command line's `prune` in this process against a demo site of its own.

``python tests/helpers/prune_on_demo.py [activity faults as JSON] -- ARGS...``: starts the demo
site with those faults on its activity pages, signs the profile in with a demo session, points the
live-site seam at the demo, makes prune wait as the tests do (tests/helpers/timing.py), then runs
``linkedin-optout ARGS``. Tests start it as a subprocess to send it real signals.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time

import automation.session.runner as live
from automation.cli import main
from automation.demo.activity import ActivityFaults
from automation.demo.site import DemoSite
from automation.pruning import run as pruning
from automation.session.profile import Profile
from tests.helpers.timing import waiting_as_tests_do


def run(faults: dict, argv: list[str]) -> None:
    with DemoSite() as site:
        site.activity.faults = ActivityFaults(**faults)
        cookies = [{**c, "expires": time.time() + 3600} for c in site.session_cookies()]
        asyncio.run(live.import_cookies(Profile("default"), cookies))
        pruning.prune = waiting_as_tests_do(pruning.prune)  # type: ignore[assignment]
        print("demo site ready", file=sys.stderr, flush=True)
        main(argv, site=live.LiveSite(tuple(site.launch_args()), ignore_https_errors=True))


if __name__ == "__main__":
    split = sys.argv.index("--")
    run(json.loads(sys.argv[1]) if split > 1 else {}, sys.argv[split + 1:])
