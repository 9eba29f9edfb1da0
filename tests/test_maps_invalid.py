"""A broken selector map stops the program with one line naming the file and the field."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from automation.catalogue.loader import load_catalogue
from automation.errors import MapError
from automation.resources import selectors_dir

AI = "data-for-ai-improvement.toml"


@pytest.fixture
def maps(tmp_path: Path) -> Path:
    folder = tmp_path / "selectors"
    shutil.copytree(selectors_dir(), folder)
    return folder


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


BROKEN = {
    "bad TOML": (AI, 'group = "ai"', 'group = "ai', "invalid TOML"),
    "unknown field": (AI, 'group = "ai"', 'group = "ai"\ncolour = "blue"', "settings[0].colour"),
    "missing switch key": (AI, 'labelledby = "allowDataForGenerativeAI"', "", "needs labelledby or element_id"),
    "missing path": (AI, 'path = "/mypreferences/d/settings/data-for-ai-improvement"', "", "path: Field required"),
    "wrong schema version": (AI, "schema_version = 1", "schema_version = 2", "schema_version"),
    "duplicate id": ("ads-by-age.toml", 'id = "ads-inferred-age"', 'id = "ai-training"', "already defined"),
    "two maps claim one switch": ("ads-by-age.toml", 'labelledby = "allowAdsByAge"',
                                  'labelledby = "allowDataForGenerativeAI"',
                                  "settings[0].labelledby: switch 'allowDataForGenerativeAI' is already claimed"),
    "two maps claim one URL": ("ads-by-age.toml", "settings/ads-by-age", "settings/ads-by-gender", "already claimed by"),
    "unknown group": (AI, 'group = "ai"', 'group = "robots"', "settings[0].group"),
    "bad language code": (AI, "de = \"Daten", "deutsch = \"Daten", "title.deutsch"),
}


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_a_broken_map_is_one_line_naming_file_and_field(case: str, maps: Path) -> None:
    name, old, new, field = BROKEN[case]
    edit(maps, name, old, new)
    with pytest.raises(MapError) as caught:
        load_catalogue(maps)
    message = str(caught.value)
    assert "\n" not in message
    assert field in message
    assert str(maps) in message and (name in message or "catalogue.toml" in message)


def test_the_cli_exits_2_with_one_line_for_a_broken_map(maps: Path) -> None:
    edit(maps, AI, 'group = "ai"', 'group = "ai"\ncolour = "blue"')
    done = subprocess.run([sys.executable, "-m", "automation", "settings"], capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "LINKEDIN_OPTOUT_SELECTORS": str(maps)})
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("linkedin-optout: error:"), done.stderr
    assert AI in lines[0] and "settings[0].colour" in lines[0]
    assert (maps / AI).exists()  # nothing the user had is lost


def test_a_missing_selectors_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(MapError, match="cannot read"):
        load_catalogue(tmp_path / "nowhere")
