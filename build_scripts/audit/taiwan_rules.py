"""Checks for the Taiwan 網站無障礙規範 rules that generic checkers (axe, Nu) miss.

Pure functions over HTML and CSS text: ``check_page`` looks at one built page, ``check_site``
walks a built site folder (every ``.html`` page except ``404.html``, the 網站導覽 page, and every
shipped ``.css`` file). The rules and their 檢測碼 are listed in ``findings.RULES``; tables, links
and the 網站導覽 page have modules of their own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from .css import check_css, check_inline_css
from .dom import HEADINGS, Node, parse_html
from .findings import RULES, Finding, Found
from .link_rules import check_downloads, check_links
from .nodes import accessible_name, focusable, fragment_target, page_ids
from .sitemap_rules import EXCLUDED_PAGES, SITEMAP_PATHS, accesskey_table, check_sitemap_page, content_links, guide_tiles
from .table_rules import check_tables

# 導盲磚 that every page must carry (the project adds no L/R/S regions).
REQUIRED_ACCESSKEYS: tuple[str, ...] = ("U", "C", "Z")
SKIP_TEXT = "跳到主要內容"
# Primary language tags accepted for a zh-TW government site.
LANG_OK = re.compile(r"^zh-(tw|hant(-tw)?)$", re.IGNORECASE)
LANG_SHAPE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{1,8})*$", re.IGNORECASE)

TILE_HELP = '在每個區塊開頭放 <a href="#區塊id" id="區塊id" accesskey="U" title="上方功能區塊">:::</a>（C、Z 同理）。'
SKIP_HELP = '把 <a href="#主要內容id">跳到主要內容</a> 放在 <body> 裡第一個可聚焦的位置，目標 id 要存在。'
NOSCRIPT_HELP = (
    "加上 <noscript>，說明瀏覽器不支援 JavaScript 時如何使用本網站，例如「您的瀏覽器不支援 JavaScript 功能，"
    "若網頁功能無法正常使用時，請開啟瀏覽器 JavaScript 狀態」。"
)
LANG_HELP = '在 <html> 設定 lang="zh-TW"（或 zh-Hant、zh-Hant-TW）。'


def check_guide_tiles(found: Found, root: Node) -> None:
    by_key: dict[str, list[Node]] = {}
    for node in root.elements():
        if node.get("accesskey"):
            by_key.setdefault(node.attr("accesskey").strip().upper(), []).append(node)
    ids = page_ids(root)
    for key in REQUIRED_ACCESSKEYS:
        tiles = by_key.get(key, [])
        if not tiles:
            found.add("guide-tiles", f'accesskey="{key}"', f"網頁缺少 accesskey 為 {key} 的導盲磚（:::）連結。", TILE_HELP)
            continue
        if len(tiles) > 1:
            message = f"accesskey {key} 在同一網頁出現 {len(tiles)} 次，快速鍵會衝突。"
            found.add("guide-tiles", tiles[1], message, "每個快速鍵在一個網頁只能用一次。")
        _check_tile(found, key, tiles[0], ids)


def _check_tile(found: Found, key: str, tile: Node, ids: set[str]) -> None:
    if tile.tag != "a" or tile.clean_text() != ":::":
        found.add("guide-tiles", tile, f"accesskey {key} 的元素不是文字為「:::」的連結。", TILE_HELP)
    if not tile.attr("title").strip():
        help = '加上 title，用字與網站導覽網頁的快速鍵說明相同，例如 title="上方功能區塊"。'
        found.add("guide-tiles", tile, f"accesskey {key} 的導盲磚連結沒有 title。", help)
    target = fragment_target(tile.get("href"))
    if tile.tag == "a" and (target is None or target not in ids):
        message = f"accesskey {key} 的導盲磚連結目標「{tile.get('href')}」不在本網頁。"
        found.add("guide-tiles", tile, message, "href 要指向本網頁中存在的 id（#區塊id）。")


def check_skip_link(found: Found, root: Node) -> None:
    first = next((node for node in root.elements() if focusable(node)), None)
    if first is None:
        found.add("skip-link", "<body>", "網頁沒有任何可聚焦的元素，也沒有「跳到主要內容」連結。", SKIP_HELP)
    elif first.tag != "a" or SKIP_TEXT not in first.clean_text():
        found.add("skip-link", first, f"第一個可聚焦的元素不是「{SKIP_TEXT}」連結。", SKIP_HELP)
    elif fragment_target(first.get("href")) not in page_ids(root):
        found.add("skip-link", first, f"「{SKIP_TEXT}」連結的目標「{first.get('href')}」不在本網頁。", SKIP_HELP)


def check_noscript(found: Found, root: Node) -> None:
    blocks = [node for node in root.elements() if node.tag == "noscript"]
    if not blocks:
        found.add("noscript", "<noscript>", "網頁沒有 <noscript> 說明。", NOSCRIPT_HELP)
    # html.parser keeps <noscript> content as markup, so its text is the rendered text.
    elif not any(block.clean_text() for block in blocks):
        found.add("noscript", blocks[0], "<noscript> 沒有文字。", "在 <noscript> 裡寫出給使用者的說明文字。")


def check_empty(found: Found, root: Node) -> None:
    for node in root.elements():
        if node.tag == "nav":
            has_link = any(child.tag == "a" and child.get("href") is not None for child in node.elements())
            if not node.clean_text() and not has_link:
                found.add("empty-nav", node, "<nav> 是空的：沒有文字也沒有連結。", "移除空的 <nav>，或只在有連結時才輸出。")
        elif node.tag == "label":
            if not node.text().strip():
                help = "在 <label> 裡寫出文字（可用視覺隱藏的文字）；只有 title 或 aria-label 的標籤，檢測工具仍視為空的。"
                found.add("empty-label", node, "<label> 裡沒有文字。", help)
        elif node.tag in HEADINGS and not accessible_name(node):
            found.add("empty-heading", node, f"<{node.tag}> 標題是空的。", "刪除空的標題，或寫出標題文字。")


def check_heading_order(found: Found, root: Node) -> None:
    previous = 0
    for node in root.elements():
        if node.tag in HEADINGS:
            level = int(node.tag[1])
            if level > previous + 1:
                before = f"h{previous}" if previous else "網頁開頭"
                message = f"標題層級跳級：{before} 之後直接出現 h{level}。"
                found.add("heading-order", node, message, f"依序使用標題，{before} 之後應為 h{previous + 1}。")
            previous = level


def check_lang(found: Found, root: Node) -> None:
    html = next((node for node in root.elements() if node.tag == "html"), None)
    lang = html.attr("lang").strip() if html is not None else ""
    if html is None or not lang:
        found.add("html-lang", html or "<html>", "<html> 沒有設定 lang。", LANG_HELP)
    elif not LANG_SHAPE.match(lang):
        found.add("html-lang", html, f'<html lang="{lang}"> 不是有效的語言代碼。', LANG_HELP)
    elif not LANG_OK.match(lang):
        found.add("html-lang", html, f'<html lang="{lang}"> 不是正體中文的語言代碼。', LANG_HELP)
    for node in root.elements():
        if node is html or node.get("lang") is None:
            continue
        inherited = next((a.attr("lang") for a in node.ancestors() if a.get("lang") is not None), None)
        if inherited is not None and inherited.strip().lower() == node.attr("lang").strip().lower():
            message = f'元素重複標示與上層相同的 lang="{node.get("lang")}"。'
            found.add("lang-repeat", node, message, "只在語言改變的地方標示 lang，移除與上層相同的 lang。")


def check_images(found: Found, root: Node) -> None:
    for img in (node for node in root.elements() if node.tag == "img"):
        alt = img.get("alt")
        if alt is None:
            found.add("img-alt", img, "圖片沒有 alt 替代文字。", '加上說明圖片內容的 alt；純裝飾圖片用 alt=""。')
        elif not alt.strip() and img.attr("title").strip():
            help = "裝飾圖片移除 title；若圖片有意義，把說明寫在 alt。"
            found.add("img-empty-alt-title", img, "alt 為空的裝飾圖片卻有 title。", help)


# Every rule that looks at one page, in order.
PAGE_RULES: tuple[Callable[[Found, Node], None], ...] = (
    check_guide_tiles,
    check_skip_link,
    check_noscript,
    check_empty,
    check_heading_order,
    check_tables,
    check_links,
    check_lang,
    check_images,
    check_downloads,
    check_inline_css,
)


# --- entry points ----------------------------------------------------------------------


def check_page(
    path: str, html: str, *, site_pages: set[str] | None = None, links: dict[str, set[str]] | None = None
) -> list[Finding]:
    """All page-level findings for one built HTML page.

    ``path`` is the page's path relative to the site folder (e.g. ``disclosure/index.html``);
    ``site_pages`` (the same kind of paths) lets the 網站導覽 page be checked for leading to every
    page: through ``links`` (each page's content links) when given, else by linking to each itself.
    """
    root = parse_html(html)
    found = Found(path)
    for rule in PAGE_RULES:
        rule(found, root)
    if path in SITEMAP_PATHS:
        check_sitemap_page(found, root, site_pages, links)
    order = {rule.id: i for i, rule in enumerate(RULES)}
    return sorted(found.items, key=lambda f: order[f.rule])


def check_site(site_dir: Path) -> list[Finding]:
    """Every finding for a built site: its pages, the 網站導覽 page and its CSS files."""
    site_dir = Path(site_dir)
    pages = sorted(
        name for name in (p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")) if name not in EXCLUDED_PAGES
    )
    texts = {page: (site_dir / page).read_text(encoding="utf-8") for page in pages}
    findings: list[Finding] = []
    sitemap = next((p for p in SITEMAP_PATHS if p in texts), None)
    if sitemap is None:
        found = Found(SITEMAP_PATHS[0])
        help = "建立網站導覽網頁，列出所有網頁與快速鍵說明，並從每個網頁連到它。"
        found.add("sitemap", "sitemap/index.html", "網站沒有網站導覽網頁。", help)
        findings += found.items
    sitemap_table = accesskey_table(parse_html(texts[sitemap])) if sitemap is not None else {}
    links = {page: content_links(page, texts[page]) for page in pages}
    for page in pages:
        findings += check_page(page, texts[page], site_pages=set(pages), links=links)
        if sitemap is not None and page != sitemap:
            findings += _tiles_match_sitemap(page, texts[page], sitemap_table)
    for css in sorted(site_dir.rglob("*.css")):
        findings += check_css(css.relative_to(site_dir).as_posix(), css.read_text(encoding="utf-8", errors="replace"))
    return findings


def _tiles_match_sitemap(page: str, html: str, sitemap_table: dict[str, set[str]]) -> list[Finding]:
    """The 導盲磚 on every page must read like the 網站導覽 table."""
    found = Found(page)
    for key, title in sorted(guide_tiles(parse_html(html)).items()):
        if key in sitemap_table and title not in sitemap_table[key]:
            message = f"導盲磚 Alt+{key} 的 title「{title}」與網站導覽的說明不一致。"
            help = "導盲磚的 title 要與網站導覽快速鍵表的說明用字完全相同。"
            found.add("sitemap", f'accesskey="{key}" title="{title}"', message, help)
    return found.items
