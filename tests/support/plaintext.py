"""Plain-text rendering of a plan, in reading order, labels included (what a reader sees).

Tests compare it with the page, the PDF's text layer and the ODT. It places labels with the
same rules as every output (``render.outline``), so it checks content, not a second layout.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from build_scripts.plan.model import Block, ItemLike, ListBlock, Numbering, Plan, Row, Table, TermList
from build_scripts.plan.numbering import labels
from build_scripts.render.outline import cell_blocks, item_entries, labelled_blocks, plan_section_labels


def plan_text(plan: Plan) -> str:
    return "\n".join(_plan_lines(plan)) + "\n"


def _plan_lines(plan: Plan) -> Iterator[str]:
    yield plan.title
    if plan.issued:
        yield plan.issued.title or plan.issued.number or ""
    for section, own in zip(plan.sections, plan_section_labels(plan.sections), strict=True):
        if section.heading:
            yield f"{own}{section.heading}"
            yield from _blocks(section.blocks)
        else:
            yield from _blocks(section.blocks, own)


def _blocks(blocks: Sequence[Block], label: str = "") -> Iterator[str]:
    for lead, block, _ in labelled_blocks(blocks, label):
        if block is None or isinstance(block, str):
            yield lead + (block or "")
        elif isinstance(block, ListBlock):
            yield from _items(block.items, block.numbering)
        elif isinstance(block, Table):
            yield from _table(block)
        elif isinstance(block, TermList):
            yield from (f"{entry.term}：{entry.description}" for entry in block.terms)


def _items(items: Sequence[ItemLike], style: Numbering) -> Iterator[str]:
    for entry in item_entries(items, style):
        term = f"{entry.term}：" if entry.term and entry.text is not None else (entry.term or "")
        if entry.text is not None or entry.term:
            yield entry.label + term + (entry.text or "")
        elif entry.label:
            yield entry.label
        yield from _blocks(entry.blocks)
        yield from _items(entry.children, entry.child_style)


def _table(table: Table) -> Iterator[str]:
    if table.caption:
        yield table.caption
    columns = [c if isinstance(c, str) else (c.label or "") for c in table.columns]
    merged = [c for i, c in enumerate(columns) if i == 0 or columns[i - 1] != c]  # one header per merged run
    if table.header:
        yield "\t".join(merged)
    yield from _rows(table, table.rows, 0)


def _rows(table: Table, rows: Sequence[Row], column: int) -> Iterator[str]:
    col = table.columns[column] if column < len(table.columns) else None
    style = Numbering.none if col is None or isinstance(col, str) else col.numbering
    for row, lab in zip(rows, labels(style, [r.label for r in rows]), strict=True):
        yield from _blocks(cell_blocks(row.cell), lab)
        yield from _rows(table, row.rows, column + row.span)
