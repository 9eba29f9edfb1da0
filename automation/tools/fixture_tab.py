"""A browser tab that shows saved pages at their real URLs, offline (``route.fulfill``), reused
from one page to the next with its cookies and storage cleared: what ``selftest`` reads through,
with the network watch the engine's reads need (the page's age, what is in flight)."""

from __future__ import annotations

from playwright.async_api import Browser, BrowserContext, Page, Route
from playwright.async_api import Error as PlaywrightError

from automation.catalogue.models import SiteMap
from automation.engine.settle import NetworkWatch


class Tab:
    """One browser context and one page that answer only the page being checked.

    Its only answer is the current ``html`` at the current ``url`` (GET, the document itself);
    every other request is aborted. One tab is reused for page after page (a new context per page
    costs four times as long), with cookies and storage cleared between pages so nothing one page
    leaves behind is seen by the next.
    """

    def __init__(self, browser: Browser, site: SiteMap | None = None) -> None:
        self.browser = browser
        self.site = site  # its long-lived requests and data sources, for the watch
        self.context: BrowserContext | None = None
        self.page: Page | None = None
        self.watch: NetworkWatch | None = None  # of the current page: its age counts from each show
        self.url = ""
        self.html = ""

    async def _serve(self, route: Route) -> None:
        request = route.request
        if request.method == "GET" and request.url == self.url and request.resource_type == "document":
            await route.fulfill(status=200, content_type="text/html; charset=utf-8", body=self.html)
        else:
            await route.abort()

    async def show(self, url: str, html: str) -> Page:
        if self.page is None or self.context is None:
            self.context = await self.browser.new_context(service_workers="block")
            await self.context.route("**/*", self._serve)
            self.page = await self.context.new_page()
            self.watch = NetworkWatch(self.page, self.site.network.long_lived if self.site else (),
                                      self.site.state if self.site else None)
        else:
            try:
                await self.page.evaluate("() => { try { localStorage.clear(); sessionStorage.clear(); } catch (e) {} }")
            except PlaywrightError:  # the last page is gone or mid-navigation: nothing of it to keep
                pass
            await self.context.clear_cookies()
        self.url, self.html = url, html
        assert self.watch is not None
        self.watch.forget()
        await self.page.goto(url, wait_until="load")
        self.watch.loaded()
        return self.page

    async def close(self) -> None:
        if self.context is not None:
            await self.context.close()
        self.context = self.page = self.watch = None
