"""A plan's metadata as every download shows it: the block under the title, and the keywords."""

from __future__ import annotations

import datetime as dt

from ..plan.dates import roc_date, roc_year_label
from ..plan.model import Plan
from .documents import document_line, issued_line


def keywords(plan: Plan) -> list[str]:
    words = [plan.agency.name, plan.agency.city, plan.agency.type.value, "提升服務計畫", "主動公開資訊"]
    if plan.year is not None:
        words.append(f"{plan.year}年度")
    return words


def metadata_entries(plan: Plan, updated: dt.date | None) -> list[tuple[str, str]]:
    """The metadata block under the title, as (term, value) in reading order (print and ODT)."""
    entries: list[tuple[str, str]] = [("機關", f"{plan.agency.name}（{plan.agency.city}，{plan.agency.type.value}）")]
    if plan.year is not None:
        entries.append(("年度", roc_year_label(plan.year)))
    entries += [("計畫依據", document_line(doc)) for doc in plan.basis]
    if plan.issued:
        entries.append(("本計畫發文", issued_line(plan.issued)))
    dates = (("核定日期", plan.approved), ("發布日期", plan.published), ("最後更新日期", updated))
    entries += [(term, roc_date(date)) for term, date in dates if date]
    if plan.version:
        entries.append(("版本", plan.version))
    entries += [("相關連結", f"{link.title}：{link.url}") for link in plan.links]
    return entries
