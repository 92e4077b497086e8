"""The Jinja environment every output renders through.

Templates are looked up in the site's own ``templates/`` folder first (``use_templates``; the
``templates_dir`` option), then among the defaults the package ships (``build_scripts.templates``,
which is the repository's top-level ``templates/``). Its ``theme/`` subfolder holds the theme's
overrides (mkdocs.yml's ``theme.custom_dir``), apart, so engines copy none of the page templates. Templates hold
presentation; the filters and globals registered here are the only logic they reach (escaping,
labels, table layout, dates).
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..plan.dates import UncommittedDate, roc_date, roc_year_label
from ..plan.model import ListBlock, Numbering, Table, TermList
from .columns import column_widths
from .compiled import CompiledTemplates
from .escape import front_matter, html_lines, md_text, time_element
from .metadata import grouped, metadata_entries
from .outline import cell_blocks, indent_class, item_entries, labelled_blocks, plan_section_labels
from .results import date_term, measure_text
from .tables import cell_classes, layout_table, unmerge_rows

# The package's defaults: the module build_scripts.templates, which is the repository's templates/ folder.
TEMPLATES = Path(str(files("build_scripts.templates"))).resolve()
THEME_FOLDER = "theme"  # the theme's overrides (mkdocs.yml's theme.custom_dir points at the site's)
THEME_TEMPLATES = TEMPLATES / THEME_FOLDER
_project_templates: list[Path] = []
_compiled: list[Path] = []  # the build cache that keeps compiled templates between builds (``compiled``), if any


def use_templates(folder: Path | None, cache_dir: Path | None = None) -> None:
    """Look up templates in ``folder`` (the site's own templates) before the package's defaults;
    keep them compiled in the build cache ``cache_dir`` for the next build."""
    chosen = [folder.resolve()] if folder is not None and folder.is_dir() else []
    kept = [cache_dir] if cache_dir is not None else []
    if chosen != _project_templates or kept != _compiled:
        _project_templates[:] = chosen
        _compiled[:] = kept
        environment.cache_clear()


def template_folders() -> list[Path]:
    """Where templates are looked up, in order: the site's own, then the package's."""
    return [*(f for f in _project_templates if f != TEMPLATES), TEMPLATES]


def template_file(name: str) -> Path:
    """The file a template name stands for (e.g. print.css), the site's own first."""
    return next((folder / name for folder in template_folders() if (folder / name).is_file()), TEMPLATES / name)


def template_files(names: tuple[str, ...]) -> list[Path] | None:
    """The files of templates ``names`` and of every template they include, import or extend, the
    site's own first; None if one names another by a variable (which could be any template)."""
    found: dict[str, Path] = {}
    pending = list(names)
    while pending:
        name = pending.pop()
        if name in found:
            continue
        path = template_file(name)
        found[name] = path
        if name.endswith(".j2"):
            for referenced in _referenced(path.read_text("utf-8")):
                if referenced is None:
                    return None
                pending.append(referenced)
    return [found[name] for name in sorted(found)]


@lru_cache(maxsize=256)
def _referenced(source: str) -> tuple[str | None, ...]:
    """The templates a template's text includes, imports or extends (None for one named by a
    variable): parsed once a process for each text, though the files are read again by each build."""
    from jinja2 import meta

    return tuple(meta.find_referenced_templates(environment().parse(source)))


def _anchor(name: str) -> Markup:
    return Markup("{#%s}") % name


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_folders()),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=CompiledTemplates(_compiled[0]) if _compiled else None,
    )
    env.tests["uncommitted"] = lambda value: isinstance(value, UncommittedDate)
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
        measure_text=measure_text,
        date_term=date_term,
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
