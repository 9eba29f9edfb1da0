"""The guided mode (to be written)."""

from __future__ import annotations

from typing import Any


async def answers(*args: Any) -> Any:
    raise NotImplementedError


async def guided(*args: Any) -> Any:
    raise NotImplementedError
