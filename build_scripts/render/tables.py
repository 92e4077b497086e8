"""A hierarchical table laid out as HTML rows: row spans, header ids and ``headers`` lists.

A plan's table is a tree (a 要項 spans several 重點, each spans several steps); ``layout_table`` turns
it into rows of cells with the spans a browser needs and, for each cell, the ids of the headers
that apply to it. ``unmerge_rows`` gives the same table without row spans, for print.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..plan.model import Block, Numbering, Row, Table
from .numbering import labels


@dataclass
class TableCell:
    content: str | Sequence[Block] | None
    label: str
    header: bool  # a row header (th) or a data cell (td)
    id: str
    headers: str  # ids of the headers that apply
    rowspan: int
    colspan: int
    repeated: bool = False  # a copy of a merged cell, repeated on a later row (print layout)


@dataclass
class TableLayout:
    """A hierarchical table laid out as HTML rows with rowspans and header ids."""

    header: list[tuple[str, int, str]]  # (label, colspan, id)
    rows: list[list[TableCell]] = field(default_factory=list)


def layout_table(table: Table, table_id: str) -> TableLayout:
    columns = [c if isinstance(c, str) else c.label for c in table.columns]
    styles = [Numbering.none if isinstance(c, str) else c.numbering for c in table.columns]
    header_count = table.header_columns or max(1, len(columns) - 2)
    header: list[tuple[str, int, str]] = []
    column_header_id: list[str] = []
    for i, name in enumerate(columns):
        if header and header[-1][0] == name:
            label, span, hid = header[-1]
            header[-1] = (label, span + 1, hid)
        else:
            hid = f"{table_id}-c{len(header) + 1}"
            header.append((name, 1, hid))
        column_header_id.append(header[-1][2])

    layout = TableLayout(header)
    counter = [0]

    def leaves(row: Row) -> int:
        return max(1, sum(leaves(child) for child in row.rows))

    def place(rows: Sequence[Row], column: int, ancestors: tuple[str, ...], first_row: list[TableCell] | None) -> None:
        style = styles[column]
        for index, (row, lab) in enumerate(zip(rows, labels(style, [r.label for r in rows]))):
            target = first_row if (index == 0 and first_row is not None) else None
            if target is None:
                target = []
                layout.rows.append(target)
            counter[0] += 1
            cell_id = f"{table_id}-r{counter[0]}"
            is_header = column < header_count
            own_headers = " ".join((column_header_id[column], *ancestors))
            end = column + row.span
            target.append(TableCell(row.cell, lab, is_header, cell_id, own_headers, leaves(row), row.span))
            below = (*ancestors, cell_id) if is_header else ancestors
            if row.rows:
                place(row.rows, end, below, target)
            elif end < len(columns):
                for empty in range(end, len(columns)):
                    counter[0] += 1
                    filler_headers = " ".join((column_header_id[empty], *below))
                    target.append(TableCell(None, "", False, f"{table_id}-r{counter[0]}", filler_headers, 1, 1))

    place(table.rows, 0, (), None)
    return layout


def unmerge_rows(layout: TableLayout) -> TableLayout:
    """The same table without row spans: a merged cell is repeated on each row it covers.

    For print: a page break can fall inside a merged cell, and each printed page must still
    show which 要項 / 重點 its rows belong to. Repeated copies are marked ``repeated``.
    """
    rows: list[list[TableCell]] = []
    pending: dict[int, tuple[TableCell, int]] = {}  # grid column → (merged cell, rows it still covers)
    for row in layout.rows:
        out: list[TableCell] = []
        started: dict[int, tuple[TableCell, int]] = {}
        own = list(row)
        k = column = 0
        while k < len(own) or any(c >= column for c in pending):
            if column in pending:
                cell = pending[column][0]
                out.append(replace(cell, id=f"{cell.id}-{len(rows)}", rowspan=1, repeated=True))
            elif k < len(own):
                cell = own[k]
                k += 1
                out.append(replace(cell, rowspan=1))
                if cell.rowspan > 1:
                    started[column] = (cell, cell.rowspan - 1)
            else:
                column += 1
                continue
            column += cell.colspan
        pending = {c: (cell, left - 1) for c, (cell, left) in pending.items() if left > 1} | started
        rows.append(out)
    return TableLayout(layout.header, rows)
