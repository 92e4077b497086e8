"""Loaded plans and the hand-written pages → the full set of generated pages with their downloads
(the build session's third stage: ``pipeline.session``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from ..plan.load import SourcedPlan
from ..render.browse import has_markers, home_blocks
from ..render.pages import build_pages
from ..render.policies import PRIVACY, policy_pages
from ..render.site_layout import Layout, Page, link
from ..render.sitemap import site_entries, sitemap_page
from ..settings import Publication, cache_dir
from .downloads import render_downloads
from .history import page_dates
from .page_store import PageStore, RenderMemo, generation_context, generation_key
from .progress import Progress


class Generated(NamedTuple):
    pages: list[Page]
    blocks: dict[str, dict[str, str]]  # hand-written page → its ``<!-- plansite: … -->`` markers' Markdown


def generate_pages(
    plans: Sequence[SourcedPlan],
    handwritten: Iterable[tuple[str, str]],
    layout: Layout,
    root: Path,
    progress: Progress | None = None,
    publication: Publication = Publication(),
) -> list[Page]:
    """The pages of already loaded, valid plans and their results reports, with their PDF, ODT and data
    downloads (``generate_site``)."""
    return generate_site(plans, handwritten, layout, root, progress, publication).pages


def generate_site(
    plans: Sequence[SourcedPlan],
    handwritten: Iterable[tuple[str, str]],
    layout: Layout,
    root: Path,
    progress: Progress | None = None,
    publication: Publication = Publication(),
) -> Generated:
    """The pages of already loaded, valid plans and their results reports, with their PDF, ODT and data
    downloads, and the lists the hand-written pages' markers stand for; as the last build made them when
    nothing they are made from changed (``page_store``).

    Raises ``pdf.typeset.PdfError`` if a PDF cannot be rendered."""
    handwritten = list(handwritten)
    displayed = [_display(p.path, root) for p in plans]
    dates = page_dates(plans)
    store = PageStore(cache_dir(root))
    key = generation_key(plans, displayed, dates, handwritten, layout, publication)
    stored = store.get(key)
    if stored is None:
        pages = _generate(plans, displayed, dates, handwritten, layout, root, progress, publication)
        blocks = {
            path: {name: str(text) for name, text in home_blocks([p.plan for p in plans], layout, path).items()}
            for path, markdown in handwritten
            if has_markers(markdown)
        }
        stored = Generated(pages, blocks)
        store.put(key, *stored)
    store.prune()
    return Generated(*stored)


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
    results = {p.id: [(r.results, _display(r.path, root)) for r in p.results] for p in plans if p.results}
    schema_url = publication.url(layout.data_file("plan.schema.json"))
    keys = {p.id: p.digest for p in plans}
    downloads = render_downloads(
        [p.plan for p in plans],
        cache_dir(root),
        progress,
        schema_url=schema_url,
        publication=publication,
        layout=layout,
        keys=keys,
        results=[r.results for p in plans for r in p.results],
    )
    memo = RenderMemo(cache_dir(root), plans, generation_context(layout, publication))
    pages = build_pages(sources, dates, layout, downloads, publication, results, memo)
    memo.prune()
    policies = policy_pages([path for path, _ in handwritten], publication, link(PRIVACY[0], layout.data()))
    return [*pages, *policies, sitemap_page(site_entries(handwritten, [*pages, *policies], layout))]


def _display(path: Path, root: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
