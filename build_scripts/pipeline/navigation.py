"""The site's navigation as data: a tree of pages and folders (``render.sidebar.NavEntry``) from which
the sidebar of each page is drawn, and the same tree in mkdocs.yml's ``nav:`` form for engines that
are told it (Zensical; MkDocs arranges its own with the same titles and order, ``engines/mkdocs/nav.py``).

A folder is named after its index page. In each folder come the pages, then the subfolders; the
hand-written pages in the engines' own order (index first, then by name), the generated ones in the
order the session made them.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from ..render.escape import html_text
from ..render.sidebar import NavEntry

NavItem = dict[str, Any] | str


def nav_tree(
    paths: Sequence[str], titles: Mapping[str, str], generated: Sequence[str], alone: Collection[str] = ()
) -> list[NavEntry]:
    """``paths``: every page in the navigation; ``titles``: page → title (text); ``generated``: the
    generated pages in order; ``alone``: pages shown in the sidebar only on their own branch
    (``NavEntry.beside``)."""
    order = {path: index for index, path in enumerate(generated)}

    def rank(path: str) -> tuple[bool, int, str]:
        return (posixpath.basename(path) != "index.md", order.get(path, -1), path)

    return _folder("", set(paths), titles, rank, frozenset(alone))


def _folder(
    folder: str, paths: set[str], titles: Mapping[str, str], rank: Callable[[str], Any], alone: frozenset[str]
) -> list[NavEntry]:
    prefix = folder + "/" if folder else ""
    pages = sorted((p for p in paths if posixpath.dirname(p) == folder), key=rank)
    entries = [NavEntry(titles.get(p, p), p, beside=p not in alone) for p in pages if not (folder and p == prefix + "index.md")]
    subfolders = {prefix + p[len(prefix) :].split("/", 1)[0] for p in paths if posixpath.dirname(p) != folder}
    for sub in sorted(subfolders, key=lambda f: rank(f"{f}/index.md")):
        inside = {p for p in paths if p.startswith(sub + "/")}
        index = f"{sub}/index.md"
        children = tuple(_folder(sub, inside, titles, rank, alone))
        title = titles.get(index, posixpath.basename(sub))
        entries.append(NavEntry(title, index if index in inside else None, children, index not in alone, folder=True))
    return entries


def site_nav(tree: Sequence[NavEntry]) -> list[NavItem]:
    """The tree in mkdocs.yml's ``nav:`` form: a page is ``{title: path}``, a folder ``{title: [its
    index page, its pages and folders …]}``; titles as HTML (engines write nav labels as they are)."""

    def item(entry: NavEntry) -> NavItem:
        title = html_text(entry.title)
        if entry.folder:
            return {title: [*([entry.page] if entry.page else []), *(item(child) for child in entry.children)]}
        return {title: entry.page}

    return [item(entry) for entry in tree]
