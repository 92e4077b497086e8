"""What every checker reports: a ``Finding``, and the Taiwan rules with their 檢測碼.

A finding names the rule (a short id from ``RULES``, or ``axe:<id>``, ``vnu``, ``pdf-ua:<id>``),
its 檢測碼 when the 網站無障礙規範 has one, a short snippet of the offending element, and a
message and a fix hint in Traditional Chinese.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Finding:
    page: str  # path relative to the site folder, with / separators
    rule: str  # short rule id, a key of RULES
    code: str  # 115.11 檢測碼, or "" when the 規範 has none
    element: str  # a short snippet of the offending element
    message: str
    help: str
    wcag: str = ""  # the WCAG 2.2 success criterion, e.g. 1.3.1 ("" when none applies)

    @property
    def criterion(self) -> str:
        """The 檢測碼 beside the WCAG criterion, as an auditor reads them: HM1130104C（WCAG 1.3.1）."""
        parts = [self.code or "無對應檢測碼", f"WCAG {self.wcag}" if self.wcag else ""]
        return f"{parts[0]}（{parts[1]}）" if parts[1] else parts[0]


def wcag_of(code: str) -> str:
    """The WCAG criterion a 115.11 檢測碼 names: HM1130104C → 1.3.1 (type, level, criterion, serial)."""
    if len(code) != 10 or not code[2:9].isdigit():
        return ""
    return f"{code[3]}.{code[4]}.{int(code[5:7])}"


@dataclass(frozen=True)
class Rule:
    id: str
    code: str
    title: str


# The rules the Taiwan checker checks, in report order.
RULES: tuple[Rule, ...] = (
    Rule("guide-tiles", "", "導盲磚：每頁都有 accesskey 為 U、C、Z 的「:::」連結，各有 title，且連結目標存在"),
    Rule("skip-link", "GN1240100E", "第一個可聚焦的元素是「跳到主要內容」連結，且目標存在"),
    Rule(
        "sitemap",
        "GN1240500E",
        "網站導覽網頁：3 次點選內可到每一個網頁，快速鍵表與導盲磚 title 用字一致，並說明 Firefox 的 Shift+Alt",
    ),
    Rule("noscript", "", "提供有文字的 <noscript> 說明"),
    Rule("empty-nav", "HM1240102C", "<nav> 不可為空"),
    Rule("empty-label", "HM1130104C", "表單元件的 <label> 須有文字（只有 title 不夠）"),
    Rule("empty-heading", "HM1130100C", "標題（h1–h6）不可為空"),
    Rule("heading-order", "HM1130100C", "標題層級不可跳級"),
    Rule("table-scope", "HM1130101C", "表格標頭 <th> 須有 scope（或以 headers/id 關聯）"),
    Rule("table-headers", "HM1130102C", "以 headers/id 關聯的表格：每個資料格都有 headers，且指向存在的 id"),
    Rule("table-caption", "HM1130107E", "資料表格須有非空的 <caption>"),
    Rule("link-text", "HM1240401C", "連結須有文字（或 aria-label、圖片 alt）"),
    Rule("link-title", "HM1240401C", "主要內容區與導盲磚的連結須有 title"),
    Rule("link-new-window", "", "另開新視窗的連結須註明「(另開新視窗)」"),
    Rule("html-lang", "HM1310100C", "<html lang> 須設定為有效的正體中文語言代碼"),
    Rule("lang-repeat", "HM2310200C", "子元素不可重複標示與上層相同的 lang"),
    Rule("img-alt", "HM1110100C", "圖片須有 alt"),
    Rule("img-empty-alt-title", "", "alt 為空的裝飾圖片不可有 title"),
    Rule("download-format", "ME1320200C", "下載檔案須為開放格式（PDF、ODF 等），不可只提供 .doc/.docx/.xls/.xlsx/.ppt/.pptx"),
    Rule("css-font-size", "CS2140401C", "CSS 字級不可使用 px 或 pt"),
)
RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}


def finding(page: str, rule: str, element: str, message: str, help: str) -> Finding:
    """A finding of one of the Taiwan ``RULES`` (its 檢測碼 filled in)."""
    code = RULES_BY_ID[rule].code
    return Finding(page, rule, code, element, message, help, wcag_of(code))


class _Snippet(Protocol):
    def snippet(self) -> str: ...


class Found:
    """The findings of one page, collected as its rules run."""

    def __init__(self, page: str) -> None:
        self.page = page
        self.items: list[Finding] = []

    def add(self, rule: str, element: str | _Snippet, message: str, help: str) -> None:
        """A finding of rule ``rule`` at ``element`` (a DOM node, shown as its snippet, or a text)."""
        shown = element if isinstance(element, str) else element.snippet()
        self.items.append(finding(self.page, rule, shown, message, help))
