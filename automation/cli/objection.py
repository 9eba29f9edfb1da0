"""``objection``: the prefilled Data Processing Objection text; the person sends it themselves."""

from __future__ import annotations

import click

from automation.cli.base import configure, profile_option


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
    from automation.catalogue.loader import load_catalogue
    from automation.errors import UserError
    from automation.results import history
    from automation.results.objection import objection_text
    from automation.session.profile import Profile

    config = configure(profile=profile, uses=("profile",))
    stored = Profile(config.profile)
    known = stored.meta().get("account") if stored.exists() else None
    click.echo(objection_text(region, name=name or known, email=email), nl=False)  # type: ignore[arg-type]
    site = load_catalogue().site
    form = site.base_url + site.after.objection_path
    click.echo(f"\nPaste the text above into LinkedIn's Data Processing Objection Form: {form}\n"
               "Choose the objection type that fits (or \"Other\"), fill in the fields, check the text "
               "and submit it yourself; LinkedIn confirms by e-mail. This tool never submits it.", err=True)
    if region == "eu":
        click.echo("Worded for the EU/EEA, UK and Switzerland; use --region other if you live elsewhere.",
                   err=True)
    try:  # the text is already out: a history that cannot be written is only a warning
        history.append(history.Record(kind="objection", profile=config.profile,
                                      details={"region": region, "form": form}))
    except UserError as err:
        click.echo(f"warning: not recorded in the history: {err}", err=True)
    if open_form:
        import webbrowser

        if not webbrowser.open(form):
            click.echo(f"could not open a browser; open {form} yourself", err=True)
