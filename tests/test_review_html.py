"""The review's HTML page, opened in a real Chromium: readable, its links there, private, self-contained."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from automation.cli import cli
from automation.review.synthetic import EMAIL


@pytest.mark.browser
def test_the_html_review_in_a_real_browser(aio, context, home: Path) -> None:
    done = CliRunner().invoke(cli, ["review", "--demo", "--html", "--json"])
    assert done.exit_code == 0, done.output
    [line] = [line for line in done.stderr.splitlines() if line.startswith("HTML review: ")]
    html = Path(line.removeprefix("HTML review: "))
    assert html.name == "review.html" and html.parent.name.endswith("-review")
    assert html.parent.parent == home / "state" / "linkedin-optout" / "reports"
    assert stat.S_IMODE(html.stat().st_mode) == 0o600 and stat.S_IMODE(html.parent.stat().st_mode) == 0o700
    flags = json.loads(done.stdout)["flags"]

    async def look() -> dict:
        page = await context.new_page()
        fetched: list[str] = []
        page.on("request", lambda request: fetched.append(request.url))
        await page.goto(html.as_uri())
        seen = {
            "title": await page.locator("h1").inner_text(),
            "summary": await page.locator("#summary").inner_text(),
            "categories": await page.locator("table.category caption").all_inner_texts(),
            "inferences": await page.locator("#inferences tbody tr").count(),
            "targeting": await page.locator("#ad-targeting").inner_text(),
            "links": await page.locator("table.flags a[href^='https://www.linkedin.com/']").evaluate_all(
                "as => as.map(a => a.href)"),
            "flag_rows": await page.locator("table.flags tbody tr").count(),
            "font": await page.locator("body").evaluate("b => parseFloat(getComputedStyle(b).fontSize)"),
            "text": await page.locator("body").inner_text(),
            "fetched": fetched,
            # every flags table fits the page (a long link must not push "where" off-screen) and
            # no excerpt is squeezed into a sliver by its neighbours
            "overflow": await page.locator("table.flags").evaluate_all(
                "ts => ts.filter(t => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
                ".length"),
            "narrowest_excerpt": await page.locator("table.flags tbody td:nth-child(3)").evaluate_all(
                "tds => Math.min(...tds.map(td => td.getBoundingClientRect().width))"),
        }
        await page.screenshot(path=str(home / "review-html.png"), full_page=True)  # renders; outside the checkout
        await page.close()
        return seen

    seen = aio.run(look())
    assert seen["fetched"] == [html.as_uri()], "the page fetched something"
    assert "review of a synthetic export of an invented person" in seen["title"]
    assert f"{len(flags)} flags" in seen["summary"]
    assert any(c.startswith("Profile data") and "used" in c for c in seen["categories"])
    assert any(c.startswith("Excluded by the policy") and "excluded" in c for c in seen["categories"])
    assert seen["inferences"] == 3 and "Acme Analytics; Northwind Traders; Contoso; Fabrikam" in seen["targeting"]
    assert seen["flag_rows"] == len(flags)
    expected_links = sorted(f["link"] for f in flags if f["link"] and f["link"].startswith("https://www.linkedin.com/"))
    assert sorted(seen["links"]) == expected_links and len(expected_links) >= 5
    assert seen["font"] >= 14 and EMAIL not in seen["text"]
    assert seen["overflow"] == 0 and seen["narrowest_excerpt"] >= 200, seen["narrowest_excerpt"]
