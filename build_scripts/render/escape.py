"""Text from YAML is text: escaping for each context a plan's text is written into.

Inside raw HTML blocks text is HTML-escaped (Jinja autoescape, ``html_lines``); in Markdown
context (headings, link text, front matter) every ASCII punctuation character becomes a numeric
character reference, so nothing typed in a plan can turn into Markdown, HTML, a link or a template.
"""

from __future__ import annotations

import datetime as dt
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


def yaml_string(value: object) -> Markup:
    """A front-matter string: JSON is valid YAML and escapes everything needed."""
    return Markup(json.dumps(str(value), ensure_ascii=False))


def time_element(date: dt.date | None) -> Markup:
    if date is None:
        return Markup("")
    return Markup('<time datetime="{}">{}</time>').format(date.isoformat(), roc_date(date))
