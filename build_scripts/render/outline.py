"""The reading order of a plan's text: labels of sections and items, and where a label goes.

Shared by every output (web page, print, ODT), so each numbers and places labels the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from ..plan.model import Block, CellContent, Item, ItemLike, Numbering, Section
from ..plan.numbering import labels, next_level, section_labels


class Entry(NamedTuple):
    """One item of a list, as shown: its label, its term and text, what is written under it, its sub-items."""

    label: str
    text: str | None
    children: Sequence[ItemLike]
    child_style: Numbering
    term: str | None = None
    blocks: Sequence[Block] = ()


def item_entries(items: Sequence[ItemLike], style: Numbering) -> list[Entry]:
    """Each item of a list with its derived label and the numbering style of its sub-items."""
    own = [i.label if isinstance(i, Item) else None for i in items]
    entries = []
    for item, lab in zip(items, labels(style, own), strict=True):
        if isinstance(item, str):
            entries.append(Entry(lab, item, [], next_level(style)))
        else:
            child_style = item.numbering or next_level(style)
            entries.append(Entry(lab, item.text, item.items, child_style, item.term, item.blocks))
    return entries


def plan_section_labels(sections: Sequence[Section]) -> list[str]:
    return section_labels(s.label for s in sections)


class Placed(NamedTuple):
    """A block and the label printed at its start ("" for none)."""

    label: str
    block: Block | None  # None: the label stands alone on a line of its own
    number: int  # the block's position among its siblings, from 1 (0 for a label alone)


def labelled_blocks(blocks: Sequence[Block], label: str) -> list[Placed]:
    """Each block with the label printed at its start.

    A label goes before the first paragraph; when the blocks do not open with a paragraph, the
    label stands alone on a line of its own first."""
    placed = [Placed("", block, number) for number, block in enumerate(blocks, start=1)]
    if not label:
        return placed
    if blocks and isinstance(blocks[0], str):
        return [placed[0]._replace(label=label), *placed[1:]]
    return [Placed(label, None, 0), *placed]


def cell_blocks(content: CellContent | None) -> list[Block]:
    """A table cell's content as blocks (a text cell is one paragraph)."""
    if content is None:
        return []
    return [content] if isinstance(content, str) else list(content)


def label_width(label: str) -> float:
    """A label's width in em: a CJK character is one em, a half-width one about half."""
    return sum(1.0 if ord(char) > 0x2E80 else 0.55 for char in label)


def hanging_indent(entries: Sequence[Entry]) -> float:
    """The hanging indent a list needs so wrapped lines align after its widest label, in em: from
    1.5 to 4, in steps of 0.5 (0 for a list without labels)."""
    widest = max((label_width(e.label) for e in entries if e.label), default=0.0)
    if not widest:
        return 0.0
    steps = min(max(int(-(-(widest + 0.3) // 0.5)), 3), 8)  # ceil to 0.5 em, with a small gap
    return steps / 2


def indent_class(entries: Sequence[Entry]) -> str:
    """The list's class for its hanging indent: plan-indent-15 … plan-indent-40 (tenths of an em)."""
    indent = hanging_indent(entries)
    return f"plan-indent-{int(indent * 10)}" if indent else ""
