"""WeasyPrint's layout with a second look at where the pages broke.

A printed table repeats no merged 要項 / 重點 on every row: the rows a merged cell covers hold a
hidden copy of it (``.plan-fill``, ``display: none``). Once the document is laid out, the copy on
the first row of each page is shown, marked 「（續）」 (``continuation.page_marks``), and only the
pages that hold a changed copy are laid out again — WeasyPrint's own page maker re-makes a page
whose content changed and the pages after it only while their starting point moves. This repeats
until the shown copies are the ones the pages call for. Before that, a row kept whole that moved
to the next page and left much of a page empty is let go over the break (``rows_to_release``).
Where a merged cell is cut by the foot of a page, its bottom line is drawn
(``continuation.close_page_ends``): a colour, no layout.

This reaches into WeasyPrint's layout (the page maker, computed styles, the box builder), so
WeasyPrint is pinned in pyproject.toml; tests/pdf/test_print_tables.py holds the behaviour.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from .continuation import FILL_CLASS, MAX_ROUNDS, close_page_ends, page_marks, rows_to_release


def _fills(root: Any) -> dict[str, tuple[Any, Any]]:
    """Each hidden copy's table cell and element, by the cell's id."""
    found = {}
    for cell in root.iter():
        for child in cell:
            if FILL_CLASS in (child.get("class") or "").split() and cell.get("id"):
                found[cell.get("id")] = (cell, child)
    return found


class _Styles:
    """Per-element style changes between layouts: a copy of the element's computed style is changed
    (WeasyPrint shares one computed style between alike elements), the original kept to go back to."""

    def __init__(self, style_for: Any) -> None:
        self.styles = style_for.get_computed_styles()
        self.originals: dict[Any, Any] = {}

    def change(self, element: Any, **values: Any) -> None:
        key = (element, None)
        original = self.originals.setdefault(element, self.styles[key])
        changed = original.copy()
        changed.update(values)
        self.styles[key] = changed

    def restore(self, element: Any) -> None:
        if element in self.originals:
            self.styles[element, None] = self.originals.pop(element)


def _pages_holding(pages: list[Any], elements: set[Any]) -> set[int]:
    return {
        index
        for index, page in enumerate(pages)
        for box in page.descendants()
        if box.element is not None and box.element in elements
    }


class _Relayout:
    """The pages of one document, laid out again where style changes call for it."""

    def __init__(self, html: Any, root_box: Any, context: Any, build: Callable[[], Any]) -> None:
        from weasyprint.layout import initialize_page_maker
        from weasyprint.layout.page import make_all_pages

        self.html, self.root_box, self.context, self.build = html, root_box, context, build
        self.make_all_pages = make_all_pages
        initialize_page_maker(context, root_box)
        self.pages = list(make_all_pages(context, root_box, html, []))
        self.styles = _Styles(context.style_for)

    def remake(self, pages: set[int]) -> None:
        """Rebuild the boxes from the changed styles and lay out these pages again (and the pages
        after them, as long as where they start moves)."""
        self.root_box = self.build()
        for index in pages:
            self.context.page_maker[index][-1]["content_changed"] = True
        self.pages = list(self.make_all_pages(self.context, self.root_box, self.html, self.pages))

    def release_tall_rows(self) -> None:
        """Let tall rows go over page breaks, so that none leaves much of a page empty."""
        released: set[Any] = set()
        for _ in range(MAX_ROUNDS):
            release, remake = rows_to_release(self.pages, released)
            for row in release:
                self.styles.change(row, break_inside="auto")
            released |= release
            if not remake:
                return
            self.remake(remake)

    def show_continued(self) -> None:
        """Show the copies the page breaks call for, until the pages call for the ones shown."""
        fills = _fills(self.html.etree_element)
        shown: frozenset[str] = frozenset()
        for _ in range(MAX_ROUNDS):
            wanted = page_marks(self.pages).continued & fills.keys()
            if wanted == shown:
                return
            for cell_id in shown - wanted:
                self.styles.restore(fills[cell_id][1])
            for cell_id in wanted - shown:
                self.styles.change(fills[cell_id][1], display=("block", "flow"))
            changed_cells = {fills[cell_id][0] for cell_id in wanted ^ shown}
            shown = wanted
            self.remake(_pages_holding(self.pages, changed_cells))


def _lay_out_pages(html: Any, root_box: Any, context: Any, build: Callable[[], Any]) -> tuple[list[Any], Any]:
    """Pages (without margin boxes) with tall rows let go over breaks and the copies each page calls
    for, and the box tree they came from."""
    layout = _Relayout(html, root_box, context, build)
    layout.release_tall_rows()
    layout.show_continued()
    return layout.pages, layout.root_box


@contextmanager
def _patched(module: Any, **replacements: Any) -> Iterator[None]:
    saved = {name: getattr(module, name) for name in replacements}
    for name, value in replacements.items():
        setattr(module, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(module, name, value)


def render_document(html_text: str, url_fetcher: Callable[..., Any]) -> Any:
    """The laid-out WeasyPrint document of a print HTML (PDF/UA-1), continued cells shown."""
    import weasyprint.document as document_module
    import weasyprint.layout as layout_module
    from weasyprint import HTML
    from weasyprint.formatting_structure.build import build_formatting_structure

    real_layout = document_module.layout_document
    real_make_all_pages = layout_module.make_all_pages

    def layout_document(html: Any, root_box: Any, context: Any, max_loops: int = 8) -> Any:
        def build() -> Any:
            return build_formatting_structure(
                html.etree_element,
                context.style_for,
                context.get_image_from_uri,
                html.base_url,
                context.target_collector,
                context.counter_style,
                context.footnotes,
            )

        pages, root_box = _lay_out_pages(html, root_box, context, build)
        laid_out = iter([pages])

        def make_all_pages(context: Any, root_box: Any, html: Any, previous: list[Any]) -> Any:
            first = next(laid_out, None)  # the pages made above, then WeasyPrint's own repagination
            return iter(first) if first is not None else real_make_all_pages(context, root_box, html, previous)

        with _patched(layout_module, initialize_page_maker=lambda context, root_box: None, make_all_pages=make_all_pages):
            result = list(real_layout(html, root_box, context, max_loops))  # a generator: run it here
        close_page_ends(result)
        return result

    with _patched(document_module, layout_document=layout_document):
        return HTML(string=html_text, url_fetcher=url_fetcher).render(pdf_variant="pdf/ua-1")
