"""GN1240500E: the 網站導覽 page links to every page, and its accesskey table reads like the 導盲磚."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote, urlsplit

from ..render.sitemap import ACCESSKEYS
from .dom import Node
from .findings import Finding, finding

SITEMAP_PATHS: tuple[str, ...] = ("sitemap/index.html", "sitemap.html")
EXCLUDED_PAGES: frozenset[str] = frozenset({"404.html"})


def resolve_link(page: str, href: str) -> str | None:
    """The site-relative page path a link points to, or None for other sites and fragments."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    base = posixpath.dirname(page)
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(base, path)
    normalized = posixpath.normpath(joined) if joined else "."
    if normalized.startswith(".."):
        return None
    if path.endswith("/") or normalized == ".":
        normalized = posixpath.join(normalized, "index.html")
    elif not posixpath.splitext(normalized)[1]:
        normalized = posixpath.join(normalized, "index.html")
    return posixpath.normpath(normalized)


def guide_tiles(root: Node) -> dict[str, str]:
    """accesskey → title of the 導盲磚 on a page."""
    return {
        node.get("accesskey").strip().upper(): (node.get("title") or "").strip()
        for node in root.elements()
        if node.tag == "a" and node.get("accesskey")
    }


def accesskey_table(root: Node) -> dict[str, set[str]]:
    """Key → the texts next to 「Alt+Key」 in the page's table rows."""
    table: dict[str, set[str]] = {}
    for row in (node for node in root.elements() if node.tag == "tr"):
        cells = [c.clean_text() for c in row.elements() if c.tag in ("td", "th")]
        for cell in cells:
            match = re.fullmatch(r"Alt\s*\+\s*([A-Za-z0-9])", cell)
            if match:
                table.setdefault(match.group(1).upper(), set()).update(c for c in cells if c != cell)
    return table


def check_sitemap_page(page: str, root: Node, site_pages: set[str] | None) -> list[Finding]:
    findings = []
    tiles = guide_tiles(root)
    if not tiles:
        tiles = dict(ACCESSKEYS)  # the generator's wording, when the page has no tiles to compare with
    table = accesskey_table(root)
    for key, title in sorted(tiles.items()):
        if key not in table:
            findings.append(finding(page, "sitemap", f"Alt+{key}",
                                     f"網站導覽沒有列出快速鍵 Alt+{key}。",
                                     f"在快速鍵表加上一列：「Alt+{key}」與「{title}」。"))
        elif title not in table[key]:
            shown = "、".join(sorted(table[key])) or "（空白）"
            findings.append(finding(page, "sitemap", f"Alt+{key}：{shown}",
                                     f"網站導覽的 Alt+{key} 說明「{shown}」與導盲磚 title「{title}」不一致。",
                                     "快速鍵表的說明要與 ::: 連結的 title 用字完全相同。"))
    text = root.clean_text()
    if "Firefox" not in text or not re.search(r"Shift\s*\+\s*Alt", text):
        findings.append(finding(page, "sitemap", "<p>", "網站導覽沒有說明 Firefox 要按 Shift+Alt+快速鍵。",
                                 "加上說明，例如「使用 Firefox 瀏覽器時請按 Shift+Alt+快速鍵」。"))
    if site_pages is not None:
        linked = {
            target
            for node in root.elements()
            if node.tag == "a" and node.get("href") and (target := resolve_link(page, node.get("href")))
        }
        for missing in sorted(site_pages - linked - {page} - EXCLUDED_PAGES):
            findings.append(finding(page, "sitemap", missing, f"網站導覽沒有連到網頁「{missing}」。",
                                     "網站導覽要列出網站中的每一個網頁。"))
    return findings
