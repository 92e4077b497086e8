"""A hierarchical table laid out as HTML rows: row spans, header ids and ``headers`` lists.

A plan's table is a tree (a 要項 spans several 重點, each spans several steps); ``layout_table`` turns
it into rows of cells with the spans a browser needs and, for each cell, the ids of the headers
that apply to it. ``unmerge_rows`` gives the same table without row spans, for print.

Any tree of the same shape is laid out alike (``TableLike``, ``RowLike``): a results report's table
(``render.results``) too, whose rows may carry ``rich`` content its own templates show.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from ..plan.model import Block, CellContent, Column, Numbering
from ..plan.numbering import labels


class RowLike(Protocol):
    """A plan's ``Row``, or a row of the same shape."""

    @property
    def cell(self) -> CellContent | None: ...
    @property
    def label(self) -> str | None: ...
    @property
    def span(self) -> int: ...
    @property
    def rows(self) -> Sequence[RowLike]: ...


class TableLike(Protocol):
    """A plan's ``Table``, or a table of the same shape."""

    @property
    def columns(self) -> Sequence[str | Column]: ...
    @property
    def header(self) -> bool: ...
    @property
    def header_columns(self) -> int | None: ...
    @property
    def rows(self) -> Sequence[RowLike]: ...


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
    column: int = 0  # the grid column the cell starts in
    column_label: str = ""  # that column's label (shown beside the cell on narrow screens)
    continues: bool = False  # the merged cell goes on in the next row (print layout)
    rich: object = None  # what the HTML shows instead of ``content`` (a row's ``rich``, if it has one)


@dataclass
class TableLayout:
    """A hierarchical table laid out as HTML rows with rowspans and header ids."""

    header: list[tuple[str, int, str]]  # (label, colspan, id)
    rows: list[list[TableCell]] = field(default_factory=list)
    groups: list[int] = field(default_factory=list)  # how many rows each top-level row (a 要項) takes
    weights: tuple[float, ...] = ()  # how much of the spare width each column wants, if not alike (``columns``)

    def grouped_rows(self) -> list[list[list[TableCell]]]:
        """The rows, one group per top-level row: each is a <tbody> of its own."""
        groups, start = [], 0
        for size in self.groups or [len(self.rows)]:
            groups.append(self.rows[start : start + size])
            start += size
        return [group for group in groups if group]


def cell_classes(cell: TableCell) -> str:
    """A cell's classes: its column (narrow screens indent by it), and in print whether it repeats a
    merged cell and whether that cell goes on below it."""
    classes = [f"plan-col-{cell.column}"]
    if cell.repeated:
        classes.append("plan-repeated")
    if cell.continues:
        classes.append("plan-continues")
    if cell.content is None and not cell.label:
        classes.append("plan-empty")
    return " ".join(classes)


def merged_header(columns: Sequence[str], table_id: str) -> tuple[list[tuple[str, int, str]], list[str]]:
    """The header row (label, colspan, id), adjacent columns of the same label merged, and the
    header id that applies to each column."""
    header: list[tuple[str, int, str]] = []
    column_header_id: list[str] = []
    for name in columns:
        if header and header[-1][0] == name:
            label, span, hid = header[-1]
            header[-1] = (label, span + 1, hid)
        else:
            header.append((name, 1, f"{table_id}-c{len(header) + 1}"))
        column_header_id.append(header[-1][2])
    return header, column_header_id


def _leaves(row: RowLike) -> int:
    """How many table rows a cell spans: the leaves below it."""
    return max(1, sum(_leaves(child) for child in row.rows))


class _Placer:
    """Places a table's tree of rows into HTML rows, numbering cell ids in reading order."""

    def __init__(self, table: TableLike, table_id: str, layout: TableLayout, column_header_id: list[str]) -> None:
        self.table_id = table_id
        self.layout = layout
        self.width = len(table.columns)
        self.styles = [Numbering.none if isinstance(c, str) else c.numbering for c in table.columns]
        self.header_count = table.header_columns or max(1, self.width - 2)
        self.column_header_id = column_header_id
        self.column_labels = [c if isinstance(c, str) else (c.label or "") for c in table.columns]
        self.count = 0

    def next_id(self) -> str:
        self.count += 1
        return f"{self.table_id}-r{self.count}"

    def place(self, rows: Sequence[RowLike], column: int, ancestors: tuple[str, ...], first_row: list[TableCell] | None) -> None:
        """Place ``rows`` in ``column``; the first goes on ``first_row`` (its parent's row), if given."""
        own = labels(self.styles[column], [r.label for r in rows])
        for index, (row, label) in enumerate(zip(rows, own, strict=True)):
            target = first_row if (index == 0 and first_row is not None) else None
            if target is None:
                target = []
                self.layout.rows.append(target)
            cell_id = self.next_id()
            is_header = column < self.header_count
            headers = " ".join(h for h in (self.column_header_id[column], *ancestors) if h)
            cell = TableCell(
                row.cell, label, is_header, cell_id, headers, _leaves(row), row.span, False, column, self.column_labels[column]
            )
            cell.rich = getattr(row, "rich", None)
            target.append(cell)
            below = (*ancestors, cell_id) if is_header else ancestors
            end = column + row.span
            if row.rows:
                self.place(row.rows, end, below, target)
            else:
                self.fill(target, end, below)

    def fill(self, target: list[TableCell], start: int, ancestors: tuple[str, ...]) -> None:
        """Empty cells to the right of a row that ends before the last column."""
        for empty in range(start, self.width):
            headers = " ".join(h for h in (self.column_header_id[empty], *ancestors) if h)
            target.append(TableCell(None, "", False, self.next_id(), headers, 1, 1, False, empty, self.column_labels[empty]))


def layout_table(table: TableLike, table_id: str) -> TableLayout:
    """The table's rows; a table without a header row has no column headers (its cells name only
    the row headers they belong to)."""
    columns = [c if isinstance(c, str) else (c.label or "") for c in table.columns]
    if table.header:
        header, column_header_id = merged_header(columns, table_id)
    else:
        header, column_header_id = [], [""] * len(columns)
    layout = TableLayout(header, groups=[_leaves(row) for row in table.rows], weights=tuple(getattr(table, "weights", ())))
    _Placer(table, table_id, layout, column_header_id).place(table.rows, 0, (), None)
    return layout


def unmerge_rows(layout: TableLayout) -> TableLayout:
    """The same table without row spans: a merged cell is repeated on each row it covers.

    For print: a page break can fall inside a merged cell, and each printed page must still
    show which 要項 / 重點 its rows belong to. Repeated copies are marked ``repeated`` (the print
    keeps them hidden, except on the first row of a page: ``pdf/layout.py``); a cell whose
    merged cell goes on below is marked ``continues`` (no line under it).
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
                cell, left = pending[column]
                out.append(replace(cell, id=f"{cell.id}-{len(rows)}", rowspan=1, repeated=True, continues=left > 1))
            elif k < len(own):
                cell = own[k]
                k += 1
                out.append(replace(cell, rowspan=1, continues=cell.rowspan > 1))
                if cell.rowspan > 1:
                    started[column] = (cell, cell.rowspan - 1)
            else:
                column += 1
                continue
            column += cell.colspan
        pending = {c: (cell, left - 1) for c, (cell, left) in pending.items() if left > 1} | started
        rows.append(out)
    return TableLayout(layout.header, rows, layout.groups, layout.weights)
