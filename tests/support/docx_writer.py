"""A plan written as an agency would type it in Word (python-docx): numbering typed as text in Normal
paragraphs (壹、 一、 (一) 1.), merged cells for 要項 / 重點 (``w:vMerge``, ``w:gridSpan``), the header
row marked to repeat on every page, 標楷體 runs, a header holding 「[在此鍵入]」 and a footer with
PAGE / NUMPAGES fields."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from build_scripts.plan.model import Block, ItemLike, ListBlock, Numbering, Plan, Table, TermList
from build_scripts.render.metadata import metadata_entries
from build_scripts.render.outline import cell_blocks, item_entries, plan_section_labels
from build_scripts.render.tables import layout_table

FONT = "標楷體"


def _kaiti(paragraph: Paragraph) -> None:
    for run in paragraph.runs:
        fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), FONT)


def _typed(label: str) -> str:
    """A typed label as agencies type it; a label without punctuation gets a tab after it."""
    return label + ("\t" if label and label[-1].isdigit() else "")


def _paragraph(container, text: str, label: str = "", term: str | None = None) -> Paragraph:
    paragraph = container.add_paragraph()
    if label:
        paragraph.add_run(_typed(label))
    if term:
        paragraph.add_run(term + ("：" if text else "")).bold = True
    lines = text.split("\n")
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        if index < len(lines) - 1:
            run.add_break()
    _kaiti(paragraph)
    return paragraph


def _field(paragraph: Paragraph, instruction: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def plan_docx(plan: Plan, path: Path) -> Path:
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "[在此鍵入]"
    footer = section.footer.paragraphs[0]
    footer.add_run("第 ")
    _field(footer, "PAGE")
    footer.add_run(" 頁，共 ")
    _field(footer, "NUMPAGES")
    footer.add_run(" 頁")

    title = _paragraph(document, plan.title)
    title.runs[0].bold = True
    for term, value in metadata_entries(plan, None):
        _paragraph(document, f"{term}：{value}")
    for section_, label in zip(plan.sections, plan_section_labels(plan.sections), strict=True):
        if section_.heading:
            _paragraph(document, label + section_.heading)
            _blocks(document, section_.blocks)
        else:
            _blocks(document, section_.blocks, label)
    document.save(str(path))
    return path


def _blocks(container, blocks: Sequence[Block], label: str = "") -> None:
    for index, block in enumerate(blocks):
        lead = label if index == 0 else ""
        if isinstance(block, str):
            _paragraph(container, block, lead)
        elif isinstance(block, ListBlock):
            if lead:
                _paragraph(container, "", lead)
            _items(container, block.items, block.numbering)
        elif isinstance(block, TermList):
            for entry in block.terms:
                _paragraph(container, entry.description, term=entry.term)
        elif isinstance(block, Table):
            _table(container, block)


def _items(container, items: Sequence[ItemLike], style: Numbering) -> None:
    for entry in item_entries(items, style):
        _paragraph(container, entry.text or "", entry.label, entry.term)
        _blocks(container, entry.blocks)
        _items(container, entry.children, entry.child_style)


def _table(container, block: Table) -> None:
    layout = layout_table(block, "t")
    width = len(block.columns)
    rows = len(layout.rows) + (1 if layout.header else 0)
    table = container.add_table(rows=rows, cols=width)
    table.style = "Table Grid"
    offset = 0
    if layout.header:
        offset = 1
        column = 0
        for label, span, _ in layout.header:
            cell = table.cell(0, column)
            if span > 1:
                cell = cell.merge(table.cell(0, column + span - 1))
            cell.paragraphs[0].add_run(label)
            column += span
        header_row = table.rows[0]._tr.get_or_add_trPr()
        header_row.append(OxmlElement("w:tblHeader"))
    taken: set[tuple[int, int]] = set()
    for r, cells in enumerate(layout.rows):
        column = 0
        for cell in cells:
            while (r, column) in taken:
                column += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, column + dc))
            target = table.cell(r + offset, column)
            if cell.rowspan > 1 or cell.colspan > 1:
                target = target.merge(table.cell(r + offset + cell.rowspan - 1, column + cell.colspan - 1))
            _cell(target, cell.content, cell.label)
            column += cell.colspan


def _cell(target: _Cell, content: object, label: str) -> None:
    first = target.paragraphs[0]
    if content is None or isinstance(content, str):
        if label:
            first.add_run(_typed(label))
        lines = (content or "").split("\n")
        for index, line in enumerate(lines):
            run = first.add_run(line)
            if index < len(lines) - 1:
                run.add_break()
        _kaiti(first)
        return
    first._p.getparent().remove(first._p)
    _blocks(target, cell_blocks(content), label)  # type: ignore[arg-type]
