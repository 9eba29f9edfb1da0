"""``teach``: show the tool a switch the maps no longer find, or ``--adopt`` one on a page no map
covers; ``--list`` and ``--forget`` the overrides."""

from __future__ import annotations

import asyncio

import click

from automation.cli.base import configure, current_site, profile_option
from automation.errors import UserError


@click.command()
@click.argument("setting", required=False)
@profile_option
@click.option("--force", is_flag=True, help="Teach even when the maps already find the switch.")
@click.option("--timeout", type=click.IntRange(10, 3600), default=300, show_default=True,
              help="Seconds to wait for you to click the switch.")
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

    Exit 0: learned (or nothing to teach). 2: bad input or no display. 5: not signed in or a
    security check. 8: nothing was changed in time. 9: nothing could be learned safely.
    """
    from automation.catalogue import overrides
    from automation.catalogue.loader import load_catalogue

    if list_:
        data = overrides.read()
        if not data.overrides:
            click.echo(f"no local overrides ({overrides.overrides_path()} does not list any)")
            return
        for o in data.overrides:
            where = f"adopted from {o.path} ({o.controls!r}), " if o.path else ""
            click.echo(f"{o.id}: {where}{o.kind} {o.value!r} (page language {o.lang}, learned "
                       f"{o.learned_on.isoformat()} with linkedin-optout {o.tool_version})")
        click.echo(f"file: {overrides.overrides_path()}", err=True)
        return
    if forget:
        was = next((o for o in overrides.read().overrides if o.id == forget), None)
        if overrides.forget(forget):
            then = ("runs report its page as unlisted again" if was is not None and was.path
                    and forget not in load_catalogue(overrides=False).ids else "the bundled map is used again")
            click.echo(f"removed the local override of {forget}; {then}")
        else:
            click.echo(f"no local override of {forget}: nothing removed")
        return
    if adopt is None and new_id is not None:
        raise UserError("--id goes with --adopt URL", hint="`linkedin-optout teach --adopt URL --id NEW-ID`")
    if adopt is not None and (setting or force):
        raise UserError("--adopt URL takes no SETTING and no --force",
                        hint="`linkedin-optout teach SETTING` teaches a setting the maps know")
    _teach(setting, profile, force, timeout, adopt, new_id)


def _teach(setting: str | None, profile: str | None, force: bool, timeout: int, adopt: str | None,
           new_id: str | None) -> None:
    from rich.console import Console

    from automation.catalogue.loader import load_catalogue
    from automation.session.browser import has_display
    from automation.session.profile import Profile
    from automation.session.runner import Launch
    from automation.tools.teach import Lesson, Talk, teach_flow
    from automation.tools.teach_adopt import adopt_id, adopt_path
    from automation.tools.teach_watch import Seen

    config = configure(profile=profile, uses=("profile", "browser"))
    catalogue = load_catalogue()
    if adopt is not None:  # a bad URL or id stops before any browser
        adopt_id(catalogue, adopt_path(catalogue, adopt), new_id)
    elif setting:
        catalogue.resolve(setting)  # an unknown id stops before any browser
    question = "Is this the switch you want off from now on?" if adopt else "Is this the switch for the setting?"
    if not has_display():
        raise UserError("no display for the teaching window here",
                        hint="run teach on a machine with a screen; the override it writes can be copied")
    console = Console(stderr=True, highlight=False)
    status = console.status("Opening the browser...")

    def say(line: str) -> None:
        console.print(line, markup=False, soft_wrap=True)

    def tick(left: float) -> None:
        status.update(f"Waiting for you to click the switch in the browser ({int(left) // 60}:{int(left) % 60:02d} left)")

    def confirm(seen: Seen) -> bool:
        status.stop()
        try:
            console.print(f"You changed the switch {seen.name or '(no accessible name)'!r}: "
                          f"{'on' if seen.before else 'off'} -> {'on' if seen.after else 'off'}, "
                          f"on the page {seen.title!r}; it sent {seen.save}.", markup=False, soft_wrap=True)
            try:
                return click.confirm(question, default=False, err=True)
            except click.Abort:
                raise UserError("no answer at the confirmation; nothing learned") from None
        finally:
            status.start()

    with status:
        lesson = Lesson(settings=(setting,) if setting else (), adopt=adopt, new_id=new_id, force=force,
                        timeout=timeout)
        taught = asyncio.run(teach_flow(Profile(config.profile), lesson, Talk(confirm=confirm, say=say, tick=tick),
                                        launch=Launch(headless=False, executable=config.browser,
                                                      site=current_site())))
    for t in taught:
        click.echo(f"{t.setting}: {t.detail}")
        if t.status == "learned":
            click.echo("To fix this for everyone, send these to the project (read them first):", err=True)
            for path in t.files:
                click.echo(f"  {path}", err=True)
            click.echo(t.diff, err=True)
