"""An ODT package whose bytes depend on its content only.

odfpy keeps namespace declarations in one process-wide dict (so they would depend on whatever
odfpy did before); writing swaps it for a dict of the namespaces this document uses. The zip
entries get a fixed timestamp (the plan's date) instead of the clock. ``new_document`` gives a text
document whose automatic styles are looked up faster when written (``_TextDocument``).
"""

from __future__ import annotations

import datetime as dt
import io
import threading
import zipfile
from collections.abc import Iterable

from odf import element
from odf.namespaces import CHARTNS, DRAWNS, PRESENTATIONNS, STYLENS, TABLENS, TEXTNS, nsdict
from odf.opendocument import OpenDocument, OpenDocumentText

from .body import TEXT, BodyElement

_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can carry

# odfpy's namespace declarations are a class attribute shared by every element
# in the process; writing swaps it for a fixed dict, one document at a time.
_WRITE_LOCK = threading.Lock()

# The attributes by which an element names a style: odfpy's own list (``OpenDocument._parseoneelement``).
_STYLE_REFERENCES = (
    (CHARTNS, "style-name"),
    (DRAWNS, "style-name"),
    (DRAWNS, "text-style-name"),
    (PRESENTATIONNS, "style-name"),
    (STYLENS, "data-style-name"),
    (STYLENS, "list-style-name"),
    (STYLENS, "page-layout-name"),
    (STYLENS, "style-name"),
    (TABLENS, "default-cell-style-name"),
    (TABLENS, "style-name"),
    (TEXTNS, "style-name"),
)
_STYLE_REFERENCE_SET = frozenset(_STYLE_REFERENCES)
_REFERENCE_NAMESPACES = tuple(dict.fromkeys(ns for ns, _ in _STYLE_REFERENCES))


class _TextDocument(OpenDocument):
    """odfpy's text document, with the same automatic styles written, found by looking at each
    element's own attributes (a few) instead of a namespace lookup for each of the 11 names an
    element can name a style by (that was about a fifth of the time of an ODT)."""

    def _used_auto_styles(self, segments: Iterable[element.Element]) -> list[element.Element]:
        names: set[str] = set()
        stack = [child for top in segments for child in top.childNodes]
        looked_up = False
        while stack:
            node = stack.pop()
            if isinstance(node, str) or node.nodeType != element.Node.ELEMENT_NODE:
                continue
            if not looked_up:  # odfpy's lookup declares these namespaces (the same bytes as odfpy's own)
                for namespace in _REFERENCE_NAMESPACES:
                    element.Element.namespaces.setdefault(namespace, element._nsassign(namespace))
                looked_up = True
            names.update(value for key, value in node.attributes.items() if key in _STYLE_REFERENCE_SET and value)
            stack.extend(node.childNodes)
        return [
            style
            for style in self.automaticstyles.childNodes
            if isinstance(style, element.Element) and style.getAttrNS(STYLENS, "name") in names
        ]


def new_document() -> OpenDocumentText:
    """An empty text document, as odfpy's ``OpenDocumentText()`` makes it, whose text (``document.text``)
    is a light ``BodyElement``."""
    document = _TextDocument("application/vnd.oasis.opendocument.text")
    document.text = BodyElement(TEXT)
    document.body.childNodes.append(document.text)
    return document


def package_bytes(document: OpenDocumentText, date: dt.date | None) -> bytes:
    """The document as reproducible ODT bytes: the same document gives the same bytes."""
    return _reproducible_zip(_write(document), date)


def _used_namespaces(node: element.Node | BodyElement | str, found: set[str]) -> set[str]:
    if not isinstance(node, str) and node.nodeType == element.Node.ELEMENT_NODE:
        found.add(node.qname[0])
        found.update(ns for ns, _ in node.attributes)
        for child in node.childNodes:
            _used_namespaces(child, found)
    return found


def _write(document: OpenDocumentText) -> bytes:
    """odfpy's zip, with namespace declarations that depend on this document only."""
    used = _used_namespaces(document.topnode, set())
    fixed = {ns: nsdict[ns] for ns in sorted(used, key=lambda ns: (nsdict.get(ns, ""), ns)) if ns in nsdict}
    buffer = io.BytesIO()
    with _WRITE_LOCK:
        shared = element.Element.namespaces
        element.Element.namespaces = fixed
        try:
            document.write(buffer)
        finally:
            element.Element.namespaces = shared
            for ns, prefix in fixed.items():
                shared.setdefault(ns, prefix)
    return buffer.getvalue()


def _reproducible_zip(data: bytes, date: dt.date | None) -> bytes:
    """The same entries, in the same order, with a fixed timestamp instead of the clock."""
    stamp = (date.year, date.month, date.day, 0, 0, 0) if date and date.year >= 1980 else _EPOCH
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, stamp)
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            fixed.create_system = 3
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
