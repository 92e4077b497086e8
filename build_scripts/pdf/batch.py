"""Render the PDF of every plan and results report: from the cache when nothing it depends on changed,
else in parallel.

A PDF depends on its print HTML (the plan or the report with its plan, the print templates and
stylesheet), the fonts it can use (``fonts``: those the stylesheet names, and every installed font
only for a plan with a character none of them has), the versions of WeasyPrint, pydyf and pikepdf,
and this package's code. The cache key is a hash of all of them, so a build with nothing changed
renders no PDF at all. Misses are rendered in worker processes, one per CPU core (``workers``): waited
for at once (``render_pdfs``), or started while the build goes on with its pages and collected when
they are needed (``start_pdfs``, ``PdfRun.wait``).
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from ..cache import FileCache, code_digest, folders_digest, hashed
from ..plan.model import Plan
from ..render.environment import THEME_FOLDER, template_file, template_files, template_folders
from ..workers import Running, Spare, in_workers
from .fonts import PdfFonts, ask_ahead, pdf_fonts
from .print_html import Printable
from .typeset import render_pdf


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int
    cached: bool


Progress = Callable[[int, int], None]


def page_count(data: bytes) -> int:
    import pikepdf  # imported when first needed: keeps the plugin quick to load

    with pikepdf.open(io.BytesIO(data)) as document:
        return len(document.pages)


def _pages_or_none(data: bytes) -> int | None:
    import pikepdf

    try:
        return page_count(data)
    except pikepdf.PdfError:  # not a readable PDF
        return None


PRINT_TEMPLATES = ("print.html.j2", "results_print.html.j2", "print.css")  # and the templates they use (``print_html``)


def environment_fingerprint() -> str:
    """What every PDF depends on besides its plan and its fonts: code, library versions, and the
    print templates with the templates they use (the site's own first; every template folder but the
    theme's if one is chosen by a variable), so that the cache key does not have to render the print
    HTML. The templates are read again by each build: in one ``mkdocs serve`` the site's templates
    may change between two builds."""
    used = template_files(PRINT_TEMPLATES)
    if used is None:
        templates = folders_digest(tuple(template_folders()), skip=(THEME_FOLDER,))
    else:
        templates = hashed(*(part for path in used for part in (path.name, path.read_bytes())))
    return hashed(_installed(), templates)


@lru_cache(maxsize=1)
def _installed() -> str:
    return code_digest(("weasyprint", "pydyf", "pikepdf", "tinyhtml5", "fonttools"))


Metadata = tuple[tuple[str, str], ...]  # the document's Dublin Core, written into its XMP


def cache_key(job: Printable, fingerprint: str | None = None, metadata: Metadata = (), fonts: PdfFonts | None = None) -> str:
    """A hash of everything the PDF is made from: the plan (or the report and its plan), its metadata,
    the fonts it can use and the environment."""
    text = job.model_dump_json() if isinstance(job, Plan) else repr(job)  # a plan as JSON: quicker than its repr
    fonts = fonts or stylesheet_fonts()
    return hashed(fingerprint or environment_fingerprint(), fonts.fingerprint(text), text, repr(metadata))


def stylesheet_fonts() -> PdfFonts:
    """The fonts the print stylesheet (the site's own first) names, as fontconfig finds them."""
    return pdf_fonts(template_file("print.css").read_text("utf-8"))


def ask_fonts_ahead() -> None:
    """``stylesheet_fonts`` asked in a thread while the build goes on (``fonts.ask_ahead``)."""
    ask_ahead(template_file("print.css").read_text("utf-8"))


def _size(job: Printable) -> int:
    return len(repr(job))


def _render(item: tuple[Printable, Metadata]) -> bytes:
    return render_pdf(*item)


def _cached(
    jobs: Sequence[Printable], cache: FileCache | None, counts: FileCache | None, keys: dict[str, str]
) -> tuple[dict[str, RenderedPdf], list[Printable]]:
    """The PDFs found in the cache, and the jobs still to render (not cached, or a damaged file).

    A PDF's page count is stored beside it (``counts``) when it is put in the cache, where it was
    opened to count them: a whole entry (its digest checked) is that PDF. Without a count (an older
    cache), the PDF is opened again: one that does not open is dropped and made again."""
    found: dict[str, RenderedPdf] = {}
    misses = []
    for job in jobs:
        key = keys.get(job.id, "")
        data = cache.get(key) if cache else None
        stored = counts.get(key) if counts and data is not None else None
        pages = int(stored) if stored and stored.isdigit() else _pages_or_none(data) if data is not None else None
        if data is not None and pages:
            found[job.id] = RenderedPdf(data, pages, cached=True)
            if counts and not stored:
                counts.put(key, str(pages).encode())
        else:
            if cache and data is not None:  # whole, but not a PDF a reader can open
                cache.discard(key)
            misses.append(job)
    return found, misses


def _ordered(jobs: Sequence[Printable], metadata: Mapping[str, Metadata]) -> list[tuple[Printable, Metadata]]:
    """Longest first, so the last one to finish is short."""
    return [(job, metadata.get(job.id, ())) for job in sorted(jobs, key=lambda job: -_size(job))]


def _lost(item: tuple[Printable, Metadata]) -> str:
    return (
        f"產生 {item[0].id} 的 PDF 時，背景程序意外結束（多半是記憶體不足）。"
        "請關閉其他程式後再建置；計畫非常大時，可以分成幾份計畫。"
    )


def render_pdfs(
    jobs: Sequence[Printable],
    cache_dir: Path | None,
    workers: int | None = None,
    progress: Progress | None = None,
    metadata: Mapping[str, Metadata] | None = None,
    spare: Spare | None = None,
) -> dict[str, RenderedPdf]:
    """The PDF of each job, by its id (a plan's, a report's), with its Dublin Core (``metadata``, by id) in
    its XMP; ``spare``: a worker started earlier, given the first job (``workers.Spare``). Raises
    ``typeset.PdfError`` if any cannot be rendered, ``workers.WorkerLost`` if a worker died."""
    found, running = start_pdfs(jobs, cache_dir, workers, progress, metadata, background=False, spare=spare)
    made = running.wait() if running else {}
    return {job.id: found.get(job.id) or made[job.id] for job in jobs}


def start_pdfs(
    jobs: Sequence[Printable],
    cache_dir: Path | None,
    workers: int | None = None,
    progress: Progress | None = None,
    metadata: Mapping[str, Metadata] | None = None,
    *,
    background: bool = True,
    spare: Spare | None = None,
) -> tuple[dict[str, RenderedPdf], PdfRun | None]:
    """The PDFs found in the cache, by id, and the others started (None if there are none): in worker
    processes while the build goes on when ``background``, else made by ``PdfRun.wait``; ``spare``
    (a worker started earlier) gets the first."""
    metadata = metadata or {}
    cache = FileCache(cache_dir, ".pdf") if cache_dir else None
    counts = FileCache(cache_dir, ".pages") if cache_dir else None  # each PDF's page count, beside it
    fingerprint = environment_fingerprint() if cache else ""
    fonts = stylesheet_fonts() if cache else None
    keys = {job.id: cache_key(job, fingerprint, metadata.get(job.id, ()), fonts) for job in jobs} if cache else {}
    found, misses = _cached(jobs, cache, counts, keys)
    if not misses:
        _prune(cache, counts)
        return found, None
    store = _Store(cache, counts, keys)
    count = workers or os.cpu_count() or 1
    return found, PdfRun(misses, metadata, count, background, store, (len(found), len(jobs)), progress, spare)


class PdfRun:
    """PDFs being made: in worker processes from the start (``background``), so the build can go on
    with its pages, or in ``wait``. ``wait`` gives them, each put in the cache as it comes; ``stop``
    ends the workers of a build that failed."""

    def __init__(
        self,
        jobs: Sequence[Printable],
        metadata: Mapping[str, Metadata],
        workers: int,
        background: bool,
        store: _Store,
        done_of: tuple[int, int],
        progress: Progress | None,
        spare: Spare | None = None,
    ) -> None:
        self.store, self.progress, self.done_of, self.spare = (
            store,
            progress,
            done_of,
            spare,
        )  # done_of: (found in the cache, all)
        self.made: dict[str, RenderedPdf] = {}
        self._ordered = _ordered(jobs, metadata)
        self._workers = min(len(jobs), workers)
        self._running = Running(_render, self._ordered, self._workers, _lost, spare) if background else None
        self._results: Iterator[tuple[tuple[Printable, Metadata], bytes]] | None = None
        self._tail: Callable[[], None] | None = None  # ``at_tail``

    @property
    def complete(self) -> bool:
        return len(self.made) == len(self._ordered)

    def ready(self, ids: Collection[str]) -> bool:
        """Whether ``wait(ids)`` would return at once (the PDFs of ``ids`` made, or one failed)."""
        if set(ids) <= self.made.keys():
            return True
        return self._running is not None and self._running.done(lambda job: job[0].id in ids)

    def at_tail(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once fewer PDFs are left to make than there are workers, so that a core
        is free (seen as ``wait`` collects them): other work can start there before the last PDFs
        are made."""
        self._tail = callback
        self._reached_tail()

    def _reached_tail(self) -> None:
        if self._tail is not None and len(self._ordered) - len(self.made) < self._workers:
            callback, self._tail = self._tail, None
            callback()

    def wait(self, ids: Collection[str] | None = None) -> dict[str, RenderedPdf]:
        """The PDFs made so far, by id, once those of ``ids`` are (every one of the run if None).
        Raises ``typeset.PdfError`` if one cannot be rendered, ``workers.WorkerLost`` if a worker
        died (the other workers are stopped)."""
        wanted = set(ids) if ids is not None else {job.id for job, _ in self._ordered}
        if wanted <= self.made.keys():
            return self.made
        cache, counts, keys = self.store
        done, total = self.done_of
        if self._results is None:
            if self.progress:
                self.progress(done, total)
            self._results = (
                self._running.results() if self._running else in_workers(_render, self._ordered, self._workers, _lost, self.spare)
            )
        for (job, _), data in self._results:
            self.made[job.id] = RenderedPdf(data, page_count(data), cached=False)
            if cache and counts:
                cache.put(keys[job.id], data)
                counts.put(keys[job.id], str(self.made[job.id].pages).encode())
            if self.progress:
                self.progress(done + len(self.made), total)
            self._reached_tail()
            if wanted <= self.made.keys():
                break
        if self.complete:
            _prune(cache, counts)
        return self.made

    def stop(self) -> None:
        if self._running and not self.complete:
            self._running.stop()


class _Store(NamedTuple):
    """Where each PDF of a run goes once made: the cache, the page counts beside it, the keys by id."""

    cache: FileCache | None
    counts: FileCache | None
    keys: Mapping[str, str]


def _prune(cache: FileCache | None, counts: FileCache | None) -> None:
    if cache and counts:
        cache.prune()
        counts.prune()
