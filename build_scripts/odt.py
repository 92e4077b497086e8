"""Plan → OpenDocument text (ODT) with odfpy: a pure render function.

Same content and order as the web plan page (``templates/plan.md.j2``): the
title, the metadata block, then every section with real headings (``text:h``
with an outline level), paragraphs, numbered lists whose labels are derived
exactly as on the web page (``render.item_entries``), and hierarchical tables
laid out by ``render.layout_table`` (header row repeated on every page, merged
cells with ``table:covered-table-cell`` in the covered slots).

Text from YAML is text: it only ever becomes XML text nodes (odfpy escapes
them), a line break becomes ``text:line-break``, a tab ``text:tab`` and runs of
spaces ``text:s``, so what comes back out of the document is what was typed.

The output is reproducible: the same plan gives the same bytes on every call.
Dates in the metadata come from the plan, never the clock; the zip entries get
a fixed timestamp; and the namespace declarations, which odfpy keeps in one
process-wide dict (so they would depend on whatever odfpy did before), are
fixed while writing.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import threading
import zipfile
from collections.abc import Sequence

from odf import dc, element, meta, teletype
from odf import table as odftable
from odf.namespaces import nsdict
from odf.opendocument import OpenDocumentText
from odf.style import (
    DefaultStyle,
    FontFace,
    Footer,
    ListLevelLabelAlignment,
    ListLevelProperties,
    MasterPage,
    PageLayout,
    PageLayoutProperties,
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableProperties,
    TextProperties,
)
from odf.text import H, List, ListItem, ListLevelStyleNumber, ListStyle, P, PageNumber, Span

from .dates import roc_date, roc_year_label
from .model import Block, Item, ListBlock, Numbering, Plan, Table
from .pdf import keywords
from .render import TableCell, document_line, issued_line, item_entries, layout_table, section_labels

FONT = "Noto Sans CJK TC"
SUBJECT = "提升服務計畫"
LANGUAGE = "zh-TW"

PAGE_WIDTH_CM = 21.0
PAGE_MARGIN_CM = 2.0
TEXT_WIDTH_CM = PAGE_WIDTH_CM - 2 * PAGE_MARGIN_CM
LIST_INDENT_CM = 0.85
LIST_LEVELS = 10

# Characters XML 1.0 cannot carry at all (not even as references): dropped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can carry

# odfpy's namespace declarations are a class attribute shared by every element
# in the process; writing swaps it for a fixed dict, one document at a time.
_WRITE_LOCK = threading.Lock()


def render_odt(plan: Plan, updated: dt.date | None = None) -> bytes:
    """The plan as an ODT document (bytes), identical for identical input."""
    last_updated = updated or plan.updated
    document = _Builder(plan, last_updated).build()
    return _reproducible_zip(_write(document), last_updated or plan.published)


# --- text --------------------------------------------------------------------


def _clean(value: str) -> str:
    return _NOT_XML.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def _add_text(target: element.Element, value: str) -> None:
    """Append text: "\\n" → text:line-break, "\\t" → text:tab, runs of spaces → text:s."""
    if value:
        teletype.addTextToElement(target, _clean(value))


def _paragraph(style: str, value: str = "", label: str = "") -> P:
    p = P(stylename=style)
    if label:
        span = Span(stylename="Plan_20_Label")
        _add_text(span, label)
        p.addElement(span)
    _add_text(p, value)
    return p


# --- styles ------------------------------------------------------------------


def _text_props(size: str | None = None, bold: bool = False, **extra: str) -> TextProperties:
    props: dict[str, str] = {}
    if size:
        props.update(fontsize=size, fontsizeasian=size, fontsizecomplex=size)
    if bold:
        props.update(fontweight="bold", fontweightasian="bold", fontweightcomplex="bold")
    props.update(extra)
    return TextProperties(**props)


def _add_styles(doc: OpenDocumentText) -> None:
    doc.fontfacedecls.addElement(
        FontFace(name=FONT, fontfamily=f"'{FONT}'", fontfamilygeneric="swiss", fontpitch="variable")
    )

    default = DefaultStyle(family="paragraph")
    default.addElement(ParagraphProperties(writingmode="lr-tb"))
    default.addElement(
        _text_props(
            "12pt",
            fontname=FONT,
            fontnameasian=FONT,
            fontnamecomplex=FONT,
            language="zh",
            country="TW",
            languageasian="zh",
            countryasian="TW",
        )
    )
    doc.styles.addElement(default)

    def paragraph_style(name, display, parent=None, paragraph=None, text=None, **attrs):
        s = Style(name=name, displayname=display, family="paragraph", **attrs)
        if parent:
            s.setAttribute("parentstylename", parent)
        if paragraph:
            s.addElement(ParagraphProperties(**paragraph))
        if text is not None:
            s.addElement(text)
        doc.styles.addElement(s)

    paragraph_style("Standard", "Standard", attributes={"class": "text"})
    paragraph_style(
        "Heading",
        "Heading",
        "Standard",
        {"margintop": "0.42cm", "marginbottom": "0.21cm", "keepwithnext": "always"},
        _text_props("14pt", bold=True),
        nextstylename="Text_20_body",
        attributes={"class": "text"},
    )
    paragraph_style(
        "Title",
        "Title",
        "Heading",
        {"textalign": "center"},
        _text_props("20pt", bold=True),
        nextstylename="Text_20_body",
        defaultoutlinelevel="1",
        attributes={"class": "chapter"},
    )
    paragraph_style(
        "Heading_20_2",
        "Heading 2",
        "Heading",
        None,
        _text_props("16pt", bold=True),
        nextstylename="Text_20_body",
        defaultoutlinelevel="2",
        attributes={"class": "text"},
    )
    paragraph_style(
        "Text_20_body",
        "Text body",
        "Standard",
        {"marginbottom": "0.2cm", "lineheight": "130%"},
        attributes={"class": "text"},
    )
    paragraph_style("Plan_20_Meta", "Plan Meta", "Text_20_body", {"marginbottom": "0.1cm"}, attributes={"class": "text"})
    paragraph_style("Table_20_Contents", "Table Contents", "Standard", attributes={"class": "extra"})
    paragraph_style(
        "Table_20_Heading",
        "Table Heading",
        "Table_20_Contents",
        {"textalign": "center"},
        _text_props(bold=True),
        attributes={"class": "extra"},
    )
    paragraph_style(
        "Caption",
        "Caption",
        "Standard",
        {"margintop": "0.21cm", "marginbottom": "0.21cm"},
        _text_props(bold=True),
        attributes={"class": "extra"},
    )
    paragraph_style("Table", "Table", "Caption", {"keepwithnext": "always"}, attributes={"class": "extra"})
    paragraph_style("Footer", "Footer", "Standard", {"textalign": "center"}, _text_props("10pt"), attributes={"class": "extra"})

    for name, display in (("Plan_20_Label", "Plan Label"), ("Plan_20_Term", "Plan Term")):
        s = Style(name=name, displayname=display, family="text")
        if name == "Plan_20_Term":
            s.addElement(_text_props(bold=True))
        doc.styles.addElement(s)

    # Lists: the label is text in the paragraph (derived like the web page), so
    # the list style draws no number; it only indents each level.
    lists = ListStyle(name="Plan_20_List", displayname="Plan List")
    for level in range(1, LIST_LEVELS + 1):
        number = ListLevelStyleNumber(level=level, numformat="")
        props = ListLevelProperties(listlevelpositionandspacemode="label-alignment")
        indent = f"{(level - 1) * LIST_INDENT_CM:.2f}cm"
        props.addElement(ListLevelLabelAlignment(labelfollowedby="nothing", marginleft=indent, textindent="0cm"))
        number.addElement(props)
        lists.addElement(number)
    doc.styles.addElement(lists)

    layout = PageLayout(name="Plan_20_Page")
    margin = f"{PAGE_MARGIN_CM}cm"
    layout.addElement(
        PageLayoutProperties(
            pagewidth=f"{PAGE_WIDTH_CM}cm",
            pageheight="29.7cm",
            printorientation="portrait",
            margintop=margin,
            marginbottom=margin,
            marginleft=margin,
            marginright=margin,
            writingmode="lr-tb",
        )
    )
    doc.automaticstyles.addElement(layout)
    master = MasterPage(name="Standard", pagelayoutname="Plan_20_Page")
    footer = Footer()
    number = P(stylename="Footer")
    number.addElement(PageNumber(selectpage="current", text="1"))
    footer.addElement(number)
    master.addElement(footer)
    doc.masterstyles.addElement(master)

    cell = Style(name="Plan_20_Cell", family="table-cell")
    cell.addElement(TableCellProperties(border="0.5pt solid #000000", padding="0.1cm", verticalalign="top"))
    doc.automaticstyles.addElement(cell)
    head = Style(name="Plan_20_Head_20_Cell", family="table-cell")
    head.addElement(
        TableCellProperties(border="0.5pt solid #000000", padding="0.1cm", verticalalign="middle", backgroundcolor="#e6e6e6")
    )
    doc.automaticstyles.addElement(head)


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


# --- content -----------------------------------------------------------------


class _Builder:
    def __init__(self, plan: Plan, updated: dt.date | None) -> None:
        self.plan = plan
        self.updated = updated
        self.tables = 0
        self.column_styles: dict[int, str] = {}
        self.doc = OpenDocumentText()

    def build(self) -> OpenDocumentText:
        plan, doc = self.plan, self.doc
        _add_styles(doc)
        _add_metadata(doc, plan, self.updated)
        body = doc.text

        title = H(outlinelevel=1, stylename="Title")
        _add_text(title, plan.title)
        body.addElement(title)
        for p in self.metadata_block():
            body.addElement(p)

        for index, (section, label) in enumerate(zip(plan.sections, section_labels(plan.sections)), start=1):
            prefix = f"table-{index}-"
            if section.heading:
                heading = H(outlinelevel=2, stylename="Heading_20_2")
                _add_text(heading, label + section.heading)
                body.addElement(heading)
                self.blocks(body, section.blocks, section.heading, prefix, "Text_20_body")
            else:
                self.blocks(body, section.blocks, "", prefix, "Text_20_body", label)
        return doc

    def metadata_block(self) -> list[P]:
        plan = self.plan
        entries: list[tuple[str, str]] = [("機關", f"{plan.agency.name}（{plan.agency.city}，{plan.agency.type.value}）")]
        if plan.year is not None:
            entries.append(("年度", roc_year_label(plan.year)))
        entries += [("計畫依據", document_line(doc)) for doc in plan.basis]
        if plan.issued:
            entries.append(("本計畫發文", issued_line(plan.issued)))
        if plan.approved:
            entries.append(("核定日期", roc_date(plan.approved)))
        if plan.published:
            entries.append(("發布日期", roc_date(plan.published)))
        if self.updated:
            entries.append(("最後更新日期", roc_date(self.updated)))
        if plan.version:
            entries.append(("版本", plan.version))
        entries += [("相關連結", f"{link.title}：{link.url}") for link in plan.links]
        paragraphs = []
        for term, value in entries:
            p = P(stylename="Plan_20_Meta")
            p.addElement(Span(stylename="Plan_20_Term", text=f"{term}："))
            _add_text(p, value)
            paragraphs.append(p)
        return paragraphs

    def blocks(
        self,
        parent: element.Element,
        blocks: Sequence[Block],
        caption: str,
        table_prefix: str,
        style: str,
        label: str = "",
    ) -> None:
        """Like the web page: a label goes before the first paragraph, or on a line of its own."""
        if label and (not blocks or not isinstance(blocks[0], str)):
            parent.addElement(_paragraph(style, label=label))
        for index, block in enumerate(blocks, start=1):
            if isinstance(block, str):
                parent.addElement(_paragraph(style, block, label if index == 1 else ""))
            elif isinstance(block, ListBlock):
                parent.addElement(self.plan_list(block.items, block.numbering, style))
            elif isinstance(block, Table):
                self.table(parent, block, block.caption or caption, f"{table_prefix}{index}")

    def plan_list(self, items: Sequence[str | Item], numbering: Numbering, style: str, top: bool = True) -> List:
        lst = List(stylename="Plan_20_List") if top else List()
        for label, value, children, child_style in item_entries(items, numbering):
            entry = ListItem()
            if label or value is not None:
                entry.addElement(_paragraph(style, value or "", label))
            if children:
                entry.addElement(self.plan_list(children, child_style, style, top=False))
            lst.addElement(entry)
        return lst

    def column_style(self, count: int) -> str:
        name = self.column_styles.get(count)
        if name is None:
            name = f"Plan_20_Column_20_{count}"
            s = Style(name=name, family="table-column")
            s.addElement(TableColumnProperties(columnwidth=f"{TEXT_WIDTH_CM / count:.3f}cm"))
            self.doc.automaticstyles.addElement(s)
            self.column_styles[count] = name
        return name

    def table(self, parent: element.Element, block: Table, caption: str, table_id: str) -> None:
        layout = layout_table(block, table_id)
        width = len(block.columns)
        self.tables += 1
        if caption:
            parent.addElement(_paragraph("Table", caption))

        table_style = f"Plan_20_Table_20_{self.tables}"
        s = Style(name=table_style, family="table")
        s.addElement(TableProperties(width=f"{TEXT_WIDTH_CM}cm", align="margins", maybreakbetweenrows="true"))
        self.doc.automaticstyles.addElement(s)

        grid = odftable.Table(name=f"表格{self.tables}", stylename=table_style)
        grid.addElement(odftable.TableColumn(numbercolumnsrepeated=str(width), stylename=self.column_style(width)))

        header_rows = odftable.TableHeaderRows()
        row = odftable.TableRow()
        for label, span, _id in layout.header:
            cell = self.cell("Plan_20_Head_20_Cell", 1, span)
            cell.addElement(_paragraph("Table_20_Heading", label))
            row.addElement(cell)
            for _ in range(span - 1):
                row.addElement(odftable.CoveredTableCell())
        header_rows.addElement(row)
        grid.addElement(header_rows)

        for row in self.grid_rows(layout.rows, width, table_id):
            grid.addElement(row)
        parent.addElement(grid)

    def grid_rows(self, rows: Sequence[Sequence[TableCell]], width: int, table_id: str) -> list[odftable.TableRow]:
        """ODF wants the full grid: each slot a cell, or a covered cell under a span."""
        covered: set[tuple[int, int]] = set()
        result = []
        for r, cells in enumerate(rows):
            row = odftable.TableRow()
            queue = list(cells)
            for c in range(width):
                if (r, c) in covered:
                    row.addElement(odftable.CoveredTableCell())
                    continue
                if not queue:  # defensive: a short row is padded with empty cells
                    row.addElement(self.cell("Plan_20_Cell", 1, 1))
                    continue
                cell = queue.pop(0)
                colspan = max(1, min(cell.colspan, width - c))
                rowspan = max(1, min(cell.rowspan, len(rows) - r))
                for dr in range(rowspan):
                    for dc_ in range(colspan):
                        if dr or dc_:
                            covered.add((r + dr, c + dc_))
                element_ = self.cell("Plan_20_Cell", rowspan, colspan)
                self.cell_content(element_, cell, cell.id)
                row.addElement(element_)
            result.append(row)
        return result

    @staticmethod
    def cell(style: str, rowspan: int, colspan: int) -> odftable.TableCell:
        attrs = {"stylename": style, "valuetype": "string"}
        if rowspan > 1:
            attrs["numberrowsspanned"] = str(rowspan)
        if colspan > 1:
            attrs["numbercolumnsspanned"] = str(colspan)
        return odftable.TableCell(**attrs)

    def cell_content(self, target: odftable.TableCell, cell: TableCell, table_prefix: str) -> None:
        if cell.content is None or isinstance(cell.content, str):
            target.addElement(_paragraph("Table_20_Contents", cell.content or "", cell.label))
        elif cell.content:
            self.blocks(target, cell.content, "", table_prefix + "-", "Table_20_Contents", cell.label)
        else:
            target.addElement(_paragraph("Table_20_Contents", label=cell.label))


# --- writing -----------------------------------------------------------------


def _used_namespaces(node: element.Node, found: set[str]) -> set[str]:
    if node.nodeType == element.Node.ELEMENT_NODE:
        found.add(node.qname[0])
        found.update(ns for ns, _ in node.attributes)
        for child in node.childNodes:
            _used_namespaces(child, found)
    return found


def _write(document: OpenDocumentText) -> bytes:
    """odfpy's zip, with namespace declarations that depend on this document only."""
    used = _used_namespaces(document.topnode, set())
    fixed = {ns: nsdict[ns] for ns in sorted(used, key=lambda ns: (nsdict.get(ns, ""), ns)) if ns in nsdict}
    buffer = io.BytesIO()
    with _WRITE_LOCK:
        shared = element.Element.namespaces
        element.Element.namespaces = fixed
        try:
            document.write(buffer)
        finally:
            element.Element.namespaces = shared
            for ns, prefix in fixed.items():
                shared.setdefault(ns, prefix)
    return buffer.getvalue()


def _reproducible_zip(data: bytes, date: dt.date | None) -> bytes:
    """The same entries, in the same order, with a fixed timestamp instead of the clock."""
    stamp = (date.year, date.month, date.day, 0, 0, 0) if date and date.year >= 1980 else _EPOCH
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, stamp)
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            fixed.create_system = 3
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
