"""Text copied or extracted out of a plan document (.txt) → a source document.

What extraction leaves, and how it is read back:
- lines broken mid-sentence (a PDF's line ends): joined again when a line ends without closing
  punctuation and is about as long as the document's full lines;
- page furniture (「第 6 頁，共 7 頁」, 「[在此鍵入]」) and blank lines between the pieces: dropped;
- tables as tab-separated cells, a cell's paragraphs as ``<p>…</p>``; the header row repeated at
  every page break (dropped); an empty cell under a cell means that cell is merged downwards; a cell
  cut at a page break (its text goes on in the next row, unlabelled) is joined again.
"""

from __future__ import annotations

import re

from .guarded_zip import ImportRefused
from .labels import split_label
from .recognise import is_furniture
from .source import Cell, Grid, Para, SourceDocument

_CLOSING = tuple("。！？；：:」）)")
_P = re.compile(r"<p>(.*?)</p>", re.S)


def read_text(data: bytes) -> SourceDocument:
    if b"\x00" in data[:4096]:
        raise ImportRefused("這不是文字檔（裡面有二進位資料）", "文字檔要是 UTF-8 編碼的純文字；Word 文件請直接匯入 .docx。")
    for encoding in ("utf-8-sig", "cp950"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportRefused("文字檔的編碼看不懂（不是 UTF-8 也不是 Big5）", "用記事本開啟後「另存新檔」，編碼選 UTF-8。")
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [PAGE_BREAK if is_furniture(line) else line for line in lines]
    return SourceDocument(_blocks(lines), kind="文字檔")


PAGE_BREAK = "\x0c"  # where page furniture was: a sentence cut there goes on after it


def _blocks(lines: list[str]) -> list[Para | Grid]:
    blocks: list[Para | Grid] = []
    table: list[str] = []
    prose: list[str] = []
    for line in lines:
        if line == PAGE_BREAK:
            if prose:
                prose.append(PAGE_BREAK)
            continue
        if "\t" in line:
            if prose:
                blocks += _paragraphs(prose)
                prose = []
            table.append(line)
        elif not line.strip():
            if prose:
                prose.append("")
        else:
            if table and not _looks_like_prose(line):
                table.append(line)  # a cell's text pushed onto a line of its own
                continue
            if table:
                blocks.append(_grid(table))
                table = []
            prose.append(line)
    if table:
        blocks.append(_grid(table))
    if prose:
        blocks += _paragraphs(prose)
    return blocks


def _looks_like_prose(line: str) -> bool:
    label, _ = split_label(line.strip())
    return bool(label) or line.startswith(" ") or len(line.strip()) > 40


def _width(line: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in line.strip())


def _paragraphs(lines: list[str]) -> list[Para]:
    """Lines → paragraphs: a line continues the one before when that one was cut at the margin."""
    widths = sorted(_width(line) for line in lines if line.strip())
    full = widths[int(len(widths) * 0.9)] if widths else 0
    filled = [i for i, line in enumerate(lines) if line.strip() and line != PAGE_BREAK]
    spaced = sum(1 for i in filled if i + 1 < len(lines) and not lines[i + 1].strip())
    separates = spaced * 2 < len(filled)  # a blank line after most lines (double spacing) separates nothing
    paras: list[str] = []
    joinable = False
    for line in lines:
        if line == PAGE_BREAK:
            joinable = joinable or bool(paras and not paras[-1].endswith(_CLOSING))
            continue
        text = line.strip()
        if not text:
            joinable = joinable and not separates
            continue
        label, _ = split_label(text)
        if paras and joinable and not label:
            paras[-1] += text
        else:
            paras.append(text)
        joinable = not text.endswith(_CLOSING) and full > 20 and _width(line) >= full * 0.8
    return [Para(p) for p in paras]


# A label inside a cell's text, after a space: 「(1) 設置… (2) 運用…」 are two paragraphs.
_INLINE_LABEL = re.compile(r"\s+(?=[(（]\d{1,2}[)）]|\d{1,2}[、.．](?!\d)|[(（][一二三四五六七八九十]{1,3}[)）])")


def _cells(line: str) -> list[list[str]]:
    cells = []
    for raw in line.split("\t"):
        parts = [p.strip() for p in _P.findall(raw)] if "<p>" in raw else [raw.strip()]
        cells.append([piece for part in parts for piece in _split_inline(part) if piece])
    return cells


def _split_inline(text: str) -> list[str]:
    """A cell's text that lists several labelled entries on one line, split at each label of the
    style the text opens with (or, for a title line, of the first label found)."""
    pieces = _INLINE_LABEL.split(text)
    if len(pieces) == 1:
        return pieces
    from .labels import classify

    styles = [classify(split_label(piece)[0])[0] for piece in pieces]
    wanted = styles[0] if styles[0] is not None else next((st for st in styles if st is not None), None)
    out = [pieces[0]]
    for piece, style in zip(pieces[1:], styles[1:], strict=True):
        if style is not None and style == wanted:
            out.append(piece)
        else:
            out[-1] += " " + piece
    return out


def _grid(lines: list[str]) -> Grid:
    rows = [_cells(line) if "\t" in line else [[line.strip()]] for line in lines]
    width = max(len(row) for row in rows)
    headers = [row for row in rows if _is_header(row, rows[0])]
    first: list[list[str]] = rows[0] if headers else []  # a table without a header row has none to repeat
    grid_rows: list[list[Cell | None]] = []
    if headers:
        header = max(headers, key=lambda row: sum(1 for texts in row if texts))  # the fullest of the repeats
        grid_rows.append(_header_cells(header, width))
    start = len(grid_rows)
    above: dict[int, Cell] = {}
    after_break = False
    body = _realigned(rows[start:], width, first)
    for row in body:
        if first and _is_header(row, first):
            after_break = True  # the header repeated: a page break
            continue
        if len(row) == 1 and grid_rows[start:]:  # a continuation line: the text goes on in the last cell
            _extend(grid_rows, row[0])
            continue
        if after_break or _repeats_label(row, above):
            row = _unrepeat(row, above)
            after_break = False
            if not any(row):
                continue  # it only went on with what the page cut
        if first and grid_rows[start:] and _continues_above(row, above):
            for column, texts in enumerate(row):
                if texts:
                    _append(above[column], texts)
            continue
        grid_rows.append(_row(row, width, above))
    return Grid(grid_rows, header_rows=start)


def _row(row: list[list[str]], width: int, above: dict[int, Cell]) -> list[Cell | None]:
    cells: list[Cell | None] = []
    last = max((i for i, texts in enumerate(row) if texts), default=-1)
    left: Cell | None = None  # the last cell of this row with content
    for column in range(width):
        texts = row[column] if column < len(row) else []
        if not texts and column < last and left is not None:
            left.colspan += 1  # an empty cell between two filled ones: the left one spans it
            cells.append(None)
            continue
        if not texts and column < last and column in above:
            above[column].rowspan += 1  # an empty cell before the row's content: merged with the one above
            cells.append(None)
            continue
        cell = _cell(texts) if texts or column <= last else None
        cells.append(cell)
        if cell is not None:
            above[column] = cell
            left = cell if texts else left
    return cells


def _style(text: str) -> object:
    from .labels import classify

    label, _ = split_label(text)
    return classify(label)[0] if label else None


_UNIT = re.compile(r"^(?P<text>.+[。）)])\s+(?P<unit>[\u4e00-\u9fff]{2,6}(?:課|室|課室|組|組室|人員|同仁|單位))$")


def _trailing_unit(text: str) -> tuple[str, str]:
    """「…業務。 民政課」: a unit written after the sentence in the same cell."""
    match = _UNIT.match(text)
    return (match["text"], match["unit"]) if match else (text, "")


def _realigned(rows: list[list[list[str]]], width: int, first: list[list[str]]) -> list[list[list[str]]]:
    """Rows whose cells hold several levels at once (「(三)…」 and 「1. …」 in one cell) laid out again,
    one level a column: each labelled paragraph goes to the column of its label's style, a short
    unlabelled last paragraph (a unit: 「各課室」) to the last column. Only when the labels say so: every
    label style that starts a cell has a column of its own and the units make the last."""
    styles: list[object] = []
    for row in rows:
        if _is_header(row, first):
            continue
        for texts in row:
            style = _style(texts[0]) if texts else None
            if style is not None and style not in styles:
                styles.append(style)
    mixed = any(len({_style(t) for t in texts} - {None}) >= 2 for row in rows for texts in row)
    if not mixed or len(styles) + 1 != width:
        return rows
    column_of = {style: index for index, style in enumerate(styles)}
    out: list[list[list[str]]] = []
    for row in rows:
        if _is_header(row, first) or len(row) == 1:
            out.append(row)
            continue
        out += _split_levels(row, width, column_of)
    return out


def _split_levels(row: list[list[str]], width: int, column_of: dict[object, int]) -> list[list[list[str]]]:
    rows: list[list[list[str]]] = []
    current: list[list[str]] = [[] for _ in range(width)]
    column = -1
    filled = [i for i, texts in enumerate(row) if texts]
    for index, texts in enumerate(row):
        for position, whole in enumerate(texts):
            text, unit = _trailing_unit(whole)
            style = _style(text)
            if style in column_of:
                target = column_of[style]
                if any(current[target : width - 1]):  # this level is taken in this row: a new row starts
                    rows.append(current)
                    current = [[] for _ in range(width)]
            elif index == filled[-1] and len(text) <= 10 and not text.endswith(_CLOSING):
                target = width - 1  # a unit
            elif position == 0 and column >= 0:
                target = min(column + 1, width - 2)  # a new cell without a label: the next level
            else:
                target = column if column >= 0 else index  # more of the same cell
            current[target].append(text)
            column = target
            if unit:
                current[width - 1].append(unit)
    rows.append(current)
    return rows


def _repeats_label(row: list[list[str]], above: dict[int, Cell]) -> bool:
    """A row that opens with the cell above it printed again (the same label, its text cut short)."""
    if not row or not row[0] or 0 not in above or not above[0].blocks:
        return False
    label, _ = split_label(row[0][0])
    first = above[0].blocks[0]
    return bool(label) and isinstance(first, Para) and split_label(first.text)[0] == label


def _unrepeat(row: list[list[str]], above: dict[int, Cell]) -> list[list[str]]:
    """After a page break, the cells a row shares with the rows above are printed again (whole or cut
    short), or go on where the page cut them: either way they are the same cells."""
    row = [list(texts) for texts in row]
    for column, texts in enumerate(row):
        cell = above.get(column)
        if not texts or cell is None:
            break
        before = " ".join(b.text for b in cell.blocks if isinstance(b, Para))
        now = " ".join(texts)
        if before.startswith(now) or now.startswith(before) or before.endswith(now):
            row[column] = []  # printed again (or the rest of a cell printed again cut short)
        elif not split_label(texts[0])[0] and isinstance(cell.blocks[-1], Para) and not before.endswith(_CLOSING):
            _append(cell, texts)  # cut by the page break: goes on
            row[column] = []
        else:
            break
    return row


def _header_cells(header: list[list[str]], width: int) -> list[Cell | None]:
    """The header row. With fewer labels than columns, the first label names the first column, the
    last the last, and the labels between stretch over the columns between (a merged header)."""
    names = [texts for texts in header if texts]
    if len(names) >= width or len(names) < 2:
        return [_cell(texts) if texts else None for texts in (header + [[]] * width)[:width]]
    middle = names[1:-1] or [names[0]]
    spans = [1] + [1] * len(middle) + [1]
    spans[len(middle)] += width - len(names) if len(names) > 2 else 0
    if len(names) == 2:
        spans = [width - 1, 1]
        middle = []
    cells: list[Cell | None] = []
    for texts, span in zip([names[0], *middle, names[-1]], spans, strict=True):
        cell = _cell(texts)
        cell.colspan = span
        cells += [cell] + [None] * (span - 1)
    return cells


def _is_header(row: list[list[str]], first: list[list[str]]) -> bool:
    """A header row: short cells without labels, sharing a column name with the table's first row."""
    found = [" ".join(t) for t in row if t]
    names = {" ".join(t) for t in first if t}
    short = all(len(text) <= 8 and not split_label(text)[0] for text in found)
    return len(found) >= 2 and short and any(text in names for text in found)


def _cell(texts: list[str]) -> Cell:
    return Cell([Para(text) for text in texts])


def _continues_above(row: list[list[str]], above: dict[int, Cell]) -> bool:
    """A row that only finishes cells cut at a page break: its cells open with no label, and the
    cells above them end mid-sentence."""
    filled = [column for column, texts in enumerate(row) if texts]
    if not filled:
        return False
    for column in filled:
        cell = above.get(column)
        if cell is None or not cell.blocks or split_label(row[column][0])[0]:
            return False
        last = cell.blocks[-1]
        if not isinstance(last, Para) or last.text.endswith(_CLOSING):
            return False
    return True


def _append(cell: Cell, texts: list[str]) -> None:
    last = cell.blocks[-1]
    assert isinstance(last, Para)
    last.text += texts[0]
    cell.blocks += [Para(text) for text in texts[1:]]


def _extend(rows: list[list[Cell | None]], texts: list[str]) -> None:
    for cell in reversed(rows[-1]):
        if cell is not None and cell.blocks:
            last = cell.blocks[-1]
            if isinstance(last, Para):
                last.text += "".join(texts)
            return
