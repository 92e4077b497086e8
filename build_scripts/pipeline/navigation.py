"""The site's navigation as data, for engines that are told it (Zensical; MkDocs arranges its own
with the same titles and order, ``engines/mkdocs/nav.py``).

A tree in mkdocs.yml's ``nav:`` form: a page is ``{title: path}``, a folder ``{title: [its index
page, its pages and folders …]}``, named after its index page. In each folder come the pages,
then the subfolders; the hand-written pages in the engines' own order (index first, then by
name), the generated ones in the order the session made them.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping, Sequence
from typing import Any

NavItem = dict[str, Any] | str


def site_nav(paths: Sequence[str], titles: Mapping[str, str], generated: Sequence[str]) -> list[NavItem]:
    """``paths``: every page; ``titles``: page → title; ``generated``: the generated pages in order."""
    order = {path: index for index, path in enumerate(generated)}

    def rank(path: str) -> tuple[bool, int, str]:
        return (posixpath.basename(path) != "index.md", order.get(path, -1), path)

    return _folder("", set(paths), titles, rank)


def _folder(folder: str, paths: set[str], titles: Mapping[str, str], rank: Callable[[str], Any]) -> list[NavItem]:
    prefix = folder + "/" if folder else ""
    pages = sorted((p for p in paths if posixpath.dirname(p) == folder), key=rank)
    items: list[NavItem] = [p if folder and p == prefix + "index.md" else {titles.get(p, p): p} for p in pages]
    subfolders = {prefix + p[len(prefix) :].split("/", 1)[0] for p in paths if posixpath.dirname(p) != folder}
    for sub in sorted(subfolders, key=lambda f: rank(f"{f}/index.md")):
        inside = {p for p in paths if p.startswith(sub + "/")}
        items.append({titles.get(f"{sub}/index.md", posixpath.basename(sub)): _folder(sub, inside, titles, rank)})
    return items
