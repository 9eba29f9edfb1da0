"""The ``review`` command as one function: its options in, what to print and its exit code out.

``run_review(ReviewRequest)`` reads the watch words, reviews the export (or the demo's synthetic
one), writes what was asked (the CSV, the HTML page) and returns a ``ReviewOutcome``: the review to
print, the lines for stderr and the exit code. The command line only parses the options, calls it
and prints. Bad input raises a ``UserError`` (one line, exit 2), like every other flow.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from automation.errors import UserError
from automation.exit_codes import ExitCode
from automation.review.flow import Options, review_export
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


@dataclass(frozen=True)
class ReviewRequest:
    export: Path | None = None
    demo: bool = False
    watch: tuple[str, ...] = ()  # as given: each may hold several, comma-separated
    watch_file: Path | None = None
    older_than: float = 5.0
    show: bool = False
    country: str | None = None
    as_json: bool = False
    csv: Path | None = None  # write the flags here
    html_root: Path | None = None  # write the HTML page in a new private folder under this one
    ledger: Path | None = None  # prune's ledger of the chosen profile (read if it exists)


@dataclass
class ReviewOutcome:
    exit_code: ExitCode
    review: Review | None = None  # None: nothing was reviewed (the messages say why)
    messages: list[str] = field(default_factory=list)  # for stderr, in order
    csv: Path | None = None
    html: Path | None = None


def request_paragraph() -> str:
    from automation.catalogue.loader import load_catalogue

    site = load_catalogue().site
    return REQUEST.format(page=site.base_url + site.after.copy_of_data_path)


def watch_words(watch: tuple[str, ...], watch_file: Path | None) -> tuple[str, ...]:
    words = [w.strip() for item in watch for w in item.split(",")]
    if watch_file is not None:
        try:
            text = watch_file.expanduser().read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(f"--watch-file {watch_file}: cannot be read ({getattr(exc, 'strerror', None) or exc})") \
                from exc
        for line in text.splitlines():
            if not line.strip().startswith("#"):
                words.extend(w.strip() for w in line.split(","))
    return tuple(dict.fromkeys(w for w in words if w))


def run_review(request: ReviewRequest) -> ReviewOutcome:
    if request.export is not None and request.demo:
        raise UserError("give an export or --demo, not both")
    if request.export is None and not request.demo:
        return ReviewOutcome(ExitCode.USAGE, messages=[request_paragraph()])
    outcome = ReviewOutcome(ExitCode.OK)
    words = watch_words(request.watch, request.watch_file)
    if request.demo:
        from automation.review.synthetic import WATCH, build

        if not words:
            words = WATCH
            if not request.as_json:
                outcome.messages.append(f"Demo: watching for the invented person's words {', '.join(WATCH)} "
                                        "(yours: --watch \"Acme,Project X\")")
        sample = build("complete")
        source: Path | bytes = sample.data
        label, synthetic = f"{sample.name} (synthetic)", True
    else:
        assert request.export is not None
        source, label, synthetic = request.export.expanduser(), str(request.export), False
    options = Options(watch=words, older_than=request.older_than, show=request.show, country=request.country,
                      ledger=request.ledger)
    review = outcome.review = review_export(source, options, label=label, synthetic=synthetic)
    if request.csv is not None:
        outcome.csv = _write_csv(review, request.csv)
        outcome.messages.append(f"flags written to {outcome.csv}")
    if request.html_root is not None:
        outcome.html = _write_html(review, request.html_root)
        outcome.messages.append(f"HTML review: {outcome.html}")
    return outcome


def _write_csv(review: Review, path: Path) -> Path:
    from automation.private import private_file
    from automation.review.flags_csv import write_csv

    target = path.expanduser()
    with private_file(target) as handle:
        write_csv(review, handle)
    return target


def _write_html(review: Review, root: Path) -> Path:
    """A new private folder under the reports folder (0700), the page in it (0600)."""
    from automation.private import private_dir, write_private
    from automation.results.after_run import run_folder
    from automation.results.report import now
    from automation.review.html_page import render

    folder = private_dir(run_folder(private_dir(root), "review", now()))
    return write_private(folder / "review.html", render(review))
