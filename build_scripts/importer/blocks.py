"""Paragraphs and tables of a section (or a table cell) → the plan's blocks: paragraphs, nested
lists with their numbering styles, tables, term lists.

Nesting comes from the word processor's own lists where the file has them (their depth), else from
the typed labels: a new label style opens a deeper list, a style already open goes back to it
(一、 → (一) → 1. → (1) …). A list's style is the style most of its labels have; a label that
differs from the one the style would give (a repeated or skipped number) is kept as the item's
own ``label``, an item without a label in a numbered list gets ``label: ""``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..plan.model import Numbering
from ..plan.numbering import label as derived_label
from ..plan.numbering import next_level
from .labels import SECTION, classify, same_label, split_label
from .source import Grid, Para

TableReader = Callable[[Grid, str], dict[str, Any] | list[str]]
# A paragraph that opens an item's own title (「研提計畫：」, 「服務場所」): the next paragraph continues it.
_TITLE_LIKE = re.compile(r"^.{1,16}[：:]?$")
TERM = re.compile(r"^(?P<term>[^，。、；：:（）()「」\s]{2,12})[：:](?P<text>.+)$", re.S)


@dataclass
class _Item:
    label: str  # as written ("" for none)
    style: Numbering | None
    number: int | None
    text: str | None
    term: str | None = None
    children: _List | None = None
    blocks: list[Any] = field(default_factory=list)


@dataclass
class _List:
    depth: int  # the source's list depth, or 0 for typed labels
    items: list[_Item] = field(default_factory=list)

    @property
    def style(self) -> Numbering:
        styles = Counter(i.style for i in self.items if i.style is not None)
        return styles.most_common(1)[0][0] if styles else Numbering.none


class BlockBuilder:
    """Feed it paragraphs and grids in reading order; ``blocks()`` gives the plan's blocks."""

    def __init__(self, read_table: TableReader, caption: str = "") -> None:
        self.read_table = read_table
        self.caption = caption
        self.out: list[Any] = []  # _List or finished blocks
        self.stack: list[_List] = []
        self.pending_caption: str | None = None

    # --- feeding -------------------------------------------------------------------------------

    def add(self, block: Para | Grid) -> None:
        if isinstance(block, Grid):
            self._close()
            caption = self.pending_caption or self.caption
            self.pending_caption = None
            table = self.read_table(block, caption)
            if isinstance(table, list):
                self.out += table
            else:
                self.out.append(table)
            return
        if block.caption and block.text.strip():
            self.pending_caption = block.text.strip()
            return
        self._flush_caption()
        self._paragraph(block)

    def _flush_caption(self) -> None:
        if self.pending_caption is not None:
            self._close()
            self.out.append(self.pending_caption)
            self.pending_caption = None

    def _paragraph(self, para: Para) -> None:
        label = para.label
        text = para.text
        if not label:
            label, text = split_label(text)
        style, number = classify(label) if label else (None, None)
        if style == SECTION:  # 壹、 inside a section: not a list label
            label, text, style, number = "", para.label + para.text, None, None
        text = text.strip(" \u3000")
        if label and isinstance(style, Numbering):
            self._item(para, label, style, number, text)
        elif para.depth and self.stack and para.item_start:
            self._item(para, "", None, None, text)  # an unlabelled item of a word-processor list
        elif self.stack and (para.depth or self._continues(text)):
            self._continue(para, text)
        elif text:
            self._close()
            self.out.append(text)

    def _continues(self, text: str) -> bool:
        """In typed text: a paragraph right after an item whose text is only a title continues it."""
        last = self.stack[-1].items[-1] if self.stack and self.stack[-1].items else None
        return bool(last and not last.children and not last.blocks and last.text and _TITLE_LIKE.match(last.text) and text)

    def _continue(self, para: Para, text: str) -> None:
        item = self.stack[-1].items[-1]
        if para.depth or item.children or item.blocks:
            item.blocks.append(text)
        else:
            item.text = f"{item.text}\n{text}" if item.text else text

    def _item(self, para: Para, label: str, style: Numbering | None, number: int | None, text: str) -> None:
        level = self._level(style, para.depth)
        del self.stack[level + 1 :]
        if level == len(self.stack):
            lst = _List(para.depth)
            if self.stack and self.stack[-1].items:
                self.stack[-1].items[-1].children = lst
            else:
                self._close()
                self.out.append(lst)
            self.stack.append(lst)
        term, text_part = _term(para, text)
        self.stack[level].items.append(_Item(label, style, number, text_part, term))

    def _level(self, style: Numbering | None, depth: int) -> int:
        if depth:
            for index, lst in enumerate(self.stack):
                if lst.depth == depth:
                    return index
            return len(self.stack)
        for index, lst in enumerate(self.stack):
            if style is not None and style == lst.style:
                return index
        return len(self.stack)

    def _close(self) -> None:
        self.stack.clear()

    # --- result --------------------------------------------------------------------------------

    def blocks(self) -> list[Any]:
        self._flush_caption()
        built = [_list_block(b) if isinstance(b, _List) else b for b in self.out]
        return [b for b in built if b is not None]


def _term(para: Para, text: str) -> tuple[str | None, str | None]:
    """An item opening with a bold term (「服務便捷化：透過…」) → (term, text)."""
    bold = para.bold.strip()
    if bold.endswith(("：", ":")) and text.startswith(bold) and len(text) > len(bold):
        return bold[:-1].strip(), (text[len(bold) :].strip() or None)
    return None, text or None


def _list_block(lst: _List) -> dict[str, Any] | None:
    """The list as a block; None when none of its items holds anything (a label and nothing after it)."""
    style = lst.style
    block: dict[str, Any] = {}
    if style is not Numbering.cjk:
        block["numbering"] = style.value
    block["items"] = _items(lst, style)
    return block if block["items"] else None


def _empty(item: _Item) -> bool:
    return (
        item.text is None and item.term is None and not item.blocks and (item.children is None or not _has_content(item.children))
    )


def _has_content(lst: _List) -> bool:
    return any(not _empty(item) for item in lst.items)


def _items(lst: _List, style: Numbering) -> list[Any]:
    items: list[Any] = []
    count = 0
    for item in lst.items:
        if _empty(item):
            continue
        own: str | None = None
        if not item.label:
            own = "" if style not in (Numbering.none, Numbering.bullet) else None
        else:
            count += 1
            if not same_label(item.label, derived_label(style, count)):
                own = item.label
        items.append(_item_data(item, style, own))
    return items


def _item_data(item: _Item, style: Numbering, own: str | None) -> Any:
    child_style = item.children.style if item.children else None
    if own is None and item.term is None and not item.blocks and item.children is None and item.text is not None:
        return item.text
    data: dict[str, Any] = {}
    if item.term is not None:
        data["term"] = item.term
    if item.text is not None:
        data["text"] = item.text
    if own is not None:
        data["label"] = own
    if child_style is not None and child_style is not next_level(style):
        data["numbering"] = child_style.value
    if item.blocks:
        data["blocks"] = item.blocks
    if item.children is not None and child_style is not None and _has_content(item.children):
        data["items"] = _items(item.children, child_style)
    return data
