"""Printed column widths, from what the columns hold.

A browser's automatic table layout lets a CJK column shrink to one character a line, so a unit
column prints as 「執/行/單/位」. Here each column gets at least the width of its longest name (a
unit such as 「全體同仁」, or a short header such as 「執行單位」, never broken; at least four
characters) and shares the rest of the page by how much text it holds — the CSS automatic layout
algorithm with a floor that suits Chinese text. The print stylesheet sets ``table-layout: fixed``,
so WeasyPrint takes these widths as they are (and skips measuring every cell).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from ..plan.model import Block, ItemLike, ListBlock, Table, TermList
from .tables import TableCell, TableLayout

# The printed text width (A4 less the 18 mm side margins of print.css) in em of table text (9.5 pt).
PRINT_TABLE_EM = (210 - 2 * 18) / 25.4 * 72 / 9.5
MIN_EM = 4.0  # no column narrower than four characters
NAME_CAP_EM = 9.0  # a "name" longer than this may wrap
CELL_PADDING_EM = 0.9  # left and right padding of a printed cell, in em of its text
SLACK_EM = 0.4  # borders, bold header text and rounding: a name of four characters needs a little more
_NAME_BREAKS = re.compile(r"[、，,；;。／/\s（）()「」：:]+")


def text_width(text: str) -> float:
    """Width in em: a CJK or full-width character is one em, any other about half."""
    return sum(1.0 if ord(char) > 0x2E80 else 0.55 for char in text)


def _block_texts(block: Block) -> Iterator[str]:
    if isinstance(block, str):
        yield from block.splitlines()
    elif isinstance(block, ListBlock):
        yield from _item_texts(block.items)
    elif isinstance(block, TermList):
        for term in block.terms:
            yield term.term
            yield from term.description.splitlines()
    elif isinstance(block, Table):
        for row in block.rows:
            yield from _cell_texts(row.cell)


def _item_texts(items: Sequence[ItemLike]) -> Iterator[str]:
    for item in items:
        if isinstance(item, str):
            yield from item.splitlines()
            continue
        yield from ((item.term or "") + (item.text or "")).splitlines()
        for block in item.blocks:
            yield from _block_texts(block)
        yield from _item_texts(item.items)


def _cell_texts(content: str | Sequence[Block] | None) -> Iterator[str]:
    if content is None:
        return
    for block in [content] if isinstance(content, str) else content:
        yield from _block_texts(block)


def _lines(cell: TableCell) -> list[str]:
    lines = list(_cell_texts(cell.content))
    if cell.label:
        lines = [cell.label + (lines[0] if lines else ""), *lines[1:]]
    return [line for line in lines if line.strip()]


class _Need(NamedTuple):
    narrowest: float  # the longest name unbroken (at least MIN_EM)
    widest: float  # every line unbroken: wider is never needed
    volume: float  # all the column's text, in em: how much room it would use


def _need(cells: Sequence[TableCell], header: str) -> _Need:
    lines = [line for cell in cells for line in _lines(cell)]
    names = [piece for line in lines for piece in _NAME_BREAKS.split(line) if piece]
    longest_name = max((text_width(name) for name in names), default=0.0)
    header_width = text_width(header)
    whole_header = header_width if header_width <= NAME_CAP_EM else 0.0
    narrowest = max(MIN_EM, min(longest_name, NAME_CAP_EM), whole_header) + SLACK_EM
    widest = max([narrowest, whole_header, *(text_width(line) for line in lines)])
    return _Need(narrowest, widest, sum(text_width(line) for line in lines))


def _weighted(needs: list[_Need], weights: Sequence[float]) -> list[_Need]:
    """A column that wants more of the spare width (a result beside its plan item) counts its text more;
    one that wants less (weight below 1) also keeps less than a whole name unbroken."""
    if not weights:
        return needs
    weighted = []
    for need, weight in zip(needs, weights, strict=False):
        narrowest = max(MIN_EM + SLACK_EM, need.narrowest * weight) if weight < 1 else need.narrowest
        weighted.append(_Need(narrowest, max(narrowest, need.widest), need.volume * weight))
    return weighted + needs[len(weights) :]


def _shared(needs: Sequence[_Need], room: float) -> list[float]:
    """Each column its narrowest width, then the room left shared by how much text each holds,
    never wider than its widest line (what one column cannot use goes to the others)."""
    widths = [need.narrowest for need in needs]
    open_columns = {i for i, need in enumerate(needs) if need.widest > need.narrowest}
    left = room - sum(widths)
    while left > 0.01 and open_columns:
        volume = sum(needs[i].volume for i in open_columns) or len(open_columns)
        given = 0.0
        for i in sorted(open_columns):
            share = left * ((needs[i].volume or 1) / volume)
            take = min(share, needs[i].widest - widths[i])
            widths[i] += take
            given += take
            if widths[i] >= needs[i].widest - 1e-9:
                open_columns.discard(i)
        left -= given
        if given < 1e-9:
            break
    if left > 0.01:  # every column has all it can use: spread the rest by width
        total = sum(widths)
        widths = [w * room / total for w in widths]
    return widths


def column_widths(layout: TableLayout, columns: int, available_em: float = PRINT_TABLE_EM) -> list[float]:
    """Each column's share of the table width, in per cent (summing to about 100)."""
    labels = _column_labels(layout, columns)
    by_column: list[list[TableCell]] = [[] for _ in range(columns)]
    for row in layout.rows:
        for cell in row:
            if cell.colspan == 1 and not cell.repeated and 0 <= cell.column < columns:
                by_column[cell.column].append(cell)
    needs = _weighted([_need(cells, label) for cells, label in zip(by_column, labels, strict=True)], layout.weights)
    room = available_em - CELL_PADDING_EM * columns
    least = sum(need.narrowest for need in needs)
    # When not even the names fit, they shrink alike.
    widths = [need.narrowest * room / least for need in needs] if least >= room else _shared(needs, room)
    padded = [w + CELL_PADDING_EM for w in widths]
    total = sum(padded)
    return [round(100 * w / total, 2) for w in padded]


def _column_labels(layout: TableLayout, columns: int) -> list[str]:
    """The header label over each grid column (a merged header counts for each of its columns)."""
    labels: list[str] = []
    for label, span, _ in layout.header:
        labels.extend([label] if span == 1 else [""] * span)
    return (labels + [""] * columns)[:columns]
