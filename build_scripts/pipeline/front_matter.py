"""What a Markdown page says about itself in its front matter: its title and description, as text.

Engines take a page's title from ``title:`` in its front matter, else from its first heading; so does
the build session, for the page metadata it writes. Titles are HTML to the engines (the generated
pages escape theirs): they are read back as text here.
"""

from __future__ import annotations

import json
import posixpath
import re

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from ..render.escape import text_of_html

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)
_JSON_LINE = re.compile(r'([a-z_]+): ("(?:[^"\\]|\\.)*")[ \t]*')
_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t#]*(?:\{[^}]*\})?[ \t]*$", re.M)


def _json_lines(front: str) -> dict[str, str] | None:
    """Front matter whose every line is ``key: "a JSON string"`` (what the generated pages write,
    ``render.escape.front_matter``: JSON is YAML), read without a YAML parser; None for any other."""
    fields: dict[str, str] = {}
    for line in front.splitlines():
        match = _JSON_LINE.fullmatch(line)
        if match is None or match.group(1) in fields:
            return None
        try:
            fields[match.group(1)] = json.loads(match.group(2))
        except ValueError:
            return None
    return fields


def title_and_description(markdown: str, path: str) -> tuple[str, str]:
    """(title, description) of a page; the title falls back to the first heading, then the file name."""
    meta: object = None
    match = _FRONT_MATTER.match(markdown)
    if match:
        meta = _json_lines(match.group(1))
        if meta is None:
            try:
                meta = YAML(typ="safe", pure=True).load(match.group(1))
            except YAMLError:
                meta = None
    fields = meta if isinstance(meta, dict) else {}
    title = fields.get("title")
    if not isinstance(title, str) or not title.strip():
        heading = _HEADING.search(markdown[match.end() :] if match else markdown)
        title = heading.group(1) if heading else posixpath.splitext(posixpath.basename(path))[0]
    description = fields.get("description")
    return text_of_html(title.strip()), text_of_html(description.strip()) if isinstance(description, str) else ""
