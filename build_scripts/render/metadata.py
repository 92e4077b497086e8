"""A plan's metadata as every output shows it: the block under the title, and the keywords.

``metadata_entries`` gives (term, value) pairs in reading order; the web page asks for HTML values
(escaped text, dates as <time> elements), the print HTML and the ODT for plain text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from markupsafe import Markup, escape

from ..plan.dates import roc_date, roc_year_label
from ..plan.model import DocumentRole, Plan, PlanGenre
from .documents import document_line, document_line_html, letter_line, letter_line_html, letter_term
from .escape import time_element

CATEGORY_TERM = "主動公開類別"


def keywords(plan: Plan) -> list[str]:
    words = [plan.agency.name, plan.agency.city, plan.agency.type.value, plan.genre.value, "主動公開資訊"]
    if plan.year is not None:
        words.append(f"{plan.year}年度")
    return words


def category_text(plan: Plan) -> str:
    return f"{plan.category.value}（政府資訊公開法第7條）"


def metadata_entries(plan: Plan, html: bool = False) -> list[tuple[str, Any]]:
    """The metadata block under the title, as (term, value) in reading order: the plan's own dates only."""
    text: Callable[[str], Any] = escape if html else str
    date: Callable[[dt.date], Any] = time_element if html else roc_date
    basis = document_line_html if html else document_line
    letter = letter_line_html if html else letter_line
    agency = plan.agency
    entries: list[tuple[str, Any]] = [("機關", text(f"{agency.name}（{agency.city}，{agency.type.value}）"))]
    if agency.parent:
        entries.append(("上級機關", text(agency.parent)))
    if plan.genre is not PlanGenre.service:
        entries.append(("計畫種類", text(plan.genre.value)))
    if plan.year is not None:
        entries.append(("年度", text(roc_year_label(plan.year))))
    entries += [("計畫依據", basis(doc)) for doc in plan.basis]
    if plan.issued:
        entries.append((letter_term(plan.issued), letter(plan.issued)))
    entries += [(letter_term(doc, DocumentRole.issue), letter(doc)) for doc in plan.documents]
    latest = plan.updated or (plan.changes[-1].date if plan.changes else None)  # a change note is an update
    dates = (("核定日期", plan.approved), ("發布日期", plan.published), ("最後更新日期", latest))
    entries += [(term, date(value)) for term, value in dates if value]
    if plan.version:
        entries.append(("版本", text(plan.version)))
    for version in plan.versions:
        shown = Markup(" ").join([date(version.date), text(version.label)]) if version.date and html else None
        plain = f"{roc_date(version.date)} {version.label}" if version.date else version.label
        entries.append(("版本紀錄", shown if shown is not None else text(plain)))
    entries.append((CATEGORY_TERM, text(category_text(plan))))
    if not html:  # the web page has sections of its own for these
        entries += [("相關連結", text(f"{link.title}：{link.url}")) for link in plan.links]
        entries += [("更新紀錄", text(f"{roc_date(change.date)} {change.note}")) for change in reversed(plan.changes)]
    return entries


def grouped(entries: list[tuple[str, Any]]) -> list[tuple[str, list[Any]]]:
    """Consecutive entries with the same term under one term (one <dt>, several <dd>)."""
    groups: list[tuple[str, list[Any]]] = []
    for term, value in entries:
        if groups and groups[-1][0] == term:
            groups[-1][1].append(value)
        else:
            groups.append((term, [value]))
    return groups
