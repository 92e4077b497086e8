"""ODF text (.odt) → a source document: headings, paragraphs, nested lists, tables with merged cells.

Merged cells are ``table:number-rows-spanned`` / ``number-columns-spanned`` with
``table:covered-table-cell`` in the slots they cover; header rows are ``table:table-header-rows``.
Styles are followed to their parents, so LibreOffice's automatic styles (P1 → Heading 2) count.
List items get the label their list style prints (``text:list-level-style-number`` with its format,
prefix and suffix: 一、 （一） 1.; ``list-level-style-bullet``: ●), counted as LibreOffice counts them.
A table of contents (``text:table-of-content``) is not read: it lists the sections again.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from ..plan.numbering import chinese_number
from .guarded_zip import ImportRefused, Package
from .source import Cell, Grid, Para, SourceDocument, grid_from_rows

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
}
MAX_ROWS, MAX_COLUMNS, MAX_SPAN = 5000, 64, 5000
LABEL_STYLES = frozenset({"Plan_20_Label"})  # the label span of plansite's own ODT export


def _q(prefix: str, name: str) -> str:
    return f"{{{NS[prefix]}}}{name}"


TEXT_P, TEXT_H, TEXT_LIST = _q("text", "p"), _q("text", "h"), _q("text", "list")
TABLE = _q("table", "table")


def read_odt(data: bytes) -> SourceDocument:
    package = Package(data, "ODT")
    if not package.has("content.xml"):
        raise ImportRefused(
            "ODT 檔裡沒有文件內容（content.xml），可能不是文字文件", "計畫要從文字文件（LibreOffice Writer 的 .odt）匯入。"
        )
    content = package.xml("content.xml")
    styles = _Styles([content, *([package.xml("styles.xml")] if package.has("styles.xml") else [])])
    body = content.find(f"{_q('office', 'body')}/{_q('office', 'text')}")
    if body is None:
        raise ImportRefused(
            "這個 ODT 檔不是文字文件（可能是試算表或簡報）", "計畫要從文字文件（LibreOffice Writer 的 .odt）匯入。"
        )
    document = SourceDocument(kind="ODT")
    _Reader(styles).read(body, document.blocks, depth=0)
    if package.has("meta.xml"):
        _read_meta(package.xml("meta.xml"), document)
    return document


def _read_meta(meta: etree._Element, document: SourceDocument) -> None:
    title = meta.find(f".//{_q('dc', 'title')}")
    document.title = (title.text or "").strip() if title is not None else ""
    for field in meta.iter(_q("meta", "user-defined")):
        name = field.get(_q("meta", "name"), "")
        document.properties[name] = (field.text or "").strip()


class _Styles:
    """Paragraph and text styles by name: their parent, whether bold, their outline level."""

    def __init__(self, roots: list[etree._Element]) -> None:
        self.parent: dict[str, str] = {}
        self.bold: set[str] = set()
        self.display: dict[str, str] = {}
        self.lists: dict[str, dict[int, _ListLevel]] = {}
        for root in roots:
            for style in root.iter(_q("text", "list-style")):
                self.lists[style.get(_q("style", "name"), "")] = _list_levels(style)
        for root in roots:
            for style in root.iter(_q("style", "style")):
                name = style.get(_q("style", "name"), "")
                self.display[name] = style.get(_q("style", "display-name"), name)
                parent = style.get(_q("style", "parent-style-name"))
                if parent:
                    self.parent[name] = parent
                props = style.find(_q("style", "text-properties"))
                if props is not None and props.get(_q("fo", "font-weight")) == "bold":
                    self.bold.add(name)

    def lineage(self, name: str) -> list[str]:
        names: list[str] = []
        while name and name not in names and len(names) < 20:
            names.append(name)
            name = self.parent.get(name, "")
        return names

    def is_bold(self, name: str) -> bool:
        return any(n in self.bold for n in self.lineage(name))

    def heading_level(self, name: str) -> int | None:
        for n in self.lineage(name):
            shown = self.display.get(n, n).replace("_20_", " ")
            if shown == "Title":
                return 1
            if shown.startswith("Heading ") and shown[8:].isdigit():
                return int(shown[8:])
        return None

    def is_caption(self, name: str) -> bool:
        return any(self.display.get(n, n) in ("Table", "Caption", "Illustration") for n in self.lineage(name))


@dataclass
class _ListLevel:
    """How a level of an ODF list style labels its items: 「（」 + 一、二、三 + 「）」, or a bullet."""

    format: str = ""  # "1", "一, 二, 三, ...", "壹, 貳, 參, ..."; "" numbers nothing
    prefix: str = ""
    suffix: str = ""
    bullet: str = ""

    def label(self, n: int) -> str:
        if self.bullet:
            return "●"
        if not self.format:
            return ""
        if self.format.startswith("一"):
            number = chinese_number(n)
        elif self.format.startswith("壹"):
            number = chinese_number(n, "零壹貳參肆伍陸柒捌玖", "拾")
        elif self.format in ("a", "A"):
            number = chr(ord(self.format) + (n - 1) % 26)
        else:
            number = str(n)
        return f"{self.prefix}{number}{self.suffix}"


def _list_levels(style: etree._Element) -> dict[int, _ListLevel]:
    levels = {}
    for level in style:
        name = etree.QName(level).localname if isinstance(level.tag, str) else ""
        number = _count(level.get(_q("text", "level")), 10)
        if name == "list-level-style-number":
            levels[number] = _ListLevel(
                level.get(_q("style", "num-format"), "") or "",
                level.get(_q("style", "num-prefix"), "") or "",
                level.get(_q("style", "num-suffix"), "") or "",
            )
        elif name == "list-level-style-bullet":
            levels[number] = _ListLevel(bullet=level.get(_q("text", "bullet-char"), "●") or "●")
    return levels


class _Reader:
    def __init__(self, styles: _Styles) -> None:
        self.styles = styles
        self.cells = 0
        self.list_style: list[str] = []  # the list style of each open list, outermost first
        self.counters: dict[str, list[int]] = {}  # list style → the count at each level

    def read(self, parent: etree._Element, out: list[Para | Grid], depth: int) -> None:
        for child in parent:
            if child.tag == TEXT_H:
                level = int(child.get(_q("text", "outline-level"), "1") or 1)
                out.append(self._para(child, heading=level))
            elif child.tag == TEXT_P:
                out.append(self._para(child, depth=depth))
            elif child.tag == TEXT_LIST:
                self._list(child, out, depth + 1)
            elif child.tag == TABLE:
                out.append(self._table(child))
            elif child.tag == _q("text", "section"):
                self.read(child, out, depth)
            # a table of contents (text:table-of-content) lists the sections again: not read

    def _list(self, element: etree._Element, out: list[Para | Grid], depth: int) -> None:
        style = element.get(_q("text", "style-name")) or (self.list_style[-1] if self.list_style else "")
        counters = self.counters.setdefault(style, [0] * 11)
        restarts = depth == 1 and element.get(_q("text", "continue-numbering")) != "true"
        if restarts and not element.get(_q("text", "continue-list")):
            counters[:] = [0] * 11
        self.list_style.append(style)
        level = self.styles.lists.get(style, {}).get(min(depth, 10), _ListLevel())
        for item in element:
            if item.tag not in (_q("text", "list-item"), _q("text", "list-header")):
                continue
            start = len(out)
            label = ""
            if item.tag == _q("text", "list-item") and depth <= 10:
                restart = item.get(_q("text", "start-value"))
                counters[depth] = _count(restart, 10000) - 1 if restart else counters[depth]
                counters[depth] += 1
                counters[depth + 1 :] = [0] * (10 - depth)
                label = level.label(counters[depth])
            self.read(item, out, depth)
            first = next((b for b in out[start:] if isinstance(b, Para) and b.depth == depth), None)
            if first is not None:
                first.item_start = True
                if label and not first.label:
                    first.label = label
        self.list_style.pop()

    def _para(self, element: etree._Element, heading: int | None = None, depth: int = 0) -> Para:
        style = element.get(_q("text", "style-name"), "")
        parts: list[str] = []
        label, bold = self._inline(element, parts)
        text = "".join(parts)[len(label) :]
        if label and text.startswith("\t"):  # the tab to the hanging indent, after the label
            text = text[1:]
        return Para(
            text=text,
            heading=heading or self.styles.heading_level(style),
            depth=depth,
            label=label,
            bold=text if self.styles.is_bold(style) else bold,
            caption=self.styles.is_caption(style),
        )

    def _inline(self, element: etree._Element, parts: list[str]) -> tuple[str, str]:
        """The element's text into ``parts``; returns the label span it opens with (plansite's own
        ODT marks labels with the Plan Label style) and the bold run that opens it, if any."""
        label = bold = ""
        if element.text:
            parts.append(element.text)
        for child in element:
            tag = etree.QName(child).localname if isinstance(child.tag, str) else ""
            opening = not "".join(parts).strip() or "".join(parts).rstrip("\t") == label
            if tag == "s":
                parts.append(" " * min(int(child.get(_q("text", "c"), "1") or 1), 1000))
            elif tag == "tab":
                parts.append("\t")
            elif tag == "line-break":
                parts.append("\n")
            elif tag in ("span", "a"):
                inner: list[str] = []
                self._inline(child, inner)
                piece = "".join(inner)
                style = child.get(_q("text", "style-name"), "")
                if opening and not parts and style in LABEL_STYLES:
                    label = piece
                elif opening and not bold and self.styles.is_bold(style):
                    bold = piece
                parts.append(piece)
            elif tag not in ("note", "annotation", "bookmark-ref", "soft-page-break", "change", "tracked-changes"):
                inner = []
                self._inline(child, inner)
                parts.append("".join(inner))
            if child.tail:
                parts.append(child.tail)
        return label, bold

    def _table(self, element: etree._Element) -> Grid:
        rows: list[list[Cell]] = []
        header_rows = 0
        for part in element:
            name = etree.QName(part).localname
            if name == "table-header-rows":
                found = self._rows(part)
                header_rows += len(found)
                rows += found
            elif name in ("table-rows", "table-row-group"):
                rows += self._rows(part)
            elif name == "table-row":
                rows += self._rows_of([part])
        return grid_from_rows(rows, header_rows)

    def _rows(self, group: etree._Element) -> list[list[Cell]]:
        return self._rows_of([r for r in group if etree.QName(r).localname == "table-row"])

    def _rows_of(self, elements: list[etree._Element]) -> list[list[Cell]]:
        rows = []
        for element in elements:
            repeat = _count(element.get(_q("table", "number-rows-repeated")), MAX_ROWS)
            row: list[Cell] = []
            for cell in element:
                name = etree.QName(cell).localname
                if name == "table-cell":
                    row += [self._cell(cell)] * _count(cell.get(_q("table", "number-columns-repeated")), MAX_COLUMNS)
                # covered cells are placed by the spans of the cells that cover them
            if len(row) > MAX_COLUMNS:
                raise _absurd()
            rows += [row] * repeat
            if len(rows) > MAX_ROWS:
                raise _absurd()
        return rows

    def _cell(self, element: etree._Element) -> Cell:
        self.cells += 1
        if self.cells > MAX_ROWS * 10:
            raise _absurd()
        cell = Cell(
            rowspan=_count(element.get(_q("table", "number-rows-spanned")), MAX_SPAN),
            colspan=_count(element.get(_q("table", "number-columns-spanned")), MAX_COLUMNS),
        )
        self.read(element, cell.blocks, depth=0)
        return cell


def _count(value: str | None, limit: int) -> int:
    try:
        number = int(value or 1)
    except ValueError:
        return 1
    if number < 1:
        return 1
    if number > limit:
        raise _absurd()
    return number


def _absurd() -> ImportRefused:
    return ImportRefused(
        "文件裡的表格大得不合理（列數或欄數遠超過一般的計畫），已拒絕匯入",
        "請確認檔案沒有損壞；若表格真的這麼大，請分成幾個表格。",
    )
