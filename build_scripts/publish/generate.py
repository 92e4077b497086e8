"""Loaded plans and the hand-written pages → the full set of generated pages with their downloads
(the build session's third stage: ``pipeline.session``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from ..plan.load import SourcedPlan
from ..render.pages import build_pages
from ..render.policies import PRIVACY, policy_pages
from ..render.site_layout import Layout, Page, link
from ..render.sitemap import site_entries, sitemap_page
from ..settings import Publication, cache_dir
from .downloads import render_downloads
from .history import page_dates
from .page_store import PageStore, generation_key
from .progress import Progress


def generate_pages(
    plans: Sequence[SourcedPlan],
    handwritten: Iterable[tuple[str, str]],
    layout: Layout,
    root: Path,
    progress: Progress | None = None,
    publication: Publication = Publication(),
) -> list[Page]:
    """The pages of already loaded, valid plans, with their PDF, ODT and data downloads; as the
    last build made them when nothing they are made from changed (``page_store``).

    Raises ``pdf.typeset.PdfError`` if a PDF cannot be rendered."""
    handwritten = list(handwritten)
    displayed = [_display(p.path, root) for p in plans]
    dates = page_dates(plans)
    store = PageStore(cache_dir(root))
    key = generation_key(plans, displayed, dates, handwritten, layout, publication)
    pages = store.get(key)
    if pages is None:
        pages = _generate(plans, displayed, dates, handwritten, layout, root, progress, publication)
        store.put(key, pages)
    store.prune()
    return pages


def _generate(
    plans: Sequence[SourcedPlan],
    displayed: Sequence[str],
    dates: Mapping[str, dt.date | None],
    handwritten: Sequence[tuple[str, str]],
    layout: Layout,
    root: Path,
    progress: Progress | None,
    publication: Publication,
) -> list[Page]:
    sources = [(p.plan, shown) for p, shown in zip(plans, displayed, strict=True)]
    schema_url = publication.url(layout.data_file("plan.schema.json"))
    downloads = render_downloads(
        [p.plan for p in plans], cache_dir(root), progress, schema_url=schema_url, publication=publication, layout=layout
    )
    pages = build_pages(sources, dates, layout, downloads, publication)
    policies = policy_pages([path for path, _ in handwritten], publication, link(PRIVACY[0], layout.data()))
    return [*pages, *policies, sitemap_page(site_entries(handwritten, [*pages, *policies], layout))]


def _display(path: Path, root: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
