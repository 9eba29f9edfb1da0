"""The catalogue's shape: ids, groups, fixture coverage, and one map per URL."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit

from automation.catalogue.loader import load_catalogue
from automation.catalogue.saved_pages import all_fixtures

IDS = ["ai-training", "research", "affiliate-sharing", "ads-off-linkedin", "ads-advertiser-data",
       "ads-measure-success", "ads-inferred-age", "ads-inferred-gender", "ads-inferred-location", "ads-interests",
       "marketing-promotions", "marketing-emails", "non-essential-cookies"]


def test_the_catalogue_has_the_thirteen_ids_in_order() -> None:
    assert load_catalogue().ids == IDS


def test_groups_resolve_to_the_documented_settings() -> None:
    cat = load_catalogue()
    assert [s.id for s in cat.resolve("ai")] == ["ai-training"]
    assert [s.id for s in cat.resolve("ads")] == [i for i in IDS if i.startswith("ads-") or i == "affiliate-sharing"]
    assert [s.id for s in cat.resolve("research")] == ["research"]
    assert [s.id for s in cat.resolve("marketing")] == ["marketing-promotions", "marketing-emails"]
    assert [s.id for s in cat.resolve("cookies")] == ["non-essential-cookies"]


def test_resolve_keeps_the_requested_order_without_repeats() -> None:
    cat = load_catalogue()
    assert [s.id for s in cat.resolve(["research", "ai", "ai-training,research"])] == ["research", "ai-training"]


def test_every_map_entry_has_an_on_and_an_off_fixture() -> None:
    states = {(sid, state) for f in all_fixtures() for sid, state in f.expect.items()}
    for setting_id in IDS:
        assert (setting_id, "on") in states, f"no fixture shows {setting_id} on"
        assert (setting_id, "off") in states, f"no fixture shows {setting_id} off"


def test_every_fixture_url_is_claimed_by_exactly_one_map() -> None:
    """...except the pages that stand for settings LinkedIn added: no map may claim those."""
    cat = load_catalogue()
    for f in all_fixtures():
        if f.kind != "settings":
            continue
        path = urlsplit(f.url).path
        maps = {s.map_file for s in cat.settings if path in (s.path, *s.aliases)}
        if f.unlisted:
            assert not maps and not f.expect, f"{f.file}: an unlisted page is claimed by {maps}"
            continue
        assert len(maps) == 1, f"{f.file}: {path} is claimed by {maps}"
        assert set(f.expect) <= {s.id for s in cat.settings if s.map_file in maps}


def test_no_two_maps_share_a_url_or_a_switch() -> None:
    cat = load_catalogue()
    paths = Counter(p for s in {(s.map_file, s.path, s.aliases) for s in cat.settings} for p in (s[1], *s[2]))
    assert all(n == 1 for n in paths.values()), paths
    keys = Counter(s.key for s in cat.settings)
    assert all(n == 1 for n in keys.values()), keys


def test_every_fixture_is_listed_with_metadata_and_used() -> None:
    files = sorted(p.name for p in (all_fixtures()[0].path.parent).glob("*"))
    assert files == sorted(f.file for f in all_fixtures())  # nothing unlabelled lies in fixtures/pages
    kinds = Counter(f.kind for f in all_fixtures())
    assert kinds["signed_out"] and kinds["challenge"] and kinds["unavailable"]
    assert any(f.cookie_banner for f in all_fixtures())
    assert {f.lang for f in all_fixtures()} >= {"en", "de", "fr"}


def test_selectors_is_data_only() -> None:
    folder = load_catalogue().folder
    assert not (folder / "__init__.py").exists()
    assert {p.suffix for p in folder.iterdir()} == {".toml"}
