"""Failure evidence and the sanitizer: canary personal data and tokens must not survive."""

from __future__ import annotations

import stat
from pathlib import Path

from automation.catalogue.loader import load_catalogue
from automation.demo.site import DemoSite
from automation.engine.block_heavy import skip_heavy_resources
from automation.engine.evidence import snapshot
from automation.engine.sanitize import sanitize_html
from automation.results.report import Status
from tests.helpers.pixels import SWITCH_OFF, SWITCH_ON, SWITCH_SIZE, colours_in, data_uri, distinct_colours, whole_switch

RESEARCH_PATH = "/mypreferences/d/settings/policy-and-academic-research"
SITE = load_catalogue().site

CANARY_NAME = "Zelda Quartermaine"
LI_AT = "AQEDAReallySecretSessionValue0123456789abcdefXYZ"
CSRF = "ajax:8765432109876543210"
CANARIES = [CANARY_NAME, "Zelda", "Quartermaine", "zelda.q@example.org", "ACoAABcdEfGh1234567", LI_AT, CSRF,
            "media.licdn.com/dms/image/C4E03AQH", "/in/zelda-quartermaine-42", "pageInstanceSecret42",
            "8765432109876543210"]

CANARY_PAGE = f"""<!DOCTYPE html><html lang="en"><head>
<meta name="csrf-token" content="{CSRF}">
<script>window.li_at = "{LI_AT}"; var member = "{CANARY_NAME}";</script></head>
<body><header><img class="global-nav__me-photo" alt="{CANARY_NAME}"
 src="https://media.licdn.com/dms/image/C4E03AQH/profile-displayphoto.jpg">
<a href="https://www.linkedin.com/in/zelda-quartermaine-42/">Hi Zelda</a></header>
<code style="display:none">{{"entityUrn":"urn:li:fsd_profile:ACoAABcdEfGh1234567","csrf":"{CSRF}"}}</code>
<form><input type="hidden" name="pageInstance" value="pageInstanceSecret42"></form>
<main><p>Signed in as zelda.q@example.org (urn:li:member:123456789)</p>
<p id="allowDataForGenerativeAI">Use my data for training content creation AI models</p>
<input type="checkbox" role="switch" aria-labelledby="allowDataForGenerativeAI" checked>
<p data-token="{LI_AT}">{CANARY_NAME} · Quartermaine</p></main></body></html>"""


def test_no_canary_survives_and_the_switch_markup_stays() -> None:
    clean = sanitize_html(CANARY_PAGE, names=[CANARY_NAME], secrets=[LI_AT, CSRF])
    for canary in CANARIES:
        assert canary.lower() not in clean.lower(), canary
    assert "urn:li:member:123456789" not in clean
    assert '<input type="checkbox" role="switch" aria-labelledby="allowDataForGenerativeAI" checked>' in clean
    assert 'id="allowDataForGenerativeAI">Use my data for training content creation AI models' in clean


def test_a_snapshot_of_a_live_page_drops_every_cookie_value(aio, context, site: DemoSite) -> None:
    async def take() -> tuple[str, list[str]]:
        page = await context.new_page()
        await page.goto(site.catalogue.site.base_url + RESEARCH_PATH)
        values = [c["value"] for c in await context.cookies()]
        # The page itself now shows every cookie value: the snapshot must still hold none.
        await page.evaluate("(vs) => { for (const v of vs) { const p = document.createElement('p');"
                            " p.textContent = 'token ' + v; p.title = v; document.body.append(p); } }", values)
        html = await snapshot(page, SITE)
        await page.close()
        return html, values

    html, values = aio.run(take())
    assert values and all(len(v) >= 8 for v in values)
    for value in values:
        assert value not in html and value.strip('"') not in html


def test_not_found_saves_a_screenshot_and_a_sanitized_snapshot(site: DemoSite, run_engine, tmp_path: Path) -> None:
    site.serve_variant(RESEARCH_PATH, "ads-inferred-age.on.html")
    folder = tmp_path / "run"
    report = run_engine(apply=True, only="research", evidence_dir=folder)
    result = report.result("research")
    assert result.status is Status.NOT_FOUND and report.exit_code == 4
    png, html = (Path(p) for p in result.evidence)
    assert png.read_bytes().startswith(b"\x89PNG") and "<html" in html.read_text()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert {stat.S_IMODE(p.stat().st_mode) for p in (png, html)} == {0o600}
    assert "<script" not in html.read_text()


def test_a_good_run_leaves_no_evidence(site: DemoSite, run_engine, tmp_path: Path) -> None:
    report = run_engine(apply=True, only="research", evidence_dir=tmp_path / "run")
    assert report.result("research").status is Status.TURNED_OFF
    assert report.result("research").evidence == [] and not (tmp_path / "run").exists()


def test_each_setting_gets_a_close_up_of_its_own_switch_and_the_page_no_broken_image(
        aio, context, site: DemoSite, run_engine, tmp_path: Path) -> None:
    """The HTML report's screenshots: a page shown whole, and each of its settings' cards cut out of
    it. On the page with two switches, each card holds one whole switch, in its own state; the
    avatar that the lean run never fetched is left blank rather than drawn as a broken image."""
    site.set_setting("marketing-promotions", False)  # the two switches of one page, in different states
    folder = tmp_path / "run"
    report = run_engine(apply=False, only=["marketing-promotions", "marketing-emails"], evidence_dir=folder,
                        screenshots=True)
    promotions, emails = report.result("marketing-promotions"), report.result("marketing-emails")
    assert (promotions.status, emails.status) == (Status.ALREADY_OFF, Status.ON)
    assert promotions.screenshot == emails.screenshot == str(folder / "page-marketing-promotions.png")
    assert (promotions.card, emails.card) == (str(folder / "card-marketing-promotions.png"),
                                              str(folder / "card-marketing-emails.png"))
    assert {stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()} == {0o600}
    assert promotions.warnings == emails.warnings == []

    async def look() -> tuple[dict, dict, dict, dict, list[str]]:
        page = await context.new_page()  # the same viewport as the run's pages
        await skip_heavy_resources(page)
        await page.goto(site.catalogue.site.base_url + "/mypreferences/d/settings/linkedin-promotions")
        avatar = await page.locator("#global-nav img").bounding_box()
        whole = await colours_in(page, data_uri(Path(promotions.screenshot)), off=SWITCH_OFF, on=SWITCH_ON)
        off_card = await colours_in(page, data_uri(Path(promotions.card)), off=SWITCH_OFF, on=SWITCH_ON)
        on_card = await colours_in(page, data_uri(Path(emails.card)), off=SWITCH_OFF, on=SWITCH_ON)
        behind_avatar = await distinct_colours(page, data_uri(Path(promotions.screenshot)), avatar)
        await page.close()
        return avatar, whole, off_card, on_card, behind_avatar

    avatar, whole, off_card, on_card, behind_avatar = aio.run(look())
    assert whole["colours"]["off"]["count"] and whole["colours"]["on"]["count"]  # the whole page: both
    # Each card: one whole switch in its own state, and none in the other (text has specks of grey).
    assert whole_switch(off_card["colours"]["off"]) and not whole_switch(off_card["colours"]["on"])
    assert whole_switch(on_card["colours"]["on"]) and not whole_switch(on_card["colours"]["off"])
    for card in (off_card, on_card):  # one row: the switch and its label, not the page
        assert card["height"] < 3 * SWITCH_SIZE[1] + 30 and card["width"] < whole["width"]
    assert avatar and behind_avatar == ["255,255,255"], "the unfetched avatar is drawn, not left blank"
