"""``objection``: the prefilled Data Processing Objection text; the person sends it themselves."""

from __future__ import annotations

import click

from automation.cli.base import configure, environment, finish, profile_option


@click.command()
@click.option("--region", type=click.Choice(["eu", "other"]), default="eu", show_default=True,
              help="eu: EU/EEA, UK or Switzerland (GDPR Art. 21 right to object). other: elsewhere.")
@click.option("--name", default=None, help="Your name (default: the signed-in profile's, when known).")
@click.option("--email", default=None, help="Your LinkedIn account's e-mail address.")
@click.option("--open", "open_form", is_flag=True, help="Also open LinkedIn's form in your own browser.")
@profile_option
def objection(region: str, name: str | None, email: str | None, open_form: bool, profile: str | None) -> None:
    """Print an objection to AI training and ad personalization, for LinkedIn's form.

    The switches only stop future use of some data. This text objects to the rest. It is never
    sent by this tool: paste it into the form, check it, and submit it yourself.
    """
    from automation.flows.listing import objection as object_to

    env = environment(configure(profile=profile, uses=("profile",)))
    finish(object_to(env, region=region, name=name, email=email, open_form=open_form))
