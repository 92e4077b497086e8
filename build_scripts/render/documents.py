"""How a referenced document reads in every output: title（issuer 民國… number）."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from markupsafe import Markup, escape

from ..plan.dates import roc_date
from ..plan.model import DocumentRef
from .escape import time_element


def _document_parts(doc: DocumentRef, date_text: Callable[[dt.date], str]) -> list[str]:
    return [part for part in (doc.issuer, date_text(doc.date) if doc.date else None, doc.number) if part]


def document_line(doc: DocumentRef) -> str:
    """A referenced document as every output shows it: title（issuer 民國… number）."""
    details = " ".join(_document_parts(doc, roc_date))
    return (doc.title or "") + (f"（{details}）" if details else "")


def issued_line(doc: DocumentRef) -> str:
    """The plan's own issuing letter: its title, or issuer 民國… number."""
    return doc.title or " ".join(_document_parts(doc, roc_date))


def document_line_html(doc: DocumentRef) -> Markup:
    """``document_line`` for HTML: text escaped, the date as a <time> element."""
    details = Markup(" ").join(_document_parts(doc, time_element))
    return escape(doc.title or "") + (Markup("（{}）").format(details) if details else Markup(""))


def issued_line_html(doc: DocumentRef) -> Markup:
    return escape(doc.title) if doc.title else Markup(" ").join(_document_parts(doc, time_element))
