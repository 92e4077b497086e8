"""A table grid → the plan's hierarchical table: column labels, and rows as a tree.

Merged cells are the hierarchy: a 要項 cell spanning four rows holds, as its ``rows``, the cells of
the next column that start within those rows. Header rows (marked by the file, or the first row
when it repeats further down, as at page breaks) give the column labels and are not rows. Empty
cells at the end of a row are the filling a shorter branch leaves, not content. Labels typed at
the start of cells give each column its numbering; a label the numbering would not give is kept.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..plan.model import Numbering
from ..plan.numbering import label, labels
from .labels import classify, same_label, split_label
from .source import Cell, Grid, Para

BlocksReader = Callable[[list[Para | Grid]], list[Any]]


@dataclass
class _Node:
    cell: Any  # text, blocks, or None
    label: str  # as written ("" for none)
    span: int
    rows: list[_Node]
    source: Cell


def read_table(grid: Grid, caption: str, read_blocks: BlocksReader, heading: str = "") -> dict[str, Any] | list[str]:
    """The table as the plan's table; or, when it cannot be one, its cells' text as paragraphs."""
    rows = [list(row) + [None] * (grid.width - len(row)) for row in grid.rows]
    header_count = grid.header_rows or _implied_header(rows)
    header = rows[:header_count]
    body = [row for row in rows[header_count:] if not (header and _same(row, header[0]))]
    width = grid.width
    tree = _build(body, 0, len(body), 0, width, read_blocks)
    table: dict[str, Any] = {}
    if caption and caption != heading:
        table["caption"] = caption
    if not header:
        table["header"] = False
    table["columns"] = _columns(header[0] if header else [None] * width, tree, width)
    table["rows"] = _rows_data(tree, table["columns"], 0, read_blocks)
    if not 2 <= width <= MAX_COLUMNS or not table["rows"]:
        return _as_paragraphs(rows)  # not a table a plan can hold (one column, too many, no rows): its text
    if header:
        table["columns"] = [_named(column) for column in table["columns"]]
    return table


MAX_COLUMNS = 6  # as the model allows
UNNAMED = "（請填寫欄名）"  # a header cell left empty: the webmaster names the column before publishing


def _named(column: Any) -> Any:
    if isinstance(column, dict) and not column.get("label"):
        return {"label": UNNAMED, **{k: v for k, v in column.items() if k != "label"}}
    return column if column else UNNAMED


def _as_paragraphs(rows: list[list[Cell | None]]) -> list[str]:
    return [cell.text for row in rows for cell in row if cell is not None and cell.text]


def _text(cell: Cell | None) -> str:
    return cell.text if cell is not None else ""


def _same(row: list[Cell | None], header: list[Cell | None]) -> bool:
    return [_text(c) for c in row] == [_text(c) for c in header]


def _implied_header(rows: list[list[Cell | None]]) -> int:
    """The first row is a header row when it comes back further down (repeated at page breaks)."""
    if len(rows) > 2 and any(_same(row, rows[0]) for row in rows[2:]):
        return 1
    return 0


def _build(
    rows: list[list[Cell | None]], start: int, end: int, column: int, width: int, read_blocks: BlocksReader
) -> list[_Node]:
    nodes: list[_Node] = []
    if column >= width:
        return nodes
    for r in range(start, end):
        cell = rows[r][column]
        if cell is None:
            continue
        below = min(r + cell.rowspan, end)
        children = _build(rows, r, below, column + cell.colspan, width, read_blocks)
        content, label = _content(cell, read_blocks)
        if content is None and not label and not children:
            continue  # filling at the end of a shorter branch
        nodes.append(_Node(content, label, cell.colspan, children, cell))
    return nodes


def _content(cell: Cell, read_blocks: BlocksReader) -> tuple[Any, str]:
    """A cell's text (or blocks) and the label it opens with."""
    paras = [b for b in cell.blocks if isinstance(b, Para)]
    simple = len(cell.blocks) == 1 and len(paras) == 1 and not paras[0].depth
    if not cell.blocks or all(isinstance(b, Para) and not (b.label or b.text.strip()) for b in cell.blocks):
        return None, ""
    if simple:
        para = paras[0]
        label, text = (para.label, para.text) if para.label else split_label(para.text)
        if label and not isinstance(classify(label)[0], Numbering):
            label, text = "", para.label + para.text
        text = text.strip(" \u3000")
        return (text or None), label
    first = cell.blocks[0]
    label = ""
    if isinstance(first, Para) and not first.depth and not _opens_a_list(paras):
        label = first.label or split_label(first.text)[0]
        if label and isinstance(classify(label)[0], Numbering):
            rest = first.text if first.label else split_label(first.text)[1]
            blocks = cell.blocks[1:] if not rest.strip() else [Para(rest, bold=first.bold), *cell.blocks[1:]]
            return read_blocks(blocks), label
        label = ""
    return read_blocks(cell.blocks), label


def _opens_a_list(paras: list[Para]) -> bool:
    """The cell's first label is a list's first item when another paragraph has a label of its style."""
    styles = [classify(p.label or split_label(p.text)[0])[0] for p in paras]
    return bool(styles) and styles[0] is not None and styles[1:].count(styles[0]) > 0


def _column_styles(tree: list[_Node], width: int) -> list[Numbering]:
    """Each column's numbering: the style most of its cells' labels have, if most of its cells have one."""
    found: list[Counter[Numbering]] = [Counter() for _ in range(width)]
    cells = [0] * width

    def visit(nodes: list[_Node], column: int) -> None:
        for node in nodes:
            style = classify(node.label)[0] if node.label else None
            if column < width:
                cells[column] += 1
                if isinstance(style, Numbering):
                    found[column][style] += 1
            visit(node.rows, column + node.span)

    visit(tree, 0)
    styles = []
    for counter, total in zip(found, cells, strict=True):
        labelled = sum(counter.values())
        styles.append(counter.most_common(1)[0][0] if counter and labelled * 2 > total else Numbering.none)
    return styles


def _columns(header: list[Cell | None], tree: list[_Node], width: int) -> list[Any]:
    names: list[str | None] = []
    for cell in header:
        names.append(_text(cell) if cell is not None else (names[-1] if names else None))
    styles = _column_styles(tree, width)
    columns: list[Any] = []
    for name, style in zip(names, styles, strict=True):
        if style is Numbering.none and name:
            columns.append(name)
        else:
            column: dict[str, Any] = {"label": name} if name else {}
            if style is not Numbering.none:
                column["numbering"] = style.value
            columns.append(column)
    return columns


def _style_of(columns: list[Any], column: int) -> Numbering:
    spec = columns[column] if column < len(columns) else None
    return Numbering(spec.get("numbering", "none")) if isinstance(spec, dict) else Numbering.none


def _rows_data(nodes: list[_Node], columns: list[Any], column: int, read_blocks: BlocksReader) -> list[dict[str, Any]]:
    style = _style_of(columns, column)
    if style is Numbering.none:
        for node in nodes:
            if node.label and isinstance(classify(node.label)[0], Numbering):
                # An unnumbered column: what opens with a label is a list in the cell, not the cell's label.
                node.cell, node.label = read_blocks(node.source.blocks), ""
    derived = list(labels(style, [None] * len(nodes)))
    out = []
    count = 0
    for node in nodes:
        row: dict[str, Any] = {}
        if node.cell is not None:
            row["cell"] = node.cell
        if node.label and style is Numbering.none:
            row["label"] = node.label  # a label in an unnumbered column is kept as written
        elif node.label:
            count += 1
            if not same_label(node.label, label(style, count)):
                row["label"] = node.label
        elif style is not Numbering.none and derived:
            row["label"] = ""
        if node.span > 1:
            row["span"] = node.span
        if node.rows:
            row["rows"] = _rows_data(node.rows, columns, column + node.span, read_blocks)
        out.append(row)
    return out
