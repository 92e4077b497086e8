"""Dates as Taiwan shows them: 民國 years, Arabic numerals."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Plan

ROC_OFFSET = 1911


def roc_year(date: dt.date) -> int:
    return date.year - ROC_OFFSET


def roc_date(date: dt.date) -> str:
    """2021-01-05 → 民國110年1月5日."""
    return f"民國{roc_year(date)}年{date.month}月{date.day}日"


def roc_year_label(year: int) -> str:
    """114 → 民國114年度（2025年）."""
    return f"民國{year}年度（{year + ROC_OFFSET}年）"


def first_published(plan: Plan) -> dt.date | None:
    """When the plan was first made public: its 發布日期, else the date of the letter issuing it."""
    return plan.published or (plan.issued.date if plan.issued else None)


def publication_date(plan: Plan) -> dt.date | None:
    """The date a plan was made public, as the plan states it: 發布, else 核定, else its letter, else 更新
    (what lists, feeds and the data catalogue show)."""
    return plan.published or plan.approved or (plan.issued.date if plan.issued else None) or plan.updated


def last_changed(plan: Plan, fallback: dt.date | None = None) -> dt.date | None:
    """The latest date the plan itself gives: its last change note, 最後更新日期, or publication.

    ``fallback`` (the date its file was last committed) when the plan gives no date at all."""
    dates = [
        d for d in (plan.changes[-1].date if plan.changes else None, plan.updated, first_published(plan), plan.approved) if d
    ]
    return max(dates) if dates else fallback


class UncommittedDate(dt.date):
    """A page date taken from its file's modification time: the file is new or changed and not yet
    committed (a page says so; git has no date for it yet)."""
