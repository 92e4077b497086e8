"""Plain-text rendering of a plan, in reading order, labels included."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .model import Block, Item, ListBlock, Numbering, Plan, Row, Table
from .numbering import labels
from .render import item_entries, section_labels


def plan_text(plan: Plan) -> str:
    return "\n".join(_plan_lines(plan)) + "\n"


def _plan_lines(plan: Plan) -> Iterator[str]:
    yield plan.title
    if plan.issued:
        yield plan.issued.title or plan.issued.number or ""
    for section, own in zip(plan.sections, section_labels(plan.sections)):
        if section.heading:
            yield f"{own}{section.heading}"
            yield from _blocks(section.blocks)
        else:
            lines = list(_blocks(section.blocks))
            if lines:
                lines[0] = own + lines[0]
            yield from lines


def _blocks(blocks: Sequence[Block]) -> Iterator[str]:
    for block in blocks:
        if isinstance(block, str):
            yield block
        elif isinstance(block, ListBlock):
            yield from _items(block.items, block.numbering)
        elif isinstance(block, Table):
            yield from _table(block)


def _items(items: Sequence[str | Item], style: Numbering) -> Iterator[str]:
    for lab, text, children, child_style in item_entries(items, style):
        if text is not None:
            yield lab + text
        elif lab:
            yield lab
        yield from _items(children, child_style)


def _table(table: Table) -> Iterator[str]:
    if table.caption:
        yield table.caption
    columns = [c if isinstance(c, str) else c.label for c in table.columns]
    merged = [c for i, c in enumerate(columns) if i == 0 or columns[i - 1] != c]  # one header per merged run
    yield "\t".join(merged)
    yield from _rows(table, table.rows, 0)


def _rows(table: Table, rows: Sequence[Row], column: int) -> Iterator[str]:
    col = table.columns[column] if column < len(table.columns) else None
    style = Numbering.none if col is None or isinstance(col, str) else col.numbering
    for row, lab in zip(rows, labels(style, [r.label for r in rows])):
        cell = row.cell
        if isinstance(cell, str):
            yield lab + cell
        elif cell is not None:
            lines = list(_blocks(cell))
            if lines:
                lines[0] = lab + lines[0]
            elif lab:
                lines = [lab]
            yield from lines
        elif lab:
            yield lab
        yield from _rows(table, row.rows, column + row.span)
