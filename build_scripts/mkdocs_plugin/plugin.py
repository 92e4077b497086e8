"""The MkDocs plugin: a thin adapter that hands the generated pages to MkDocs.

``plugins: [disclosure]`` in mkdocs.yml; its options and their defaults are
``settings.PluginConfig``. All the work is done by the library (``publish.generate``); the event
handlers below only translate it into MkDocs events.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkPage

from ..cache import FileCache
from ..pdf.render import PdfError
from ..plan.load import SourcedPlan, load_directory
from ..plan.problems import Problem, errors, report
from ..publish.compact_html import compact
from ..publish.drafts import leave_out_drafts
from ..publish.generate import generate_pages
from ..publish.history import last_commit_epoch
from ..publish.progress import terminal_progress
from ..publish.search_index import SearchIndexError, index_site
from ..publish.swap import SiteSwap
from ..render.browse import expand_markers, has_markers, home_blocks
from ..render.environment import TEMPLATES, use_template_cache
from ..render.page_metadata import head_for
from ..render.site_layout import SEARCHED_KINDS, Layout, Page
from ..render.sitemap import ACCESSKEYS
from ..settings import EXAMPLE_URL_WARNING, PluginConfig, Settings, is_example_url, set_source_date_epoch, source_date_epoch
from .nav import arrange as arrange_nav
from .theme_fixes import fix_page

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


UNTOUCHED = "已發布的網站（site/）保持原樣。"
UNSEARCHED_PAGES = frozenset({"index.md", "search.md", "404.md"})  # hand-written pages that only lead elsewhere


class DisclosurePlugin(BasePlugin[PluginConfig]):
    command: str | None = None
    swap: SiteSwap | None = None
    explained = False  # the failure was already told to the webmaster

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.settings = Settings.resolve(
            Path(config.config_file_path or ".").parent,
            self.config,
            config.docs_dir,
            config.site_dir,
            config.site_url,
            config.site_name,
        )
        self.layout = Layout(self.settings.section)
        use_template_cache(self.settings.cache_dir / "templates")
        self._resolve_build_date()
        if self.command == "build" and not self.swap:
            # Build into a sibling folder and swap it in only when the whole build succeeded.
            self.swap = SiteSwap(Path(config.site_dir))
            config.site_dir = str(self.swap.staging)
        config.extra.setdefault("accesskeys", [{"key": k, "title": t} for k, t in ACCESSKEYS])
        if self.command == "build" and is_example_url(config.site_url):
            print(EXAMPLE_URL_WARNING.format(url=config.site_url), file=sys.stderr)  # a warning, not a failure in strict mode
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        """Validate every plan before MkDocs cleans the site folder, so a broken plan loses nothing."""
        yaml_cache = FileCache(self.settings.cache_dir / "yaml", ".json")
        self.plans, problems = load_directory(self.settings.plans_dir, self.settings.root, yaml_cache)
        if self.command != "serve" and not errors(problems):  # drafts are previewed, never published
            self.plans, drafts = leave_out_drafts(self.plans, self.settings.root)
            problems = [*problems, *drafts]
        self._report(problems)

    @event_priority(-50)  # after plugins that add hand-written pages
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        pages = self._generate_pages(files)
        self._replace_generated(files, pages, config)
        return files

    def on_page_markdown(self, markdown: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        """A hand-written page's ``<!-- plansite: latest -->`` and ``<!-- plansite: browse -->`` lines
        become the latest plans and the ways to browse (the home page has both)."""
        if page.file.generated_by or not has_markers(markdown):
            return markdown
        return expand_markers(markdown, home_blocks([p.plan for p in self.plans], self.layout, page.file.src_uri))

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        return arrange_nav(nav, self.titles)

    def on_page_context(self, context: Any, *, page: MkPage, config: MkDocsConfig, nav: Navigation) -> Any:
        """The page's <head> metadata (Dublin Core, Category, feeds, JSON-LD) for overrides/main.html."""
        page.meta["plansite_head"] = head_for(
            self.heads.get(page.file.src_uri),
            page.title or "",
            str(page.meta.get("description") or config.site_description or ""),
            self.settings.publication.url(page.file.src_uri),
            self.settings.publication,
            self.layout,
        )
        return context

    def on_post_page(self, output: str, *, page: MkPage, config: MkDocsConfig) -> str:
        if self._searched(page.file):
            self.searched.append(page.file.dest_uri)
        return compact(fix_page(output))

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        return compact(fix_page(output_content)) if template_name.endswith(".html") else output_content

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        try:
            index_site(Path(config.site_dir), self.searched, self.settings.cache_dir / "search")
        except SearchIndexError as exc:
            self.explained = True
            raise Abort(f"{exc}\n網站沒有建置，{UNTOUCHED}") from None
        if self.swap:
            self.swap.built = True

    def on_build_error(self, *, error: Exception) -> None:
        if self.swap:
            self.swap.failed = True

    def on_shutdown(self) -> None:
        if self.swap:
            if self.swap.finish():
                log.info(f"網站已更新：{self.swap.site_dir}")
            elif not self.explained:
                print(f"\n建置沒有完成（原因見上面的訊息），{UNTOUCHED}", file=sys.stderr)
            self.swap = None

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(str(self.settings.plans_dir))
        server.watch(str(TEMPLATES))
        return server

    # --- helpers -------------------------------------------------------------------------------

    def _searched(self, file: File) -> bool:
        """Plans, agencies and hand-written pages are searched; pages that only list plans are not."""
        kind = self.kinds.get(file.src_uri)
        if kind is not None:
            return kind in SEARCHED_KINDS
        return file.src_uri not in UNSEARCHED_PAGES

    def _resolve_build_date(self) -> None:
        """Dates MkDocs writes (sitemap.xml lastmod, the .gz header) come from the last commit, not the clock."""
        if source_date_epoch() is None:
            epoch = last_commit_epoch(self.settings.root)
            if epoch is not None:
                set_source_date_epoch(epoch)

    def _report(self, problems: list[Problem]) -> None:
        """Each problem once (warnings too, without failing strict mode), then one sentence if the build stops."""
        if problems:
            print(report(problems), file=sys.stderr)
        if errors(problems):
            self.explained = True
            raise Abort(f"網站沒有建置，{UNTOUCHED}請依上面的訊息修正計畫檔後再建置。")

    def _generate_pages(self, files: Files) -> list[Page]:
        section = self.layout.section + "/"
        handwritten = [
            (f.src_uri, f.content_string)
            for f in files.documentation_pages()
            if not f.generated_by and not f.src_uri.startswith(section)
        ]
        plans: list[SourcedPlan] = self.plans
        try:
            return generate_pages(
                plans, handwritten, self.layout, self.settings.root, terminal_progress(), self.settings.publication
            )
        except PdfError as exc:
            self.explained = True
            raise Abort(f"{exc}\n網站沒有建置，{UNTOUCHED}") from None

    def _replace_generated(self, files: Files, pages: list[Page], config: MkDocsConfig) -> None:
        """Hand the generated pages and their downloads to MkDocs, replacing files of the same path
        (e.g. written earlier by `plansite generate`)."""
        section = self.layout.section + "/"
        for stale in [f for f in files if f.src_uri.startswith(section)]:
            files.remove(stale)
        self.titles: dict[str, str] = {}
        self.kinds = {page.path: page.kind for page in pages}
        self.heads = {page.path: page.head for page in pages if page.head}
        self.searched: list[str] = []
        for page in pages:
            existing = files.get_file_from_path(page.path)
            if existing is not None:
                files.remove(existing)
            generated = File.generated(config, page.path, content=page.content)
            if page.source and self.settings.edit_base:
                generated.edit_uri = self.settings.edit_base + page.source
            files.append(generated)
            self.titles[page.path] = page.title
            for path, data in page.files:
                files.append(File.generated(config, path, content=data))
