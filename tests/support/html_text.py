"""The text a visitor reads in a built page's main article."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Shown only on narrow screens, beside each table cell, in place of the header row (site.css).
NARROW_ONLY = "plan-cell-label"


class _Text(HTMLParser):
    """The visible text of the page's main article, as a wide screen shows it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.hidden = 0  # depth inside a narrow-screen-only element
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self.depth or (tag == "article"):
            self.depth += 1
            if self.hidden or NARROW_ONLY in (dict(attrs).get("class") or "").split():
                self.hidden += 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            if self.hidden:
                self.hidden -= 1

    def handle_data(self, data):
        if self.depth and not self.hidden:
            self.parts.append(data)


def article_text(html: str) -> str:
    parser = _Text()
    parser.feed(re.sub(r"<(br|hr|img|input|meta|link)\b[^>]*>", " ", html))
    return " ".join(parser.parts)
