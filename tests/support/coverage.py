"""How much of a source document's text a published page carries, in order.

The source's text is every paragraph and table cell of the DOCX as written (python-docx), less what is
not the plan's text: the table of contents (「目錄」 and its entries), the header and footer (they are
not in the body), and the labels that open a paragraph or a cell (一、 （一） 1. ●: the page prints its
own, derived from the structure). Both texts are compared without white space, with full-width brackets
as half-width ones and without colons (「壹、計畫依據：」 is published as a heading). The coverage is the
share of the source's characters that appear in the page's text in the same order (the matching blocks
of difflib's SequenceMatcher, a lower bound of the longest common subsequence): text lost, moved out of
order or garbled (a cell's lines interleaved) lowers it; labels and page furniture added by the page do not.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from build_scripts.importer.labels import split_label
from build_scripts.importer.section_openings import is_contents_entry

from . import fidelity


def _blocks(document) -> Iterator[Paragraph | Table]:
    body = document.element.body
    for child in body.iterchildren():
        if child.tag.endswith("}p"):
            yield Paragraph(child, document)
        elif child.tag.endswith("}tbl"):
            yield Table(child, document)


def _unlabelled(text: str) -> str:
    return split_label(text.strip())[1]


def source_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts: list[str] = []
    for block in _blocks(document):
        if isinstance(block, Paragraph):
            text = block.text.strip()
            if text in ("目錄", "目次") or is_contents_entry(text):
                continue
            parts.append(_unlabelled(text))
        else:
            seen: list = []  # lxml elements: the same element is the same proxy while it is referenced
            for row in block.rows:
                for cell in row.cells:
                    if any(cell._tc is tc for tc in seen):  # a merged cell is listed once per grid position
                        continue
                    seen.append(cell._tc)
                    parts += [_unlabelled(p.text) for p in cell.paragraphs]
    return "\n".join(parts)


def coverage(source: str, published: str) -> float:
    wanted, found = fidelity.normalise(source), fidelity.normalise(published)
    if not wanted:
        return 1.0
    matcher = difflib.SequenceMatcher(None, wanted, found, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(wanted)
