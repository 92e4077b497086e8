"""The 網站導覽 page: every page of the site, and the accesskey table of the 導盲磚."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .environment import render
from .site_layout import HOME, Layout, Page, link

SITEMAP = "sitemap.md"
SITEMAP_TITLE = "網站導覽"

# 導盲磚 regions: accesskey → the title of its ::: link (also the 網站導覽 wording).
ACCESSKEYS: tuple[tuple[str, str], ...] = (
    ("U", "上方功能區塊"),
    ("C", "中央內容區塊"),
    ("Z", "下方功能區塊"),
)

_FRONT_TITLE = re.compile(r"\A---\s*\n(?:.*\n)*?title:\s*[\"']?(.+?)[\"']?\s*\n(?:.*\n)*?---\s*\n", re.M)
_H1 = re.compile(r"^#\s+(.+?)(?:\s+\{[^}]*\})?\s*$", re.M)


@dataclass(frozen=True)
class SitemapEntry:
    title: str
    path: str | None  # a page path relative to the docs folder, or None for a plain heading
    children: tuple[SitemapEntry, ...] = ()


def page_title(markdown: str, fallback: str) -> str:
    """The title of a hand-written page: front matter ``title:``, else its first heading."""
    match = _FRONT_TITLE.match(markdown) or _H1.search(markdown)
    return match.group(1).strip() if match else fallback


def sitemap_page(entries: Sequence[SitemapEntry]) -> Page:
    """The 網站導覽 page: every page of the site and the accesskey table."""

    def tree(items: Sequence[SitemapEntry]) -> list[tuple[str, str | None, list]]:
        return [(e.title, link(SITEMAP, e.path) if e.path else None, tree(e.children)) for e in items]

    return Page(SITEMAP, SITEMAP_TITLE, render("sitemap.md.j2", entries=tree(entries), accesskeys=ACCESSKEYS))


def section_entries(pages: Sequence[Page], layout: Layout = Layout()) -> SitemapEntry:
    """The 主動公開資訊 branch of the site map: its cities and its browse indexes. Each leads on to
    the rest (city → agencies → plans; year or type → its plans), so the map stays one screen long
    however many plans the site holds."""
    by_path = {p.path: p for p in pages}
    index = by_path[layout.index()]
    children = [SitemapEntry(p.title, p.path) for p in pages if p.kind == "city"]
    children += [SitemapEntry(by_path[p].title, p) for p in (layout.years(), layout.types(), layout.data()) if p in by_path]
    return SitemapEntry(index.title, index.path, tuple(children))


def site_entries(handwritten: Iterable[tuple[str, str]], pages: Sequence[Page], layout: Layout) -> list[SitemapEntry]:
    """The whole site map: the home page, the 主動公開資訊 section, the other pages (hand-written, or
    generated outside the section: the policy pages), 網站導覽."""
    generated = {p.path for p in pages} | {SITEMAP}
    others = sorted(
        [
            *((path, page_title(text, path)) for path, text in handwritten if path not in generated),
            *((p.path, p.title) for p in pages if "/" not in p.path),
        ]
    )
    others = [(path, title) for path, title in others if not path.startswith(layout.section + "/")]
    home = [SitemapEntry(title, path) for path, title in others if path == HOME]
    rest = [SitemapEntry(title, path) for path, title in others if path != HOME]
    return [*home, section_entries(pages, layout), *rest, SitemapEntry(SITEMAP_TITLE, SITEMAP)]
