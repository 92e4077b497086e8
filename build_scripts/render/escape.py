"""Text from YAML is text: escaping for each context a plan's text is written into.

Inside raw HTML blocks text is HTML-escaped (Jinja autoescape, ``html_lines``); in Markdown
context (headings, link text, front matter) every ASCII punctuation character becomes a numeric
character reference, so nothing typed in a plan can turn into Markdown, HTML, a link or a template.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re

from markupsafe import Markup, escape

from ..plan.dates import roc_date

_MD_SPECIAL = re.compile(r"[!-/:-@\[-`{-~]")  # all ASCII punctuation


def md_text(value: object) -> Markup:
    """Escape text for Markdown context: punctuation → &#NN; (inert in Markdown and HTML)."""
    text = str(value).replace("\r", "").replace("\n", " ")
    return Markup(_MD_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", text))


def html_lines(value: object) -> Markup:
    """Escape text for HTML; a line break in the plan becomes <br>."""
    return Markup("<br>\n").join(escape(line) for line in str(value).split("\n"))


def html_text(value: object) -> str:
    """Text as HTML text, quotes included: what MkDocs and its themes take a page title or a nav
    label to be (the theme writes them into <title>, meta attributes and the sidebar as they are)."""
    return html.escape(str(value), quote=True)


def text_of_html(value: str) -> str:
    """The text an HTML title stands for (MkDocs' page titles are HTML): tags dropped, entities read."""
    return html.unescape(re.sub(r"<[^>]*>", "", value))


def front_matter(value: object) -> Markup:
    """A front-matter value (title, description) as the engine expects it, HTML text, written as a
    YAML string: JSON is valid YAML and escapes everything YAML needs."""
    return Markup(json.dumps(html_text(value), ensure_ascii=False))


def time_element(date: dt.date | None) -> Markup:
    if date is None:
        return Markup("")
    return Markup('<time datetime="{}">{}</time>').format(date.isoformat(), roc_date(date))
