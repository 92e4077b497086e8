"""Checks for the Taiwan 網站無障礙規範 rules that generic checkers (axe, Nu) miss.

Pure functions over HTML and CSS text: ``check_page`` looks at one built page, ``check_site``
walks a built site folder (every ``.html`` page except ``404.html``, the 網站導覽 page, and every
shipped ``.css`` file). The rules and their 檢測碼 are listed in ``findings.RULES``.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .css import check_css, check_inline_css
from .dom import HEADINGS, Node, parse_html
from .findings import RULES, Finding, finding
from .sitemap_rules import EXCLUDED_PAGES, SITEMAP_PATHS, accesskey_table, check_sitemap_page, guide_tiles

# 導盲磚 that every page must carry (the project adds no L/R/S regions).
REQUIRED_ACCESSKEYS: tuple[str, ...] = ("U", "C", "Z")
SKIP_TEXT = "跳到主要內容"
NEW_WINDOW = re.compile(r"[(（]\s*另開新視窗\s*[)）]")
# Primary language tags accepted for a zh-TW government site.
LANG_OK = re.compile(r"^zh-(tw|hant(-tw)?)$", re.IGNORECASE)
LANG_SHAPE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{1,8})*$", re.IGNORECASE)
CLOSED_FORMATS: frozenset[str] = frozenset({".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx"})


def _finding(page: str, rule: str, element: Node | str, message: str, help: str) -> Finding:
    return finding(page, rule, element.snippet() if isinstance(element, Node) else element, message, help)


def _name(node: Node) -> str:
    """A rough accessible name: aria-label, text, then the alt of images inside."""
    label = (node.get("aria-label") or "").strip()
    if label:
        return label
    text = node.clean_text()
    if text:
        return text
    alts = [(img.get("alt") or "").strip() for img in node.elements() if img.tag == "img"]
    return " ".join(a for a in alts if a)


def _ids(root: Node) -> set[str]:
    found = set()
    for node in root.elements():
        if node.get("id"):
            found.add(node.get("id"))
        if node.tag == "a" and node.get("name"):
            found.add(node.get("name"))
    return found


def _fragment_target(href: str | None) -> str | None:
    if href is None or not href.startswith("#") or len(href) < 2:
        return None
    return unquote(href[1:])


def _tabindex(node: Node) -> int | None:
    value = (node.get("tabindex") or "").strip()
    try:
        return int(value)
    except ValueError:
        return None


def _hidden_by_theme(node: Node) -> bool:
    """Elements the page's own CSS or attributes keep out of the tab order.

    mkdocs-material hides its skip link (``[data-md-component=skip]``, hidden
    again by the site's CSS) and its drawer/search toggles (``.md-toggle {
    display: none }``).
    """
    if node.tag == "input" and "md-toggle" in (node.get("class") or "").split():
        return True
    for element in (node, *node.ancestors()):
        if element.get("data-md-component") == "skip" and element.tag == "div":
            return True
        if "hidden" in element.attrs:
            return True
    return False


def _focusable(node: Node) -> bool:
    if "disabled" in node.attrs and node.tag in ("button", "input", "select", "textarea"):
        return False
    tabindex = _tabindex(node)
    if tabindex is not None and tabindex < 0:
        return False
    native = (
        (node.tag in ("a", "area") and node.get("href") is not None)
        or node.tag in ("button", "select", "textarea")
        or (node.tag == "input" and (node.get("type") or "").lower() != "hidden")
    )
    if not native and (tabindex is None or tabindex < 0):
        return False
    return not _hidden_by_theme(node)


def _main_article(root: Node) -> Node | None:
    for node in root.elements():
        if node.tag == "article":
            return node
    for node in root.elements():
        if node.tag == "main":
            return node
    return None


def _check_guide_tiles(page: str, root: Node, ids: set[str]) -> list[Finding]:
    findings = []
    help_text = "在每個區塊開頭放 <a href=\"#區塊id\" id=\"區塊id\" accesskey=\"U\" title=\"上方功能區塊\">:::</a>（C、Z 同理）。"
    by_key: dict[str, list[Node]] = {}
    for node in root.elements():
        if node.get("accesskey"):
            by_key.setdefault(node.get("accesskey").strip().upper(), []).append(node)
    for key in REQUIRED_ACCESSKEYS:
        tiles = by_key.get(key, [])
        if not tiles:
            findings.append(_finding(page, "guide-tiles", f'accesskey="{key}"',
                                     f"網頁缺少 accesskey 為 {key} 的導盲磚（:::）連結。", help_text))
            continue
        if len(tiles) > 1:
            findings.append(_finding(page, "guide-tiles", tiles[1],
                                     f"accesskey {key} 在同一網頁出現 {len(tiles)} 次，快速鍵會衝突。",
                                     "每個快速鍵在一個網頁只能用一次。"))
        tile = tiles[0]
        if tile.tag != "a" or tile.clean_text() != ":::":
            findings.append(_finding(page, "guide-tiles", tile,
                                     f"accesskey {key} 的元素不是文字為「:::」的連結。", help_text))
        if not (tile.get("title") or "").strip():
            findings.append(_finding(page, "guide-tiles", tile,
                                     f"accesskey {key} 的導盲磚連結沒有 title。",
                                     "加上 title，用字與網站導覽網頁的快速鍵說明相同，例如 title=\"上方功能區塊\"。"))
        if tile.tag == "a":
            target = _fragment_target(tile.get("href"))
            if target is None or target not in ids:
                findings.append(_finding(page, "guide-tiles", tile,
                                         f"accesskey {key} 的導盲磚連結目標「{tile.get('href')}」不在本網頁。",
                                         "href 要指向本網頁中存在的 id（#區塊id）。"))
    return findings


def _check_skip_link(page: str, root: Node, ids: set[str]) -> list[Finding]:
    first = next((node for node in root.elements() if _focusable(node)), None)
    help_text = "把 <a href=\"#主要內容id\">跳到主要內容</a> 放在 <body> 裡第一個可聚焦的位置，目標 id 要存在。"
    if first is None:
        return [_finding(page, "skip-link", "<body>", "網頁沒有任何可聚焦的元素，也沒有「跳到主要內容」連結。", help_text)]
    if first.tag != "a" or SKIP_TEXT not in first.clean_text():
        return [_finding(page, "skip-link", first,
                         f"第一個可聚焦的元素不是「{SKIP_TEXT}」連結。", help_text)]
    target = _fragment_target(first.get("href"))
    if target is None or target not in ids:
        return [_finding(page, "skip-link", first,
                         f"「{SKIP_TEXT}」連結的目標「{first.get('href')}」不在本網頁。", help_text)]
    return []


def _check_noscript(page: str, root: Node) -> list[Finding]:
    blocks = [node for node in root.elements() if node.tag == "noscript"]
    if not blocks:
        return [_finding(page, "noscript", "<noscript>", "網頁沒有 <noscript> 說明。",
                         "加上 <noscript>，說明瀏覽器不支援 JavaScript 時如何使用本網站，例如「您的瀏覽器不支援 JavaScript 功能，"
                         "若網頁功能無法正常使用時，請開啟瀏覽器 JavaScript 狀態」。")]
    # html.parser keeps <noscript> content as markup, so its text is the rendered text.
    if not any(block.clean_text() for block in blocks):
        return [_finding(page, "noscript", blocks[0], "<noscript> 沒有文字。", "在 <noscript> 裡寫出給使用者的說明文字。")]
    return []


def _check_empty(page: str, root: Node) -> list[Finding]:
    findings = []
    for node in root.elements():
        if node.tag == "nav":
            has_link = any(child.tag == "a" and child.get("href") is not None for child in node.elements())
            if not node.clean_text() and not has_link:
                findings.append(_finding(page, "empty-nav", node, "<nav> 是空的：沒有文字也沒有連結。",
                                         "移除空的 <nav>，或只在有連結時才輸出。"))
        elif node.tag == "label":
            if not _name(node) and not (node.get("title") or "").strip() and not (node.get("aria-labelledby") or "").strip():
                findings.append(_finding(page, "empty-label", node, "<label> 沒有文字，也沒有 title 或 aria-label。",
                                         "在 <label> 裡寫出文字（可用視覺隱藏的文字），或加上 title／aria-label。"))
        elif node.tag in HEADINGS:
            if not _name(node):
                findings.append(_finding(page, "empty-heading", node, f"<{node.tag}> 標題是空的。",
                                         "刪除空的標題，或寫出標題文字。"))
    return findings


def _check_heading_order(page: str, root: Node) -> list[Finding]:
    findings = []
    previous = 0
    for node in root.elements():
        if node.tag in HEADINGS:
            level = int(node.tag[1])
            if level > previous + 1:
                before = f"h{previous}" if previous else "網頁開頭"
                findings.append(_finding(page, "heading-order", node,
                                         f"標題層級跳級：{before} 之後直接出現 h{level}。",
                                         f"依序使用標題，{before} 之後應為 h{previous + 1}。"))
            previous = level
    return findings


def _table_cells(table: Node) -> Iterator[Node]:
    """Cells of this table, not of tables nested in it."""
    stack = list(reversed([c for c in table.children if isinstance(c, Node)]))
    while stack:
        node = stack.pop()
        if node.tag == "table":
            continue
        if node.tag in ("td", "th"):
            yield node
        stack.extend(reversed([c for c in node.children if isinstance(c, Node)]))


def _check_tables(page: str, root: Node) -> list[Finding]:
    findings = []
    for table in (node for node in root.elements() if node.tag == "table"):
        cells = list(_table_cells(table))
        ths = [c for c in cells if c.tag == "th"]
        tds = [c for c in cells if c.tag == "td"]
        if not ths:
            continue
        ids = {c.get("id") for c in cells if c.get("id")}
        uses_headers = bool(tds) and all((td.get("headers") or "").strip() for td in tds)
        no_scope = [th for th in ths if not (th.get("scope") or "").strip()]
        if no_scope and not uses_headers:
            findings.append(_finding(page, "table-scope", no_scope[0],
                                     f"表格有 {len(no_scope)} 個 <th> 沒有 scope，資料格也沒有以 headers 關聯。",
                                     "在欄標頭加 scope=\"col\"、列標頭加 scope=\"row\"（合併儲存格用 colgroup／rowgroup），"
                                     "或在每個 <td> 以 headers 指向標頭的 id。"))
        if any(td.get("headers") is not None for td in tds) or any(th.get("headers") is not None for th in ths):
            missing = [td for td in tds if not (td.get("headers") or "").strip()]
            if missing:
                findings.append(_finding(page, "table-headers", missing[0],
                                         f"表格使用 headers/id 關聯，但有 {len(missing)} 個 <td> 沒有 headers。",
                                         "每個 <td> 都要以 headers 列出它所屬標頭的 id。"))
            broken = [(c, ref) for c in cells for ref in (c.get("headers") or "").split() if ref not in ids]
            if broken:
                cell, ref = broken[0]
                findings.append(_finding(page, "table-headers", cell,
                                         f"headers 指向不存在的 id「{ref}」（共 {len(broken)} 處）。",
                                         "headers 只能列出同一個表格中 <th> 的 id。"))
        captions = [c for c in table.children if isinstance(c, Node) and c.tag == "caption"]
        if not captions or not captions[0].clean_text():
            findings.append(_finding(page, "table-caption", table, "資料表格沒有 <caption> 或 <caption> 是空的。",
                                     "在 <table> 開頭加上 <caption>，寫出表格的名稱或摘要。"))
    return findings


def _check_links(page: str, root: Node) -> list[Finding]:
    findings = []
    article = _main_article(root)
    for link in (node for node in root.elements() if node.tag == "a" and node.get("href") is not None):
        name = _name(link) or (link.get("aria-labelledby") or "").strip()
        title = (link.get("title") or "").strip()
        if not name:
            findings.append(_finding(page, "link-text", link, "連結沒有文字，也沒有 aria-label 或圖片 alt。",
                                     "在連結裡寫出說明目的地的文字，圖示連結請加 aria-label 或圖片 alt。"))
        in_content = article is not None and (link is article or article in link.ancestors())
        is_tile = bool(link.get("accesskey"))
        if (in_content or is_tile) and not title:
            where = "導盲磚" if is_tile else "主要內容區"
            findings.append(_finding(page, "link-title", link, f"{where}的連結沒有 title。",
                                     "加上說明連結目的地的 title，例如 title=\"前往：網站導覽\"。"))
        if (link.get("target") or "").strip().lower() == "_blank":
            if not NEW_WINDOW.search(title) and not NEW_WINDOW.search(link.clean_text()):
                findings.append(_finding(page, "link-new-window", link, "另開新視窗的連結沒有說明「(另開新視窗)」。",
                                         "在 title 或連結文字加上「(另開新視窗)」，例如 title=\"政府資訊公開法(另開新視窗)\"。"))
    return findings


def _check_lang(page: str, root: Node) -> list[Finding]:
    findings = []
    html = next((node for node in root.elements() if node.tag == "html"), None)
    lang = (html.get("lang") or "").strip() if html is not None else ""
    help_text = "在 <html> 設定 lang=\"zh-TW\"（或 zh-Hant、zh-Hant-TW）。"
    if html is None or not lang:
        findings.append(_finding(page, "html-lang", html or "<html>", "<html> 沒有設定 lang。", help_text))
    elif not LANG_SHAPE.match(lang):
        findings.append(_finding(page, "html-lang", html, f"<html lang=\"{lang}\"> 不是有效的語言代碼。", help_text))
    elif not LANG_OK.match(lang):
        findings.append(_finding(page, "html-lang", html,
                                 f"<html lang=\"{lang}\"> 不是正體中文的語言代碼。", help_text))
    for node in root.elements():
        if node is html or node.get("lang") is None:
            continue
        inherited = next((a.get("lang") for a in node.ancestors() if a.get("lang") is not None), None)
        if inherited is not None and inherited.strip().lower() == node.get("lang").strip().lower():
            findings.append(_finding(page, "lang-repeat", node,
                                     f"元素重複標示與上層相同的 lang=\"{node.get('lang')}\"。",
                                     "只在語言改變的地方標示 lang，移除與上層相同的 lang。"))
    return findings


def _check_images(page: str, root: Node) -> list[Finding]:
    findings = []
    for img in (node for node in root.elements() if node.tag == "img"):
        alt = img.get("alt")
        if alt is None:
            findings.append(_finding(page, "img-alt", img, "圖片沒有 alt 替代文字。",
                                     "加上說明圖片內容的 alt；純裝飾圖片用 alt=\"\"。"))
        elif not alt.strip() and (img.get("title") or "").strip():
            findings.append(_finding(page, "img-empty-alt-title", img, "alt 為空的裝飾圖片卻有 title。",
                                     "裝飾圖片移除 title；若圖片有意義，把說明寫在 alt。"))
    return findings


def _extension(href: str) -> str:
    path = urlsplit(href).path
    return posixpath.splitext(unquote(path))[1].lower()


def _check_downloads(page: str, root: Node) -> list[Finding]:
    findings = []
    for link in (node for node in root.elements() if node.tag in ("a", "area") and node.get("href")):
        ext = _extension(link.get("href"))
        if ext in CLOSED_FORMATS:
            findings.append(_finding(page, "download-format", link, f"下載檔案是非開放格式（{ext}）。",
                                     "改提供開放格式：文件用 PDF 或 ODT，試算表用 ODS 或 CSV，簡報用 ODP 或 PDF。"))
    return findings


# --- entry points ----------------------------------------------------------------------


def check_page(path: str, html: str, *, site_pages: set[str] | None = None) -> list[Finding]:
    """All page-level findings for one built HTML page.

    ``path`` is the page's path relative to the site folder (e.g.
    ``disclosure/index.html``); ``site_pages`` (the same kind of paths) lets the
    網站導覽 page be checked for links to every page.
    """
    root = parse_html(html)
    ids = _ids(root)
    findings: list[Finding] = []
    findings += _check_guide_tiles(path, root, ids)
    findings += _check_skip_link(path, root, ids)
    if path in SITEMAP_PATHS:
        findings += check_sitemap_page(path, root, site_pages)
    findings += _check_noscript(path, root)
    findings += _check_empty(path, root)
    findings += _check_heading_order(path, root)
    findings += _check_tables(path, root)
    findings += _check_links(path, root)
    findings += _check_lang(path, root)
    findings += _check_images(path, root)
    findings += _check_downloads(path, root)
    findings += check_inline_css(path, root)
    order = {rule.id: i for i, rule in enumerate(RULES)}
    return sorted(findings, key=lambda f: order[f.rule])


def check_site(site_dir: Path) -> list[Finding]:
    """Every finding for a built site: its pages, the 網站導覽 page and its CSS files."""
    site_dir = Path(site_dir)
    pages = sorted(
        p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html") if p.relative_to(site_dir).as_posix() not in EXCLUDED_PAGES
    )
    site_pages = set(pages)
    findings: list[Finding] = []
    sitemap = next((p for p in SITEMAP_PATHS if p in site_pages), None)
    if sitemap is None:
        findings.append(_finding(SITEMAP_PATHS[0], "sitemap", "sitemap/index.html", "網站沒有網站導覽網頁。",
                                 "建立網站導覽網頁，列出所有網頁與快速鍵說明，並從每個網頁連到它。"))
    sitemap_table: dict[str, set[str]] = {}
    texts = {page: (site_dir / page).read_text(encoding="utf-8") for page in pages}
    if sitemap is not None:
        sitemap_table = accesskey_table(parse_html(texts[sitemap]))
    for page in pages:
        findings += check_page(page, texts[page], site_pages=site_pages)
        if sitemap is not None and page != sitemap:
            # The 導盲磚 on every page must read like the 網站導覽 table.
            for key, title in sorted(guide_tiles(parse_html(texts[page])).items()):
                if key in sitemap_table and title not in sitemap_table[key]:
                    findings.append(_finding(page, "sitemap", f'accesskey="{key}" title="{title}"',
                                             f"導盲磚 Alt+{key} 的 title「{title}」與網站導覽的說明不一致。",
                                             "導盲磚的 title 要與網站導覽快速鍵表的說明用字完全相同。"))
    for css in sorted(site_dir.rglob("*.css")):
        findings += check_css(css.relative_to(site_dir).as_posix(), css.read_text(encoding="utf-8", errors="replace"))
    return findings
