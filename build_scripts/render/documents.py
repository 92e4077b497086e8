"""How a referenced document reads in every output: title（issuer 民國… number + role）.

Each function takes a way to show a date (``roc_date`` for text, ``time_element`` for HTML) and a
way to escape text, so the web page, the print HTML and the ODT say the same thing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from markupsafe import Markup, escape

from ..plan.dates import roc_date, roc_year
from ..plan.model import DocumentRef, DocumentRole
from .escape import time_element

DateText = Callable[[dt.date], str]


def _document_parts(doc: DocumentRef, date_text: DateText, default: DocumentRole) -> list[str]:
    """Issuer, date and number, less what the title already says: an imported letter's title is
    often its whole line (「高雄市政府115年1月20日高市府秘字第11530000100號函」)."""
    title = doc.title or ""
    dated = doc.date is not None and _date_in(doc.date, title)
    numbered = doc.number is not None and doc.number in title
    whole_line = dated or numbered  # the title is the letter's line, issuer included
    said = (doc.issuer is not None and whole_line and doc.issuer in title, dated, numbered)
    values = (doc.issuer, date_text(doc.date) if doc.date else None, doc.number)
    parts = [value for value, in_title in zip(values, said, strict=True) if value and not in_title]
    role = doc.role or default
    if role is not default and role is not DocumentRole.basis:
        # 「…號函頒」, 「…號核定」: the role reads after the number, as official documents write it
        if not parts:
            return [] if title else [role.value]
        last = parts[-1]
        parts[-1] = last + escape(role.value) if isinstance(last, Markup) else f"{last}{role.value}"
    return parts


def _date_in(date: dt.date, title: str) -> bool:
    """The title gives this date already, in ROC years (115年1月20日, 115.1.20) or as written here."""
    year = roc_year(date)
    return any(
        form in title
        for form in (
            f"{year}年{date.month}月{date.day}日",
            f"{year}.{date.month}.{date.day}",
            f"{year}.{date.month:02d}.{date.day:02d}",
            roc_date(date),
        )
    )


def document_line(doc: DocumentRef, default: DocumentRole = DocumentRole.basis) -> str:
    """A document: title（issuer 民國… number）, what the title does not say in brackets."""
    details = " ".join(_document_parts(doc, roc_date, default))
    if not doc.title:
        return details
    return doc.title + (f"（{details}）" if details else "")


def letter_line(doc: DocumentRef) -> str:
    """A letter about the plan itself (its 發文, 核定, 核備): its title and what it leaves out, or
    issuer 民國… number 函頒."""
    return document_line(doc, doc.role or DocumentRole.issue)


def document_line_html(doc: DocumentRef, default: DocumentRole = DocumentRole.basis) -> Markup:
    """``document_line`` for HTML: text escaped, the date as a <time> element."""
    parts = [Markup(p) if isinstance(p, Markup) else escape(p) for p in _document_parts(doc, time_element, default)]
    details = Markup(" ").join(parts)
    if not doc.title:
        return details
    return escape(doc.title) + (Markup("（{}）").format(details) if details else Markup(""))


def letter_line_html(doc: DocumentRef) -> Markup:
    return document_line_html(doc, doc.role or DocumentRole.issue)


def letter_term(doc: DocumentRef, default: DocumentRole = DocumentRole.issue) -> str:
    """How the metadata block names a letter about the plan: 本計畫發文, 本計畫核備 …"""
    return f"本計畫{(doc.role or default).value}"
