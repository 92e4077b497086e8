"""The styles of a plan's ODT: a table of named styles, and the page, list and cell styles.

Paragraph styles use the names LibreOffice knows (Heading, Title, Text body, Table Contents …),
so an agency can restyle the document with its own template.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from odf.element import Element
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
    TextProperties,
)
from odf.text import ListLevelStyleNumber, ListStyle, P, PageNumber

FONT = "Noto Sans CJK TC"
LANGUAGE, COUNTRY = "zh", "TW"

PAGE_WIDTH_CM = 21.0
PAGE_HEIGHT_CM = 29.7
PAGE_MARGIN_CM = 2.0
TEXT_WIDTH_CM = PAGE_WIDTH_CM - 2 * PAGE_MARGIN_CM
LIST_INDENT_CM = 0.85
LIST_LEVELS = 10

LIST_STYLE = "Plan_20_List"
CELL_STYLE = "Plan_20_Cell"
HEAD_CELL_STYLE = "Plan_20_Head_20_Cell"
LABEL_STYLE = "Plan_20_Label"
TERM_STYLE = "Plan_20_Term"


@dataclass(frozen=True)
class ParagraphStyle:
    name: str
    display: str
    parent: str | None = None
    paragraph: dict[str, str] = field(default_factory=dict)
    size: str | None = None
    bold: bool = False
    role: str = "text"  # the style's class: text, chapter, extra
    next: str | None = None
    outline_level: str | None = None


_BODY = "Text_20_body"

PARAGRAPH_STYLES: tuple[ParagraphStyle, ...] = (
    ParagraphStyle("Standard", "Standard"),
    ParagraphStyle(
        "Heading",
        "Heading",
        "Standard",
        {"margintop": "0.42cm", "marginbottom": "0.21cm", "keepwithnext": "always"},
        "14pt",
        bold=True,
        next=_BODY,
    ),
    ParagraphStyle("Title", "Title", "Heading", {"textalign": "center"}, "20pt", True, "chapter", _BODY, "1"),
    ParagraphStyle("Heading_20_2", "Heading 2", "Heading", {}, "16pt", True, next=_BODY, outline_level="2"),
    ParagraphStyle(_BODY, "Text body", "Standard", {"marginbottom": "0.2cm", "lineheight": "130%"}),
    ParagraphStyle("Plan_20_Meta", "Plan Meta", _BODY, {"marginbottom": "0.1cm"}),
    ParagraphStyle("Table_20_Contents", "Table Contents", "Standard", role="extra"),
    ParagraphStyle("Table_20_Heading", "Table Heading", "Table_20_Contents", {"textalign": "center"}, bold=True, role="extra"),
    ParagraphStyle("Caption", "Caption", "Standard", {"margintop": "0.21cm", "marginbottom": "0.21cm"}, bold=True, role="extra"),
    ParagraphStyle("Table", "Table", "Caption", {"keepwithnext": "always"}, role="extra"),
    ParagraphStyle("Footer", "Footer", "Standard", {"textalign": "center"}, "10pt", role="extra"),
)

# Character styles: (name, display name, bold)
TEXT_STYLES: tuple[tuple[str, str, bool], ...] = ((LABEL_STYLE, "Plan Label", False), (TERM_STYLE, "Plan Term", True))

# Table cells: (name, vertical alignment, background)
CELL_STYLES: tuple[tuple[str, str, str | None], ...] = ((CELL_STYLE, "top", None), (HEAD_CELL_STYLE, "middle", "#e6e6e6"))


def text_properties(size: str | None = None, bold: bool = False, **extra: str) -> TextProperties:
    """Text properties set alike for Western, Asian and complex scripts."""
    props: dict[str, str] = {}
    if size:
        props.update(fontsize=size, fontsizeasian=size, fontsizecomplex=size)
    if bold:
        props.update(fontweight="bold", fontweightasian="bold", fontweightcomplex="bold")
    props.update(extra)
    return TextProperties(**props)


def add_styles(doc: OpenDocumentText) -> None:
    """The styles every document has. They are the same each time, so they are made once in a process
    and the same elements are written into every document (odfpy only reads them as it writes)."""
    for segment, styles in _shared_styles():
        getattr(doc, segment).childNodes.extend(styles)


@cache
def _shared_styles() -> tuple[tuple[str, tuple[Element, ...]], ...]:
    font = FontFace(name=FONT, fontfamily=f"'{FONT}'", fontfamilygeneric="swiss", fontpitch="variable")
    named: list[Element] = [_default_style(), *(_paragraph_style(spec) for spec in PARAGRAPH_STYLES)]
    for name, display, bold in TEXT_STYLES:
        style = Style(name=name, displayname=display, family="text")
        if bold:
            style.addElement(text_properties(bold=True))
        named.append(style)
    named.append(_list_style())
    automatic: list[Element] = [_page_layout()]
    for name, align, background in CELL_STYLES:
        style = Style(name=name, family="table-cell")
        props = {"border": "0.5pt solid #000000", "padding": "0.1cm", "verticalalign": align}
        if background:
            props["backgroundcolor"] = background
        style.addElement(TableCellProperties(**props))
        automatic.append(style)
    return (
        ("fontfacedecls", (font,)),
        ("styles", tuple(named)),
        ("automaticstyles", tuple(automatic)),
        ("masterstyles", (_master_page(),)),
    )


def _default_style() -> DefaultStyle:
    default = DefaultStyle(family="paragraph")
    default.addElement(ParagraphProperties(writingmode="lr-tb"))
    fonts = {"fontname": FONT, "fontnameasian": FONT, "fontnamecomplex": FONT}
    language = {"language": LANGUAGE, "country": COUNTRY, "languageasian": LANGUAGE, "countryasian": COUNTRY}
    default.addElement(text_properties("12pt", False, **fonts, **language))
    return default


def _paragraph_style(spec: ParagraphStyle) -> Style:
    attrs: dict[str, str] = {}
    if spec.next:
        attrs["nextstylename"] = spec.next
    if spec.outline_level:
        attrs["defaultoutlinelevel"] = spec.outline_level
    style = Style(name=spec.name, displayname=spec.display, family="paragraph", attributes={"class": spec.role}, **attrs)
    if spec.parent:
        style.setAttribute("parentstylename", spec.parent)
    if spec.paragraph:
        style.addElement(ParagraphProperties(**spec.paragraph))
    if spec.size or spec.bold:
        style.addElement(text_properties(spec.size, spec.bold))
    return style


def _list_style() -> ListStyle:
    """Lists: the label is text in the paragraph (derived like the web page), so the list style
    draws no number; it only indents each level."""
    lists = ListStyle(name=LIST_STYLE, displayname="Plan List")
    for level in range(1, LIST_LEVELS + 1):
        number = ListLevelStyleNumber(level=level, numformat="")
        props = ListLevelProperties(listlevelpositionandspacemode="label-alignment")
        indent = f"{(level - 1) * LIST_INDENT_CM:.2f}cm"
        props.addElement(ListLevelLabelAlignment(labelfollowedby="nothing", marginleft=indent, textindent="0cm"))
        number.addElement(props)
        lists.addElement(number)
    return lists


def hanging_list_style(level: int, start_pt: float, indent_pt: float) -> ListStyle:
    """A list style for one list: at its ``level`` (from 1), the label starts ``start_pt`` from the
    margin and wrapped lines line up ``indent_pt`` further in, after the widest label (the
    paragraph puts a tab after its label, which stops at that indent)."""
    name = f"Plan_20_List_20_{level}_{start_pt:g}_{indent_pt:g}".replace(".", "_")
    lists = ListStyle(name=name, displayname=f"Plan List {level} {start_pt:g} {indent_pt:g}")
    number = ListLevelStyleNumber(level=level, numformat="")
    props = ListLevelProperties(listlevelpositionandspacemode="label-alignment")
    props.addElement(
        ListLevelLabelAlignment(
            labelfollowedby="nothing", marginleft=f"{start_pt + indent_pt:g}pt", textindent=f"{-indent_pt:g}pt"
        )
    )
    number.addElement(props)
    lists.addElement(number)
    return lists


def _page_layout() -> PageLayout:
    layout = PageLayout(name="Plan_20_Page")
    margin = f"{PAGE_MARGIN_CM}cm"
    layout.addElement(
        PageLayoutProperties(
            pagewidth=f"{PAGE_WIDTH_CM}cm",
            pageheight=f"{PAGE_HEIGHT_CM}cm",
            printorientation="portrait",
            margintop=margin,
            marginbottom=margin,
            marginleft=margin,
            marginright=margin,
            writingmode="lr-tb",
        )
    )
    return layout


def _master_page() -> MasterPage:
    master = MasterPage(name="Standard", pagelayoutname="Plan_20_Page")
    footer = Footer()
    number = P(stylename="Footer")
    number.addElement(PageNumber(selectpage="current", text="1"))
    footer.addElement(number)
    master.addElement(footer)
    return master
