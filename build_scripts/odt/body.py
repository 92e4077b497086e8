"""The body of an ODT (headings, paragraphs, lists, tables) as light elements odfpy writes as its own.

odfpy checks every attribute and child against the ODF grammar as it makes an element, and that was
about two thirds of an ODT's time (hundreds of paragraphs, spans and cells a plan). The body is made of
``BodyElement`` instead: ODF's own element and attribute names, fixed here (``tests/odt`` rebuilds
each body as odfpy's elements, through odfpy's grammar checks, and compares the XML). They are written
exactly as odfpy writes its elements (same escaping, same attribute quoting), so an ODT has the same
bytes as when odfpy made it all; odfpy still makes and writes the rest of the package (styles, metadata,
manifest).
"""

from __future__ import annotations

import re
from typing import TextIO

from odf.element import Node, _quoteattr, _xml_filtered_chars_re
from odf.namespaces import OFFICENS, TABLENS, TEXTNS, nsdict

QName = tuple[str, str]


class BodyElement:
    """An ODF element of the body: its qualified name, attributes (in the order given) and children
    (elements, or text as ``str``)."""

    __slots__ = ("attributes", "childNodes", "qname", "tagName")
    nodeType = Node.ELEMENT_NODE

    def __init__(self, qname: QName, attributes: dict[QName, str] | None = None) -> None:
        self.qname = qname
        self.tagName = _TAGS[qname]
        self.attributes = attributes or {}
        self.childNodes: list[BodyElement | str] = []

    def addElement(self, child: BodyElement) -> None:  # odfpy's names: odfpy's writer calls them
        self.childNodes.append(child)

    def addText(self, text: str) -> None:
        if text:
            self.childNodes.append(text)

    def toXml(self, level: int, f: TextIO) -> None:
        parts: list[str] = []
        _write(self, parts)
        f.write("".join(parts))


def add_text(target: BodyElement, value: str) -> None:
    """Text as odfpy's ``teletype.addTextToElement`` adds it: a tab becomes ``text:tab``, a line break
    ``text:line-break``, and in a run of spaces the first is text and the rest one ``text:s``."""
    start = 0
    for match in _WHITESPACE.finditer(value):
        token = match.group()
        if token == "\t":
            target.addText(value[start : match.start()])
            target.addElement(BodyElement(TAB))
        elif token == "\n":
            target.addText(value[start : match.start()])
            target.addElement(BodyElement(LINE_BREAK))
        else:
            target.addText(value[start : match.start()] + " ")
            target.addElement(BodyElement(SPACES, {SPACE_COUNT: str(len(token) - 1)}))
        start = match.end()
    target.addText(value[start:])


_WHITESPACE = re.compile("\t|\n| {2,}")


def _escape_text(data: str) -> str:
    """Text as odfpy writes a text node (``element._sanitize``): characters XML does not allow or
    discourages become U+FFFD, then ``&``, ``<`` and ``>`` are escaped."""
    return _xml_filtered_chars_re.sub("\ufffd", data).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_ATTRIBUTE_TEXT: dict[tuple[QName, str], str] = {}  # the written attribute, by name and value: a few dozen


def _attribute(name: QName, value: str) -> str:
    written = _ATTRIBUTE_TEXT.get((name, value))
    if written is None:
        written = f" {nsdict[name[0]]}:{name[1]}={_quoteattr(value)}"
        if len(_ATTRIBUTE_TEXT) < 4096:  # style names and spans repeat; anything else is not kept
            _ATTRIBUTE_TEXT[(name, value)] = written
    return written


def _write(node: BodyElement, parts: list[str]) -> None:
    parts.append("<" + node.tagName)
    for name, value in node.attributes.items():
        parts.append(_attribute(name, value))
    if node.childNodes:
        parts.append(">")
        for child in node.childNodes:
            if isinstance(child, str):
                parts.append(_escape_text(child))
            else:
                _write(child, parts)
        parts.append(f"</{node.tagName}>")
    else:
        parts.append("/>")


# --- the names the body uses ------------------------------------------------------------------------

_TAGS: dict[QName, str] = {}  # each element's name as written (prefix:local)


def _element(namespace: str, local: str) -> QName:
    qname = (namespace, local)
    _TAGS[qname] = f"{nsdict[namespace]}:{local}"
    return qname


TEXT = _element(OFFICENS, "text")
H = _element(TEXTNS, "h")
P = _element(TEXTNS, "p")
SPAN = _element(TEXTNS, "span")
TAB = _element(TEXTNS, "tab")
LINE_BREAK = _element(TEXTNS, "line-break")
SPACES = _element(TEXTNS, "s")
LIST = _element(TEXTNS, "list")
LIST_ITEM = _element(TEXTNS, "list-item")
TABLE = _element(TABLENS, "table")
TABLE_COLUMN = _element(TABLENS, "table-column")
TABLE_HEADER_ROWS = _element(TABLENS, "table-header-rows")
TABLE_ROW = _element(TABLENS, "table-row")
TABLE_CELL = _element(TABLENS, "table-cell")
COVERED_CELL = _element(TABLENS, "covered-table-cell")

STYLE_NAME = (TEXTNS, "style-name")
OUTLINE_LEVEL = (TEXTNS, "outline-level")
SPACE_COUNT = (TEXTNS, "c")
TABLE_NAME = (TABLENS, "name")
TABLE_STYLE_NAME = (TABLENS, "style-name")
VALUE_TYPE = (OFFICENS, "value-type")
ROWS_SPANNED = (TABLENS, "number-rows-spanned")
COLUMNS_SPANNED = (TABLENS, "number-columns-spanned")
