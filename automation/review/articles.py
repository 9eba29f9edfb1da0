"""An article of the export: one HTML file per article. Its title, text, date and link.

The date comes from the file name when it starts with one (``2019-05-04_my-article.html``) or
from a "Created on"/"Published on" line; the link from the page's canonical link or its first
link to an article on linkedin.com (``/pulse/``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from automation.review.dates import When, parse_date

_NAME_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")
_TEXT_DATE = re.compile(r"(?:Created|Published)(?: on|:)?\s*([0-9][0-9:\-/ ]{7,19}\d)", re.IGNORECASE)


@dataclass
class Article:
    title: str = ""
    text: str = ""
    link: str | None = None
    when: When | None = None
    date_text: str | None = None


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.links: list[str] = []
        self.canonical: str | None = None
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and (values.get("rel") or "").lower() == "canonical":
            self.canonical = values.get("href")
        elif tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        elif tag in ("title", "h1", "script", "style"):
            self._in.append(tag)
        elif tag in ("p", "br", "div", "li", "h2", "h3"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if self._in and self._in[-1] in ("script", "style"):
            return
        if self._in and self._in[-1] == "title":
            self.title.append(data)  # the page's title, not its text
            return
        self.parts.append(data)


def read_article(name: str, html: str) -> Article:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    text = "".join(reader.parts)
    article = Article(title=" ".join("".join(reader.title).split()), text=" ".join(text.split()))
    pulse = next((href for href in reader.links if "linkedin.com/pulse/" in href), None)
    article.link = reader.canonical or pulse
    dated = _NAME_DATE.search(name.rsplit("/", 1)[-1]) or _TEXT_DATE.search(text)
    if dated:
        article.when = parse_date(dated.group(1))
        if article.when is None:
            article.date_text = dated.group(1)
    return article
