"""``prune``: what ``review`` flags, looked at or deleted in your own session, each verified gone.

The command reads its options, calls one flow (``automation.flows.prune``) and prints its outcome.
"""

from __future__ import annotations

from pathlib import Path

import click

from automation.cli.base import (
    cli,
    configure,
    environment,
    finish,
    headed_option,
    json_option,
    notify_option,
    pace_option,
    prepare_report,
    profile_option,
    quiet_option,
    report_option,
    trace_option,
)
from automation.cli.review import Years
from automation.errors import UserError

KINDS = ("old", "email", "phone", "watch-word", "resume", "screening-answer")
ONLY = ("posts", "comments", "articles", "resumes", "answers")


def _split(values: tuple[str, ...], allowed: tuple[str, ...], option: str) -> tuple[str, ...]:
    found = tuple(dict.fromkeys(v.strip() for value in values for v in value.split(",") if v.strip()))
    if bad := [v for v in found if v not in allowed]:
        raise UserError(f"{option} {bad[0]!r}: choose from {', '.join(allowed)}")
    return found


@cli.command()
@click.argument("export", required=False, type=click.Path(path_type=Path))
@click.option("--demo", is_flag=True, help="Prune the built-in demo: its synthetic export, on the stand-in of LinkedIn.")
@click.option("--kind", "kinds", multiple=True, metavar="KIND",
              help=f"Choose what review flags as KIND ({', '.join(KINDS)}); repeat or comma-separate.")
@click.option("--before", type=click.IntRange(1990, 2100), metavar="YEAR",
              help="Only what is dated before 1 January of YEAR (alone: everything dated before it).")
@click.option("--watch", multiple=True, metavar="WORDS", help="Choose what holds these words (review's --watch).")
@click.option("--watch-file", type=click.Path(dir_okay=False, path_type=Path), help="Watch words from a file.")
@click.option("--older-than", type=Years(), default=5.0, show_default=True, metavar="YEARS",
              help="What --kind old means.")
@click.option("--only", multiple=True, metavar="WHAT", help=f"Only these: {', '.join(ONLY)}.")
@click.option("--limit", type=click.IntRange(min=1), metavar="N", help="At most N items in this run.")
@click.option("--delete", is_flag=True, help="Delete them (asks you to type the count first). Default: only look.")
@click.option("--yes", "yes", type=click.IntRange(min=0), metavar="N",
              help="With --delete: the count, typed in advance (refused if it is not the selection's).")
@click.option("--guided", is_flag=True, help="In a window: you delete each item, the tool shows where and verifies.")
@click.option("--recheck", is_flag=True, help="Are the items the ledger has as gone still gone? (EXPORT optional)")
@pace_option
@json_option
@report_option
@quiet_option
@profile_option
@headed_option
@click.option("--html", is_flag=True, help="Write an HTML report with a close-up of each item before and after.")
@trace_option
@notify_option
def prune(export: Path | None, demo: bool, kinds: tuple[str, ...], before: int | None, watch: tuple[str, ...],
          watch_file: Path | None, older_than: float, only: tuple[str, ...], limit: int | None, delete: bool,
          yes: int | None, guided: bool, recheck: bool, pace: float | None, as_json: bool, report: Path | None,
          quiet: bool, profile: str | None, headed: bool, html: bool, trace: bool, notify: tuple[str, ...]) -> None:
    """Look whether what you chose from your export is still up on LinkedIn, or delete it.

    Choose with the review's own words: --kind (old, email, phone, watch-word, resume,
    screening-answer), --before YEAR, --watch WORDS; narrow with --only and --limit. Without a
    choice it lists what each would choose (exit 2). By default it only looks (exit 3 if some is
    still up). With --delete it deletes each item through LinkedIn's own menu, at a human pace,
    only after the page shows it is yours and the one the export names, and reports it deleted
    only when a reload shows it gone. It never deletes anything you did not choose.
    """
    from automation.flows.prune import PruneRequest
    from automation.flows.prune import prune as run_prune
    from automation.pruning.selection import Criteria
    from automation.review.command import watch_words

    if export is not None and demo:
        raise UserError("give an export or --demo, not both")
    if sum((delete, guided, recheck)) > 1:
        raise UserError("--delete, --guided and --recheck are three different runs: choose one")
    if yes is not None and not delete:
        raise UserError("--yes N confirms a deletion: it goes with --delete")
    criteria = Criteria(kinds=_split(kinds, KINDS, "--kind"), before=before, watch=watch_words(watch, watch_file),
                        only=_split(only, ONLY, "--only"), limit=limit, older_than=older_than)
    config = configure(profile=profile, pace=pace)
    prepare_report(report)
    request = PruneRequest(export=export, demo=demo, criteria=criteria, delete=delete, yes=yes, guided=guided,
                           recheck=recheck, pace=pace, html=html, trace=trace, notify=notify)
    env = environment(config, quiet=quiet or as_json, headed=headed, as_json=as_json)
    finish(run_prune(env, request), as_json, report)
