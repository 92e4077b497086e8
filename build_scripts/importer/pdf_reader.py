"""PDF (with a text layer) → a source document, read with pdfplumber (MIT, on pdfminer.six).

- Characters with their positions become lines; lines become paragraphs, joined again across line
  wraps and page breaks (a line that reaches the right margin goes on in the next one, unless that one
  opens with a label); page headers and footers (「第 X 頁，共 Y 頁」, 「- 3 -」, a line repeated at
  the same place on most pages) are dropped.
- Labels are printed text (一、 (一) 1. ●), read as for a typed document; bullets are nested by indent.
- Tables are rebuilt from their ruling lines: every cell's box gives its row and column span on the
  grid of all cell edges, so merged cells come out merged; a table that goes on at the top of the next
  page (same columns) is joined into one, its repeated header row dropped and a cell cut by the page
  break joined again.
- A PDF whose fonts have no Unicode map (text comes out as 「(cid:123)」) or that is a scan (no text
  layer) is refused with what to do instead.
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .guarded_zip import ImportRefused
from .labels import classify, split_label
from .source import Cell, Grid, Para, SourceDocument

MAX_PAGES = 500
_CLOSING = tuple("。！？；：:」）)")
_BULLETS = str.maketrans(dict.fromkeys("•◦▪■□○◆◇❖➢➤✓✔⚫\uf06c\uf0a7\uf0b7\uf0d8\uf0fc\uf0a8\uf06e\uf075", "●"))
_FURNITURE = re.compile(
    r"^(第\s*\d+\s*頁[，,]?\s*共\s*\d+\s*頁|[-－—–]?\s*\d{1,3}\s*[-－—–]?|\d{1,3}\s*/\s*\d{1,3}|第\s*\d+\s*頁|頁\s*\d+)$"
)
OTHER_FORMAT = "請向承辦人索取原始的 Word（.docx）或 ODT 檔再匯入；或用原始檔重新轉存 PDF（LibreOffice 的「匯出為 PDF」或 Word 的「另存 PDF」都會保留文字）。"


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int
    spread: bool = False  # distributed over the whole width (分散對齊): full, but never cut

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass
class _Table:
    grid: Grid
    xs: list[float]
    top: float
    bottom: float
    page: int


@dataclass
class _Page:
    number: int
    width: float
    height: float
    items: list[_Line | _Table] = field(default_factory=list)


def read_pdf(data: bytes) -> SourceDocument:
    if not data.startswith(b"%PDF"):
        raise ImportRefused("這個檔案不是 PDF（內容已損壞或副檔名不對）", OTHER_FORMAT)
    import pdfplumber  # imported when a PDF is read: it takes a moment

    try:  # only pdfplumber's reading is guarded: pdfminer raises many kinds of errors on damaged files
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise ImportRefused(f"PDF 有 {len(pdf.pages)} 頁，不像是一份計畫", "請確認選對了檔案；計畫通常不到 100 頁。")
            raw = [_raw_page(page) for page in pdf.pages]
    except ImportRefused:
        raise
    except Exception:
        raise ImportRefused("PDF 檔已損壞、有密碼保護或格式不正確，無法讀取", OTHER_FORMAT) from None
    chars = sum(len(page.chars) for page in raw)
    cids = sum(1 for page in raw for c in page.chars if c["text"].startswith("(cid:"))
    images = sum(page.images for page in raw)
    pages = [_read_page(page, number) for number, page in enumerate(raw, start=1)]
    if chars == 0:
        if images:
            raise ImportRefused(
                "這個 PDF 是掃描的影像，沒有文字層，讀不出文字",
                f"{OTHER_FORMAT}只有紙本時，可先用文字辨識（OCR）軟體轉成文字、逐字核對後存成 .txt 匯入。",
            )
        raise ImportRefused("PDF 裡沒有任何文字", OTHER_FORMAT)
    if cids > chars * 0.05:
        raise ImportRefused(
            "PDF 的字型沒有文字對照表（抽出的字是「(cid:…)」代碼），讀不出正確的文字",
            f"這常見於公文系統產生的 PDF。{OTHER_FORMAT}",
        )
    _drop_running_lines(pages)
    return SourceDocument(_Assembler(pages).blocks(), kind="PDF")


# --- one page ------------------------------------------------------------------------------------


@dataclass
class _RawPage:
    """What pdfplumber read of a page: its size, characters, tables (box and cell boxes) and image count."""

    width: float
    height: float
    chars: list[dict[str, Any]]
    tables: list[tuple[tuple[float, ...], list[tuple[float, ...]]]]
    images: int


def _raw_page(page: Any) -> _RawPage:
    chars = [c for c in page.chars if str(c.get("text", "")).strip()]
    found = page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"})
    tables = [(tuple(float(v) for v in t.bbox), [tuple(float(v) for v in cell) for cell in t.cells]) for t in found if t.cells]
    return _RawPage(float(page.width), float(page.height), chars, tables, len(page.images))


def _read_page(raw: _RawPage, number: int) -> _Page:
    found = _Page(number, raw.width, raw.height)
    chars = raw.chars
    tables = raw.tables
    boxes = [box for box, _ in tables]
    loose = [c for c in chars if not any(_inside(c, box) for box in boxes)]
    found.items += [line for line in _lines(loose, number) if not _FURNITURE.match(line.text.strip()) or _in_body(line, found)]
    for table in tables:
        found.items.append(_grid(table, chars, number))
    found.items.sort(key=lambda item: item.top)
    found.items = _without_margin_lines(found.items, found)
    return found


def _without_margin_lines(items: list[_Line | _Table], page: _Page) -> list[_Line | _Table]:
    """A lone line high in the top margin or low in the bottom one, apart from the text: a header or footer."""
    if len(items) < 2:
        return items
    first, second = items[0], items[1]
    if isinstance(first, _Line) and first.bottom < page.height * 0.07 and second.top - first.bottom > first.height:
        items = items[1:]
    last, before = items[-1], items[-2] if len(items) > 1 else None
    if (
        isinstance(last, _Line)
        and before is not None
        and last.top > page.height * 0.93
        and last.top - before.bottom > last.height
    ):
        items = items[:-1]
    return items


def _in_body(line: _Line, page: _Page) -> bool:
    """Furniture lives in the top and bottom margins; a number inside the body is text."""
    return page.height * 0.08 < line.top and line.bottom < page.height * 0.92


def _inside(char: dict[str, Any], box: tuple[float, ...]) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _lines(chars: list[dict[str, Any]], page: int) -> list[_Line]:
    """Characters → lines: the same baseline band, left to right; a wide gap is a space (or a tab)."""
    rows: list[list[dict[str, Any]]] = []
    for char in sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"])):
        size = char.get("size") or 10
        if rows and abs(rows[-1][0]["top"] - char["top"]) < size * 0.5:
            rows[-1].append(char)
        else:
            rows.append([char])
    lines = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        gaps = [b["x0"] - a["x1"] for a, b in itertools.pairwise(row)]
        size = row[0].get("size") or 10
        spread = len(gaps) >= 2 and min(gaps) > 0.3 * size and max(gaps) - min(gaps) < 0.5 * size  # 分散對齊
        text = row[0]["text"]
        for previous, char, gap in zip(row[:-1], row[1:], gaps, strict=True):
            text += "" if spread else _space(previous["text"], char["text"], gap, char.get("size") or 10)
            text += char["text"]
        sizes = [c.get("size") or 10 for c in row]
        lines.append(
            _Line(
                text.translate(_BULLETS).rstrip(),
                row[0]["x0"],
                row[-1]["x1"],
                min(c["top"] for c in row),
                max(c["bottom"] for c in row),
                statistics.median(sizes),
                page,
                spread,
            )
        )
    return [line for line in lines if line.text.strip()]


_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


def _space(before: str, after: str, gap: float, size: float) -> str:
    """What a gap between two characters stands for: nothing (justified CJK text spreads its characters),
    a space between words, or a tab (a wide gap: the next column of a line laid out like a table)."""
    if gap > size * 3:
        return "\t"
    if _WIDE.match(before) and _WIDE.match(after):
        return "" if gap < size * 1.5 else " "
    return " " if gap > size * 0.45 else ""


def _edges(values: list[float]) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > 2:
            out.append(value)
    return out


def _index(edges: list[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def _grid(table: tuple[tuple[float, ...], list[tuple[float, ...]]], chars: list[dict[str, Any]], page: int) -> _Table:
    """The table's cells placed on the grid of all their edges: a box over two rows spans two rows."""
    bbox, cells = table
    xs = _edges([c[0] for c in cells] + [c[2] for c in cells])
    ys = _edges([c[1] for c in cells] + [c[3] for c in cells])
    rows: list[list[Cell | None]] = [[None] * (len(xs) - 1) for _ in range(len(ys) - 1)]
    for box in sorted(cells, key=lambda c: (c[1], c[0])):
        r0, r1 = _index(ys, box[1]), _index(ys, box[3])
        c0, c1 = _index(xs, box[0]), _index(xs, box[2])
        if r1 <= r0 or c1 <= c0 or rows[r0][c0] is not None:
            continue
        inside = [c for c in chars if _inside(c, box)]
        lines = _lines(inside, page)
        paragraphs = _paragraphs(lines, max((line.x1 for line in lines), default=box[2]))
        rows[r0][c0] = Cell(paragraphs, rowspan=r1 - r0, colspan=c1 - c0)
    return _Table(Grid(rows), xs, bbox[1], bbox[3], page)


def _paragraphs(lines: list[_Line], right: float) -> list[Para | Grid]:
    """A cell's lines → its paragraphs (a line cut at the cell's edge goes on in the next one)."""
    paras: list[Para | Grid] = []
    previous: _Line | None = None
    for line in lines:
        text = line.text.strip()
        label = split_label(text)[0]
        if paras and previous is not None and not label and _wraps(previous, right):
            last = paras[-1]
            assert isinstance(last, Para)
            last.text = _join(last.text, text)
        else:
            paras.append(Para(text))
        previous = line
    return paras


def _wraps(line: _Line, right: float) -> bool:
    """The line ends at the right margin (within two characters) and not on closing punctuation."""
    return line.x1 >= right - line.size * 3.5 and not line.text.rstrip().endswith("。") and not line.spread


def _join(before: str, after: str) -> str:
    if before and after and before[-1].isascii() and before[-1].isalnum() and after[0].isascii() and after[0].isalnum():
        return f"{before} {after}"
    return before + after


def _drop_running_lines(pages: list[_Page]) -> None:
    """A line printed at the same place on most pages (a running header or footer) is not the plan."""
    if len(pages) < 3:
        return
    seen: Counter[tuple[str, int]] = Counter()
    for page in pages:
        for item in {(i.text.strip(), round(i.top / 5)) for i in page.items if isinstance(i, _Line) and not _in_body(i, page)}:
            seen[item] += 1
    running = {key for key, count in seen.items() if count >= max(3, len(pages) // 2)}
    for page in pages:
        page.items = [i for i in page.items if not (isinstance(i, _Line) and (i.text.strip(), round(i.top / 5)) in running)]


# --- the whole document ------------------------------------------------------------------------


class _Assembler:
    """Pages → paragraphs and tables in reading order."""

    def __init__(self, pages: list[_Page]) -> None:
        self.pages = pages
        lines = [i for p in pages for i in p.items if isinstance(i, _Line)]
        sizes = [round(line.size) for line in lines]
        self.body_size = Counter(sizes).most_common(1)[0][0] if sizes else 10
        self.right = statistics.quantiles([line.x1 for line in lines], n=20)[-1] if len(lines) > 2 else 0
        self.left = Counter(round(line.x0) for line in lines).most_common(1)[0][0] if lines else 0
        bullets = sorted({round(line.x0 / 6) for line in lines if line.text.startswith("●")})
        self.bullet_depth = {x: depth for depth, x in enumerate(bullets, start=1)}

    def blocks(self) -> list[Para | Grid]:
        out: list[Para | Grid] = []
        previous: _Line | _Table | None = None
        title = True
        for page in self.pages:
            for item in page.items:
                if isinstance(item, _Table):
                    if isinstance(previous, _Table) and _continues(previous, item):
                        _join_tables(previous, item)
                        continue
                    _mark_header(item.grid)
                    out.append(item.grid)
                    previous = item
                    title = False
                    continue
                title = self._line(item, previous, out, title)
                previous = item
        return out

    def _centred(self, line: _Line) -> bool:
        return line.x0 > self.left + line.size * 2 and abs((line.x0 - self.left) - (self.right - line.x1)) < line.size * 2

    def _line(self, line: _Line, previous: _Line | _Table | None, out: list[Para | Grid], title: bool) -> bool:
        """Add a line to the paragraphs; returns whether the title may still go on (it opens the document,
        in a bigger font or centred, over one or more lines)."""
        text = line.text.strip()
        label = split_label(text)[0]
        heading = title and not label and (line.size > self.body_size * 1.15 or self._centred(line))
        if heading and out and isinstance(out[-1], Para) and out[-1].heading == 1:
            out[-1].text = _join(out[-1].text, text)
            return True
        if heading and not out:
            out.append(Para(text, heading=1))
            return True
        last = out[-1] if out else None
        goes_on = isinstance(previous, _Line) and isinstance(last, Para) and last.heading is None and not label
        if goes_on and isinstance(previous, _Line) and isinstance(last, Para) and self._goes_on(previous, line):
            last.text = _join(last.text, text)
            return False
        depth = 0
        if label and classify(label)[0] is not None and text.startswith("●"):
            depth = self.bullet_depth.get(round(line.x0 / 6), 1)
        out.append(Para(text, depth=depth, item_start=bool(depth)))
        return False

    def _goes_on(self, previous: _Line, line: _Line) -> bool:
        if not _wraps(previous, self.right):
            return False
        if line.x0 > previous.x0 + line.size * 1.5 and not split_label(previous.text.strip())[0]:
            return False  # an indented first line opens a new paragraph (a hanging indent follows a label)
        if previous.page == line.page:
            return line.top - previous.bottom < max(previous.height, line.height) * 1.2
        return True  # a paragraph cut by the page break


def _continues(first: _Table, second: _Table) -> bool:
    """The table at the top of a page goes on the one at the bottom of the page before (same columns)."""
    return (
        second.page == first.page + 1
        and len(first.xs) == len(second.xs)
        and all(abs(a - b) < 3 for a, b in zip(first.xs, second.xs, strict=True))
    )


def _texts(row: list[Cell | None]) -> list[str]:
    return [c.text if c is not None else "" for c in row]


def _mark_header(grid: Grid) -> None:
    """A first row of short names without labels (執行要項, 執行重點, 執行單位) is the header."""
    if grid.header_rows or len(grid.rows) < 2:
        return
    names = [t for t in _texts(grid.rows[0]) if t]
    if len(names) >= 2 and all(len(t) <= 10 and not split_label(t)[0] and not t.endswith(_CLOSING) for t in names):
        grid.header_rows = 1


def _origin(rows: list[list[Cell | None]], r: int, c: int) -> Cell | None:
    """The cell whose span covers row r, column c."""
    for rr in range(r, -1, -1):
        for cc in range(c, -1, -1):
            cell = rows[rr][cc] if cc < len(rows[rr]) else None
            if cell is not None and rr + cell.rowspan > r and cc + cell.colspan > c:
                return cell
    return None


def _join_tables(first: _Table, second: _Table) -> None:
    rows = second.grid.rows
    if rows and first.grid.rows and _texts(rows[0]) == _texts(first.grid.rows[0]):
        first.grid.header_rows = max(first.grid.header_rows, 1)
        rows = rows[1:]  # the header row repeated on the new page
    elif not first.grid.header_rows:
        _mark_header(first.grid)
    if rows:
        rows = _carry_over(first.grid.rows, rows)
    first.grid.rows += rows
    first.page = second.page


def _carry_over(above: list[list[Cell | None]], rows: list[list[Cell | None]]) -> list[list[Cell | None]]:
    """The first row on the new page: an empty cell, or one whose text goes on from a cell the page
    break cut (no label, the cell above ended mid-sentence), belongs to the cell above it; from the first
    new cell on, left to right, the row is new."""
    last = len(above) - 1
    first = rows[0]
    carried = []
    for c, cell in enumerate(first):
        if cell is None:
            continue
        origin = _origin(above, last, c)
        if origin is None:
            continue
        text = cell.text
        if text and (split_label(text)[0] or origin.text.endswith(_CLOSING)):
            break  # a new cell: the cells right of it are new too (each is a level below it)
        carried.append((c, cell, origin))
    if not carried:
        return rows
    whole_row = len(carried) == sum(1 for cell in first if cell is not None) and all(cell.rowspan == 1 for _, cell, _ in carried)
    for c, cell, origin in carried:
        _append(origin, cell)
        if not whole_row:
            origin.rowspan += cell.rowspan
            first[c] = None
    return rows[1:] if whole_row else rows


def _append(origin: Cell, cell: Cell) -> None:
    paras = [b for b in cell.blocks if isinstance(b, Para)]
    if not paras:
        return
    last = origin.blocks[-1] if origin.blocks else None
    if isinstance(last, Para) and not split_label(paras[0].text)[0]:
        last.text = _join(last.text, paras[0].text)
        paras = paras[1:]
    origin.blocks += paras
