"""One build of the site, whatever engine turns Markdown and the theme into HTML.

The stages, in order (an engine adapter calls them; ``engines/``):

1. ``BuildSession(settings, publish=True)``: the site's templates and the build date applied; one
   build at a time, into a staging folder beside the site (``publish.swap``).
2. ``load()``: every plan file read and validated, composed YAML cached (``plan.load``); drafts left
   out unless the site is only previewed (``publish.drafts``).
3. ``generate(handwritten)``: the generated pages with their PDF, ODT and data downloads
   (``publish.generate``); what each page says about itself (title, head, search); the titles of
   the navigation; ``expand(path, markdown)`` fills a hand-written page's ``<!-- plansite: … -->``.
   With ``defer_pdfs`` (``mkdocs build``) the PDFs not in the cache are made in worker processes
   while the engine goes on, and a PDF's page count and size are a token in its pages.
4. The engine renders Markdown + theme into HTML in ``output_dir``; ``settle()`` then gives it the
   PDFs made meanwhile, to write over the empty files it copied, and puts their page counts and
   sizes into the pages written before those PDFs were made.
5. ``finish_page(source, html)`` for every page (its sidebar, ``render.sidebar``; its head
   metadata, the theme's accessibility fixes, compaction; its PDFs' page counts and sizes, if those
   PDFs are made), as the engine writes it or over the folder afterwards (``finish_folder``); then
   ``finish_site()``: the search index (Pagefind).
6. ``close(built)``: the staging folder swapped in for the site, or dropped; the lock released.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..atomic import write_atomically
from ..cache import FileCache, code_digest, hashed
from ..pdf.batch import ask_fonts_ahead
from ..pdf.typeset import warm_up
from ..plan.load import SourcedPlan, load_directory
from ..plan.problems import Problem, errors
from ..publish.compact_html import compact
from ..publish.downloads import has_pending_details, pdfs_may_change
from ..publish.drafts import leave_out_drafts
from ..publish.generate import DeferredPdfs, generate_site
from ..publish.history import last_commit_epoch, shallow_clone_warning
from ..publish.progress import Progress
from ..publish.search_index import OUTPUT
from ..publish.search_shards import SHARDS, ShardedIndex
from ..publish.swap import SiteSwap
from ..publish.theme_fixes import fix_page
from ..publish.write import generated_beside, still_generated
from ..render.browse import expand_markers, has_markers, home_blocks
from ..render.compiled import CompiledTemplates
from ..render.environment import render, use_templates
from ..render.escape import html_text
from ..render.page_metadata import head_for, head_html
from ..render.policies import policy_links
from ..render.sidebar import MARKER, NavEntry, Sidebar, page_toc, relative_links, rooted_links
from ..render.site_layout import SEARCHED_KINDS, Layout, Page, PageHead
from ..render.sitemap import ACCESSKEYS
from ..settings import DEFAULT_CONFIG_FILE, Settings, build_date, set_source_date_epoch, source_date_epoch
from ..workers import Spare
from .front_matter import title_and_description
from .navigation import NavItem, nav_tree, site_nav

_ARTICLE = re.compile(r"<article[^>]*>")
UNSEARCHED_PAGES = frozenset({"index.md", "search.md", "404.md"})  # hand-written pages that only lead elsewhere


@dataclass(frozen=True)
class PageInfo:
    """What a page says about itself, whichever engine renders it."""

    title: str  # text, not HTML
    description: str
    head: PageHead | None  # a generated page's own head metadata
    searched: bool  # in the search index


class BuildSession:
    def __init__(self, settings: Settings, *, publish: bool, progress: Progress | None = None, preview: bool = False) -> None:
        """``publish``: build into a staging folder swapped in for the site at the end (``mkdocs
        build``); False when the engine writes elsewhere itself (``mkdocs serve``). ``preview``: the
        site is only looked at (``mkdocs serve``): drafts are shown, with their banner; otherwise
        they are left out, each named in a warning (``publish.drafts``).
        Raises ``publish.swap.SwapError`` when another build runs or the site folder cannot be used."""
        self.settings = settings
        self.preview = preview
        self.layout = Layout(settings.section)
        self.progress = progress
        use_templates(settings.templates_dir, settings.cache_dir)
        _resolve_build_date(settings.root)
        self.swap = SiteSwap(settings.site_dir) if publish else None
        self.output_dir = self.swap.staging if self.swap else settings.site_dir
        self.plans: list[SourcedPlan] = []
        self.pages: list[Page] = []
        self.blocks: dict[str, dict[str, str]] = {}  # hand-written page → its markers' lists (``expand``)
        self.info: dict[str, PageInfo] = {}
        self.searched: dict[str, str] = {}  # built pages for the search index: path in the output folder → digest
        self._search: ShardedIndex | None = None  # the search index, each shard started once its pages are built
        self._sources: dict[str, str] = {}  # searched pages (paths in the output folder) → a digest of their Markdown
        self._last: dict[str, str] | None = None  # the same of the last build (``_last_built``)
        self.problems_notice = ""  # a preview's account of the plan files' errors, atop every page
        self._tree: list[NavEntry] | None = None
        self._sidebar: Sidebar | None = None
        self._context: str | None = None  # ``_finish_context``
        self._finished = FileCache(settings.cache_dir / "finished", ".html")  # finished pages by ``finish_page``'s key
        self._pdfs: DeferredPdfs | None = None  # the PDFs' details, and those still being made (``generate``)
        self._unfilled: list[str] = []  # pages finished before the PDFs they name were made (``finish_page``)
        self._spare = self._spare_worker()
        ask_fonts_ahead()  # after the spare is forked; every build's cache keys name the PDFs' fonts

    def _spare_worker(self) -> Spare | None:
        """A worker warming up for PDFs on another core while the plans load, when a plan, a template or
        mkdocs.yml changed since the PDFs last did: the first PDF to make goes to it (``workers.Spare``).
        Stopped once ``generate`` has started the PDFs or found none to make."""
        settings = self.settings
        folders = [settings.plans_dir, *([settings.templates_dir] if settings.templates_dir else [])]
        if (os.cpu_count() or 1) < 2 or not pdfs_may_change(settings.cache_dir, folders, [settings.root / DEFAULT_CONFIG_FILE]):
            return None
        return Spare(warm_up)

    # --- 2. load --------------------------------------------------------------------------------

    def load(self) -> list[Problem]:
        """Every valid plan, and every problem of every plan file."""
        yaml_cache = FileCache(self.settings.cache_dir / "yaml", ".json")
        checked = FileCache(self.settings.cache_dir / "checked", ".json")
        self.plans, problems = load_directory(self.settings.plans_dir, self.settings.root, yaml_cache, checked)
        yaml_cache.prune()
        checked.prune()
        if not self.preview and not errors(problems):  # drafts are previewed, never published
            self.plans, drafts = leave_out_drafts(self.plans, self.settings.root)
            problems = [*problems, *drafts]
        return problems

    def preview_despite(self, problems: list[Problem], last_good: Sequence[SourcedPlan]) -> None:
        """A preview (``mkdocs serve``) goes on when plan files have errors: with the plans as they
        last were without errors, and the errors atop every page, in the terminal's words."""
        self.plans = list(last_good)
        self.problems_notice = render("_problems.html.j2", problems=[str(p) for p in errors(problems)])
        self._context = None

    # --- 3. generate ----------------------------------------------------------------------------

    def generate(self, handwritten: Sequence[tuple[str, str]], *, defer_pdfs: bool = False) -> list[Page]:
        """The generated pages (and their downloads), given the hand-written pages as (path,
        markdown): those in the section's folder, and those ``plansite generate`` wrote beside it and
        nobody edited since, are the generator's, not the site's own. Raises
        ``pdf.typeset.PdfError`` if a PDF cannot be rendered.

        ``defer_pdfs``: each PDF's page count and size is a token in the pages, which ``finish_page``
        fills, and the PDFs not in the cache are made in worker processes while the engine renders the
        pages: until ``settle``, their files (``unsettled``) are empty."""
        section = self.layout.section + "/"
        beside = generated_beside(self.settings.docs_dir, self.layout)  # ``plansite generate``'s own
        own = [(p, text) for p, text in handwritten if not p.startswith(section) and not still_generated(p, text, beside)]
        try:
            generated = generate_site(
                self.plans,
                own,
                self.layout,
                self.settings.root,
                self.progress,
                self.settings.publication,
                defer_pdfs=defer_pdfs,
                spare=self._spare,
            )
        finally:
            self._stop_spare()  # taken by the PDFs being made, or not needed
        self.pages, self.blocks, self._pdfs = generated
        self.info = {path: PageInfo(*title_and_description(text, path), None, path not in UNSEARCHED_PAGES) for path, text in own}
        for page in self.pages:
            searched = page.kind in SEARCHED_KINDS
            self.info[page.path] = PageInfo(*title_and_description(page.content, page.path), page.head, searched)
        self._tree, self._sidebar, self._context = None, None, None
        self._stop_search()
        announced = [output_path(path) for path, info in self.info.items() if info.searched]
        busy = self._pdfs is not None and len(self._pdfs.waiting) >= (os.cpu_count() or 1)  # PDFs on every core
        self._search = ShardedIndex(self.output_dir, announced, self._search_cache(), held=busy)
        if busy and self._pdfs is not None:
            self._pdfs.at_tail(self._search.release)  # indexed on a core the last PDFs leave free
        texts = {**dict(own), **{page.path: page.content for page in self.pages}}
        self._sources = {output_path(path): hashed(texts[path]) for path, info in self.info.items() if info.searched}
        return self.pages

    def build_order(self, sources: Sequence[str]) -> list[str]:
        """The pages (Markdown paths) in the order an engine had best build them: first the search
        shards holding a page whose Markdown changed since the last build, so that their index is
        made on another core while the engine builds the other pages (``finish_page``). A guess: a
        wrong one only costs time."""
        last = self._last_built()
        if not self._search or not last:
            return list(sources)
        changed = [page for page, digest in self._sources.items() if last.get(page) != digest]
        by_output = {output_path(source): source for source in sources}
        return [by_output[page] for page in self._search.first(list(by_output), changed)]

    def _last_built(self) -> dict[str, str]:
        """The searched pages of the last build and a digest of their Markdown (``build_order``)."""
        if self._last is None:
            stored = _built_pages(self._search_cache()).get(_BUILT)
            try:
                last = json.loads(stored) if stored else {}
            except ValueError:  # whole (its digest checked) but not JSON: written by something else
                last = {}
            self._last = last if isinstance(last, dict) else {}
        return self._last

    def unsettled(self) -> list[str]:
        """The generated files still empty: the PDFs being made (paths in the docs folder)."""
        return self._pdfs.files(self.pages) if self._pdfs else []

    def settle(self) -> dict[str, bytes]:
        """Wait for the PDFs being made: their files by path (for the engine's copies of them, made
        before), the pages then whole. Raises ``pdf.typeset.PdfError`` or ``workers.WorkerLost``."""
        paths = set(self.unsettled())
        if self._pdfs and self._pdfs.failure:
            raise self._pdfs.failure
        if not self._pdfs or not paths:
            return {}
        try:
            self.pages = self._pdfs.settle(self.pages)
        except BaseException:
            self._pdfs.stop()
            raise
        if self._search:
            self._search.release()  # the cores the PDFs took are free
        self._fill_unfilled()
        return {path: data for page in self.pages for path, data in page.files if path in paths}

    def _fill_unfilled(self) -> None:
        """The pages the engine wrote before the PDFs they name were made, with their page counts and sizes."""
        assert self._pdfs is not None
        unfilled, self._unfilled = self._unfilled, []
        for source in unfilled:
            path = self.output_dir / output_path(source)
            text = self._pdfs.fill(path.read_text("utf-8"))
            write_atomically(path, text.encode("utf-8"))

    def theme_extra(self) -> dict[str, Any]:
        """What the theme's templates are given beside the pages (mkdocs.yml's ``extra``): the 導盲磚,
        the agency running the site (header and footer), the policy pages (footer)."""
        identity = self.settings.publication.identity
        who = {f.name: getattr(identity, f.name) for f in fields(identity)}
        who["tel"] = re.sub(r"[^0-9+#,]", "", identity.phone.split("轉")[0])  # (07) 571-3121 轉 123 → 075713121
        return {
            "accesskeys": [{"key": key, "title": title} for key, title in ACCESSKEYS],
            "identity": who,
            "policies": [
                {"title": title, "path": output_path(path).removesuffix("index.html")} for title, path in policy_links()
            ],
        }

    def compiled_templates(self, engine: tuple[str, ...]) -> CompiledTemplates:
        """Where the engine's own template environment (its theme's) keeps its compiled templates
        between builds; ``engine``: the distributions whose versions change what it compiles."""
        return CompiledTemplates(self.settings.cache_dir, ("jinja2", *engine))

    def reminders(self) -> list[str]:
        """What a build says and goes on: settings still at the example values mkdocs.yml ships
        with, and a shallow clone (its git history cannot date the plans)."""
        shallow = shallow_clone_warning(self.settings.root)
        return [*self.settings.publication.reminders(), *([shallow] if shallow else [])]

    def nav_titles(self) -> dict[str, str]:
        """Each generated page's title as HTML (engines take nav labels as HTML), in page order."""
        return {page.path: html_text(page.title) for page in self.pages}

    def unlisted(self) -> frozenset[str]:
        """Pages not in the sidebar: the policy pages, linked from every page's footer and the site map."""
        return frozenset(path for _, path in policy_links())

    def tree(self) -> list[NavEntry]:
        """The whole site's navigation (see ``navigation``): every page but the ``unlisted`` ones,
        hand-written and generated; the pages shown only on their own branch marked so."""
        if self._tree is None:
            titles = {path: info.title for path, info in self.info.items()}
            listed = [path for path in self.info if path not in self.unlisted()]
            alone = [page.path for page in self.pages if not page.beside]
            self._tree = nav_tree(listed, titles, [page.path for page in self.pages], alone)
        return self._tree

    def navigation(self) -> list[NavItem]:
        """The whole site's navigation in mkdocs.yml's ``nav:`` form (see ``navigation``), titles as
        HTML: engines write nav labels into pages as they are."""
        return site_nav(self.tree())

    def expand(self, path: str, markdown: str) -> str:
        """A hand-written page with its ``<!-- plansite: latest -->`` / ``browse`` lines filled."""
        if not has_markers(markdown):
            return markdown
        blocks = self.blocks.get(path) or home_blocks([p.plan for p in self.plans], self.layout, path)
        return expand_markers(markdown, blocks)

    # --- 5. finish ------------------------------------------------------------------------------

    def finish_page(self, source: str | None, html: str) -> str:
        """A built page as published: its sidebar, its head metadata, the theme's fixes, compacted.
        ``source`` is the page's Markdown path (None for pages the theme makes alone, such as 404.html).

        As the last build finished it when the engine's page, its sidebar, what it says about itself
        and what every page shares (``_finish_context``) are the same: most pages of a rebuild are."""
        sidebar = self.sidebar(source, html) if MARKER in html else ""
        info = self.info.get(source) if source else None
        key = hashed(self._finish_context(), source or "", repr(info), sidebar, html)
        stored = self._finished.get(key)
        text = stored.decode("utf-8") if stored is not None else self._finish(source, html, sidebar, info)
        if stored is None:
            self._finished.put(key, text.encode("utf-8"))
        if source is not None:
            self._note_searched(source, text)
        if self._pdfs:  # the PDFs' page counts and sizes; a page whose PDFs are still being made gets them in ``settle``
            text = self._pdfs.fill(text, wait=source is None)
            if source is not None and has_pending_details(text):
                self._unfilled.append(source)
        return text

    def _note_searched(self, source: str, text: str) -> None:
        """A finished page, if searched, for the search index: its shard starts once all of its
        pages are finished. The page's PDFs' page counts and sizes are not indexed (they are in its
        downloads, ``search_index.EXCLUDED``): so its digest is that of its HTML before they are filled."""
        info = self.info.get(source)
        if info is not None and info.searched:
            dest, digest = output_path(source), hashed(text)
            self.searched[dest] = digest
            if self._search:
                self._search.finished(dest, digest, text)

    def _finish_context(self) -> str:
        """A digest of what finishing any page reads besides the page: what the site says about
        itself, where the section is, the build date, the notice of a preview, and this package's code."""
        if self._context is None:
            parts = (code_digest(), repr(self.settings.publication), repr(self.layout), repr(build_date()))
            self._context = hashed(*parts, self.problems_notice)
        return self._context

    def _finish(self, source: str | None, html: str, sidebar: str, info: PageInfo | None) -> str:
        if sidebar:
            html = html.replace(MARKER, sidebar, 1)
        if self.problems_notice:
            html = _ARTICLE.sub(lambda m: m.group() + self.problems_notice, html, count=1)
        if source is not None and info is not None:
            publication = self.settings.publication
            head = head_for(
                info.head,
                info.title,
                info.description or publication.site_description,
                publication.url(source),
                publication,
                self.layout,
            )
            html = html.replace("</head>", head_html(head, _root_from(output_path(source))) + "</head>", 1)
        return compact(fix_page(html))

    def sidebar(self, source: str | None, html: str) -> str:
        """The sidebar of a built page (``render.sidebar``): links relative to the page, or from the
        site's root for a page served at any address (404.html)."""
        if self._sidebar is None:
            self._sidebar = Sidebar(self.tree())
        if source is None or source not in self.info:
            return self._sidebar.html(None, rooted_links(urlsplit(self.settings.publication.site_url).path or "/"))
        return self._sidebar.html(source, relative_links(_url_of(source)), page_toc(html))

    def finish_folder(self) -> None:
        """``finish_page`` over every page of the output folder (for engines without page events)."""
        sources = {output_path(path): path for path in self.info}
        for path in sorted(self.output_dir.rglob("*.html")):
            dest = path.relative_to(self.output_dir).as_posix()
            path.write_text(self.finish_page(sources.get(dest), path.read_text("utf-8")), "utf-8")

    def finish_site(self) -> None:
        """The search index of the searched pages. Raises ``publish.search_index.SearchIndexError``."""
        index = self._search
        if index is None or index.pages != self.searched.keys():  # the engine built other pages than announced
            self._stop_search()
            for folder in (OUTPUT, SHARDS):  # what shards started early wrote
                shutil.rmtree(self.output_dir / folder, ignore_errors=True)
            index = ShardedIndex(self.output_dir, list(self.searched), self._search_cache())
        self._search = None
        index.complete(self.searched)
        if self._sources != self._last_built():
            _built_pages(self._search_cache()).put(_BUILT, json.dumps(self._sources, sort_keys=True).encode())
        self._finished.prune()
        CompiledTemplates(self.settings.cache_dir).prune()
        if self.swap:
            self.swap.built = True

    # --- 6. close -------------------------------------------------------------------------------

    def close(self) -> bool:
        """Publish the staging folder if every stage completed, else drop it; True if published.
        Raises ``publish.swap.SwapError`` if the site cannot be replaced."""
        self._stop_pdfs()  # a build that ended before its PDFs were needed
        return self.swap.finish() if self.swap else False

    def fail(self) -> None:
        self._stop_pdfs()
        if self.swap:
            self.swap.failed = True

    def _stop_pdfs(self) -> None:
        self._stop_spare()
        self._stop_search()
        if self._pdfs:
            self._pdfs.stop()

    def _search_cache(self) -> Path:
        return self.settings.cache_dir / "search"

    def _stop_search(self) -> None:
        if self._search:
            self._search.stop()
            self._search = None

    def _stop_spare(self) -> None:
        if self._spare:
            self._spare.stop()
            self._spare = None

    def untouched(self) -> str:
        """What a failed build leaves: the published site as it was (or none yet)."""
        return self.swap.untouched() if self.swap else ""

    @property
    def notices(self) -> list[str]:
        return self.swap.notices if self.swap else []

    def downloads(self) -> Iterator[tuple[str, bytes]]:
        """Every generated page's companion files (downloads, feeds, data), as (path, bytes)."""
        for page in self.pages:
            yield from page.files


_BUILT = "built-pages"  # the searched pages of the last build, with a digest of their Markdown (``build_order``)


def _built_pages(folder: Path) -> FileCache:
    return FileCache(folder, ".json")


def output_path(source: str) -> str:
    """Where an engine with directory URLs writes a Markdown page: a/b.md → a/b/index.html."""
    stem = source[: -len(".md")] if source.endswith(".md") else source
    if stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"


def _url_of(source: str) -> str:
    """The URL path of a Markdown page from the site's root (directory URLs): a/b.md → a/b/."""
    return posixpath.dirname(output_path(source)) + "/"


def _root_from(output: str) -> str:
    """The relative address of the site's root from a built page (MkDocs' ``base_url``)."""
    folder = posixpath.dirname(output)
    return posixpath.relpath(".", folder) if folder else "."


def _resolve_build_date(root: Path) -> None:
    """Dates engines write (sitemap.xml lastmod, the .gz header) come from the last commit, not the clock."""
    if source_date_epoch() is None:
        epoch = last_commit_epoch(root)
        if epoch is not None:
            set_source_date_epoch(epoch)
