"""Where the data folders are: in a checkout, or inside an installed wheel.

In the checkout, ``selectors/`` and ``fixtures/`` sit next to the ``automation`` package. The
wheel carries them as ``automation/_data/selectors`` and ``automation/_data/fixtures`` (see
``[tool.hatch.build.targets.wheel.force-include]`` in pyproject.toml). ``selectors/`` must stay
data only: a ``selectors`` package would shadow the standard-library module asyncio imports.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Return the folder ``name`` ("selectors" or "fixtures"), wheel copy first."""
    for candidate in (_PACKAGE_DIR / "_data" / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the {name}/ data folder is missing from this installation")


SELECTORS_ENV = "LINKEDIN_OPTOUT_SELECTORS"


def selectors_dir() -> Path:
    """The selector maps; ``LINKEDIN_OPTOUT_SELECTORS`` (environment or ``.env``) points elsewhere
    (to try edited maps)."""
    from automation.config import setting_value
    from automation.errors import ConfigError

    if override := setting_value(SELECTORS_ENV):
        folder = Path(override).expanduser()
        if not folder.is_dir():
            raise ConfigError(f"{SELECTORS_ENV}: not a folder of selector maps (got {override!r})")
        return folder
    return data_dir("selectors")


def fixtures_dir() -> Path:
    return data_dir("fixtures")
