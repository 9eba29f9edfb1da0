"""Property: whatever the starting states and injected faults, the engine never turns a setting on,
never claims "off" for a setting the site holds on, and its exit code matches its statuses."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from automation.catalogue.loader import load_catalogue
from automation.demo.run import demo_context
from automation.demo.site import DemoSite, Faults
from automation.engine.options import Task, Waits
from automation.engine.run import opt_out
from automation.results.report import Status
from tests.conftest import FAST, FAST_RETRY

CATALOGUE = load_catalogue()
IDS = CATALOGUE.ids
FAULTS = st.sampled_from(["none", "none", "save_500", "not_persisted", "reverts"])


def expected_exit(statuses: set[Status]) -> int:
    """The README's exit-code precedence, written out independently of the code under test."""
    if statuses & {Status.SIGNED_OUT, Status.CHALLENGE}:
        return 5
    if statuses & {Status.NOT_FOUND, Status.AMBIGUOUS}:
        return 4
    if statuses & {Status.ON, Status.FAILED, Status.SKIPPED}:
        return 3
    return 0


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    chosen=st.lists(st.sampled_from(IDS), min_size=1, max_size=5, unique=True),
    initial=st.dictionaries(st.sampled_from(IDS), st.booleans()),
    faults=st.dictionaries(st.sampled_from(IDS), FAULTS),
    banner=st.booleans(),
    flip_after_save=st.booleans(),
    apply=st.booleans(),
)
def test_no_false_success_and_nothing_turned_on(site: DemoSite, aio, abrowser, chosen, initial, faults, banner,
                                                flip_after_save, apply) -> None:
    site.reset(faults=Faults(cookie_banner=banner, flip_after_save=flip_after_save))
    for setting_id, on in initial.items():
        site.set_setting(setting_id, on)
    for setting_id, fault in faults.items():
        key = CATALOGUE[setting_id].key
        if fault == "save_500":
            site.faults.save_status[key] = 500
        elif fault != "none":
            getattr(site.faults, fault).add(key)
    started_on = {sid: site.setting(sid) for sid in IDS}

    async def run_in_a_fresh_context():
        # A new context per example: no cookie (the banner's choice, say) carries over from the last.
        context = await demo_context(abrowser, site)
        try:
            return await opt_out(context, Task(apply=apply, only=chosen, pace=0), waits=Waits(FAST, FAST_RETRY))
        finally:
            await context.close()

    report = aio.run(run_in_a_fresh_context())

    assert [s for s in site.saves if s.value is not False] == [], "a save carried 'on'"
    if not apply:
        assert site.saves == []
    for r in report.results:
        if r.status in (Status.TURNED_OFF, Status.ALREADY_OFF):
            assert site.setting(r.setting) is False, f"{r.setting}: reported {r.status} but the site holds it on"
        if not started_on[r.setting]:
            assert site.saves_for(CATALOGUE[r.setting].key) == [], f"{r.setting} was off yet got a save"
        if started_on[r.setting] and apply and faults.get(r.setting, "none") == "none":
            assert r.status is Status.TURNED_OFF, r
    assert report.exit_code == expected_exit({r.status for r in report.results})
    for setting_id in IDS:
        if setting_id not in chosen:
            assert site.setting(setting_id) is started_on[setting_id], f"{setting_id} changed without being asked"
