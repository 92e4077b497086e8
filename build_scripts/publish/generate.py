"""From a plans folder and a docs folder to the full set of generated pages.

Shared by both adapters: the MkDocs plugin hands the pages to MkDocs, the command line writes
them as real files.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..plan.load import SourcedPlan, load_directory
from ..plan.problems import Problem, errors
from ..render.pages import build_pages
from ..render.site_layout import Layout, Page
from ..render.sitemap import site_entries, sitemap_page
from ..settings import Publication, cache_dir
from .downloads import render_downloads
from .drafts import leave_out_drafts
from .history import page_dates
from .progress import Progress


@dataclass(frozen=True)
class Generated:
    pages: list[Page]  # the 主動公開資訊 section and the 網站導覽 page
    problems: list[Problem]  # errors and warnings from the plan files

    @property
    def ok(self) -> bool:
        return not errors(self.problems)


def generate(
    plans_dir: Path,
    handwritten: Iterable[tuple[str, str]],
    layout: Layout = Layout(),
    root: Path | None = None,
    progress: Progress | None = None,
    publication: Publication = Publication(),
) -> Generated:
    """Every generated page, given the hand-written pages as (path, markdown) pairs."""
    plans, problems = load_directory(plans_dir, root)
    if errors(problems):
        return Generated([], problems)
    plans, drafts = leave_out_drafts(plans, root)
    problems = [*problems, *drafts]
    return Generated(generate_pages(plans, handwritten, layout, root or plans_dir.parent, progress, publication), problems)


def generate_pages(
    plans: Sequence[SourcedPlan],
    handwritten: Iterable[tuple[str, str]],
    layout: Layout,
    root: Path,
    progress: Progress | None = None,
    publication: Publication = Publication(),
) -> list[Page]:
    """The pages of already loaded, valid plans, with their PDF, ODT and data downloads.

    Raises ``pdf.render.PdfError`` if a PDF cannot be rendered."""
    sources = [(p.plan, _display(p.path, root)) for p in plans]
    schema_url = publication.url(layout.data_file("plan.schema.json"))
    downloads = render_downloads([p.plan for p in plans], cache_dir(root), progress, schema_url=schema_url)
    pages = build_pages(sources, page_dates(plans), layout, downloads, publication)
    return [*pages, sitemap_page(site_entries(handwritten, pages, layout))]


def _display(path: Path, root: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
