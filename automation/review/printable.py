"""Text from the export made safe to show: no control character of it reaches a terminal or a
spreadsheet.

An export is data, not instructions. A received recommendation is written by someone else, and an
escape sequence in it (clear the screen, retitle the window, an OSC 8 link to any address), a C1
control or a bidirectional override would act on the person's terminal (GNU ``ls`` quotes such
names on a terminal; ``less`` shows ESC as ``ESC``). Each is shown escaped (``\\x1b``, ``\\u202e``);
tabs and line breaks become spaces. Rich strips some control codes but leaves ESC alone, so this is
done before Rich sees the text, and every cell goes to Rich as ``Text``, never as markup.
"""

from __future__ import annotations

import re

_SPACE = re.compile(r"[\t\n\r\v\f]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control character escaped, on one line."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(_escaped, _SPACE.sub(" ", text))
