"""``review`` reads prune's ledger: a flag whose item prune deleted, or saw gone, is shown as done
and counted apart, in the terminal, the HTML, the JSON and the CSV; so the next export's review
shows what is left. The ledger is written here as prune writes it (``ledger.append``)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from automation.cli import cli
from automation.review import Options, review_export
from automation.review.html_page import render
from automation.review.ledger import DELETED, GONE, RESTORED, Entry, append, item_key, ledger_path
from automation.review.synthetic import build

AT = "2026-12-01T10:00:00Z"


def demo_flags() -> list:  # type: ignore[type-arg]
    return review_export(build("complete").data, Options(watch=("Acme", "Project Falcon"))).flags


def write_ledger(profile: str) -> dict[str, str]:
    """The oldest post deleted, an old comment seen gone, the article deleted, a resume deleted and
    restored, another resume deleted: what each of their keys should read as."""
    flags = demo_flags()
    old = [f for f in flags if f.kind == "old"]
    post = next(f.item for f in old if f.item and f.item.startswith("post:"))
    comment = next(f.item for f in old if f.item and f.item.startswith("comment:"))
    article = next(f.item for f in old if f.item and f.item.startswith("article:"))
    resumes = [f.item for f in flags if f.kind == "resume"]
    entries = [Entry(post, "post", DELETED, AT, reasons=["old"]), Entry(comment, "comment", GONE, AT),
               Entry(article, "article", DELETED, AT), Entry(resumes[0], "resume", DELETED, AT),
               Entry(resumes[0], "resume", RESTORED, AT), Entry(resumes[1], "resume", DELETED, AT)]
    append(ledger_path(profile), entries)
    return {post: DELETED, comment: GONE, article: DELETED, resumes[0]: "", resumes[1]: DELETED}  # type: ignore[dict-item]


def test_a_comment_key_uses_the_date_as_the_export_writes_it() -> None:
    [comment] = [f for f in demo_flags() if f.kind == "old" and f.file.startswith("Comments")]
    assert comment.item == item_key("comment", comment.link, date=comment.date.replace("T", " "))  # type: ignore[union-attr]


def test_flags_of_items_gone_are_done_and_counted_apart_in_json_and_csv(home: Path, tmp_path: Path) -> None:
    expected = write_ledger("work")
    target = tmp_path / "flags.csv"
    done = CliRunner().invoke(cli, ["review", "--demo", "--profile", "work", "--json", "--csv", str(target)])
    assert done.exit_code == 0, done.stderr
    data = json.loads(done.stdout)
    by_item = {}
    for flag in data["flags"]:
        if flag["item"] in expected:
            by_item.setdefault(flag["item"], set()).add(flag["done"])
    assert {item: statuses for item, statuses in by_item.items()} == {
        item: {status or None} for item, status in expected.items()}
    flags_done = [f for f in data["flags"] if f["done"]]
    assert sum(data["done_counts"].values()) == len(flags_done) > 0 and data["done_counts"]["old"] == 3
    assert sum(data["flag_counts"].values()) + len(flags_done) == len(data["flags"])
    assert data["ledger"] == str(ledger_path("work"))
    rows = list(csv.DictReader(io.StringIO(target.read_bytes().decode("utf-8-sig"), newline="")))
    assert sorted(r["done"] for r in rows if r["done"]) == sorted(f["done"] for f in flags_done)


def test_the_terminal_and_the_html_show_them_as_done(home: Path) -> None:
    write_ledger("default")
    done = CliRunner(env={"COLUMNS": "200"}).invoke(cli, ["review", "--demo"])
    assert done.exit_code == 0
    assert "already gone per prune's ledger (" in done.stdout and "  already gone per prune's ledger: 3" in done.stdout
    assert "✓ " in done.stdout and "(deleted)" in done.stdout and "(verified-gone)" in done.stdout
    review = review_export(build("complete").data, Options(ledger=ledger_path("default")))
    page = render(review)
    assert "class='flags done-flags' data-kind='old'" in page and "<tr class=done>" in page


def test_another_profiles_ledger_is_not_read_and_a_broken_line_is_a_note(home: Path) -> None:
    write_ledger("work")
    data = json.loads(CliRunner().invoke(cli, ["review", "--demo", "--json"]).stdout)
    assert data["ledger"] is None and sum(data["done_counts"].values()) == 0
    with ledger_path("work").open("a", encoding="utf-8") as handle:
        handle.write('{"key": "half a line\n[[[\n')
    done = CliRunner().invoke(cli, ["review", "--demo", "--json", "--profile", "work"])
    assert done.exit_code == 0
    data = json.loads(done.stdout)
    assert sum(data["done_counts"].values()) > 0
    assert any("has 2 line(s) that cannot be read: skipped" in note for note in data["notes"])


def test_a_ledger_that_cannot_be_read_at_all_is_a_note(home: Path) -> None:
    ledger_path("default").mkdir(parents=True)  # a folder where the file should be
    done = CliRunner().invoke(cli, ["review", "--demo", "--json"])
    assert done.exit_code == 0, done.stderr
    assert any("cannot be read" in note for note in json.loads(done.stdout)["notes"])


def test_an_invalid_profile_name_is_refused_before_any_path_is_built(home: Path) -> None:
    done = CliRunner().invoke(cli, ["review", "--demo", "--profile", "../x"])
    assert done.exit_code == 2 and "profile" in done.stderr and "Traceback" not in done.stderr
