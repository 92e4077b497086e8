"""A plan's text as plain lines, labels included (「一、服務便捷化：…」), in reading order.

For outputs that carry text without layout: the cells of the CSV files and the year-over-year
comparison. Tables are walked separately (``table_leaves``): one entry per leaf row, with every
ancestor cell, because that is how a table reads as data.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..plan.model import Block, ListBlock, Numbering, Row, Table, TermList
from ..plan.numbering import labels
from .outline import cell_blocks, item_entries


def block_lines(block: Block) -> Iterator[str]:
    """The lines of one block; a table's rows as 「要項 › 重點 › …」 lines."""
    if isinstance(block, str):
        yield from (line for line in block.splitlines() if line.strip())
    elif isinstance(block, ListBlock):
        yield from _list_lines(block.items, block.numbering)
    elif isinstance(block, TermList):
        for term in block.terms:
            yield f"{term.term}：{term.description}".replace("\n", " ")
    elif isinstance(block, Table):
        for leaf in table_leaves(block):
            yield " › ".join(f"{cell.label}{cell.text}" for cell in leaf if cell.label or cell.text)


def blocks_text(blocks: Sequence[Block]) -> str:
    return "\n".join(line for block in blocks for line in block_lines(block))


def _list_lines(items: Sequence, style: Numbering) -> Iterator[str]:
    for entry in item_entries(items, style):
        head = f"{entry.term}：" if entry.term and entry.text else (entry.term or "")
        text = f"{entry.label}{head}{entry.text or ''}"
        lines = text.splitlines() or [""]
        yield from (line for line in lines if line.strip())
        for block in entry.blocks:
            yield from block_lines(block)
        yield from _list_lines(entry.children, entry.child_style)


@dataclass(frozen=True)
class LeafCell:
    """One cell on the way from a table's first column to a leaf row."""

    column: int  # the grid column it starts in
    span: int
    label: str  # its derived number (「一、」), "" for none
    text: str


def table_leaves(table: Table) -> list[list[LeafCell]]:
    """Each leaf row of a hierarchical table with all the cells above it, left to right."""
    styles = [Numbering.none if isinstance(c, str) else c.numbering for c in table.columns]
    leaves: list[list[LeafCell]] = []

    def walk(rows: Sequence[Row], column: int, above: list[LeafCell]) -> None:
        for row, label in zip(rows, labels(styles[column], [r.label for r in rows]), strict=True):
            cell = LeafCell(column, row.span, label, blocks_text(cell_blocks(row.cell)))
            if row.rows and column + row.span < len(styles):
                walk(row.rows, column + row.span, [*above, cell])
            else:
                leaves.append([*above, cell])

    walk(table.rows, 0, [])
    return leaves
