"""Word (.docx, Office Open XML) → a source document, read from the package's XML with lxml.

- Paragraph text: runs (``w:t``), tabs, line breaks; deleted text is left out, inserted text kept.
- Headings: the paragraph style (Title, heading 1…, 標題 1…) or its outline level.
- Word's own list numbering (``w:numPr``) gives each item the label Word would print (一、 (一)
  1. …, from ``numbering.xml``) and its list level.
- Tables: ``w:gridSpan`` (merged across), ``w:vMerge`` (merged down: python-docx has no API for
  it, so it is read here), ``w:tblHeader`` (header rows repeated on every page).
- Headers and footers (page numbers, 「[在此鍵入]」) live in parts of their own and are not read.
- Paragraphs in Word's 「toc 1」… styles are marked as table-of-contents entries (skipped by ``outline``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from ..plan.numbering import chinese_number
from .guarded_zip import ImportRefused, Package
from .source import Cell, Grid, Para, SourceDocument

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MAX_ROWS, MAX_COLUMNS = 5000, 64
_FORMAL = "零壹貳參肆伍陸柒捌玖"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _val(element: etree._Element | None, default: str = "") -> str:
    return element.get(_w("val"), default) if element is not None else default


def read_docx(data: bytes) -> SourceDocument:
    package = Package(data, "DOCX")
    if not package.has("word/document.xml"):
        raise ImportRefused("DOCX 檔裡沒有文件內容（word/document.xml），可能不是 Word 文件", "請確認檔案是 Word 文件（.docx）。")
    styles = _Styles(package.xml("word/styles.xml") if package.has("word/styles.xml") else None)
    numbering = _Numbering(package.xml("word/numbering.xml") if package.has("word/numbering.xml") else None)
    root = package.xml("word/document.xml")
    body = root.find(_w("body"))
    document = SourceDocument(kind="DOCX")
    if body is not None:
        _Reader(styles, numbering).read(body, document.blocks)
    if package.has("docProps/core.xml"):
        core = package.xml("docProps/core.xml")
        title = core.find("{http://purl.org/dc/elements/1.1/}title")
        document.title = (title.text or "").strip() if title is not None else ""
    return document


class _Styles:
    def __init__(self, root: etree._Element | None) -> None:
        self.heading: dict[str, int] = {}
        self.bold: set[str] = set()
        self.based: dict[str, str] = {}
        self.numbered: dict[str, tuple[str, int]] = {}
        self.contents: set[str] = set()  # 「toc 1」…: the entries of Word's table of contents
        for style in root.iter(_w("style")) if root is not None else ():
            sid = style.get(_w("styleId"), "")
            name = _val(style.find(_w("name"))).lower()
            if name.startswith("toc ") and name[4:].isdigit():
                self.contents.add(sid)
            if name == "title":
                self.heading[sid] = 1
            for prefix in ("heading ", "標題 "):
                if name.startswith(prefix) and name[len(prefix) :].isdigit():
                    self.heading[sid] = int(name[len(prefix) :])
            outline = style.find(f"{_w('pPr')}/{_w('outlineLvl')}")
            if outline is not None and sid not in self.heading and _val(outline).isdigit():
                self.heading[sid] = int(_val(outline)) + 1
            if _bold(style.find(_w("rPr"))):
                self.bold.add(sid)
            based = style.find(_w("basedOn"))
            if based is not None:
                self.based[sid] = _val(based)
            num = style.find(f"{_w('pPr')}/{_w('numPr')}")
            if num is not None:
                self.numbered[sid] = (_val(num.find(_w("numId"))), int(_val(num.find(_w("ilvl")), "0") or 0))

    def lineage(self, sid: str) -> Iterator[str]:
        seen: set[str] = set()
        while sid and sid not in seen:
            seen.add(sid)
            yield sid
            sid = self.based.get(sid, "")

    def level(self, sid: str) -> int | None:
        return next((self.heading[s] for s in self.lineage(sid) if s in self.heading), None)

    def is_bold(self, sid: str) -> bool:
        return any(s in self.bold for s in self.lineage(sid))


def _bold(rpr: etree._Element | None) -> bool:
    if rpr is None:
        return False
    b = rpr.find(_w("b"))
    return b is not None and _val(b, "1") not in ("0", "false", "off")


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class _Numbering:
    root: etree._Element | None
    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    counters: dict[str, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.root is None:
            return
        abstract: dict[str, dict[int, _Level]] = {}
        for node in self.root.iter(_w("abstractNum")):
            levels = {}
            for lvl in node.iter(_w("lvl")):
                ilvl = int(lvl.get(_w("ilvl"), "0") or 0)
                start = _val(lvl.find(_w("start")), "1")
                levels[ilvl] = _Level(
                    _val(lvl.find(_w("numFmt")), "decimal"),
                    _val(lvl.find(_w("lvlText")), "%1."),
                    int(start) if start.isdigit() else 1,
                )
            abstract[node.get(_w("abstractNumId"), "")] = levels
        for num in self.root.iter(_w("num")):
            self.levels[num.get(_w("numId"), "")] = abstract.get(_val(num.find(_w("abstractNumId"))), {})

    def label(self, num_id: str, ilvl: int) -> str:
        """The label Word prints for the next item at this level of this list (counters advance)."""
        levels = self.levels.get(num_id)
        if not levels or num_id == "0":
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        ilvl = max(0, min(ilvl, 8))
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        level = levels.get(ilvl, _Level())
        if level.fmt == "bullet":
            return "●"
        text = level.text
        for i in range(ilvl, -1, -1):
            spec = levels.get(i, _Level())
            text = text.replace(f"%{i + 1}", _format(spec.fmt, counters[i] + spec.start - 1))
        return text


def _format(fmt: str, n: int) -> str:
    if n < 1:
        return str(n)
    if fmt in (
        "taiwaneseCountingThousand",
        "taiwaneseCounting",
        "ideographTraditional",
        "chineseCounting",
        "chineseCountingThousand",
    ):
        return chinese_number(n)
    if fmt in ("ideographLegalTraditional", "chineseLegalSimplified"):
        return chinese_number(n, _FORMAL, "拾")
    if fmt == "upperLetter":
        return chr(64 + (n - 1) % 26 + 1)
    if fmt == "lowerLetter":
        return chr(96 + (n - 1) % 26 + 1)
    return str(n)


class _Reader:
    def __init__(self, styles: _Styles, numbering: _Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.cells = 0

    def read(self, parent: etree._Element, out: list[Para | Grid]) -> None:
        for child in parent:
            if child.tag == _w("p"):
                out.append(self._para(child))
            elif child.tag == _w("tbl"):
                out.append(self._table(child))
            elif child.tag in (_w("sdt"), _w("customXml")):
                content = child.find(_w("sdtContent"))
                self.read(content if content is not None else child, out)

    def _para(self, element: etree._Element) -> Para:
        ppr = element.find(_w("pPr"))
        sid = _val(ppr.find(_w("pStyle"))) if ppr is not None else ""
        parts: list[str] = []
        bold = self._runs(element, parts, sid)
        label, depth = self._list_label(ppr, sid)
        return Para(
            text="".join(parts),
            heading=self.styles.level(sid),
            depth=depth,
            item_start=bool(depth),
            label=label,
            bold=bold,
            contents=sid in self.styles.contents,
        )

    def _list_label(self, ppr: etree._Element | None, sid: str) -> tuple[str, int]:
        num = ppr.find(_w("numPr")) if ppr is not None else None
        if num is not None:
            num_id, ilvl = _val(num.find(_w("numId"))), int(_val(num.find(_w("ilvl")), "0") or 0)
        elif sid in self.styles.numbered:
            num_id, ilvl = self.styles.numbered[sid]
        else:
            return "", 0
        label = self.numbering.label(num_id, ilvl)
        return (label, ilvl + 1) if label else ("", 0)

    def _runs(self, element: etree._Element, parts: list[str], sid: str) -> str:
        """The paragraph's visible text into ``parts``; returns the bold run it opens with."""
        bold = ""
        for run in element.iter(_w("r")):
            if any(a.tag == _w("del") for a in run.iterancestors()):
                continue
            rpr = run.find(_w("rPr"))
            piece = "".join(_run_text(run))
            if (
                not "".join(parts).strip()
                and piece.strip()
                and (_bold(rpr) or self.styles.is_bold(_val(rpr.find(_w("rStyle"))) if rpr is not None else ""))
            ):
                bold = piece
            elif bold and "".join(parts) == bold and piece and (_bold(rpr)):
                bold += piece
            parts.append(piece)
        if self.styles.is_bold(sid):
            bold = "".join(parts)
        return bold

    def _table(self, element: etree._Element) -> Grid:
        rows: list[list[Cell | None]] = []
        header_rows = 0
        spans: dict[int, Cell] = {}  # grid column → the cell a vertical merge continues
        for r, tr in enumerate(element.findall(_w("tr"))):
            if r >= MAX_ROWS:
                raise _absurd()
            if tr.find(f"{_w('trPr')}/{_w('tblHeader')}") is not None and r == header_rows:
                header_rows += 1
            row: list[Cell | None] = []
            for tc in tr.findall(_w("tc")):
                tcpr = tc.find(_w("tcPr"))
                span = int(_val(tcpr.find(_w("gridSpan")) if tcpr is not None else None, "1") or 1)
                if span < 1 or span > MAX_COLUMNS or len(row) + span > MAX_COLUMNS:
                    raise _absurd()
                merge = tcpr.find(_w("vMerge")) if tcpr is not None else None
                column = len(row)
                if merge is not None and _val(merge, "continue") == "continue" and column in spans:
                    spans[column].rowspan += 1
                    row += [None] * span
                    continue
                cell = Cell(colspan=span)
                self.cells += 1
                if self.cells > MAX_ROWS * 10:
                    raise _absurd()
                self.read(tc, cell.blocks)
                if merge is not None:
                    spans[column] = cell
                else:
                    spans.pop(column, None)
                row += [cell] + [None] * (span - 1)
            rows.append(row)
        return Grid(rows, header_rows)


def _run_text(run: etree._Element) -> Iterator[str]:
    for child in run:
        if child.tag == _w("t"):
            yield child.text or ""
        elif child.tag == _w("tab"):
            yield "\t"
        elif child.tag in (_w("br"), _w("cr")) and child.get(_w("type"), "textWrapping") == "textWrapping":
            yield "\n"
        elif child.tag == _w("noBreakHyphen"):
            yield "-"


def _absurd() -> ImportRefused:
    return ImportRefused(
        "文件裡的表格大得不合理（列數或欄數遠超過一般的計畫），已拒絕匯入",
        "請確認檔案沒有損壞；若表格真的這麼大，請分成幾個表格。",
    )
