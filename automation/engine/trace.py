"""A Playwright trace of a run, kept only where asked: it holds the session's cookies, so it is
written as a 0600 file in a private folder (under umask 077, then restricted)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from playwright.async_api import BrowserContext

from automation.owner_only import restrict
from automation.private import private_dir


@asynccontextmanager
async def traced(context: BrowserContext, path: Path | None) -> AsyncIterator[None]:
    """Trace what happens inside into ``path`` (nothing when None), also when it fails."""
    if path is None:
        yield
        return
    await context.tracing.start(screenshots=True, snapshots=True)
    try:
        yield
    finally:
        await save_trace(context, path)


async def save_trace(context: BrowserContext, path: Path) -> None:
    """Stop tracing into ``path``: a private folder, a 0600 file (written under umask 077)."""
    private_dir(path.parent)
    old_umask = os.umask(0o077)
    try:
        await context.tracing.stop(path=str(path))
    finally:
        os.umask(old_umask)
    restrict(path)
