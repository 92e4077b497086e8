"""The MkDocs plugin: a thin adapter that hands the generated pages to MkDocs.

``plugins: [search, disclosure]`` in mkdocs.yml. All the work is done by
``site.generate``; this module only translates it into MkDocs events.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page as MkPage

from . import search
from .pages import ACCESSKEYS, Layout
from .pdf import PdfError
from .cache import FileCache
from .printing import default_cache_dir, terminal_progress
from .problems import Severity, errors
from .render import TEMPLATES
from .site import generate_pages
from .sources import last_commit_epoch, load_directory
from .swap import SiteSwap
from .theme_fixes import fix_page

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


class DisclosureConfig(Config):
    plans_dir = c.Type(str, default="plans")
    section = c.Type(str, default="disclosure")
    edit_base = c.Optional(c.Type(str))  # e.g. https://git.example.gov.tw/site/-/edit/main/


class DisclosurePlugin(BasePlugin[DisclosureConfig]):
    command: str | None = None
    swap: SiteSwap | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path or ".").resolve().parent
        self.root = root
        if "SOURCE_DATE_EPOCH" not in os.environ:
            # Dates MkDocs writes (sitemap.xml lastmod, the .gz header) come from the last commit, not the clock.
            epoch = last_commit_epoch(root)
            if epoch is not None:
                os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
        if self.command == "build" and not self.swap:
            # Build into a sibling folder and swap it in only when the whole build succeeded.
            self.swap = SiteSwap(Path(config.site_dir))
            config.site_dir = str(self.swap.staging)
        self.plans_dir = (root / self.config.plans_dir).resolve()
        self.layout = Layout(self.config.section)
        config.extra.setdefault("accesskeys", [{"key": k, "title": t} for k, t in ACCESSKEYS])
        search.configure_jieba(self.plans_dir)
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        """Validate every plan before MkDocs cleans the site folder, so a broken plan loses nothing."""
        yaml_cache = FileCache(default_cache_dir(self.root) / "yaml", ".json")
        self.plans, problems = load_directory(self.plans_dir, self.root, yaml_cache)
        for problem in problems:
            (log.warning if problem.severity is Severity.warning else log.error)(str(problem))
        count = len(errors(problems))
        if count:
            raise PluginError(f"計畫檔有 {count} 個錯誤，網站沒有建置；已發布的網站不受影響。請依上面的訊息修正後再建置。")

    @event_priority(-50)  # after plugins that add hand-written pages
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        handwritten = [
            (f.src_uri, f.content_string)
            for f in files.documentation_pages()
            if not f.generated_by and not f.src_uri.startswith(self.layout.section + "/")
        ]
        try:
            pages = generate_pages(self.plans, handwritten, self.layout, self.root, terminal_progress())
        except PdfError as exc:
            raise PluginError(f"{exc}；網站沒有建置完成。") from None
        # Files written earlier by `plansite generate` are replaced by fresh ones.
        for stale in [f for f in files if f.src_uri.startswith(self.layout.section + "/")]:
            files.remove(stale)
        self.titles: dict[str, str] = {}
        for page in pages:
            existing = files.get_file_from_path(page.path)
            if existing is not None:
                files.remove(existing)
            generated = File.generated(config, page.path, content=page.content)
            if page.source and self.config.edit_base:
                generated.edit_uri = self.config.edit_base + page.source
            files.append(generated)
            self.titles[page.path] = page.title
            for path, data in page.files:
                files.append(File.generated(config, path, content=data))
        return files

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.swap:
            self.swap.built = True

    def on_build_error(self, *, error: Exception) -> None:
        if self.swap:
            self.swap.failed = True

    def on_shutdown(self) -> None:
        if self.swap:
            published = self.swap.finish()
            if published:
                log.info(f"網站已更新：{self.swap.site_dir}")
            else:
                log.error("建置失敗，沒有更新網站資料夾；已發布的網站保持原樣。")
            self.swap = None

    def on_post_page(self, output: str, *, page: MkPage, config: MkDocsConfig) -> str:
        return fix_page(output)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        return fix_page(output_content) if template_name.endswith(".html") else output_content

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Name the generated sections after their index pages and order them like the pages."""
        order = {path: i for i, path in enumerate(self.titles)}

        def visit(items: list) -> None:
            for item in items:
                if isinstance(item, Section):
                    index = next((ch for ch in item.children if isinstance(ch, MkPage) and ch.file.name == "index"), None)
                    if index is not None and index.file.src_uri in self.titles:
                        item.title = self.titles[index.file.src_uri]
                    item.children.sort(key=lambda ch: (_first_path_order(ch, order)))
                    visit(item.children)

        visit(nav.items)
        return nav

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder) -> LiveReloadServer:
        server.watch(str(self.plans_dir))
        server.watch(str(TEMPLATES))
        return server


def _first_path_order(item, order: dict[str, int]) -> int:
    if isinstance(item, MkPage):
        return order.get(item.file.src_uri, -1 if item.file.name == "index" else len(order))
    if isinstance(item, Section):
        return min((_first_path_order(ch, order) for ch in item.children), default=len(order))
    return len(order)
