"""MkDocs' Markdown conversion of each page, remembered by what it is made from.

Python-Markdown is most of a rebuild's time (about 70 % of a nothing-changed build of a city portal),
and almost every page of a rebuild is the Markdown it was last time. What a conversion gives the page
(its HTML, table of contents, the title of its first heading, the anchors it holds and the links to
anchors it makes) depends on:

- the page's Markdown (after every plugin's ``on_page_markdown``) and where it is;
- the Markdown settings: mkdocs.yml, the versions of MkDocs, Python-Markdown, pymdown-extensions and
  the theme, this package's code, and how much MkDocs logs;
- the site's files its links name: each path MkDocs looked up while converting it is stored with what
  it found (the file's address and whether it is left out of the site) and looked up again before the
  conversion is used. A page whose link lost or moved its target is converted again, and MkDocs warns
  as it would.

A conversion that logged anything (a broken link, say) is not stored: its warning is given by every
build. Sites whose Markdown extensions read other files (``pymdownx.snippets``) are converted every
time: those files are not part of the key.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from ...cache import FileCache, code_digest, hashed

ENGINE_PACKAGES = ("mkdocs", "markdown", "pymdown-extensions", "mkdocs-material")
FILE_READING_EXTENSIONS = frozenset({"pymdownx.snippets", "markdown_include.include", "mdx_include"})
_PAGES_LOG = logging.getLogger("mkdocs.structure.pages")

Found = tuple[str, bool] | None  # a looked-up file's address and whether it is left out of the site, or nothing


class _Logged(logging.Handler):
    """Counts what MkDocs and Markdown log while a page is converted."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class Conversions:
    """The conversions of one build: ``attach(page, files)`` before MkDocs renders a page."""

    def __init__(self, cache_dir: Path, config: MkDocsConfig) -> None:
        self.cache = FileCache(cache_dir, ".json")
        extensions = {str(name) for name in config.markdown_extensions}
        self.enabled = not extensions & FILE_READING_EXTENSIONS
        self.context = _context(config) if self.enabled else ""
        self.converted = 0  # pages converted by Python-Markdown in this build (the rest were remembered)

    def attach(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        """Make ``page.render`` use a remembered conversion when it still holds."""
        convert = page.render
        page.render = lambda config, files: self._render(page, config, files, convert)  # type: ignore[method-assign]

    def prune(self) -> None:
        self.cache.prune()

    def _render(self, page: Page, config: MkDocsConfig, files: Files, convert: Callable[[MkDocsConfig, Files], None]) -> None:
        assert page.markdown is not None
        if not self.enabled:
            convert(config, files)
            self.converted += 1
            return
        key = hashed(self.context, page.file.src_uri, page.file.url, str(page.file.inclusion), page.markdown)
        stored = self.cache.get(key)
        if stored is not None and _restore(page, json.loads(stored), files):
            return
        found: dict[str, Found] = {}
        logged = _Logged()
        watched = [logging.getLogger("mkdocs"), logging.getLogger("markdown")]
        lookup = files.get_file_from_path

        def recording(path: str) -> File | None:
            target = lookup(path)
            found[path] = _found(target)
            return target

        files.get_file_from_path = recording  # type: ignore[method-assign]
        for logger in watched:
            logger.addHandler(logged)
        try:
            convert(config, files)
        finally:
            for logger in watched:
                logger.removeHandler(logged)
            delattr(files, "get_file_from_path")  # the class's own again
        self.converted += 1
        if not logged.count:
            self.cache.put(key, json.dumps(_entry(page, found), ensure_ascii=False).encode("utf-8"))


def _context(config: MkDocsConfig) -> str:
    """What every page's conversion depends on besides the page."""
    versions = []
    for name in ENGINE_PACKAGES:
        try:
            versions.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            versions.append(f"{name}=-")
    settings = Path(config.config_file_path).read_bytes() if config.config_file_path else b""
    return hashed(code_digest(), *versions, settings, str(config.use_directory_urls), str(_PAGES_LOG.getEffectiveLevel()))


def _found(target: File | None) -> Found:
    return None if target is None else (target.url, target.inclusion.is_excluded())


def _entry(page: Page, found: dict[str, Found]) -> dict[str, Any]:
    return {
        "content": page.content,
        "toc": [_toc_item(item) for item in page.toc],
        "title": page._title_from_render,
        "anchors": sorted(page.present_anchor_ids or ()),
        "links": {target.src_uri: links for target, links in (page.links_to_anchors or {}).items()},
        "found": found,
    }


def _toc_item(link: AnchorLink) -> dict[str, Any]:
    return {"title": link.title, "id": link.id, "level": link.level, "children": [_toc_item(c) for c in link.children]}


def _anchor_link(item: dict[str, Any]) -> AnchorLink:
    link = AnchorLink(item["title"], item["id"], item["level"])
    link.children = [_anchor_link(child) for child in item["children"]]
    return link


def _restore(page: Page, entry: dict[str, Any], files: Files) -> bool:
    """Give the page a stored conversion, if every file its links looked up is still what it was."""
    for path, was in entry["found"].items():
        if _found(files.get_file_from_path(path)) != (tuple(was) if was is not None else None):
            return False
    links: dict[File, dict[str, str]] = {}
    for src_uri, anchors in entry["links"].items():
        target = files.get_file_from_path(src_uri)
        if target is None:
            return False
        links[target] = anchors
    page.content = entry["content"]
    page.toc = TableOfContents([_anchor_link(item) for item in entry["toc"]])
    page._title_from_render = entry["title"]
    page.present_anchor_ids = set(entry["anchors"])
    if _PAGES_LOG.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = links
    return True
