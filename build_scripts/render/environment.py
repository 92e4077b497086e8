"""The Jinja environment every output renders through, with the templates shipped in the package.

Templates hold presentation; the filters and globals registered here are the only logic they
reach (escaping, labels, table layout, dates).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..plan.dates import roc_date, roc_year_label
from ..plan.model import ListBlock, Numbering, Table, TermList
from .columns import column_widths
from .escape import front_matter, html_lines, md_text, time_element
from .metadata import grouped, metadata_entries
from .outline import cell_blocks, indent_class, item_entries, labelled_blocks, plan_section_labels
from .tables import cell_classes, layout_table, unmerge_rows

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def _anchor(name: str) -> Markup:
    return Markup("{#%s}") % name


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
    env.filters.update(md=md_text, lines=html_lines, front_matter=front_matter, time=time_element, roc_date=roc_date)
    env.globals.update(
        layout_table=layout_table,
        unmerge_rows=unmerge_rows,
        column_widths=column_widths,
        cell_classes=cell_classes,
        metadata_entries=metadata_entries,
        grouped=grouped,
        item_entries=item_entries,
        indent_class=indent_class,
        section_labels=plan_section_labels,
        labelled_blocks=labelled_blocks,
        cell_blocks=cell_blocks,
        roc_year_label=roc_year_label,
        anchor=_anchor,
        zip=zip,
        is_text=lambda v: isinstance(v, str),
        is_list=lambda v: isinstance(v, ListBlock),
        is_table=lambda v: isinstance(v, Table),
        is_terms=lambda v: isinstance(v, TermList),
        unnumbered=lambda style: style in (Numbering.bullet, Numbering.none),
    )
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
