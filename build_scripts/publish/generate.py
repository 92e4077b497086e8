"""Loaded plans and the hand-written pages → the full set of generated pages with their downloads
(the build session's third stage: ``pipeline.session``)."""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from ..pdf.typeset import PdfError
from ..plan.load import SourcedPlan
from ..render.browse import has_markers, home_blocks
from ..render.pages import build_pages
from ..render.policies import PRIVACY, policy_pages
from ..render.site_layout import Layout, Page, link
from ..render.sitemap import site_entries, sitemap_page
from ..settings import Publication, cache_dir
from ..workers import Spare, WorkerLost
from .downloads import Download, fill_details, has_pending_details, pending_tokens, render_downloads
from .history import page_dates
from .page_store import PageStore, RenderMemo, generation_context, generation_key
from .progress import Progress


class Generated(NamedTuple):
    pages: list[Page]
    blocks: dict[str, dict[str, str]]  # hand-written page → its ``<!-- plansite: … -->`` markers' Markdown
    pdfs: DeferredPdfs | None = None  # with ``defer_pdfs``: the PDFs' details, and those still being made


class DeferredPdfs:
    """The PDFs of a generation whose pages write each PDF's page count and size as a token
    (``downloads.Pending``): ``fill`` puts them in, waiting for the PDFs still being made that a page
    names; those have an empty file until ``settle``."""

    def __init__(
        self,
        downloads: Sequence[Download],
        store: PageStore,
        key: str,
        blocks: dict[str, dict[str, str]],
        details: Mapping[str, str] | None = None,
    ) -> None:
        self.store, self.key, self.blocks = store, key, blocks
        self.waiting = {d.filename: d for d in downloads if d.pending and d.pending.run}
        self._by_token = {d.pending.token: d for d in self.waiting.values() if d.pending}
        self.details = dict(details or {})  # token → 「4 頁，395 KB」
        self.details.update((d.pending.token, d.size_details) for d in downloads if d.pending and not d.pending.run)
        self.run = next((d.pending.run for d in self.waiting.values() if d.pending), None)
        self.failure: Exception | None = None  # a PDF that could not be made, raised by ``settle``

    def files(self, pages: Sequence[Page]) -> list[str]:
        """The paths of the files still empty: the PDFs being made."""
        return [path for page in pages for path, data in page.files if not data and posixpath.basename(path) in self.waiting]

    def fill(self, text: str, *, wait: bool = True) -> str:
        """``text`` with each PDF's page count and size in place of its token, once the PDFs it names
        are made; without ``wait``, the tokens of PDFs still being made stay. A PDF that cannot be made
        leaves its token (the build fails in ``settle``)."""
        text = fill_details(text, self.details)
        if self.run is None or not has_pending_details(text):
            return text
        named = {d.pending.id: d for token in set(pending_tokens(text)) if (d := self._by_token.get(token)) and d.pending}
        if not wait and not self.run.ready(named):
            return text
        try:
            made = self.run.wait(named)
        except (PdfError, WorkerLost) as exc:
            self.failure = exc
            self.stop()
            return text
        self.details.update((d.pending.token, d.made(made[id_]).size_details) for id_, d in named.items() if d.pending)
        return fill_details(text, self.details)

    def at_tail(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once a core is free of PDFs (``batch.PdfRun.at_tail``): at once if none
        are being made."""
        if self.run is None:
            callback()
        else:
            self.run.at_tail(callback)

    def settle(self, pages: Sequence[Page]) -> list[Page]:
        """The pages with the PDFs they were waiting for (``details`` then has every PDF's), kept for
        the next build (``page_store``). Raises ``pdf.typeset.PdfError`` or ``workers.WorkerLost``."""
        if self.failure:
            raise self.failure
        if self.run is None:
            return list(pages)
        made = self.run.wait()
        waiting, self.waiting, self._by_token, self.run = self.waiting, {}, {}, None
        done = {name: d.made(made[d.pending.id]) for name, d in waiting.items() if d.pending}
        self.details.update((d.pending.token, d.size_details) for d in done.values() if d.pending)
        settled = [
            replace(
                page,
                files=tuple(
                    (path, done[name].data if (name := posixpath.basename(path)) in done and not data else data)
                    for path, data in page.files
                ),
            )
            for page in pages
        ]
        self.store.put(self.key, settled, self.blocks, self.details)
        return settled

    def stop(self) -> None:
        """End the workers of a build that will not wait for them."""
        run, self.run, self.waiting, self._by_token = self.run, None, {}, {}
        if run:
            run.stop()


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
    *,
    defer_pdfs: bool = False,
    spare: Spare | None = None,
) -> Generated:
    """The pages of already loaded, valid plans and their results reports, with their PDF, ODT and data
    downloads, and the lists the hand-written pages' markers stand for; as the last build made them when
    nothing they are made from changed (``page_store``). ``defer_pdfs``: each PDF's page count and size
    is a token in the pages, filled as each page is finished (``Generated.pdfs.details``), and the PDFs
    not in the cache are made in worker processes while the build goes on (``Generated.pdfs.settle``);
    ``spare``, a worker started earlier (``workers.Spare``), gets the first of them.

    Raises ``pdf.typeset.PdfError`` if a PDF cannot be rendered (with ``defer_pdfs``, ``settle`` does)."""
    handwritten = list(handwritten)
    displayed = [_display(p.path, root) for p in plans]
    dates = page_dates(plans)
    store = PageStore(cache_dir(root))
    key = generation_key(plans, displayed, dates, handwritten, layout, publication, pdf_tokens=defer_pdfs)
    stored = store.get(key)
    if stored is not None:
        store.prune()
        pages, blocks, details = stored
        return Generated(pages, blocks, DeferredPdfs([], store, key, blocks, details) if defer_pdfs else None)
    pages, pdfs = _generate(plans, displayed, dates, handwritten, layout, root, progress, publication, defer_pdfs, spare)
    blocks = {
        path: {name: str(text) for name, text in home_blocks([p.plan for p in plans], layout, path).items()}
        for path, markdown in handwritten
        if has_markers(markdown)
    }
    store.prune()
    if not defer_pdfs:
        store.put(key, pages, blocks)
        return Generated(pages, blocks)
    deferred = DeferredPdfs(pdfs, store, key, blocks)
    if deferred.run is None:  # every PDF was in the cache
        store.put(key, pages, blocks, deferred.details)
    return Generated(pages, blocks, deferred)


def _generate(
    plans: Sequence[SourcedPlan],
    displayed: Sequence[str],
    dates: Mapping[str, dt.date | None],
    handwritten: Sequence[tuple[str, str]],
    layout: Layout,
    root: Path,
    progress: Progress | None,
    publication: Publication,
    defer_pdfs: bool = False,
    spare: Spare | None = None,
) -> tuple[list[Page], list[Download]]:
    """The pages, and (with ``defer_pdfs``) their PDFs' downloads."""
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
        defer=defer_pdfs,
        spare=spare,
    )
    memo = RenderMemo(cache_dir(root), plans, generation_context(layout, publication))
    pages = build_pages(sources, dates, layout, downloads, publication, results, memo)
    memo.prune()
    policies = policy_pages([path for path, _ in handwritten], publication, link(PRIVACY[0], layout.data()))
    pdfs = [d for files in downloads.values() for d in files if d.pending]
    return [*pages, *policies, sitemap_page(site_entries(handwritten, [*pages, *policies], layout))], pdfs


def _display(path: Path, root: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
