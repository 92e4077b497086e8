"""Plan → OpenDocument text (ODT) with odfpy: a pure render function.

Same content and order as the web plan page (``templates/plan.md.j2``): the title, the metadata
block, then every section with real headings (``text:h`` with an outline level), paragraphs,
numbered lists whose labels are derived exactly as on the web page (``render.outline``), and
hierarchical tables laid out by ``render.tables.layout_table`` (header row repeated on every
page, merged cells with ``table:covered-table-cell`` in the covered slots).

Text from YAML is text: it only ever becomes XML text nodes (odfpy escapes them), a line break
becomes ``text:line-break``, a tab ``text:tab`` and runs of spaces ``text:s``, so what comes back
out of the document is what was typed. Dates in the metadata come from the plan, never the clock.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from odf import dc, meta
from odf.opendocument import OpenDocumentText
from odf.style import Style, TableColumnProperties, TableProperties

from ..plan.model import Block, ItemLike, ListBlock, Numbering, Plan, Table, TermList
from ..render.columns import column_widths
from ..render.metadata import keywords, metadata_entries
from ..render.outline import cell_blocks, hanging_indent, item_entries, labelled_blocks, plan_section_labels
from ..render.tables import TableCell, TableLike, layout_table
from . import body as odt_body
from .body import BodyElement
from .package import new_document, package_bytes
from .styles import (
    CELL_STYLE,
    HEAD_CELL_STYLE,
    LABEL_STYLE,
    LIST_STYLE,
    TERM_STYLE,
    TEXT_WIDTH_CM,
    add_styles,
    hanging_list_style,
)

SUBJECT = "提升服務計畫"
FONT_PT = 12.0  # the text size of lists (styles.py): a hanging indent in em times this
LIST_INDENT_PT = 24.0  # a list without labels steps in this much
CM_PER_EM = FONT_PT / 72 * 2.54
LANGUAGE = "zh-TW"

# Characters XML 1.0 cannot carry at all (not even as references): dropped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render_odt(plan: Plan, metadata: Sequence[tuple[str, str]] = ()) -> bytes:
    """The plan as an ODT document (bytes), identical for identical input; ``metadata`` (``DC.Title``
    … pairs): the Dublin Core elements ODF has no element for go into meta.xml as document properties."""
    document = _Builder(plan, plan.updated).build()
    add_dublin_core(document, metadata)
    return package_bytes(document, plan.updated or plan.published)


def add_dublin_core(document: OpenDocumentText, metadata: Sequence[tuple[str, str]]) -> None:
    """The Dublin Core elements meta.xml has no element for, as user-defined document properties."""
    written = {node.qname[1] for node in document.meta.childNodes if node.qname[0] == DC_NAMESPACE}
    for name, value in metadata:
        if name.startswith("DC.") and name.removeprefix("DC.").lower() not in written:
            document.meta.addElement(meta.UserDefined(name=name, valuetype="string", text=_clean(value)))


# meta.xml holds six Dublin Core elements as such (ODF 1.2, 4.3: title, description, subject,
# creator, date, language); the others, and a date that is only a year, are user-defined properties.
DC_NAMESPACE = "http://purl.org/dc/elements/1.1/"


# --- text --------------------------------------------------------------------


def _clean(value: str) -> str:
    return _NOT_XML.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def _add_text(target: BodyElement, value: str) -> None:
    """Append text: "\\n" → text:line-break, "\\t" → text:tab, runs of spaces → text:s."""
    if value:
        odt_body.add_text(target, _clean(value))


def _element(qname: odt_body.QName, style: str) -> BodyElement:
    return BodyElement(qname, {odt_body.STYLE_NAME: style})


def heading_element(text: str, level: int, style: str) -> BodyElement:
    """A heading with an outline level (text:h)."""
    h = BodyElement(odt_body.H, {odt_body.OUTLINE_LEVEL: str(level), odt_body.STYLE_NAME: style})
    _add_text(h, text)
    return h


def term_paragraph(style: str, term: str, value: str) -> BodyElement:
    """「term：」 in bold, then the value (the metadata block's lines)."""
    p = _element(odt_body.P, style)
    strong = _element(odt_body.SPAN, TERM_STYLE)
    strong.addText(f"{term}：")
    p.addElement(strong)
    _add_text(p, value)
    return p


def _paragraph(style: str, value: str = "", label: str = "", term: str | None = None, hanging: bool = False) -> BodyElement:
    """A paragraph: its label (一、), its term in bold (服務便捷化：), then its text. In a list with a
    hanging indent a tab follows the label, so the text starts where wrapped lines do."""
    p = _element(odt_body.P, style)
    if label:
        span = _element(odt_body.SPAN, LABEL_STYLE)
        _add_text(span, label)
        p.addElement(span)
        if hanging:
            p.addElement(BodyElement(odt_body.TAB))
    if term:
        strong = _element(odt_body.SPAN, TERM_STYLE)
        _add_text(strong, term + ("：" if value else ""))
        p.addElement(strong)
    _add_text(p, value)
    return p


def _add_metadata(doc: OpenDocumentText, plan: Plan, updated: dt.date | None) -> None:
    doc.meta.addElement(dc.Title(text=_clean(plan.title)))
    doc.meta.addElement(dc.Description(text=_clean(f"{plan.agency.name}｜{plan.title}")))
    doc.meta.addElement(dc.Subject(text=SUBJECT))
    for word in keywords(plan):
        doc.meta.addElement(meta.Keyword(text=_clean(word)))
    doc.meta.addElement(meta.InitialCreator(text=_clean(plan.agency.name)))
    doc.meta.addElement(dc.Creator(text=_clean(plan.agency.name)))
    created = plan.published or updated
    if created:
        doc.meta.addElement(meta.CreationDate(text=f"{created.isoformat()}T00:00:00"))
    modified = updated or plan.published
    if modified:
        doc.meta.addElement(dc.Date(text=f"{modified.isoformat()}T00:00:00"))
    doc.meta.addElement(dc.Language(text=LANGUAGE))
    # The plan's ids, as document properties: `plansite import` of this file gives the same plan back.
    for name, value in (("plansite:plan-id", plan.id), ("plansite:agency-id", plan.agency.id)):
        doc.meta.addElement(meta.UserDefined(name=name, valuetype="string", text=value))


# --- content -----------------------------------------------------------------


class _Builder:
    def __init__(self, plan: Plan, updated: dt.date | None) -> None:
        self.plan = plan
        self.updated = updated
        self.tables = 0
        self.column_styles: dict[str, str] = {}
        self.list_styles: set[str] = set()
        self.doc = new_document()

    def build(self) -> OpenDocumentText:
        plan, doc = self.plan, self.doc
        add_styles(doc)
        _add_metadata(doc, plan, self.updated)
        body = doc.text

        body.addElement(heading_element(plan.title, 1, "Title"))
        for term, value in metadata_entries(plan):
            body.addElement(term_paragraph("Plan_20_Meta", term, value))

        for index, (section, label) in enumerate(zip(plan.sections, plan_section_labels(plan.sections), strict=True), start=1):
            prefix = f"table-{index}-"
            if section.heading:
                body.addElement(heading_element(label + section.heading, 2, "Heading_20_2"))
                self.blocks(body, section.blocks, section.heading, prefix, "Text_20_body")
            else:
                self.blocks(body, section.blocks, "", prefix, "Text_20_body", label)
        return doc

    def blocks(
        self,
        parent: BodyElement,
        blocks: Sequence[Block],
        caption: str,
        table_prefix: str,
        style: str,
        label: str = "",
    ) -> None:
        for lead, block, number in labelled_blocks(blocks, label):
            if block is None or isinstance(block, str):
                parent.addElement(_paragraph(style, block or "", lead))
            elif isinstance(block, ListBlock):
                _ListWriter(self, parent, style, f"{table_prefix}{number}-").write(block.items, block.numbering)
            elif isinstance(block, Table):
                self.table(parent, block, block.caption or caption, f"{table_prefix}{number}")
            elif isinstance(block, TermList):
                for entry in block.terms:
                    parent.addElement(_paragraph(style, entry.description, term=entry.term))

    def list_style(self, level: int, start_pt: float, indent_pt: float) -> str:
        style = hanging_list_style(level, start_pt, indent_pt)
        name = str(style.getAttribute("name"))
        if name not in self.list_styles:
            self.list_styles.add(name)
            self.doc.automaticstyles.addElement(style)
        return name

    def column_style(self, width_cm: float) -> str:
        """A column style of this width (shared by columns of the same width)."""
        key = f"{width_cm:.2f}"
        name = self.column_styles.get(key)
        if name is None:
            name = f"Plan_20_Column_20_{len(self.column_styles) + 1}"
            s = Style(name=name, family="table-column")
            s.addElement(TableColumnProperties(columnwidth=f"{key}cm"))
            self.doc.automaticstyles.addElement(s)
            self.column_styles[key] = name
        return name

    def table(self, parent: BodyElement, block: TableLike, caption: str, table_id: str) -> None:
        layout = layout_table(block, table_id)
        width = len(block.columns)
        self.tables += 1
        if caption:
            parent.addElement(_paragraph("Table", caption))

        table_style = f"Plan_20_Table_20_{self.tables}"
        s = Style(name=table_style, family="table")
        s.addElement(TableProperties(width=f"{TEXT_WIDTH_CM}cm", align="margins", maybreakbetweenrows="true"))
        self.doc.automaticstyles.addElement(s)

        grid = BodyElement(odt_body.TABLE, {odt_body.TABLE_NAME: f"表格{self.tables}", odt_body.TABLE_STYLE_NAME: table_style})
        # Widths from the content, as in print: no unit name broken (render/columns.py).
        for share in column_widths(layout, width, TEXT_WIDTH_CM / CM_PER_EM):
            column_style = self.column_style(TEXT_WIDTH_CM * share / 100)
            grid.addElement(BodyElement(odt_body.TABLE_COLUMN, {odt_body.TABLE_STYLE_NAME: column_style}))
        if layout.header:
            grid.addElement(self.header_rows(layout.header))
        for row in self.grid_rows(layout.rows, width):
            grid.addElement(row)
        parent.addElement(grid)

    def header_rows(self, header: Sequence[tuple[str, int, str]]) -> BodyElement:
        """The column labels, repeated on every page the table reaches."""
        rows = BodyElement(odt_body.TABLE_HEADER_ROWS)
        row = BodyElement(odt_body.TABLE_ROW)
        for label, span, _id in header:
            cell = self.cell(HEAD_CELL_STYLE, 1, span)
            cell.addElement(_paragraph("Table_20_Heading", label))
            row.addElement(cell)
            for _ in range(span - 1):
                row.addElement(BodyElement(odt_body.COVERED_CELL))
        rows.addElement(row)
        return rows

    def grid_rows(self, rows: Sequence[Sequence[TableCell]], width: int) -> list[BodyElement]:
        """ODF wants the full grid: each slot a cell, or a covered cell under a span."""
        covered: set[tuple[int, int]] = set()
        result = []
        for r, cells in enumerate(rows):
            row = BodyElement(odt_body.TABLE_ROW)
            queue = list(cells)
            for c in range(width):
                if (r, c) in covered:
                    row.addElement(BodyElement(odt_body.COVERED_CELL))
                    continue
                if not queue:  # defensive: a short row is padded with empty cells
                    row.addElement(self.cell(CELL_STYLE, 1, 1))
                    continue
                cell = queue.pop(0)
                colspan = max(1, min(cell.colspan, width - c))
                rowspan = max(1, min(cell.rowspan, len(rows) - r))
                covered.update((r + dr, c + dc_) for dr in range(rowspan) for dc_ in range(colspan) if dr or dc_)
                element_ = self.cell(CELL_STYLE, rowspan, colspan)
                self.cell_content(element_, cell)
                row.addElement(element_)
            result.append(row)
        return result

    @staticmethod
    def cell(style: str, rowspan: int, colspan: int) -> BodyElement:
        attributes = {odt_body.TABLE_STYLE_NAME: style, odt_body.VALUE_TYPE: "string"}
        if rowspan > 1:
            attributes[odt_body.ROWS_SPANNED] = str(rowspan)
        if colspan > 1:
            attributes[odt_body.COLUMNS_SPANNED] = str(colspan)
        return BodyElement(odt_body.TABLE_CELL, attributes)

    def cell_content(self, target: BodyElement, cell: TableCell) -> None:
        content = cell.content
        if isinstance(content, str) or not content:  # text, or nothing: one paragraph
            target.addElement(_paragraph("Table_20_Contents", content if isinstance(content, str) else "", cell.label))
        else:
            self.blocks(target, cell_blocks(list(content)), "", cell.id + "-", "Table_20_Contents", cell.label)


class _ListWriter:
    """Writes a list as nested ``text:list`` elements into ``parent``.

    ODF does not allow a table inside a list item, so a table written under an item closes the
    open lists, goes into ``parent`` itself, and the list goes on in a new ``text:list`` (labels
    are text, so numbering reads on unbroken)."""

    def __init__(self, builder: _Builder, parent: BodyElement, style: str, table_prefix: str) -> None:
        self.builder = builder
        self.parent = parent
        self.style = style
        self.table_prefix = table_prefix
        self.lists: list[BodyElement] = []  # the open list at each level
        self.items: list[BodyElement] = []  # the current item at each level
        self.starts: list[float] = [0.0]  # where each level's labels start (pt from the margin)
        self.styles: dict[int, str] = {}  # each level's list style

    def write(self, items: Sequence[ItemLike], numbering: Numbering, level: int = 0) -> None:
        entries = item_entries(items, numbering)
        indent = hanging_indent(entries) * FONT_PT
        del self.starts[level + 1 :]
        self.starts.append(self.starts[level] + (indent or LIST_INDENT_PT))
        self.styles[level] = self.builder.list_style(level + 1, self.starts[level], indent) if indent else LIST_STYLE
        for index, entry in enumerate(entries, start=1):
            item = self._new_item(level)
            if entry.label or entry.text is not None or entry.term:
                item.addElement(_paragraph(self.style, entry.text or "", entry.label, entry.term, hanging=bool(indent)))
            for _, block, number in labelled_blocks(entry.blocks, ""):
                self._under_item(block, level, f"{self.table_prefix}{level}-{index}-{number}")
            if entry.children:
                self.write(entry.children, entry.child_style, level + 1)

    def _under_item(self, block: Block | None, level: int, table_id: str) -> None:
        if isinstance(block, str):
            self._item(level).addElement(_paragraph(self.style, block))
        elif isinstance(block, ListBlock):
            self.write(block.items, block.numbering, level + 1)
        elif isinstance(block, TermList):
            for entry in block.terms:
                self._item(level).addElement(_paragraph(self.style, entry.description, term=entry.term))
        elif isinstance(block, Table):
            self.lists.clear()
            self.items.clear()
            self.builder.table(self.parent, block, block.caption or "", table_id)

    def _open(self, level: int) -> None:
        """Open lists down to ``level``, continuing (with an empty item) where a table broke them."""
        del self.lists[level + 1 :]
        del self.items[level + 1 :]
        while len(self.lists) <= level:
            depth = len(self.lists)
            lst = _element(odt_body.LIST, self.styles.get(depth, LIST_STYLE))
            if depth == 0:
                self.parent.addElement(lst)
            else:
                self._item(depth - 1).addElement(lst)
            self.lists.append(lst)

    def _item(self, level: int) -> BodyElement:
        if len(self.items) <= level:
            self._open(level)
            item = BodyElement(odt_body.LIST_ITEM)
            self.lists[level].addElement(item)
            self.items.append(item)
        return self.items[level]

    def _new_item(self, level: int) -> BodyElement:
        self._open(level)
        del self.items[level:]
        return self._item(level)
