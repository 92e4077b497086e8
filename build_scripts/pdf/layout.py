"""WeasyPrint's layout, page by page, with the page breaks' 「（續）」 copies and tall rows.

A printed table repeats no merged 要項 / 重點 on every row: the rows a merged cell covers hold a
hidden copy of it (``.plan-fill``, ``display: none``). A page that opens inside a merged cell shows
the copy on its first row, marked 「（續）」. The pages are made one at a time (WeasyPrint's own
``remake_page``), so no page is laid out again for what happens after it:

- before a page is made, the copies it will open with are foreseen from where the page before
  stopped (``continuation.next_start``) and shown: the cells holding them are swapped for cells
  from a second box tree built once with every copy shown (``_Copies``);
- once made, the page is read (``continuation.continued_on``); if it calls for other copies, or a
  row kept whole moved on and left much of the page empty (the row is then let go over the
  break), the page alone is made again;
- a row foreseen tall from its text (``continuation.tall_rows``) is let go from the start instead,
  and kept whole (its page made again) only when a page's foot falls inside it with little room
  above: the same pages, made twice less often. The page's size comes from the first page of the
  document before (all PDFs of a build share the print stylesheet), or, in a process's first
  document, from its own first page, once made.

Where a merged cell is cut by the foot of a page, its bottom line is drawn
(``continuation.close_page_ends``): a colour, no layout.

This reaches into WeasyPrint's layout (the page maker, computed styles, the box builder), so
WeasyPrint is pinned in pyproject.toml; tests/e2e/test_print_tables.py holds the behaviour.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from .continuation import (
    FILL_CLASS,
    MAX_ROUNDS,
    close_page_ends,
    continued_on,
    leaves_a_gap,
    next_start,
    predicted_marks,
    rows_on,
    tall_rows,
)


def _cells_with_copies(root_box: Any) -> dict[str, tuple[Any, Any]]:
    """The table cells of a box tree that hold a hidden copy, by id: (row box, cell box)."""
    from weasyprint.formatting_structure.boxes import TableCellBox, TableRowBox

    def holds_copy(cell: Any) -> bool:
        return any(FILL_CLASS in (child.get("class") or "").split() for child in cell.element)

    return {
        cell.element.get("id"): (row, cell)
        for row in root_box.descendants()
        if isinstance(row, TableRowBox)
        for cell in row.children
        if isinstance(cell, TableCellBox) and cell.element is not None and cell.element.get("id") and holds_copy(cell)
    }


@contextmanager
def copies_shown(style_for: Any, cells: list[Any]) -> Iterator[None]:
    """The hidden copies of ``cells`` computed as ``display: block`` for the length of the block (the
    box builder reads the computed styles), then hidden again."""
    styles = style_for.get_computed_styles()
    originals = {}
    for cell in cells:
        for child in cell.element:
            if FILL_CLASS in (child.get("class") or "").split():
                originals[child] = styles[child, None]
                changed = originals[child].copy()
                changed.update(display=("block", "flow"))
                styles[child, None] = changed
    try:
        yield
    finally:
        for child, style in originals.items():
            styles[child, None] = style


def builder_arguments(html: Any, context: Any) -> tuple[Any, ...]:
    """What WeasyPrint's box builder takes after the element (``element_to_box``,
    ``build_formatting_structure``), for a document being laid out."""
    return (
        context.style_for,
        context.get_image_from_uri,
        html.base_url,
        context.target_collector,
        context.counter_style,
        context.footnotes,
    )


class _Copies:
    """Which hidden copies are shown in the box tree being laid out.

    A shown copy is a cell box built again (once, when first needed) with its copy ``display:
    block``; showing or hiding a copy swaps the cell in its row. WeasyPrint lays a page out from the
    tree's boxes, so the next page made sees the swap."""

    def __init__(self, root_box: Any, build_cell: Callable[[Any, Any], Any], style_for: Any) -> None:
        self.hidden = _cells_with_copies(root_box)
        self.build_cell, self.style_for = build_cell, style_for
        self._shown_cells: dict[str, Any] | None = None
        self.shown: set[str] = set()
        self.kept: set[str] = set()  # the copies of the pages already made

    def _shown_tree(self) -> dict[str, Any]:
        """The cells with their copy shown, by id: each built alone from its element, with the
        copy's computed style ``display: block`` while it is built."""
        if self._shown_cells is None:
            with copies_shown(self.style_for, [cell for _, cell in self.hidden.values()]):
                self._shown_cells = {cell_id: self.build_cell(row, cell) for cell_id, (row, cell) in self.hidden.items()}
        return self._shown_cells

    def _swap(self, cell_id: str, show: bool) -> None:
        row, hidden = self.hidden[cell_id]
        shown = self._shown_tree()[cell_id]
        old, new = (hidden, shown) if show else (shown, hidden)
        row.children = [new if child is old else child for child in row.children]

    def show(self, wanted: set[str]) -> set[Any]:
        """Show the copies of the pages already made and ``wanted``, hide the rest; the row
        elements whose cells changed."""
        target = self.kept | (wanted & self.hidden.keys())
        changed = self.shown ^ target
        for cell_id in changed:
            self._swap(cell_id, cell_id in target)
        self.shown = target
        return {self.hidden[cell_id][0].element for cell_id in changed}

    def keep(self, page_copies: set[str]) -> None:
        self.kept |= page_copies & self.hidden.keys()


# The content area (width, height, px) of the first page of the last document laid out in this
# process. A build's PDFs share one print stylesheet, so with it a document's tall rows are foreseen
# before its first page is made, the first page's rows too; without it (a process's first document),
# once that page is made. A guess, like the rows' heights: a wrong one costs a page made twice, never
# a different page.
_last_area: dict[str, tuple[float, float]] = {}


class _Pages:
    """A document's pages, made one at a time with the copies and released rows each calls for."""

    def __init__(self, html: Any, root_box: Any, context: Any, build_cell: Callable[[Any, Any], Any]) -> None:
        from weasyprint.layout import initialize_page_maker
        from weasyprint.layout.page import remake_page

        self.html, self.root_box, self.context = html, root_box, context
        self.remake_page = remake_page
        initialize_page_maker(context, root_box)
        context.rendered_notes = []
        self.copies = _Copies(root_box, build_cell, context.style_for)
        self.released: set[Any] = set()  # rows let go over a break: by ``_release``, or from the start
        self.let_go: dict[Any, Any] = {}  # rows let go from the start and not yet decided: their style kept whole

    def _make(self, index: int) -> tuple[Any, Any]:
        state = self.context.page_maker[index][-1]  # as WeasyPrint's make_all_pages, before a page
        state.update(content_changed=False, pages_wanted=False, anchors=[], content_lookups=[])
        return self.remake_page(index, self.context, self.root_box, self.html)

    def _let_go(self, row: Any) -> None:
        changed = row.style.copy()
        changed.update(break_inside="auto")
        row.style = changed
        self.released.add(row)

    def _let_tall_rows_go(self, area: tuple[float, float], seen: set[Any]) -> None:
        """Let the rows foreseen tall go over a break from the start (``continuation.tall_rows``),
        on a page of ``area`` (content width and height): those not on a page made already (``seen``)."""
        for row in tall_rows(self.root_box, area):
            if row.element not in seen:
                self.let_go[row] = row.style
                self._let_go(row)

    def _release(self, page: Any, resume_at: Any) -> bool:
        """Let a row kept whole go over the break when moving it left much of the page empty; keep a
        row let go from the start whole when the page's foot falls inside it and moving it leaves
        little empty. True: the page is to be made again."""
        start = next_start(self.root_box, resume_at)
        row = start.pushed
        if row is not None and row not in self.released and leaves_a_gap(page):
            self._let_go(row)
            return True
        row = start.split
        if row is None or row not in self.let_go:
            return False
        whole = self.let_go.pop(row)  # decided once, where the first page's foot falls inside it
        if leaves_a_gap(page, without=row.element):
            return False
        row.style = whole
        self.released.discard(row)
        return True

    def _settle(self, index: int, seen: set[Any]) -> tuple[Any, Any]:
        """Page ``index``, made again until it shows the copies it calls for."""
        page, resume_at = self._make(index)
        for _ in range(MAX_ROUNDS):
            moved = self.copies.show(continued_on(page, seen)) & rows_on(page)
            if not moved and not (resume_at is not None and self._release(page, resume_at)):
                break
            page, resume_at = self._make(index)
        self.copies.keep(continued_on(page, seen))
        return page, resume_at

    def make(self) -> list[Any]:
        pages: list[Any] = []
        seen: set[Any] = set()
        foreseen = _last_area.get("page")
        if foreseen is not None:  # the first page's rows too
            self._let_tall_rows_go(foreseen, seen)
        while True:
            page, resume_at = self._settle(len(pages), seen)
            pages.append(page)
            seen |= rows_on(page)
            if len(pages) == 1:
                area = _last_area["page"] = (page.width, page.height)
                if foreseen is None:
                    self._let_tall_rows_go(area, seen)
            if resume_at is None and not self.context.reported_footnotes:
                break
            self.copies.show(predicted_marks(next_start(self.root_box, resume_at)))
        # as WeasyPrint's make_all_pages at the end of a document
        self.context.page_maker = self.context.page_maker[: len(pages) + 1]
        self.context.broken_out_of_flow.clear()
        self.context.reported_footnotes.clear()
        return pages


# What building the table (``wrap_table``) sets on a cell, kept from the hidden cell in a cell built again.
_PLACED = ("grid_x", "colspan", "rowspan", *(f"border_{side}_width" for side in ("top", "right", "bottom", "left")))


def _after_collapsible_space(parent: Any, element: Any) -> bool:
    """Whether the text just before an element of ``parent`` ends with a space that white-space
    processing collapses (the text between two cells): as the whole tree's processing carries it in."""
    children = list(parent)
    index = children.index(element)
    text = children[index - 1].tail if index else parent.text
    return bool(text) and text[-1] in " \t\n\r\f"


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


def render_document(html_text: str, url_fetcher: Callable[..., Any], font_config: Any = None) -> Any:
    """The laid-out WeasyPrint document of a print HTML (PDF/UA-1), continued cells shown; with
    ``font_config``, laid out in that WeasyPrint font configuration (else in a new one)."""
    import weasyprint.document as document_module
    import weasyprint.layout as layout_module
    from weasyprint import HTML
    from weasyprint.formatting_structure.build import create_anonymous_boxes, element_to_box

    real_layout = document_module.layout_document
    real_make_all_pages = layout_module.make_all_pages

    def layout_document(html: Any, root_box: Any, context: Any, max_loops: int = 8) -> Any:
        def build_cell(row: Any, hidden: Any) -> Any:
            """A table cell's box built again from its element, as WeasyPrint's box builder builds it
            in the whole tree (``build_formatting_structure``), in the hidden cell's place in the grid."""
            element = hidden.element
            (cell,) = element_to_box(element, *builder_arguments(html, context))
            cell.process_whitespace(_after_collapsible_space(row.element, element))
            cell.process_text_transform()
            cell = create_anonymous_boxes(cell)
            for name in _PLACED:  # the table's work on the hidden cell: its grid place and collapsed borders
                if hasattr(hidden, name):
                    setattr(cell, name, getattr(hidden, name))
            return cell

        laid_out = iter([_Pages(html, root_box, context, build_cell).make()])

        def make_all_pages(context: Any, root_box: Any, html: Any, previous: list[Any]) -> Any:
            first = next(laid_out, None)  # the pages made above, then WeasyPrint's own repagination
            return iter(first) if first is not None else real_make_all_pages(context, root_box, html, previous)

        with _patched(layout_module, initialize_page_maker=lambda context, root_box: None, make_all_pages=make_all_pages):
            result = list(real_layout(html, root_box, context, max_loops))  # a generator: run it here
        close_page_ends(result)
        return result

    with _patched(document_module, layout_document=layout_document):
        return HTML(string=html_text, url_fetcher=url_fetcher).render(pdf_variant="pdf/ua-1", font_config=font_config)
