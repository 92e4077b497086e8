"""Pure render functions: plan model → Markdown page text (through ``templates/``).

Text from YAML is text. Inside raw HTML blocks it is HTML-escaped (Jinja
autoescape); in Markdown context (headings, link text, front matter) every
ASCII punctuation character becomes a numeric character reference, so nothing
typed in a plan can turn into Markdown, HTML, a link or a template.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from .dates import roc_date, roc_year_label
from .model import Block, DocumentRef, Item, ListBlock, Numbering, Row, Table
from .numbering import labels, next_level, section_label

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

_MD_SPECIAL = re.compile(r"[!-/:-@\[-`{-~]")  # all ASCII punctuation


def md_text(value: object) -> Markup:
    """Escape text for Markdown context: punctuation → &#NN; (inert in Markdown and HTML)."""
    text = str(value).replace("\r", "").replace("\n", " ")
    return Markup(_MD_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", text))


def html_lines(value: object) -> Markup:
    """Escape text for HTML; a line break in the plan becomes <br>."""
    return Markup("<br>\n").join(escape(line) for line in str(value).split("\n"))


def yaml_string(value: object) -> Markup:
    """A front-matter string: JSON is valid YAML and escapes everything needed."""
    return Markup(json.dumps(str(value), ensure_ascii=False))


def time_element(date: dt.date | None) -> Markup:
    if date is None:
        return Markup("")
    return Markup('<time datetime="{}">{}</time>').format(date.isoformat(), roc_date(date))


def _document_parts(doc: DocumentRef, date_text: Callable[[dt.date], str]) -> list[str]:
    return [part for part in (doc.issuer, date_text(doc.date) if doc.date else None, doc.number) if part]


def document_line(doc: DocumentRef) -> str:
    """A referenced document as every output shows it: title（issuer 民國… number）."""
    details = " ".join(_document_parts(doc, roc_date))
    return (doc.title or "") + (f"（{details}）" if details else "")


def issued_line(doc: DocumentRef) -> str:
    """The plan's own issuing letter: its title, or issuer 民國… number."""
    return doc.title or " ".join(_document_parts(doc, roc_date))


def document_line_html(doc: DocumentRef) -> Markup:
    """``document_line`` for HTML: text escaped, the date as a <time> element."""
    details = Markup(" ").join(_document_parts(doc, time_element))
    return escape(doc.title or "") + (Markup("（{}）").format(details) if details else Markup(""))


def issued_line_html(doc: DocumentRef) -> Markup:
    return escape(doc.title) if doc.title else Markup(" ").join(_document_parts(doc, time_element))


@dataclass
class TableCell:
    content: str | Sequence[Block] | None
    label: str
    header: bool  # a row header (th) or a data cell (td)
    id: str
    headers: str  # ids of the headers that apply
    rowspan: int
    colspan: int
    repeated: bool = False  # a copy of a merged cell, repeated on a later row (print layout)


@dataclass
class TableLayout:
    """A hierarchical table laid out as HTML rows with rowspans and header ids."""

    header: list[tuple[str, int, str]]  # (label, colspan, id)
    rows: list[list[TableCell]] = field(default_factory=list)


def layout_table(table: Table, table_id: str) -> TableLayout:
    columns = [c if isinstance(c, str) else c.label for c in table.columns]
    styles = [Numbering.none if isinstance(c, str) else c.numbering for c in table.columns]
    header_count = table.header_columns or max(1, len(columns) - 2)
    header: list[tuple[str, int, str]] = []
    column_header_id: list[str] = []
    for i, name in enumerate(columns):
        if header and header[-1][0] == name:
            label, span, hid = header[-1]
            header[-1] = (label, span + 1, hid)
        else:
            hid = f"{table_id}-c{len(header) + 1}"
            header.append((name, 1, hid))
        column_header_id.append(header[-1][2])

    layout = TableLayout(header)
    counter = [0]

    def leaves(row: Row) -> int:
        return max(1, sum(leaves(child) for child in row.rows))

    def place(rows: Sequence[Row], column: int, ancestors: tuple[str, ...], first_row: list[TableCell] | None) -> None:
        style = styles[column]
        for index, (row, lab) in enumerate(zip(rows, labels(style, [r.label for r in rows]))):
            target = first_row if (index == 0 and first_row is not None) else None
            if target is None:
                target = []
                layout.rows.append(target)
            counter[0] += 1
            cell_id = f"{table_id}-r{counter[0]}"
            is_header = column < header_count
            own_headers = " ".join((column_header_id[column], *ancestors))
            end = column + row.span
            target.append(TableCell(row.cell, lab, is_header, cell_id, own_headers, leaves(row), row.span))
            below = (*ancestors, cell_id) if is_header else ancestors
            if row.rows:
                place(row.rows, end, below, target)
            elif end < len(columns):
                for empty in range(end, len(columns)):
                    counter[0] += 1
                    filler_headers = " ".join((column_header_id[empty], *below))
                    target.append(TableCell(None, "", False, f"{table_id}-r{counter[0]}", filler_headers, 1, 1))

    place(table.rows, 0, (), None)
    return layout


def unmerge_rows(layout: TableLayout) -> TableLayout:
    """The same table without row spans: a merged cell is repeated on each row it covers.

    For print: a page break can fall inside a merged cell, and each printed page must still
    show which 要項 / 重點 its rows belong to. Repeated copies are marked ``repeated``.
    """
    rows: list[list[TableCell]] = []
    pending: dict[int, tuple[TableCell, int]] = {}  # grid column → (merged cell, rows it still covers)
    for row in layout.rows:
        out: list[TableCell] = []
        started: dict[int, tuple[TableCell, int]] = {}
        own = list(row)
        k = column = 0
        while k < len(own) or any(c >= column for c in pending):
            if column in pending:
                cell = pending[column][0]
                out.append(replace(cell, id=f"{cell.id}-{len(rows)}", rowspan=1, repeated=True))
            elif k < len(own):
                cell = own[k]
                k += 1
                out.append(replace(cell, rowspan=1))
                if cell.rowspan > 1:
                    started[column] = (cell, cell.rowspan - 1)
            else:
                column += 1
                continue
            column += cell.colspan
        pending = {c: (cell, left - 1) for c, (cell, left) in pending.items() if left > 1} | started
        rows.append(out)
    return TableLayout(layout.header, rows)


def item_entries(items: Sequence[str | Item], style: Numbering) -> list[tuple[str, str | None, list, Numbering]]:
    """(label, text, sub-items, sub-style) for each item of a list."""
    own = [i.label if isinstance(i, Item) else None for i in items]
    entries = []
    for item, lab in zip(items, labels(style, own)):
        if isinstance(item, str):
            entries.append((lab, item, [], next_level(style)))
        else:
            entries.append((lab, item.text, item.items, item.numbering or next_level(style)))
    return entries


def section_labels(sections: Sequence) -> list[str]:
    own = [s.label for s in sections]
    result, n = [], 0
    for explicit in own:
        if explicit == "":
            result.append("")
            continue
        n += 1
        result.append(explicit if explicit is not None else section_label(n))
    return result


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=md_text, lines=html_lines, yaml_string=yaml_string, time=time_element, roc_date=roc_date)
    env.globals.update(
        layout_table=layout_table,
        unmerge_rows=unmerge_rows,
        document_line=document_line,
        issued_line=issued_line,
        document_line_html=document_line_html,
        issued_line_html=issued_line_html,
        item_entries=item_entries,
        section_labels=section_labels,
        roc_year_label=roc_year_label,
        anchor=lambda name: Markup("{#%s}") % name,
        zip=zip,
        is_text=lambda v: isinstance(v, str),
        is_list=lambda v: isinstance(v, ListBlock),
        is_table=lambda v: isinstance(v, Table),
    )
    return env


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)
