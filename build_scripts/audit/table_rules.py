"""Data tables (HM1130101C, HM1130102C, HM1130107E): headers linked to cells by scope or
headers/id, every headers reference pointing at a real header, and a caption."""

from __future__ import annotations

from collections.abc import Iterator

from .dom import Node
from .findings import Found

SCOPE_HELP = (
    '在欄標頭加 scope="col"、列標頭加 scope="row"（合併儲存格用 colgroup／rowgroup），或在每個 <td> 以 headers 指向標頭的 id。'
)


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


def check_tables(found: Found, root: Node) -> None:
    for table in (node for node in root.elements() if node.tag == "table"):
        cells = list(_table_cells(table))
        ths = [c for c in cells if c.tag == "th"]
        tds = [c for c in cells if c.tag == "td"]
        if not ths:
            continue  # a layout table: the rules are about data tables
        _check_scope(found, ths, tds)
        if any(c.get("headers") is not None for c in cells):
            _check_headers(found, cells, tds)
        captions = [c for c in table.children if isinstance(c, Node) and c.tag == "caption"]
        if not captions or not captions[0].clean_text():
            message = "資料表格沒有 <caption> 或 <caption> 是空的。"
            found.add("table-caption", table, message, "在 <table> 開頭加上 <caption>，寫出表格的名稱或摘要。")


def _check_scope(found: Found, ths: list[Node], tds: list[Node]) -> None:
    uses_headers = bool(tds) and all(td.attr("headers").strip() for td in tds)
    no_scope = [th for th in ths if not th.attr("scope").strip()]
    if no_scope and not uses_headers:
        message = f"表格有 {len(no_scope)} 個 <th> 沒有 scope，資料格也沒有以 headers 關聯。"
        found.add("table-scope", no_scope[0], message, SCOPE_HELP)


def _check_headers(found: Found, cells: list[Node], tds: list[Node]) -> None:
    missing = [td for td in tds if not td.attr("headers").strip()]
    if missing:
        message = f"表格使用 headers/id 關聯，但有 {len(missing)} 個 <td> 沒有 headers。"
        found.add("table-headers", missing[0], message, "每個 <td> 都要以 headers 列出它所屬標頭的 id。")
    ids = {c.attr("id") for c in cells if c.get("id")}
    broken = [(c, ref) for c in cells for ref in c.attr("headers").split() if ref not in ids]
    if broken:
        cell, ref = broken[0]
        message = f"headers 指向不存在的 id「{ref}」（共 {len(broken)} 處）。"
        found.add("table-headers", cell, message, "headers 只能列出同一個表格中 <th> 的 id。")
