"""``teach``: show the tool a switch the maps no longer find, or ``--adopt`` one on a page no map
covers; ``--list`` and ``--forget`` the overrides (their flows: flows/teaching.py)."""

from __future__ import annotations

import click

from automation.cli.base import configure, environment, finish, profile_option, timeout_option


@click.command()
@click.argument("setting", required=False)
@profile_option
@click.option("--force", is_flag=True, help="Teach even when the maps already find the switch.")
@timeout_option
@click.option("--list", "list_", is_flag=True, help="Show the local overrides and stop.")
@click.option("--forget", metavar="SETTING", default=None, help="Remove the local override of SETTING.")
@click.option("--adopt", metavar="URL", default=None,
              help="Adopt a switch on this settings page, which no map covers (a run lists it as unlisted).")
@click.option("--id", "new_id", metavar="NEW-ID", default=None,
              help="With --adopt: the new setting's id (default: from the page's address).")
def teach(setting: str | None, profile: str | None, force: bool, timeout: int, list_: bool,
          forget: str | None, adopt: str | None, new_id: str | None) -> None:
    """Show the tool, once, the switch for a setting it no longer finds.

    Opens the setting's page in a visible browser; you click the switch (turn it off) and the
    tool watches which control changed and which save it sent. It clicks nothing itself. The
    locator it learns is proven by a reload and kept as a local override (used by every later
    run, reported as strategy `learned`), with the sanitized page and the map change to send
    upstream. Without SETTING: every setting the last run left not_found or ambiguous.

    With --adopt URL: a page LinkedIn added, reported as unlisted. You turn its switch off the
    same way; it becomes a local setting (group `adopted`) that later runs turn off like the rest.

    Exit 0: learned (or nothing to teach). 2: bad input or no display. 5: not signed in, a
    security check or LinkedIn refused. 6: LinkedIn could not be reached. 8: nothing was changed
    in time. 9: nothing could be learned safely.
    """
    from automation.flows import teaching

    if list_:
        outcome = teaching.overrides_list()
    elif forget:
        outcome = teaching.forget(forget)
    else:
        env = environment(configure(profile=profile, uses=("profile", "browser")), attended=True)
        outcome = teaching.teach(env, settings=(setting,) if setting else (), adopt=adopt, new_id=new_id,
                                 force=force, timeout=timeout)
    finish(outcome)
