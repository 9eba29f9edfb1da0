"""What needs no browser: ``settings`` (the catalogue) and ``objection`` (the prefilled text the
person sends LinkedIn themselves)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from automation.catalogue.loader import load_catalogue
from automation.errors import UserError
from automation.exit_codes import ExitCode
from automation.flows.outcome import Line, Outcome, said

if TYPE_CHECKING:  # settings needs no Env, and must not wait for the browser library to load
    from automation.flows.env import Env


def settings() -> Outcome:
    """The settings this tool knows: a table, or as JSON their id, group, page and what each controls."""
    from automation.results.terminal import catalogue_table

    catalogue = load_catalogue()
    rows = [{"id": s.id, "group": s.group, "page": catalogue.url(s), "controls": s.controls}
            for s in catalogue.settings]
    return Outcome(ExitCode.OK, (Line(catalogue_table(catalogue)),),
                   json.dumps({"settings": rows, "groups": catalogue.groups}, indent=2))


def objection(env: Env, *, region: str, name: str | None, email: str | None, open_form: bool) -> Outcome:
    """The objection text on stdout, where to send it on stderr; noted in the history. ``open_form``
    also opens LinkedIn's form in the person's own browser. Nothing is ever sent from here."""
    from automation.results import history
    from automation.results.objection import objection_text
    from automation.session.profile import Profile

    stored = Profile(env.config.profile)
    known = stored.meta().get("account") if stored.exists() else None
    site = load_catalogue().site
    form = site.base_url + site.after.objection_path
    text = objection_text(region, name=name or known, email=email)  # type: ignore[arg-type]
    lines = [Line(text.removesuffix("\n")),
             *said("", f"Paste the text above into LinkedIn's Data Processing Objection Form: {form}",
                   "Choose the objection type that fits (or \"Other\"), fill in the fields, check the text and "
                   "submit it yourself; LinkedIn confirms by e-mail. This tool never submits it.", err=True)]
    if region == "eu":
        lines.append(Line("Worded for the EU/EEA, UK and Switzerland; use --region other if you live elsewhere.",
                          err=True))
    notes = []
    try:  # the text is out either way: a history that cannot be written is only a warning
        history.append(history.Record(kind="objection", profile=env.config.profile,
                                      details={"region": region, "form": form}))
    except UserError as err:
        notes.append(f"warning: not recorded in the history: {err}")
    if open_form:
        import webbrowser

        if not webbrowser.open(form):
            notes.append(f"could not open a browser; open {form} yourself")
    return Outcome(ExitCode.OK, tuple(lines), notes=tuple(notes))
