"""What a switch is, in one place: every step that looks for switches (the guard scan, the
locator, the survey of an unlisted page, the wait for a page to draw, teach's watch) uses these.

LinkedIn draws its toggles as a native checkbox or as an element with ``role="switch"``; a
``role="checkbox"`` element is read the same way (locate.py: ``.checked`` for a native
checkbox, ``aria-checked`` otherwise). A button, a link or a label is never a switch.
"""

from __future__ import annotations

# Each kind of element that can be a switch, as a CSS selector.
SWITCH_KINDS: tuple[str, ...] = ("input[type=checkbox]", "[role=switch]", "[role=checkbox]")
# Their ARIA roles, for Playwright's get_by_role (a native checkbox has the role checkbox).
SWITCH_ROLES: tuple[str, ...] = ("switch", "checkbox")
# Any switch, for ``querySelectorAll`` in the page's own scripts.
SWITCH_SELECTOR = ", ".join(SWITCH_KINDS)
# Any switch, to be narrowed by an attribute: ``f"{SWITCHLIKE}[id=...]"`` (so an
# aria-labelledby on a paragraph never matches).
SWITCHLIKE = f":is({SWITCH_SELECTOR})"


def css_string(value: str) -> str:
    """``value`` as a quoted CSS string, for an attribute selector (``[id="..."]``)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
