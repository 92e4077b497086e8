"""How a referenced document reads in every output: title（issuer 民國… number + role）.

Each function takes a way to show a date (``roc_date`` for text, ``time_element`` for HTML) and a
way to escape text, so the web page, the print HTML and the ODT say the same thing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from markupsafe import Markup, escape

from ..plan.dates import roc_date
from ..plan.model import DocumentRef, DocumentRole
from .escape import time_element

DateText = Callable[[dt.date], str]


def _document_parts(doc: DocumentRef, date_text: DateText, default: DocumentRole) -> list[str]:
    parts = [part for part in (doc.issuer, date_text(doc.date) if doc.date else None, doc.number) if part]
    role = doc.role or default
    if role is not default and role is not DocumentRole.basis:
        # 「…號函頒」, 「…號核定」: the role reads after the number, as official documents write it
        if not parts:
            return [role.value]
        last = parts[-1]
        parts[-1] = last + escape(role.value) if isinstance(last, Markup) else f"{last}{role.value}"
    return parts


def document_line(doc: DocumentRef) -> str:
    """A document the plan is based on: title（issuer 民國… number）."""
    details = " ".join(_document_parts(doc, roc_date, DocumentRole.basis))
    return (doc.title or "") + (f"（{details}）" if details else "")


def letter_line(doc: DocumentRef) -> str:
    """A letter about the plan itself (its 發文, 核定, 核備): its title, or issuer 民國… number."""
    return doc.title or " ".join(_document_parts(doc, roc_date, doc.role or DocumentRole.issue))


def document_line_html(doc: DocumentRef) -> Markup:
    """``document_line`` for HTML: text escaped, the date as a <time> element."""
    parts = [Markup(p) if isinstance(p, Markup) else escape(p) for p in _document_parts(doc, time_element, DocumentRole.basis)]
    details = Markup(" ").join(parts)
    return escape(doc.title or "") + (Markup("（{}）").format(details) if details else Markup(""))


def letter_line_html(doc: DocumentRef) -> Markup:
    if doc.title:
        return escape(doc.title)
    parts = _document_parts(doc, time_element, doc.role or DocumentRole.issue)
    return Markup(" ").join(Markup(p) if isinstance(p, Markup) else escape(p) for p in parts)


def letter_term(doc: DocumentRef, default: DocumentRole = DocumentRole.issue) -> str:
    """How the metadata block names a letter about the plan: 本計畫發文, 本計畫核備 …"""
    return f"本計畫{(doc.role or default).value}"
