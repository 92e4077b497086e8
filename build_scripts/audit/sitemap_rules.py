"""GN1240500E: the 網站導覽 page leads to every page, and its accesskey table reads like the 導盲磚.

On a large site the map cannot list every plan on one page; it lists the index pages (縣市, browse
lists) and every page must be reachable from it within ``MAX_CLICKS`` links of page content (the
article, not the theme's navigation, which links everywhere).
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote, urlsplit

from ..render.sitemap import ACCESSKEYS
from .dom import Node
from .findings import Found

SITEMAP_PATHS: tuple[str, ...] = ("sitemap/index.html", "sitemap.html")
MAX_CLICKS = 3  # 網站導覽 → 縣市 → 機關 → 計畫
_ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
_HREF = re.compile(r"""<a\b[^>]*?\bhref\s*=\s*["']([^"']+)["']""")
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
    if path.endswith("/") or normalized == "." or not posixpath.splitext(normalized)[1]:
        normalized = posixpath.join(normalized, "index.html")
    return posixpath.normpath(normalized)


def guide_tiles(root: Node) -> dict[str, str]:
    """accesskey → title of the 導盲磚 on a page."""
    return {
        node.attr("accesskey").strip().upper(): node.attr("title").strip()
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


def check_sitemap_page(found: Found, root: Node, site_pages: set[str] | None, links: dict[str, set[str]] | None = None) -> None:
    """The 網站導覽 page: its accesskey table, the Firefox note, and a link to every page."""
    tiles = guide_tiles(root) or dict(ACCESSKEYS)  # the generator's wording, when the page has no tiles
    table = accesskey_table(root)
    for key, title in sorted(tiles.items()):
        if key not in table:
            found.add(
                "sitemap",
                f"Alt+{key}",
                f"網站導覽沒有列出快速鍵 Alt+{key}。",
                f"在快速鍵表加上一列：「Alt+{key}」與「{title}」。",
            )
        elif title not in table[key]:
            shown = "、".join(sorted(table[key])) or "（空白）"
            message = f"網站導覽的 Alt+{key} 說明「{shown}」與導盲磚 title「{title}」不一致。"
            found.add("sitemap", f"Alt+{key}：{shown}", message, "快速鍵表的說明要與 ::: 連結的 title 用字完全相同。")
    text = root.clean_text()
    if "Firefox" not in text or not re.search(r"Shift\s*\+\s*Alt", text):
        help = "加上說明，例如「使用 Firefox 瀏覽器時請按 Shift+Alt+快速鍵」。"
        found.add("sitemap", "<p>", "網站導覽沒有說明 Firefox 要按 Shift+Alt+快速鍵。", help)
    if site_pages is not None:
        _check_links_to_every_page(found, root, site_pages, links)


def content_links(page: str, html: str) -> set[str]:
    """The pages a page's content (its article) links to."""
    article = _ARTICLE.search(html)
    return {target for href in _HREF.findall(article.group(0) if article else html) if (target := resolve_link(page, href))}


def reachable(start: str, links: dict[str, set[str]], clicks: int = MAX_CLICKS) -> set[str]:
    """The pages ``start`` leads to within ``clicks`` links (``links``: page → pages its content links to)."""
    seen, frontier = {start}, {start}
    for _ in range(clicks):
        frontier = {target for page in frontier for target in links.get(page, ())} - seen
        seen |= frontier
    return seen


def _check_links_to_every_page(found: Found, root: Node, site_pages: set[str], links: dict[str, set[str]] | None) -> None:
    page = found.page
    if links is None:  # one page alone: it must link to every page itself
        led_to = {
            target
            for node in root.elements()
            if node.tag == "a" and node.get("href") and (target := resolve_link(page, node.attr("href")))
        }
    else:
        led_to = reachable(page, links)
    for missing in sorted(site_pages - led_to - {page} - EXCLUDED_PAGES):
        found.add(
            "sitemap",
            missing,
            f"從網站導覽點 {MAX_CLICKS} 次以內到不了網頁「{missing}」。",
            "網站導覽要列出每一個網頁，或列出能連到它的索引網頁（縣市、機關、年度等）。",
        )
