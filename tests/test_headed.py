"""`login`, `teach`, `teach --adopt` and `demo --teach` in a real window, on a virtual screen (Xvfb).

The other tests run these commands headless; here the command line opens its visible browser as it
does for a person, and a scripted person works in that window: signs in (also through the security
check), or finds the switch, checks that the tool's band leaves it free, and clicks it with the
mouse. The terminal's question is answered on stdin, and a later run proves what was learned.
Without Xvfb these tests are skipped with the reason (`make test` installs it where it can).
"""

from __future__ import annotations

import functools
import json

import pytest
from click.testing import CliRunner
from playwright.async_api import BrowserContext, Page

from automation.cli import cli
from automation.demo.site import DemoSite
from automation.engine.options import Waits
from automation.session.profile import Profile
from automation.tools.teach_watch import OVERLAY_ID
from tests.conftest import FAST, FAST_RETRY, scaled
from tests.helpers.headed import Window, screen, window  # noqa: F401 - fixtures
from tests.test_adopt import KEY as ADOPT_KEY
from tests.test_adopt import LABEL as ADOPT_LABEL
from tests.test_adopt import PAGE as ADOPT_PAGE
from tests.test_session import the_person_signs_in
from tests.test_teach import AI_PATH, NEW_KEY, NEW_LABEL, config, me  # noqa: F401 - fixtures

BASE = "https://www.linkedin.com"
BAND_COLOUR = (0x1D, 0x22, 0x26)  # the band's background (teach_watch.py)


async def is_a_real_window(page: Page) -> None:
    """A visible browser, not a headless one: shown on the screen and not announcing itself headless."""
    assert await page.evaluate("document.visibilityState") == "visible"
    assert "Headless" not in await page.evaluate("navigator.userAgent")


# --- the seams: the command line's own flows, given a scripted person ---------------------------


def person_at_login(monkeypatch: pytest.MonkeyPatch, person) -> None:
    import automation.session.runner as runner

    monkeypatch.setattr(runner, "login_flow", functools.partial(runner.login_flow, on_open=person))


def person_at_teach(monkeypatch: pytest.MonkeyPatch, person) -> None:
    """Each setting's lesson (``teach_one``, whatever the flow around it) gets the scripted person
    and the tests' waits; the window stays the visible one the command line asked for."""
    import automation.tools.teach as teach_module

    real = teach_module.teach_one

    async def lesson(*args, **kwargs):
        return await real(*args, **{**kwargs, "on_open": person, "waits": Waits(FAST, FAST_RETRY)})

    monkeypatch.setattr(teach_module, "teach_one", lesson)


# --- login ---------------------------------------------------------------------------------------


@pytest.mark.headed
@pytest.mark.parametrize("checkpoint", [False, True], ids=["sign-in", "through-the-security-check"])
def test_login_in_a_real_window(home, via_demo: DemoSite, window: Window, monkeypatch: pytest.MonkeyPatch,
                                checkpoint: bool) -> None:
    via_demo.faults.login_checkpoint = checkpoint

    async def person(context: BrowserContext) -> None:
        try:
            await context.pages[0].wait_for_url("**/login**")
            await is_a_real_window(context.pages[0])
            await window.keep(context, "sign-in page")
            await the_person_signs_in(context, checkpoint=checkpoint)
        finally:
            await window.keep(context, "after signing in")

    person_at_login(monkeypatch, person)
    result = CliRunner().invoke(cli, ["login", "--timeout", str(int(scaled(30)))])
    assert result.exit_code == 0, result.output
    assert "signed in as Avery Quill (profile 'default')" in result.output
    assert Profile().meta()["account"] == "Avery Quill"
    whoami = CliRunner().invoke(cli, ["whoami"])  # the next command, headless, uses the session it kept
    assert whoami.exit_code == 0 and "signed in as Avery Quill" in whoami.output


# --- teach and teach --adopt ---------------------------------------------------------------------


def boxes_apart(a: dict, b: dict) -> bool:
    return (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
            or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


async def the_band_is_on_the_screen(page: Page, band_box: dict, window: Window) -> None:
    """The band's own colour is on the screen itself (not only in the page's layout) where the
    page draws it: the window's position plus its frame and bars above the page."""
    left, top = await page.evaluate("[window.screenX + (window.outerWidth - window.innerWidth) / 2, "
                                    "window.screenY + window.outerHeight - window.innerHeight]")
    x, y = int(left + band_box["x"] + 4), int(top + band_box["y"] + band_box["height"] / 2)
    for _ in range(int(scaled(5) / 0.1)):  # the screen shows the page's frame once the browser paints it
        if (seen := window.screen.pixel(x, y)) == BAND_COLOUR:
            return
        await page.wait_for_timeout(100)
    raise AssertionError(f"the band is not drawn on the screen at {x}, {y}: {seen} there")


async def the_band_leaves_the_switch_free(page: Page, selector: str, window: Window) -> None:
    """The band is drawn inside the window, and neither its box nor anything else covers the switch:
    as the page opens, once the switch is scrolled into view, and with the page scrolled to its end."""
    band, switch = page.locator(f"#{OVERLAY_ID}"), page.locator(selector)
    await band.wait_for(state="visible")
    await switch.wait_for(state="visible")
    height = await page.evaluate("window.innerHeight")
    for moment in ("as opened", "scrolled to the switch", "scrolled to the end"):
        if moment == "scrolled to the switch":
            await switch.scroll_into_view_if_needed()
        elif moment == "scrolled to the end":
            await page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        band_box, switch_box = await band.bounding_box(), await switch.bounding_box()
        assert band_box and band_box["height"] > 0 and band_box["y"] + band_box["height"] <= height + 1, moment
        assert switch_box is not None, moment
        if switch_box["y"] + switch_box["height"] <= 0 or switch_box["y"] >= height:
            continue  # the switch is out of view here: the person scrolls to it
        assert boxes_apart(band_box, switch_box), f"{moment}: the band {band_box} covers the switch {switch_box}"
        await the_band_is_on_the_screen(page, band_box, window)
        hit = await switch.evaluate("""(el) => { const r = el.getBoundingClientRect();
            return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === el; }""")
        assert hit, f"{moment}: something else is drawn over the switch's centre"


# A page taller than the window, with the switch at its very end: drawn below the fold as the page
# opens, and right above the band once the person scrolls to the end.
LONG_PAGE = """(selector) => {
  let row = document.querySelector(selector);  // its row: the ancestor that is a child of the card
  while (row.parentElement && !["SECTION", "MAIN"].includes(row.parentElement.tagName)) row = row.parentElement;
  const gap = document.createElement("div");
  gap.style.height = "1400px";
  row.before(gap);
  while (row.nextElementSibling) row.nextElementSibling.remove();  // nothing after it in its card
}"""


def a_person_clicks(window: Window, selector: str, *, long_page: bool = False):
    """Scrolls to the switch like a person, checks the band leaves it free, and clicks its centre."""

    async def person(page: Page) -> None:
        try:
            await is_a_real_window(page)
            if long_page:
                await page.locator(selector).wait_for()
                await page.evaluate(LONG_PAGE, selector)
            await the_band_leaves_the_switch_free(page, selector, window)
            await page.locator(selector).scroll_into_view_if_needed()
            box = await page.locator(selector).bounding_box()
            assert box is not None
            await window.keep(page, "the switch to click")
            await page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            await page.wait_for_function("(s) => document.querySelector(s).getAttribute('aria-checked') === 'false' "
                                         "|| document.querySelector(s).checked === false", arg=selector)
        finally:
            await window.keep(page, "after the click")

    return person


def check_json(*args: str) -> dict:
    result = CliRunner().invoke(cli, ["check", "--json", "--quiet", *args])
    assert result.exit_code in (0, 3), result.output
    return json.loads(result.stdout)


@pytest.mark.headed
@pytest.mark.parametrize("long_page", [False, True], ids=["as-served", "switch-at-the-end-of-a-long-page"])
def test_teach_in_a_real_window(me: Profile, via_demo: DemoSite, window: Window,  # noqa: F811
                                monkeypatch: pytest.MonkeyPatch, long_page: bool) -> None:
    via_demo.serve_variant(AI_PATH, "ai-training.key-and-label-changed.html")
    person_at_teach(monkeypatch, a_person_clicks(window, f"[aria-labelledby={NEW_KEY}]", long_page=long_page))
    result = CliRunner().invoke(cli, ["teach", "ai-training", "--timeout", str(int(scaled(20)))], input="y\n")
    assert result.exit_code == 0, result.output
    assert f"You changed the switch '{NEW_LABEL}': on -> off" in result.output
    assert "Is this the switch for the setting? [y/N]" in result.output
    assert f"ai-training: learned by labelledby '{NEW_KEY}'" in result.output
    assert [s.key for s in via_demo.saves] == [NEW_KEY]  # the person's click; the tool clicked nothing

    via_demo.state[NEW_KEY] = True  # LinkedIn turned it back on: the next run finds it through the override
    [result] = check_json("--only", "ai-training")["results"]
    assert (result["status"], result["strategy"]) == ("on", "learned")


@pytest.mark.headed
def test_teach_adopt_in_a_real_window(me: Profile, via_demo: DemoSite, window: Window,  # noqa: F811
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    person_at_teach(monkeypatch, a_person_clicks(window, f"[aria-labelledby={ADOPT_KEY}]"))
    result = CliRunner().invoke(cli, ["teach", "--adopt", BASE + ADOPT_PAGE, "--timeout", str(int(scaled(20)))], input="y\n")
    assert result.exit_code == 0, result.output
    assert f"You changed the switch '{ADOPT_LABEL}': on -> off" in result.output
    assert "Is this the switch you want off from now on? [y/N]" in result.output
    assert f"ai-hiring-assistant: adopted by labelledby '{ADOPT_KEY}'" in result.output

    via_demo.state[ADOPT_KEY] = True
    [result] = check_json("--only", "ai-hiring-assistant")["results"]
    assert (result["setting"], result["status"], result["strategy"]) == ("ai-hiring-assistant", "on", "learned")


# --- demo --teach --------------------------------------------------------------------------------


def test_demo_teach_without_a_display_is_one_line_and_exit_2(config, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    result = CliRunner().invoke(cli, ["demo", "--teach"])
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines() == [
        "linkedin-optout: error: no display for the teaching window here (`demo --teach` rehearses teach in a "
        "browser window: run it on a machine with a screen)"]


@pytest.mark.headed
@pytest.mark.browser  # its own demo site and Chromium: none of the fixtures that mark it
def test_demo_teach_rehearses_the_repair_in_a_real_window(config, window: Window,  # noqa: F811
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import automation.tools.teach_rehearsal as rehearsal

    monkeypatch.setattr(rehearsal, "teach_one", functools.partial(
        rehearsal.teach_one, waits=Waits(FAST, FAST_RETRY)))
    monkeypatch.setattr(rehearsal, "rehearse", functools.partial(
        rehearsal.rehearse, on_open=a_person_clicks(window, f"[aria-labelledby={NEW_KEY}]")))
    monkeypatch.setenv("COLUMNS", "200")  # the report's table on one line per setting
    result = CliRunner().invoke(cli, ["demo", "--teach"], input="y\n")
    assert result.exit_code == 0, result.output
    assert "the maps no longer find the switch of 'ai-training'" in result.output
    assert f"You changed the switch '{NEW_LABEL}': on -> off" in result.output
    assert f"ai-training: learned by labelledby '{NEW_KEY}'" in result.output
    # The next run, the switch back on: found through what was taught, turned off, proven by reload.
    assert "turned_off" in result.output and "found through your local override" in result.output
    assert "1 turned off. Exit code 0." in result.output
    assert not config.exists()  # the person's own overrides are untouched


# --- the virtual screen itself ---------------------------------------------------------------------


def test_without_xvfb_the_headed_tests_skip_saying_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.helpers import xvfb

    monkeypatch.setattr(xvfb.shutil, "which", lambda name: None)
    with pytest.raises(xvfb.NoXvfb, match=r"no Xvfb here \(on Debian or Ubuntu: apt-get install xvfb\)"):
        xvfb.start()


@pytest.mark.headed
def test_a_picture_of_the_screen_is_a_png_of_its_size(screen, tmp_path) -> None:  # noqa: F811
    import struct

    png = screen.png(tmp_path / "screen.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and png[12:16] == b"IHDR"
    assert struct.unpack(">II", png[16:24]) == (1280, 1024)
