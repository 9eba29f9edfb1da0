"""One item's steps: look, delete (at a human pace, under the change gate), verify by reload.

Rules it never bends (docs/prune.md#the-rules):
- it deletes only an item that is up, on its own page, shown exactly once with the export's
  words (or exact name), the person's own, not a repost, whose one menu offers delete once;
- it reads the page again, settled, right before the click, inside the change gate;
- it clicks delete once per item, never again, whatever follows;
- "deleted" only when a reload, settled and old enough, shows it gone; still shown after the
  reload is ``failed``; a page that cannot tell is ``unknown``, never gone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from playwright.async_api import Locator

from automation.catalogue.models import SiteMap
from automation.engine.evidence import member_name
from automation.engine.flip import clear_cookie_banner
from automation.engine.gate import ChangeGate
from automation.engine.guards import PageCheck, Verdict
from automation.engine.stops import STOPS
from automation.pruning.act import delete_one
from automation.pruning.evidence import close_up
from automation.pruning.judge import Judgement, Seen, Target, refusal
from automation.pruning.map import Flow, PruneMap, Surface
from automation.pruning.report import ItemStatus, PrunedItem
from automation.pruning.scan import MARK
from automation.pruning.selection import Item
from automation.pruning.tab import Tab


class Brakes(Protocol):
    """What the steps may ask of the run: may a page be loaded (or a change start), may a change
    already made be verified, stop the run on a wall or refusal, or softly when the person asks."""

    def may_open(self) -> bool: ...
    def may_verify(self) -> bool: ...
    def halt(self, check: PageCheck) -> str: ...
    def stop_softly(self, reason: str) -> None: ...  # the person said stop: nothing new starts


class Halted(Exception):
    """A wall, a refusal or no network while working on an item: the run stops here."""


@dataclass
class Steps:
    tab: Tab
    pmap: PruneMap
    site: SiteMap
    gate: ChangeGate
    brakes: Brakes
    folder: str | None  # where close-ups go (None: none)
    tell: Callable[[str, str], None] = lambda item, what: None  # progress: (item's label, what is happening)
    fallbacks: set[str] = field(default_factory=set)  # selectors matched only as fallbacks, for this item

    def target(self, item: Item, name: str | None = None) -> Target:
        return Target(item.kind, words=item.words, name=name if name is not None else item.words, any=item.any_shown)

    async def look(self, item: Item, surface: Surface, url: str, *, reload: bool = False,
                   verifying: bool = False, name: str | None = None) -> Judgement:
        """Load ``url`` and judge the item there, settled; ``Halted`` on a wall or refusal."""
        check = await self.tab.open(url, surface, self.brakes.may_verify if verifying else self.brakes.may_open,
                                    reload=reload)
        if check.verdict is Verdict.STOPPED:
            return Judgement(Seen.UNSURE, "the run stopped before its page was loaded")
        if check.verdict in STOPS:
            raise Halted(self.brakes.halt(check))
        if check.verdict is Verdict.ERROR:
            return Judgement(Seen.UNSURE, check.reason)
        return await self.read(item, surface, url, name)

    async def read(self, item: Item, surface: Surface, url: str, name: str | None = None) -> Judgement:
        seen = await self.tab.read(surface, self.target(item, name), expected=_path(url),
                                   tombstones=self.pmap.tombstone_texts)
        self.fallbacks.update(self.tab.last.fallbacks)
        if isinstance(seen, PageCheck):
            if seen.verdict in STOPS or seen.verdict is Verdict.RATE_LIMITED:
                raise Halted(self.brakes.halt(seen))
            return Judgement(Seen.UNSURE, seen.reason or "the page could not be read")
        return seen

    async def delete(self, item: Item, flow: Flow, url: str, seen: Judgement, result: PrunedItem) -> PrunedItem:
        """Delete an item that the first look found up; verify by reload."""
        acting, at = flow.acting, url
        name = None
        if flow.delete is not None:  # deleted on another page: found there by the name its own page shows
            name = seen.item.name if seen.item else None
            at = self.site.base_url + (flow.delete.path or "")
        async with self.gate:
            if not self.brakes.may_open():
                return _set(result, ItemStatus.SKIPPED, "the run stopped before this item")
            if flow.delete is not None:
                again = await self.look(item, acting, at, name=name) if name else \
                    Judgement(Seen.UNSURE, "its own page shows no title to find it by", changed=True)
            else:  # never click without reading the page again, settled
                again = await self.read(item, acting, at)
            if again.seen is not Seen.UP or again.item is None:
                result.changed = again.changed
                return _set(result, ItemStatus.SKIPPED, f"before the click (nothing clicked): {again.why}")
            member = await member_name(self.tab.page, self.site)
            if refused := refusal(again.item, item.kind, flow, acting, member, self.tab.lang):
                result.changed = refused[1]
                return _set(result, ItemStatus.SKIPPED, refused[0])
            await self._photo(result, "before", self.tab.page.locator(f'[{MARK}="{again.item.n}"]'))
            await clear_cookie_banner(self.tab.page, self.site, self.tab.timeouts)
            self.tell(item.label, "deleting")
            self.tab.watch_refusals()
            acted = await delete_one(self.tab.page, again.item, flow, acting, self.tab.lang, self.tab.timeouts,
                                     self.tab.watch)
        result.changed = acted.changed
        if self.tab.refusal is not None:  # LinkedIn said no to the page's own requests: stop, load nothing more
            said = self.brakes.halt(self.tab.refusal)
            _set(result, ItemStatus.UNKNOWN, f"delete clicked, but LinkedIn answered: {said}; nothing more was "
                                             "loaded, not even to verify it: run prune again later to look")
            raise Halted(said)
        if acted.refused:
            return _set(result, ItemStatus.SKIPPED, acted.refused)
        if not acted.clicked:
            return _set(result, ItemStatus.FAILED, acted.failed or "nothing confirmed")
        # The delete item was clicked: whatever the dialog did, only a reload says what is left.
        return await self.verify(item, flow, url, result, acted.failed)

    async def verify(self, item: Item, flow: Flow, url: str, result: PrunedItem, trouble: str | None = None) -> PrunedItem:
        """Reload its own page: deleted only if the reload shows it gone (judge.py). ``trouble``:
        what went wrong after the delete item was clicked (no dialog, say), said with the verdict."""
        done = f"delete clicked ({trouble})" if trouble else "delete confirmed"
        if not self.brakes.may_verify():
            return _set(result, ItemStatus.UNKNOWN, f"{done}, but the run stopped before a reload could verify it: "
                                                    "run prune again to look")
        self.tell(item.label, "verifying")
        # A fresh load of the item's own address, never a reload of wherever the browser is now:
        # the site may move on after a deletion (even while it is being verified), and in guided
        # mode the person may go to another page. What another page shows says nothing of this item.
        try:
            after = await self.look(item, flow.look, url, verifying=True)
        except Halted as halt:
            _set(result, ItemStatus.UNKNOWN, f"{done}, but the reload met a stop ({halt}): run prune again to look")
            raise
        await self._photo(result, "after", self.tab.page.locator(f'[{MARK}="{after.item.n}"]') if after.item else None)
        if after.seen is Seen.GONE:
            return _set(result, ItemStatus.DELETED, f"deleted; a reload shows it gone: {after.why}")
        if after.seen is Seen.UP:
            return _set(result, ItemStatus.FAILED, f"{done}, but a reload still shows it: the deletion did not hold")
        result.changed = result.changed or after.changed
        return _set(result, ItemStatus.UNKNOWN, f"{done}, but the reload cannot tell: {after.why}")

    async def _photo(self, result: PrunedItem, when: str, element: Locator | None) -> None:
        if self.folder is None:
            return
        stem = f"{when}-{(result.key or result.label).replace('/', '_').replace(':', '_')[:80]}"
        path, warning = await close_up(self.tab.page, element, Path(self.folder), stem)
        setattr(result, when, path)
        if warning:
            result.warnings.append(warning)


def _path(url: str) -> str:
    return urlsplit(url).path


def _set(result: PrunedItem, status: ItemStatus, why: str) -> PrunedItem:
    result.status, result.why = status, why
    return result
