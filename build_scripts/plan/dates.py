"""Dates as Taiwan shows them: 民國 years, Arabic numerals."""

from __future__ import annotations

import datetime as dt

ROC_OFFSET = 1911


def roc_year(date: dt.date) -> int:
    return date.year - ROC_OFFSET


def roc_date(date: dt.date) -> str:
    """2021-01-05 → 民國110年1月5日."""
    return f"民國{roc_year(date)}年{date.month}月{date.day}日"


def roc_year_label(year: int) -> str:
    """114 → 民國114年度（2025年）."""
    return f"民國{year}年度（{year + ROC_OFFSET}年）"
