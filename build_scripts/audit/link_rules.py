"""Links (HM1240401C, ME1320200C): text, a title in the content and on the 導盲磚, 「(另開新視窗)」,
and downloads in open formats only."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote, urlsplit

from .dom import Node
from .findings import Found
from .nodes import accessible_name, main_article

NEW_WINDOW = re.compile(r"[(（]\s*另開新視窗\s*[)）]")
CLOSED_FORMATS: frozenset[str] = frozenset({".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx"})


def check_links(found: Found, root: Node) -> None:
    article = main_article(root)
    for link in (node for node in root.elements() if node.tag == "a" and node.get("href") is not None):
        title = link.attr("title").strip()
        if not (accessible_name(link) or link.attr("aria-labelledby").strip()):
            message = "連結沒有文字，也沒有 aria-label 或圖片 alt。"
            found.add("link-text", link, message, "在連結裡寫出說明目的地的文字，圖示連結請加 aria-label 或圖片 alt。")
        in_content = article is not None and (link is article or article in link.ancestors())
        is_tile = bool(link.get("accesskey"))
        if (in_content or is_tile) and not title:
            where = "導盲磚" if is_tile else "主要內容區"
            found.add(
                "link-title", link, f"{where}的連結沒有 title。", '加上說明連結目的地的 title，例如 title="前往：網站導覽"。'
            )
        new_window = link.attr("target").strip().lower() == "_blank"
        if new_window and not NEW_WINDOW.search(title) and not NEW_WINDOW.search(link.clean_text()):
            message = "另開新視窗的連結沒有說明「(另開新視窗)」。"
            found.add(
                "link-new-window",
                link,
                message,
                '在 title 或連結文字加上「(另開新視窗)」，例如 title="政府資訊公開法(另開新視窗)"。',
            )


def _extension(href: str) -> str:
    return posixpath.splitext(unquote(urlsplit(href).path))[1].lower()


def check_downloads(found: Found, root: Node) -> None:
    for link in (node for node in root.elements() if node.tag in ("a", "area") and node.get("href")):
        ext = _extension(link.attr("href"))
        if ext in CLOSED_FORMATS:
            help = "改提供開放格式：文件用 PDF 或 ODT，試算表用 ODS 或 CSV，簡報用 ODP 或 PDF。"
            found.add("download-format", link, f"下載檔案是非開放格式（{ext}）。", help)
