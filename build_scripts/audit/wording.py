"""Taiwan's wording for messages other tools write in Chinese (axe-core's zh_TW locale).

The locale is Traditional Chinese but keeps some Mainland terms; the report a webmaster reads uses
the words of Taiwan's government sites.
"""

from __future__ import annotations

from typing import Any

# Mainland (or machine-translated) term → Taiwan term, longest first where one contains another.
TAIWAN_TERMS: tuple[tuple[str, str], ...] = (
    ("閾值", "標準"),
    ("用戶", "使用者"),
    ("導航", "導覽"),
    ("控件", "控制項"),
    ("訪問", "存取"),
    ("支持", "支援"),
    ("字體", "字型"),
    ("列表項", "清單項目"),
    ("頁面", "網頁"),
    ("台灣", "臺灣"),
)


def taiwan_wording(text: str) -> str:
    for mainland, taiwan in TAIWAN_TERMS:
        text = text.replace(mainland, taiwan)
    return text


def reworded(value: Any) -> Any:
    """Every string in a JSON value, in Taiwan's wording."""
    if isinstance(value, str):
        return taiwan_wording(value)
    if isinstance(value, list):
        return [reworded(v) for v in value]
    if isinstance(value, dict):
        return {k: reworded(v) for k, v in value.items()}
    return value
