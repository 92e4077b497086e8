"""Loaded plans and the hand-written pages → the full set of generated pages with their downloads
(the build session's third stage: ``pipeline.session``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from ..plan.load import SourcedPlan
from ..render.pages import build_pages
from ..render.policies import PRIVACY, policy_pages
from ..render.site_layout import Layout, Page, link
from ..render.sitemap import site_entries, sitemap_page
from ..settings import Publication, cache_dir
from .downloads import render_downloads
from .history import page_dates
from .progress import Progress


def generate_pages(
    plans: Sequence[SourcedPlan],
    handwritten: Iterable[tuple[str, str]],
    layout: Layout,
    root: Path,
    progress: Progress | None = None,
    publication: Publication = Publication(),
) -> list[Page]:
    """The pages of already loaded, valid plans and their results reports, with their PDF, ODT and data
    downloads.

    Raises ``pdf.typeset.PdfError`` if a PDF cannot be rendered."""
    sources = [(p.plan, _display(p.path, root)) for p in plans]
    results = {p.plan.id: [(r.results, _display(r.path, root)) for r in p.results] for p in plans if p.results}
    schema_url = publication.url(layout.data_file("plan.schema.json"))
    reports = [r.results for p in plans for r in p.results]
    downloads = render_downloads(
        [p.plan for p in plans],
        cache_dir(root),
        progress,
        schema_url=schema_url,
        publication=publication,
        layout=layout,
        results=reports,
    )
    pages = build_pages(sources, page_dates(plans), layout, downloads, publication, results)
    handwritten = list(handwritten)
    policies = policy_pages([path for path, _ in handwritten], publication, link(PRIVACY[0], layout.data()))
    return [*pages, *policies, sitemap_page(site_entries(handwritten, [*pages, *policies], layout))]


def _display(path: Path, root: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
