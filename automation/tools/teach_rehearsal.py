"""``demo --teach``: rehearse the repair on the demo before a real page changes.

The demo site serves one page as LinkedIn may change it one day: the AI-training switch with a new
key and a new label, so the bundled maps no longer find it (a run reports it ``not_found``). ``teach``
opens that page in a visible window and watches the person turn the switch off, exactly as on the
real site. The override it learns goes to a throwaway folder, never to the person's own overrides
(it names an invented key), and a run with it then proves the repair: the demo turns the switch
back on, and the run finds it through the override and turns it off again.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from playwright.async_api import async_playwright

from automation.catalogue.loader import load_catalogue
from automation.catalogue.overrides import merge
from automation.demo.run import demo_context
from automation.demo.site import DemoSite
from automation.engine.options import Hooks, Progress, Task
from automation.engine.run import opt_out
from automation.results.report import RunReport
from automation.session.browser import launch
from automation.tools.teach import DEFAULT_TIMEOUT, Taught, teach_one
from automation.tools.teach_watch import Confirm, Person, Say, Tick

SETTING = "ai-training"
CHANGED_PAGE = "ai-training.key-and-label-changed.html"  # a saved page: the switch's key and label renamed


async def rehearse(*, confirm: Confirm, say: Say, tick: Tick | None = None, timeout: float = DEFAULT_TIMEOUT,
                   executable: str | os.PathLike[str] | None = None, progress: Progress | None = None,
                   on_open: Person | None = None) -> tuple[Taught, RunReport]:
    """Teach the changed page's switch in a visible window, then apply once with what was learned.

    ``on_open(page)`` runs once the watching starts (the tests play the person there). Returns what
    was taught and the report of the run that used it."""
    catalogue = load_catalogue(overrides=False)  # the bundled maps: the person's own overrides play no part
    setting = catalogue[SETTING]
    with tempfile.TemporaryDirectory(prefix="linkedin-optout-rehearsal-") as folder, \
            DemoSite(variants={setting.path: CHANGED_PAGE}) as site:
        overrides = Path(folder) / "overrides.toml"
        async with async_playwright() as playwright:
            browser = await launch(playwright, headless=False, args=site.launch_args(), executable=executable)
            try:
                context = await demo_context(browser, site)
                page = await context.new_page()
                taught = await teach_one(page, catalogue, setting, timeout=timeout, force=False, confirm=confirm,
                                         say=say, tick=tick, on_open=on_open, overrides_file=overrides)
                await page.close()
                with site.lock:  # LinkedIn turns the switch back on; the next run must find it again
                    site.state = dict.fromkeys(site.state, True)
                report = await opt_out(context, Task(apply=True, only=[SETTING], pace=0),
                                       catalogue=merge(catalogue, overrides), hooks=Hooks(progress=progress))
            finally:
                await browser.close()
    return taught, report
