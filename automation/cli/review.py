"""``review``: what LinkedIn already holds of you, read offline from your own data export.

The command parses its options, calls one flow (``automation.review.command.run_review``) and
leaves through ``finish`` with what it returns. No browser, no network; nothing is written to the
history. ``--profile`` only says whose prune ledger to read (flags of items ``prune`` has gone are
shown as done).
"""

from __future__ import annotations

import math
from pathlib import Path

import click

from automation.cli.base import cli, configure, finish, json_option, profile_option


class Years(click.ParamType):
    """A number of years, 0 or more: ``inf`` and ``1e400`` too (nothing is that old); not ``nan``."""

    name = "years"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> float:
        try:
            years = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number of years", param, ctx)
        if math.isnan(years) or years < 0:
            self.fail(f"{value!r} is not a number of years of 0 or more", param, ctx)
        return years


class Country(click.ParamType):
    name = "country"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from automation.review.phones import known_region

        code = str(value).strip().upper()
        if len(code) != 2 or not known_region(code):
            self.fail(f"{value!r} is not a two-letter country code (GB, US, DE, …)", param, ctx)
        return code


@cli.command()
@click.argument("export", required=False, type=click.Path(path_type=Path))
@click.option("--demo", is_flag=True, help="Review a built-in synthetic export of an invented person.")
@click.option("--watch", multiple=True, metavar="WORDS",
              help="Your own watch words, comma-separated or repeated (a client, an internal project); any case.")
@click.option("--watch-file", type=click.Path(dir_okay=False, path_type=Path),
              help="A file of watch words, one per line or comma-separated; '#' starts a comment line.")
@click.option("--older-than", type=Years(), default=5.0, show_default=True, metavar="YEARS",
              help="Flag posts, comments, articles and media older than this (oldest first).")
@click.option("--country", type=Country(), metavar="CC",
              help="Your country, for phone numbers written without a country code (default: the profile's).")
@click.option("--show", is_flag=True, help="Show e-mail addresses and phone numbers whole in excerpts.")
@click.option("--files", "list_files", is_flag=True, help="List every file read, with its rows and notes.")
@profile_option
@json_option
@click.option("--html", is_flag=True, help="Also write a self-contained HTML page (private) under the reports folder.")
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the flags to this CSV file (mode 0600), for a spreadsheet.")
def review(export: Path | None, demo: bool, watch: tuple[str, ...], watch_file: Path | None, older_than: float,
           country: str | None, show: bool, list_files: bool, profile: str | None, as_json: bool, html: bool,
           csv_path: Path | None) -> None:
    """Read your LinkedIn data export offline and say what to prune.

    EXPORT is the zip LinkedIn e-mailed you (Basic_… or Complete_LinkedInDataExport_….zip, also
    a zip saved inside a zip) or the folder it was unpacked into (one export per folder). Leads with
    the flags: contact details, your birth date and address, your watch words, old content (oldest
    first, counted per year), resumes and saved job answers, each with where to delete it; then
    what each category of LinkedIn's generative-AI policy holds, what LinkedIn infers about you and
    what advertisers can target you by. Flags of items `prune` has deleted (its ledger, for
    --profile) are shown as done. Nothing is changed, sent or kept in the history.
    """
    from automation.flows.outcome import Line, Outcome
    from automation.paths import reports_root
    from automation.review.command import ReviewRequest, run_review
    from automation.review.ledger import ledger_path
    from automation.review.terminal import review_lines

    config = configure(profile=profile, uses=("profile", "report_dir") if html else ("profile",))
    done = run_review(ReviewRequest(
        export=export, demo=demo, watch=watch, watch_file=watch_file, older_than=older_than, show=show,
        country=country, as_json=as_json, csv=csv_path, html_root=reports_root(config.report_dir) if html else None,
        ledger=ledger_path(config.profile)))
    review = done.review
    finish(Outcome(done.exit_code, lines=tuple(Line(shown) for shown in review_lines(review, files=list_files))
                   if review is not None and not as_json else (),
                   json=review.write_json if review is not None else None, notes=tuple(done.messages)), as_json)
