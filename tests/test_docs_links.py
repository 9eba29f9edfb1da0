"""The project stands on its own: what the code relies on is in docs/, and every pointer there holds.

- No tracked file names a reference document that lives outside the repository: whoever clones
  it must find the reasoning where the pointers lead.
- Every ``docs/<page>.md#<anchor>`` in a tracked file (a selector map's ``source``, a comment, a
  docstring, a fixture's note, the README) and every relative link between the pages of docs/
  names a page that exists and a heading on it.
- Every selector map that describes a page, and the site map, cites docs/linkedin.md.

No browser: the files are read as text.
"""

from __future__ import annotations

import re
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

# Written in pieces so that this file does not name them itself.
OUTSIDE = [".." + "/shared", "FACTS" + ".md", "PLAYWRIGHT" + ".md", "STYLE" + ".md", "EXPORT" + ".md"]
DOCS_LINK = re.compile(r"\bdocs/([\w.-]+\.md)(?:#([\w-]+))?")
RELATIVE_LINK = re.compile(r"\]\(([\w.-]+\.md)(?:#([\w-]+))?\)")
_SKIP_DIRS = {".git", ".venv", "venv", "build", "dist", "__pycache__", ".pytest_cache", ".artifacts", ".hypothesis",
              "node_modules"}


def tracked_files() -> list[Path]:
    """The files git tracks; in a tree without git (an unpacked sdist), every file but build output."""
    try:
        out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
        files = [ROOT / name for name in out.decode().split("\0") if name]
    except (OSError, subprocess.CalledProcessError):
        files = [p for p in ROOT.rglob("*") if p.is_file() and not _SKIP_DIRS & set(p.relative_to(ROOT).parts)]
    return [p for p in files if p.is_file()]


def text_of(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return None  # a binary file names nothing


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[`*]|<[^>]+>", "", heading.strip().lower())
    return re.sub(r"\s", "-", re.sub(r"[^\w\- ]", "", text))


def anchors(page: Path) -> set[str]:
    """The anchors a docs page offers: one per heading (repeats numbered as GitHub does), and any
    explicit ``<a id=...>`` or ``<a name=...>``."""
    found: set[str] = set()
    seen: dict[str, int] = {}
    in_code = False
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            in_code = not in_code
        elif not in_code and (m := re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line)):
            base = slug(m.group(1))
            n = seen.get(base, 0)
            seen[base] = n + 1
            found.add(base if n == 0 else f"{base}-{n}")
        found.update(re.findall(r"<a\s+(?:id|name)=\"([^\"]+)\"", line))
    return found


def broken(page_name: str, anchor: str | None) -> str | None:
    """Why ``docs/<page_name>#<anchor>`` leads nowhere, or None when it holds."""
    page = DOCS / page_name
    if not page.is_file():
        return f"docs/{page_name} does not exist"
    if anchor and anchor not in anchors(page):
        return f"docs/{page_name} has no heading #{anchor}"
    return None


def test_no_tracked_file_names_a_document_outside_the_repository() -> None:
    offenders = []
    for path in tracked_files():
        text = text_of(path)
        if text is None:
            continue
        for lineno, line in enumerate(text.splitlines(), 1):
            offenders += [f"{path.relative_to(ROOT)}:{lineno}: {name}" for name in OUTSIDE if name in line]
    assert not offenders, "point these at docs/ instead:\n" + "\n".join(offenders)


def map_sources() -> dict[str, str]:
    """Each selector map's top-level ``source`` field, by file name."""
    sources = {}
    for path in sorted((ROOT / "selectors").glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        if "source" in data:
            sources[path.name] = data["source"]
    return sources


def test_every_map_that_describes_a_page_cites_docs_linkedin() -> None:
    maps = {p.name for p in (ROOT / "selectors").glob("*.toml")
            if "path" in (data := tomllib.loads(p.read_text(encoding="utf-8"))) or "base_url" in data}
    sources = map_sources()
    assert maps and maps <= set(sources), f"maps without a source field: {sorted(maps - set(sources))}"
    uncited = [name for name in sorted(maps) if "docs/linkedin.md#" not in sources[name]]
    assert not uncited, f"these maps' source fields name no section of docs/linkedin.md: {uncited}"


@pytest.mark.parametrize("map_file", sorted(map_sources()))
def test_a_map_source_field_points_at_a_docs_section_that_exists(map_file: str) -> None:
    links = DOCS_LINK.findall(map_sources()[map_file])
    problems = [why for page, anchor in links if (why := broken(page, anchor or None))]
    assert not problems, f"selectors/{map_file} source: " + "; ".join(problems)


def test_every_docs_link_in_the_repository_leads_somewhere() -> None:
    problems = []
    for path in tracked_files():
        text = text_of(path)
        if text is None:
            continue
        in_docs = path.parent == DOCS
        for lineno, line in enumerate(text.splitlines(), 1):
            links = DOCS_LINK.findall(line) + (RELATIVE_LINK.findall(line) if in_docs else [])
            problems += [f"{path.relative_to(ROOT)}:{lineno}: {why}"
                         for page, anchor in links if (why := broken(page, anchor or None))]
    assert not problems, "\n".join(problems)


def test_the_anchor_rule_matches_github_headings() -> None:
    """The slug rule above, on headings of the shapes docs/ uses."""
    assert slug("The first-checkbox trap") == "the-first-checkbox-trap"
    assert slug("A switch that flips after its save") == "a-switch-that-flips-after-its-save"
    assert slug("pytest-playwright") == "pytest-playwright"
    assert slug("Root, sandbox and displays") == "root-sandbox-and-displays"
    assert slug("`opt_out` and LinkedIn's pages") == "opt_out-and-linkedins-pages"
