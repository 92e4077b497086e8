"""The navigation of the generated section: sections named after their index pages, in page order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page


def arrange(nav: Navigation, titles: Mapping[str, str], unlisted: Set[str] = frozenset()) -> Navigation:
    """Name each section holding a generated index page after that page, and order every
    section's children like the generated pages (``titles``: page path → title, in page order);
    the pages in ``unlisted`` (reached from the footer and the site map) leave the sidebar."""
    order = {path: i for i, path in enumerate(titles)}
    nav.items = [item for item in nav.items if not (isinstance(item, Page) and item.file.src_uri in unlisted)]
    _arrange(nav.items, titles, order)
    return nav


def _arrange(items: Sequence[object], titles: Mapping[str, str], order: Mapping[str, int]) -> None:
    for item in items:
        if isinstance(item, Section):
            index = next((ch for ch in item.children if isinstance(ch, Page) and ch.file.name == "index"), None)
            if index is not None and index.file.src_uri in titles:
                item.title = titles[index.file.src_uri]
            item.children.sort(key=lambda child: _first_path_order(child, order))
            _arrange(item.children, titles, order)


def _first_path_order(item: object, order: Mapping[str, int]) -> int:
    if isinstance(item, Page):
        return order.get(item.file.src_uri, -1 if item.file.name == "index" else len(order))
    if isinstance(item, Section):
        return min((_first_path_order(child, order) for child in item.children), default=len(order))
    return len(order)
