"""Run the real command line in this process against a demo site of its own.

``python tests/helpers/cli_on_demo.py [demo faults as JSON] -- ARGS...``: starts the demo site,
signs the profile in with a demo session, points the live-site seam at the demo, then runs
``linkedin-optout ARGS``. Tests start it as a subprocess to send it real signals. HOME and the
XDG folders come from the caller's environment. Its runs wait as the tests' engine calls do
(tests/helpers/timing.py); ``CLI_ON_DEMO_GRACE`` (seconds, scaled) shortens the grace a change in
flight has after a signal, for a test whose page in flight never finishes anyway.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time

import automation.session.runner as live
from automation.cli import main
from automation.demo.site import DemoSite, Faults
from automation.session.profile import Profile
from tests.helpers.timing import waiting_as_tests_do


def run(faults: dict, argv: list[str]) -> None:
    with DemoSite(faults=Faults(**faults)) as site:
        profile = Profile(next((argv[i + 1] for i, a in enumerate(argv) if a == "--profile"), "default"))
        # An expiry, or the browser forgets them when it closes (session cookies do not persist).
        cookies = [{**c, "expires": time.time() + 3600} for c in site.session_cookies()]
        asyncio.run(live.import_cookies(profile, cookies))
        grace = os.environ.get("CLI_ON_DEMO_GRACE")
        live.opt_out = waiting_as_tests_do(live.opt_out, grace=float(grace) if grace else None)  # type: ignore[assignment]
        print("demo site ready", file=sys.stderr, flush=True)
        main(argv, site=live.LiveSite(tuple(site.launch_args()), ignore_https_errors=True))


if __name__ == "__main__":
    split = sys.argv.index("--")
    run(json.loads(sys.argv[1]) if split > 1 else {}, sys.argv[split + 1:])
