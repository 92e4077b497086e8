"""Downloadable files of a plan (open formats only), with what the page says about them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .model import Plan
from .odt import render_odt


@dataclass(frozen=True)
class Download:
    format: str  # short name shown to people, e.g. ODT
    description: str  # what the format is, for the link title
    filename: str
    data: bytes
    pages: int | None = None

    @property
    def size_label(self) -> str:
        return human_size(len(self.data))

    @property
    def label(self) -> str:
        details = [f"{self.pages} 頁"] if self.pages else []
        return f"下載 {self.format}（{'，'.join([*details, self.size_label])}）"


def human_size(size: int) -> str:
    """1536 → 2 KB; 1_572_864 → 1.5 MB (1 KB = 1,024 bytes)."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def plan_downloads(plan: Plan, updated: dt.date | None) -> list[Download]:
    return [
        Download("ODT", "開放文件格式（ODF）文字檔，可用 LibreOffice 等軟體開啟與編輯", f"{plan.id}.odt", render_odt(plan, updated)),
    ]
