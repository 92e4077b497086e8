"""The primary sidebar (導覽列) of a page: its own path through the site and what lies beside it,
never a folder whose size grows with the site.

The theme draws its sidebar from the whole site's navigation: on a city portal every page of a city
listed all of its 150 agencies (60 % of a plan page's bytes, 40 % of the engine's time). The theme's
``partials/nav.html`` (``templates/theme/``) leaves ``MARKER`` in its place, and the build session
writes this sidebar there, whatever engine built the page:

- the site's top level (首頁, 搜尋, 網站導覽, 主動公開資訊 …), folders as links to their index pages;
- each folder on the page's path opened, with its entries; an entry not shown ``beside`` others (an
  agency: its city's page lists it; a list's later pages: its first page links to them) only when
  the page is inside it. A plan page so shows 縣市 › 機關 › its agency's plans and comparisons;
- the page itself, with the theme's table of contents (``toc``, taken from the built page) for
  phones, where the sidebar's drawer is the only place it shows.

The markup is mkdocs-material's own (9.8, ``partials/nav-item.html`` with ``navigation.indexes`` and
``navigation.prune``): the theme's stylesheet and script open and close the levels on phones, and
the keyboard and screen readers meet the same controls as on every other page. The toggles are
named as ``publish.theme_fixes`` names the theme's (a hidden text of the section's name).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .escape import html_text

MARKER = "<!-- plansite: sidebar -->"

Href = Callable[[str], str]  # a Markdown page → its link from the page being drawn


@dataclass(frozen=True)
class NavEntry:
    """A page, or a folder of pages, in the site's navigation."""

    title: str  # text
    page: str | None  # the page (a folder: its index page), a Markdown path; None for a folder without one
    children: tuple[NavEntry, ...] = ()  # a folder's pages and subfolders (its index page not among them)
    beside: bool = True  # shown beside the current page; False: only when the current page is inside it
    folder: bool = False


class Sidebar:
    """The sidebars of the pages of one site: ``html(page, …)`` for each."""

    def __init__(self, entries: Sequence[NavEntry]) -> None:
        self.entries = tuple(entries)
        self._inside: dict[str, frozenset[int]] = {}  # page → ids of the folders it is inside
        self._index(self.entries, ())

    def _index(self, entries: Sequence[NavEntry], folders: tuple[int, ...]) -> None:
        for entry in entries:
            inside = (*folders, id(entry)) if entry.folder else folders
            if entry.page is not None:
                self._inside.setdefault(entry.page, frozenset(inside))
            self._index(entry.children, inside)

    def html(self, current: str | None, href: Href, toc: str = "") -> str:
        """The sidebar's list items for the page ``current`` (None: a page outside the navigation,
        such as 404.html); ``href`` links a page from it; ``toc``: the page's table of contents (the
        theme's ``<nav class="md-nav md-nav--secondary">``), shown under the page itself."""
        drawing = _Drawing(current, self._inside.get(current or "", frozenset()), href, toc)
        return "".join(drawing.item(entry, f"__nav_{number}", 1) for number, entry in drawing.shown(self.entries))


def sidebar_html(entries: Sequence[NavEntry], current: str | None, href: Href, toc: str = "") -> str:
    """One page's sidebar (``Sidebar.html``)."""
    return Sidebar(entries).html(current, href, toc)


@dataclass(frozen=True)
class _Drawing:
    current: str | None
    inside: frozenset[int]  # the folders the current page is in
    href: Href
    toc: str

    def holds(self, entry: NavEntry) -> bool:
        return entry.page == self.current if not entry.folder else id(entry) in self.inside

    def shown(self, entries: Sequence[NavEntry]) -> list[tuple[int, NavEntry]]:
        return [(number, entry) for number, entry in enumerate(entries, start=1) if entry.beside or self.holds(entry)]

    def item(self, entry: NavEntry, id_: str, level: int) -> str:
        title = html_text(entry.title)
        href = self.href
        if not entry.folder:
            page = entry.page or ""
            if page == self.current:
                return _current_page(title, href(page), self.toc)
            return f'<li class="md-nav__item"><a href="{href(page)}" class="md-nav__link">{_label(title)}</a></li>\n'
        if not self.holds(entry):
            return (
                '<li class="md-nav__item md-nav__item--pruned md-nav__item--nested">'
                f'<a href="{href(_first_page(entry))}" class="md-nav__link">{_label(title)}<span class="md-nav__icon md-icon"></span></a></li>\n'
            )
        children = self.shown(entry.children)
        if not children:  # the folder's own page, with nothing shown inside it
            return _current_page(title, href(entry.page or ""), "", index=True)
        is_current = entry.page == self.current
        active = " md-nav__link--active" if is_current else ""
        toggle = (
            f'<label class="md-nav__link{active}" for="{id_}" id="{id_}_label" tabindex="0">'
            f'<span class="tw-visually-hidden">{title}</span><span class="md-nav__icon md-icon"></span></label>'
        )
        if entry.page is not None:
            mark = ' aria-current="page"' if is_current else ""
            head = (
                f'<div class="md-nav__link md-nav__container"><a href="{href(entry.page)}" class="md-nav__link{active}"{mark}>'
                f"{_label(title)}</a>{toggle}</div>"
            )
        else:  # a folder without an index page: the toggle alone, named by its text
            head = (
                f'<label class="md-nav__link" for="{id_}" id="{id_}_label" tabindex="0">{_label(title)}'
                '<span class="md-nav__icon md-icon"></span></label>'
            )
        inner = "".join(self.item(child, f"{id_}_{number}", level + 1) for number, child in children)
        return (
            '<li class="md-nav__item md-nav__item--active md-nav__item--nested">\n'
            f'<input class="md-nav__toggle md-toggle" type="checkbox" id="{id_}" checked>\n{head}\n'
            f'<nav class="md-nav" data-md-level="{level}" aria-labelledby="{id_}_label" aria-expanded="true">\n'
            f'<label class="md-nav__title" for="{id_}"><span class="md-nav__icon md-icon"></span>{title}</label>\n'
            f'<ul class="md-nav__list" data-md-scrollfix>\n{inner}</ul>\n</nav>\n</li>\n'
        )


def _current_page(title: str, link: str, toc: str, *, index: bool = False) -> str:
    """The page being shown: marked current; a leaf page with its table of contents behind a toggle
    (the theme's ``__toc``), as the theme draws it."""
    anchor = f'<a href="{link}" class="md-nav__link md-nav__link--active" aria-current="page">{_label(title)}</a>'
    if index:
        return f'<li class="md-nav__item md-nav__item--active">{anchor}</li>\n'
    opener = (
        f'<label class="md-nav__link md-nav__link--active" for="__toc">{_label(title)}<span class="md-nav__icon md-icon"></span></label>'
        if toc
        else ""
    )
    return (
        '<li class="md-nav__item md-nav__item--active">\n'
        f'<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">\n{opener}{anchor}\n{toc}</li>\n'
    )


def _label(title: str) -> str:
    return f'<span class="md-ellipsis">{title}</span>'


def _first_page(entry: NavEntry) -> str:
    """Where a folder's link leads: its index page, else its first page."""
    if entry.page is not None:
        return entry.page
    return next((_first_page(child) for child in entry.children), "")


# --- the theme's table of contents of a built page ------------------------------------------------

_TOC_START = '<nav class="md-nav md-nav--secondary"'


def page_toc(html: str) -> str:
    """The table of contents the theme drew in a built page's secondary sidebar (its nested
    ``<nav>`` levels included), or "" if it has none."""
    start = html.find(_TOC_START)
    if start < 0:
        return ""
    depth, position = 0, start
    while True:
        opening = html.find("<nav", position)
        closing = html.find("</nav>", position)
        if closing < 0:
            return ""
        if 0 <= opening < closing:
            depth, position = depth + 1, opening + 4
        else:
            depth, position = depth - 1, closing + 6
            if depth == 0:
                return html[start:position]


# --- links ------------------------------------------------------------------------------------------


def page_url(page: str) -> str:
    """A Markdown page's URL path from the site's root, with directory URLs: index.md → "",
    a/index.md → a/, a/b.md → a/b/."""
    stem = page[: -len(".md")] if page.endswith(".md") else page
    if stem == "index":
        return ""
    return (stem[: -len("/index")] if stem.endswith("/index") else stem) + "/"


def relative_links(current: str) -> Href:
    """Links from the page at site URL path ``current`` (e.g. disclosure/x/) to other pages."""
    here = [part for part in current.split("/") if part]

    def href(page: str) -> str:
        there = [part for part in page_url(page).split("/") if part]
        common = 0
        while common < min(len(here), len(there)) and here[common] == there[common]:
            common += 1
        steps = [".."] * (len(here) - common) + there[common:]
        return "/".join(steps) + "/" if steps else "./"

    return href


def rooted_links(root: str) -> Href:
    """Links from a page that is served at many addresses (404.html): from the site's root path."""
    return lambda page: root + page_url(page)
