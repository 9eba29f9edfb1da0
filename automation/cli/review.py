"""``review``: what LinkedIn already holds of you, read offline from your own data export.

The command reads its options, calls one flow (``automation.review.review_export``) and prints
the result. No browser, no network, no profile; nothing is written to the history.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from automation.cli.base import cli, console, json_option
from automation.errors import UserError
from automation.exit_codes import ExitCode

if TYPE_CHECKING:
    from automation.review.result import Review

REQUEST = (
    "No export given. To get one, open {page} on a computer (Me → Settings & Privacy → Data privacy → Get a copy "
    "of your data) and choose either \"Download larger data archive\" (everything, including connections, account "
    "history and what LinkedIn infers about you: LinkedIn e-mails it within 24 hours, a first part "
    "sometimes sooner) or \"Want something in particular?\" (only the categories you tick: ready within "
    "minutes). The e-mailed link lasts 72 hours. Then run `linkedin-optout review "
    "~/Downloads/Complete_LinkedInDataExport_MM-DD-YYYY.zip` (the zip or the folder it was unpacked into), or "
    "`linkedin-optout review --demo` to see a review of a synthetic export first."
)


def request_paragraph() -> str:
    from automation.catalogue.loader import load_catalogue

    site = load_catalogue().site
    return REQUEST.format(page=site.base_url + site.after.copy_of_data_path)


def _watch_words(watch: tuple[str, ...], watch_file: Path | None) -> tuple[str, ...]:
    words = [w.strip() for item in watch for w in item.split(",")]
    if watch_file is not None:
        try:
            text = watch_file.expanduser().read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(f"--watch-file {watch_file}: cannot be read ({getattr(exc, 'strerror', None) or exc})") \
                from exc
        for line in text.splitlines():
            if not line.strip().startswith("#"):
                words.extend(w.strip() for w in line.split(","))
    return tuple(dict.fromkeys(w for w in words if w))


@cli.command()
@click.argument("export", required=False, type=click.Path(path_type=Path))
@click.option("--demo", is_flag=True, help="Review a built-in synthetic export of an invented person.")
@click.option("--watch", multiple=True, metavar="WORDS",
              help="Your own watch words, comma-separated or repeated (a client, an internal project); any case.")
@click.option("--watch-file", type=click.Path(dir_okay=False, path_type=Path),
              help="A file of watch words, one per line or comma-separated; '#' starts a comment line.")
@click.option("--older-than", type=click.FloatRange(min=0), default=5.0, show_default=True, metavar="YEARS",
              help="Flag posts, comments, articles and media older than this.")
@click.option("--show", is_flag=True, help="Show e-mail addresses and phone numbers whole in excerpts.")
@json_option
@click.option("--html", is_flag=True, help="Also write a self-contained HTML page (private) under the reports folder.")
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the flags to this CSV file (mode 0600), for a spreadsheet.")
def review(export: Path | None, demo: bool, watch: tuple[str, ...], watch_file: Path | None, older_than: float,
           show: bool, as_json: bool, html: bool, csv_path: Path | None) -> None:
    """Read your LinkedIn data export offline and say what to prune.

    EXPORT is the zip LinkedIn e-mailed you (Basic_… or Complete_LinkedInDataExport_….zip, also
    a zip saved inside a zip) or the folder it was unpacked into. Counts what each category of
    LinkedIn's generative-AI policy holds, lists what LinkedIn infers about you and what
    advertisers can target you by, and flags contact details, your birth date and address, your
    watch words, old content, resumes and saved job answers, each with where to delete it.
    Nothing is changed, sent or kept in the history.
    """
    from automation.review import Options, review_export

    if export is not None and demo:
        raise UserError("give an export or --demo, not both")
    if export is None and not demo:
        click.echo(request_paragraph(), err=True)
        sys.exit(ExitCode.USAGE)
    words = _watch_words(watch, watch_file)
    if demo:
        from automation.review.synthetic import WATCH, build

        if not words:
            words = WATCH
            if not as_json:
                click.echo(f"Demo: watching for the invented person's words {', '.join(WATCH)} "
                           "(yours: --watch \"Acme,Project X\")", err=True)
        sample = build("complete")
        result = review_export(sample.data, Options(watch=words, older_than=older_than, show=show),
                               label=f"{sample.name} (synthetic)", synthetic=True)
    else:
        assert export is not None
        result = review_export(export.expanduser(), Options(watch=words, older_than=older_than, show=show),
                               label=str(export))
    if csv_path is not None:
        from automation.private import write_private
        from automation.review.flags_csv import flags_csv

        click.echo(f"flags written to {write_private(csv_path.expanduser(), flags_csv(result))}", err=True)
    if html:
        click.echo(f"HTML review: {_write_html(result)}", err=True)
    if as_json:
        result.write_json(sys.stdout)
    else:
        from automation.review.terminal import print_review

        print_review(result, console())


def _write_html(result: Review) -> Path:
    """A new private folder under the reports folder (0700), the page in it (0600)."""
    from automation.cli.base import configure
    from automation.paths import reports_root
    from automation.private import private_dir, write_private
    from automation.results.after_run import run_folder
    from automation.results.report import now
    from automation.review.html_page import render

    config = configure(uses=("report_dir",))
    folder = private_dir(run_folder(private_dir(reports_root(config.report_dir)), "review", now()))
    return write_private(folder / "review.html", render(result))
