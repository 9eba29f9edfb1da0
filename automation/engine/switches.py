"""What a switch is and how its state is read, in one place: every step that looks for switches
(the guard scan, the locator, the survey of an unlisted page, the wait for a page to draw, teach's
watch, selftest, capture) uses these.

LinkedIn draws its toggles as a native checkbox or as an element with ``role="switch"``; a
``role="checkbox"`` element is read the same way. A button, a link or a label is never a switch.
Its state (``SWITCH_STATE``): ``.checked`` for a native checkbox, unless its ``aria-checked`` says
the opposite (then neither is believed: "conflict"); ``aria-checked`` for any other switch; never
the On/Off text, which is localized and can lie (docs/linkedin.md#switch-markup).
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

# The one definition of a switch's drawn state, as a JavaScript function of the element: "on",
# "off", "conflict" (a native checkbox whose aria-checked says the opposite of .checked) or
# "unknown". Every script that reads a state inserts this text (``STATE_WORDS`` maps the answer).
SWITCH_STATE = """
(el) => {
  const aria = el.getAttribute("aria-checked");
  if (el instanceof HTMLInputElement && el.type === "checkbox") {
    if ((aria === "true" || aria === "false") && (aria === "true") !== el.checked) return "conflict";
    return el.checked ? "on" : "off";
  }
  if (aria === "true") return "on";
  if (aria === "false") return "off";
  return "unknown";
}
""".strip()
STATE_WORDS: dict[str, bool] = {"on": True, "off": False}  # "conflict" and "unknown": no state


def state_of(word: str) -> bool | None:
    """``SWITCH_STATE``'s answer as a state: True on, False off, None for anything else."""
    return STATE_WORDS.get(word)


def css_string(value: str) -> str:
    """``value`` as a quoted CSS string, for an attribute selector (``[id="..."]``)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
