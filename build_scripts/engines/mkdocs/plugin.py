"""The MkDocs plugin (``plugins: [disclosure]`` in mkdocs.yml): MkDocs' events, each handing one stage
to the engine-neutral build session (``pipeline.session``). ProperDocs runs it unchanged.

Its options and their defaults are ``settings.Options`` (as MkDocs validates them: ``config.py``).
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkPage

from ...atomic import write_atomically
from ...pdf.typeset import PdfError
from ...pipeline.session import BuildSession
from ...plan.load import SourcedPlan
from ...plan.problems import Problem, errors, report, tell
from ...publish.interrupt import Termination
from ...publish.os_errors import os_error_message
from ...publish.progress import terminal_progress
from ...publish.search_index import SearchIndexError
from ...publish.swap import SwapError
from ...render.environment import THEME_TEMPLATES, template_folders
from ...render.site_layout import Page
from ...settings import Settings
from ...workers import WorkerLost
from .config import PluginConfig, options_of
from .conversions import Conversions
from .nav import arrange as arrange_nav

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer  # only for ``mkdocs serve``: its import is a tenth of the plugin's

log = logging.getLogger(f"mkdocs.plugins.{__name__}")
MKDOCS_TEMPLATES = Path(__file__).parent / "theme"  # MkDocs' own templates, as this plugin has them (sitemap.xml)


class DisclosurePlugin(BasePlugin[PluginConfig]):
    command: str | None = None
    session: BuildSession | None = None
    conversions: Conversions | None = None
    files: Files | None = None  # the site's files, the generated ones handed over (``on_files``)
    explained = False  # the failure was already told to the webmaster
    termination: Termination | None = None  # the terminating signals, caught while `mkdocs build` runs
    # The plans of the last preview without errors: MkDocs makes a new plugin for every rebuild of `mkdocs serve`.
    last_good: ClassVar[list[SourcedPlan]] = []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        if command == "build":
            self.termination = Termination.catch(self._stopped)
            # MkDocs logs a page that failed ("Error reading page …: <the error>"): after a signal, that is the signal
            logging.getLogger("mkdocs.commands.build").addFilter(self._quiet_once_stopped)
            self.started = time.monotonic()
            engine_log = logging.getLogger("mkdocs")
            if engine_log.level == logging.INFO:  # not -v or -q: our own lines instead of MkDocs' English INFO lines
                engine_log.setLevel(logging.WARNING)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        settings = Settings.resolve(
            Path(config.config_file_path or ".").parent,
            options_of(self.config),
            config.docs_dir,
            config.site_dir,
            config.site_url,
            config.site_name,
            config.site_description,
        )
        try:
            self.session = BuildSession(
                settings, publish=self.command == "build", progress=terminal_progress(), preview=self.command == "serve"
            )
        except SwapError as exc:
            self.explained = True
            raise Abort(str(exc)) from None
        tell(self.session.notices)
        self.conversions = Conversions(settings.cache_dir / "markdown", config)
        config.site_dir = str(self.session.output_dir)
        # The package's theme templates for what the site does not override (its own custom_dir may be
        # them: this repository's mkdocs.yml), and MkDocs' own as this plugin has them, before both.
        first = 1 if config.theme.custom_dir else 0
        added = [str(folder) for folder in (MKDOCS_TEMPLATES, THEME_TEMPLATES) if str(folder) not in config.theme.dirs]
        config.theme.dirs[first:first] = added
        for name, value in self.session.theme_extra().items():
            config.extra.setdefault(name, value)
        if self.command == "build":
            tell(self.session.reminders())  # warnings, not failures in strict mode
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        """Validate every plan before MkDocs cleans the site folder, so a broken plan loses nothing.
        A preview goes on: its pages say what is wrong, and reload by themselves once it is fixed."""
        problems = self._session.load()
        if self.command == "serve" and errors(problems):
            print(report(problems), file=sys.stderr)
            print("預覽網頁的上方列出了這些問題；修正計畫檔並存檔後，網頁會自動重新整理。", file=sys.stderr)
            self._session.preview_despite(problems, DisclosurePlugin.last_good)
            return
        self._report(problems)
        if self.command == "serve":
            DisclosurePlugin.last_good = list(self._session.plans)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        env.bytecode_cache = self._session.compiled_templates(("mkdocs", "mkdocs-material"))
        return env

    @event_priority(-50)  # after plugins that add hand-written pages
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        handwritten = [(f.src_uri, f.content_string) for f in files.documentation_pages() if not f.generated_by]
        try:
            pages = self._session.generate(handwritten, defer_pdfs=self.command == "build")
        except (PdfError, WorkerLost) as exc:
            self.explained = True
            raise Abort(f"{exc}\n網站沒有建置，{self._session.untouched()}") from None
        self._hand_over(files, pages, config)
        files = self._in_build_order(files)
        self.files = files
        return files

    def on_pre_page(self, page: MkPage, *, config: MkDocsConfig, files: Files) -> MkPage:
        if self.conversions:
            self.conversions.attach(page, config, files)
        return page

    def on_page_markdown(self, markdown: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        return markdown if page.file.generated_by else self._session.expand(page.file.src_uri, markdown)

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        return arrange_nav(nav, self._session.nav_titles(), self._session.unlisted())

    def on_post_page(self, output: str, *, page: MkPage, config: MkDocsConfig) -> str:
        return self._session.finish_page(page.file.src_uri, output)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        return self._session.finish_page(None, output_content) if template_name.endswith(".html") else output_content

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.termination and self.termination.received:  # a signal whose exception was swallowed: no more work
            raise self._interrupted(self.termination.received)
        try:
            self._write_pdfs()
            self._session.finish_site()
            if self.conversions:
                self.conversions.prune()
        except (SearchIndexError, PdfError, WorkerLost) as exc:
            self.explained = True
            raise Abort(f"{exc}\n網站沒有建置，{self._session.untouched()}") from None

    def on_build_error(self, *, error: Exception) -> None:
        if self.session:
            self.session.fail()
        if isinstance(error, OSError) and not self.explained:
            self.explained = True
            raise Abort(f"{os_error_message(error, '建置時無法讀寫檔案')}\n網站沒有建置，{self._untouched()}") from None

    def on_shutdown(self) -> None:
        """Every `mkdocs build` ends here, whatever was raised: after a stop signal, the build ends with
        its message, whatever the signal's exception became on its way up (wrapped, swallowed)."""
        received = self.termination.received if self.termination else None
        stopped = self._interrupted(received) if received else None
        if self.termination:
            self.termination.restore()
            logging.getLogger("mkdocs.commands.build").removeFilter(self._quiet_once_stopped)
        session, self.session = self.session, None
        if session is None or session.swap is None:
            if stopped:
                raise stopped
            return
        if stopped:
            session.fail()
        try:
            published = session.close()
        except SwapError as exc:
            raise Abort(f"{exc}\n{session.untouched()}") from None
        finally:
            tell(session.notices)
        if stopped:
            raise stopped from None
        if published:
            seconds = time.monotonic() - getattr(self, "started", time.monotonic())
            print(f"網站已更新：{session.settings.site_dir}（{len(session.info)} 個網頁，{seconds:.0f} 秒）")
        elif not self.explained:
            print(f"\n建置沒有完成（原因見上面的訊息），{session.untouched()}", file=sys.stderr)

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(str(self._session.settings.plans_dir))
        for folder in template_folders():
            server.watch(str(folder))
        return server

    # --- helpers -------------------------------------------------------------------------------

    @property
    def _session(self) -> BuildSession:
        assert self.session is not None, "on_config makes the session"
        return self.session

    def _untouched(self) -> str:
        return self.session.untouched() if self.session else ""

    def _stopped(self, signal_name: str) -> BaseException:
        """A build stopped from outside: its cleanup runs (PDF workers end, staging removed)."""
        if self.session:
            self.session.fail()
        return self._interrupted(signal_name)

    def _quiet_once_stopped(self, record: logging.LogRecord) -> bool:
        return not (self.termination and self.termination.received)

    def _interrupted(self, signal_name: str) -> Abort:
        self.explained = True
        return Abort(f"建置被中斷（{signal_name}），網站沒有更新。{self._untouched()}")

    def _report(self, problems: list[Problem]) -> None:
        """Each problem once (warnings too, without failing strict mode), then one sentence if the build stops."""
        if problems:
            print(report(problems), file=sys.stderr)
        if errors(problems):
            self.explained = True
            raise Abort(f"網站沒有建置，{self._untouched()}請依上面的訊息修正計畫檔後再建置。")

    def _write_pdfs(self) -> None:
        """The PDFs made while MkDocs built the pages, over the empty files it copied for them."""
        for path, data in self._session.settle().items():
            made = self.files.get_file_from_path(path) if self.files else None
            assert made is not None and made.abs_dest_path, "every generated file was handed over in on_files"
            made.content_bytes = data
            write_atomically(Path(made.abs_dest_path), data)

    def _in_build_order(self, files: Files) -> Files:
        """The files with the pages in the order the session would have them built (MkDocs builds
        the pages in the order of its files)."""
        pages = {f.src_uri: f for f in files.documentation_pages()}
        order = self._session.build_order(list(pages))
        if order == list(pages):
            return files
        return Files([*(pages[path] for path in order), *(f for f in files if f.src_uri not in pages)])

    def _hand_over(self, files: Files, pages: list[Page], config: MkDocsConfig) -> None:
        """Hand the generated pages and their downloads to MkDocs, replacing files of the same path
        (e.g. written earlier by `plansite generate`)."""
        section = self._session.layout.section + "/"
        for stale in [f for f in files if f.src_uri.startswith(section)]:
            files.remove(stale)
        edit_base = self._session.settings.edit_base
        for page in pages:
            existing = files.get_file_from_path(page.path)
            if existing is not None:
                files.remove(existing)
            generated = File.generated(config, page.path, content=page.content)
            if page.source and edit_base:
                generated.edit_uri = edit_base + page.source
            files.append(generated)
            for path, data in page.files:
                files.append(File.generated(config, path, content=data))
