"""A document's outline: which paragraphs open its sections, and the table of contents to skip.

Sections open with whatever the document's top level is: 壹、 (typed or Word's numbering), a heading
style, or, when neither is there, the first label style the document uses at its outermost level and
uses again (一、 typed or numbered by Word, or Word's bullets: a 施政目標與重點 written as bullets). The
levels below it are the lists of each section.

A table of contents (「目錄」 and lines that end with a page number after dot leaders or a tab, or
Word's 「toc」 styled paragraphs) lists the sections again: it is skipped, page numbers and all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .labels import SECTION, classify, split_label
from .source import Grid, Para

# 「壹、計畫依據……1」, 「一、計畫緣起\t3」, 「第一章 總說明 ........ 5」
_ENTRY = re.compile(r"^(?P<text>\S.*?)(?:[.．。…‥·‧⋯_\-]{3,}|\t+| {2,}|[.．…⋯]{2,} *)\s*(?P<page>\d{1,3})$")
_CONTENTS = re.compile(r"^目[ \u3000]*(錄|次)$")


def is_contents_entry(text: str) -> bool:
    return bool(_ENTRY.match(text.strip()))


def drop_contents(blocks: list[Para | Grid]) -> tuple[list[Para | Grid], int]:
    """The blocks without the table of contents; and how many paragraphs it had (0: none)."""
    out: list[Para | Grid] = []
    dropped = 0
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if isinstance(block, Para) and (block.contents or _CONTENTS.match(block.text.strip())):
            run = index + 1
            while run < len(blocks) and _entry(blocks[run]):
                run += 1
            if block.contents or run - index > 2:
                dropped += run - index
                index = run
                continue
        if _entry(block):
            run = index
            while run < len(blocks) and _entry(blocks[run]):
                run += 1
            if run - index >= 3:  # three lines ending with page numbers: a table of contents
                dropped += run - index
                index = run
                continue
        out.append(block)
        index += 1
    return out, dropped


def _entry(block: Any) -> bool:
    return isinstance(block, Para) and (block.contents or is_contents_entry(block.text))


Key = tuple[Any, int]


def _key(para: Para) -> Key | None:
    label = para.label or split_label(para.text)[0]
    style = classify(label)[0] if label else None
    return (style, para.depth) if style is not None else None


def _typed_sections(block: Para | Grid) -> bool:
    if not isinstance(block, Para):
        return False
    if block.heading is not None and block.heading >= 1:
        return True
    label = block.label or split_label(block.text)[0]
    return bool(label) and classify(label)[0] == SECTION


def section_test(blocks: list[Para | Grid]) -> Callable[[Para | Grid], bool]:
    """Which blocks open a section: see the module's description."""
    paras = [b for b in blocks if isinstance(b, Para)]
    if any(_typed_sections(p) for p in paras):
        return _typed_sections
    keys = [_key(p) for p in paras]
    for key in keys:
        if key is not None and keys.count(key) >= 2:
            return lambda block: isinstance(block, Para) and _key(block) == key
    return lambda block: False
