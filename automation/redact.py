"""Keep session secrets out of every output.

Secret values the tool handles (cookie values read from a file or the environment) are
registered here; ``redact`` replaces them, and the logging filter applies it to every record.
The tool never formats a cookie value into a message in the first place: this is the safety net.
"""

from __future__ import annotations

import logging
import re

_SECRETS: set[str] = set()
MASK = "[redacted]"
# Shapes of LinkedIn session values, masked even if never registered.
_SHAPES = re.compile(r"\bAQ[A-Za-z0-9_-]{20,}|ajax:\d{6,}")


def register(*values: str | None) -> None:
    for value in values:
        if value and len(value) >= 6:
            _SECRETS.add(value)
            _SECRETS.add(value.strip('"'))


def redact(text: str) -> str:
    for value in sorted(_SECRETS, key=len, reverse=True):
        text = text.replace(value, MASK)
    return _SHAPES.sub(MASK, text)


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = ()
        return True


def setup_logging(level: str) -> None:
    handler = logging.StreamHandler()
    handler.addFilter(RedactingFilter())
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("automation")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False
