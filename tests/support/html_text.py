"""The text a visitor reads in a built page's main article."""

from __future__ import annotations

import re
from html.parser import HTMLParser


class _Text(HTMLParser):
    """The visible text of the page's main article."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self.depth or (tag == "article"):
            self.depth += 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def article_text(html: str) -> str:
    parser = _Text()
    parser.feed(re.sub(r"<(br|hr|img|input|meta|link)\b[^>]*>", " ", html))
    return " ".join(parser.parts)
