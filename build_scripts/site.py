"""From a plans folder and a docs folder to the full set of generated pages.

Shared by both adapters: the MkDocs plugin hands the pages to MkDocs, the
command line writes them as real files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .downloads import render_downloads
from .printing import Progress, default_cache_dir
from .pages import HOME, SITEMAP, Layout, Page, SitemapEntry, build_pages, section_entries, sitemap_page
from .load import SourcedPlan
from .problems import Problem, errors
from .sources import load_directory, updated_dates

_FRONT_TITLE = re.compile(r"\A---\s*\n(?:.*\n)*?title:\s*[\"']?(.+?)[\"']?\s*\n(?:.*\n)*?---\s*\n", re.M)
_H1 = re.compile(r"^#\s+(.+?)(?:\s+\{[^}]*\})?\s*$", re.M)


@dataclass(frozen=True)
class Generated:
    pages: list[Page]  # the 主動公開資訊 section and the 網站導覽 page
    problems: list[Problem]  # errors and warnings from the plan files

    @property
    def ok(self) -> bool:
        return not errors(self.problems)


def page_title(markdown: str, fallback: str) -> str:
    """The title of a hand-written page: front matter ``title:``, else its first heading."""
    match = _FRONT_TITLE.match(markdown) or _H1.search(markdown)
    return match.group(1).strip() if match else fallback


def generate(
    plans_dir: Path,
    handwritten: Iterable[tuple[str, str]],
    layout: Layout = Layout(),
    root: Path | None = None,
    progress: Progress | None = None,
) -> Generated:
    """Every generated page, given the hand-written pages as (path, markdown) pairs."""
    plans, problems = load_directory(plans_dir, root)
    if errors(problems):
        return Generated([], problems)
    return Generated(generate_pages(plans, handwritten, layout, root or plans_dir.parent, progress), problems)


def generate_pages(
    plans: Sequence[SourcedPlan],
    handwritten: Iterable[tuple[str, str]],
    layout: Layout,
    root: Path,
    progress: Progress | None = None,
) -> list[Page]:
    """The pages of already loaded, valid plans, with their PDF and ODT downloads.

    Raises ``pdf.PdfError`` if a PDF cannot be rendered."""
    sources = [(p.plan, _display(p.path, root)) for p in plans]
    updated = updated_dates(plans)
    downloads = render_downloads([p.plan for p in plans], updated, default_cache_dir(root), progress)
    pages = build_pages(sources, updated, layout, downloads)
    entries = _sitemap_entries(handwritten, pages, layout)
    return [*pages, sitemap_page(entries)]


def _display(path: Path, root: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def _sitemap_entries(handwritten: Iterable[tuple[str, str]], pages: Sequence[Page], layout: Layout) -> list[SitemapEntry]:
    generated = {p.path for p in pages} | {SITEMAP}
    others = sorted(
        (path, page_title(text, path)) for path, text in handwritten if path not in generated and not path.startswith(layout.section + "/")
    )
    home = [SitemapEntry(title, path) for path, title in others if path == HOME]
    rest = [SitemapEntry(title, path) for path, title in others if path != HOME]
    return [*home, section_entries(pages, layout), *rest, SitemapEntry("網站導覽", SITEMAP)]
