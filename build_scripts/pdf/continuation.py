"""Where a laid-out print's pages break inside a merged table cell.

The print lays a table out without row spans (``render.tables.unmerge_rows``): a merged 要項 or
重點 is printed on its own first row; each row below that it covers holds a hidden copy (in a
``.plan-fill``) and no line between them. ``page_marks`` reads the laid-out pages: a page that
opens inside a merged cell shows the copy on its first row (「（續）」; when a tall row
is carried over the break, on the first row that starts there); ``close_page_ends`` draws the line
under a merged cell that a page's foot cuts. ``layout`` does the rest.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

MAX_ROUNDS = 3  # rounds of re-made pages for tall rows, then again for the copies
FILL_CLASS = "plan-fill"
REPEATED_CLASS = "plan-repeated"
CONTINUES_CLASS = "plan-continues"


@dataclass(frozen=True)
class PageMarks:
    continued: frozenset[str]  # ids of the repeated cells on the first row of a page
    page_ends: frozenset[str]  # ids of the cells on the last row of a page whose merged cell goes on


def _classes(box: Any) -> set[str]:
    element = box.element
    return set((element.get("class") or "").split()) if element is not None else set()


def _tables(page_box: Any) -> Iterator[Any]:
    from weasyprint.formatting_structure.boxes import TableBox

    for box in page_box.descendants():
        if isinstance(box, TableBox):
            yield box


def _body_rows(table: Any) -> list[Any]:
    return [row for group in table.children if not (group.is_header or group.is_footer) for row in group.children]


def _ids(row: Any, wanted: str) -> set[str]:
    return {cell.element.get("id") for cell in row.children if wanted in _classes(cell) and cell.element is not None}


def _has_text(box: Any) -> bool:
    from weasyprint.formatting_structure.boxes import TextBox

    return any(isinstance(b, TextBox) and b.text.strip() for b in box.descendants())


def _shown_in(fragment: Any, column: int) -> bool:
    """Whether a row piece carried over from the previous page shows text in a column."""
    return any(cell.grid_x == column and _has_text(cell) for cell in fragment.children)


def page_marks(pages: list[Any]) -> PageMarks:
    """The cells a layout's page breaks fall on: repeated cells on the first row that starts on a
    page (unless a row carried over from the previous page already shows that column's text), and
    continuing cells on the last row of a page."""
    continued: set[str] = set()
    page_ends: set[str] = set()
    seen: set[Any] = set()  # the row elements of earlier pages
    for page in pages:
        for table in _tables(page):
            rows = _body_rows(table)
            if not rows:
                continue
            starting = [row for row in rows if row.element not in seen]
            carried = rows[0] if rows[0].element in seen else None
            if starting:
                continued |= {
                    cell.element.get("id")
                    for cell in starting[0].children
                    if REPEATED_CLASS in _classes(cell) and not (carried is not None and _shown_in(carried, cell.grid_x))
                }
            page_ends |= _ids(rows[-1], CONTINUES_CLASS)
            seen.update(row.element for row in rows)
    return PageMarks(frozenset(continued), frozenset(page_ends))


def _grid_rows(table_element: Any) -> dict[str, int]:
    """Each row's place in the table's grid (header rows first), by the id of its first cell."""
    rows = list(table_element.iter("{http://www.w3.org/1999/xhtml}tr")) or list(table_element.iter("tr"))
    return {row[0].get("id"): index for index, row in enumerate(rows) if len(row)}


def close_page_ends(pages: list[Any]) -> None:
    """Draw the bottom line of each continuing cell on the last row of a page.

    The line between rows of a merged cell is transparent (print.css); at the foot of a page it
    closes the table. Collapsed borders are a grid WeasyPrint resolves before layout and reads when
    drawing, shared by a table's pieces on every page: the line is made opaque there (a colour,
    so nothing moves)."""
    from weasyprint.draw.color import get_color

    for page in pages:
        for table in _tables(page):
            rows = _body_rows(table)
            if not rows or table.collapsed_border_grid is None:
                continue
            line = _grid_rows(table.element).get(rows[-1].children[0].element.get("id"), -1) + 1
            _, horizontal = table.collapsed_border_grid
            for cell in rows[-1].children:
                if CONTINUES_CLASS not in _classes(cell) or not 0 < line < len(horizontal):
                    continue
                colour = get_color(cell.style, "border_left_color")
                for x in range(cell.grid_x, cell.grid_x + cell.colspan):
                    score, (style, width, _) = horizontal[line][x]
                    horizontal[line][x] = (score, (style, width, colour))


def carried_rows(pages: list[Any]) -> frozenset[tuple[int, int]]:
    """(page index, table number on the page) of each table piece whose first row is the rest of a
    row the page break split: the tagging joins the two into one row (``tags.finish``)."""
    carried: set[tuple[int, int]] = set()
    seen: set[Any] = set()
    for index, page in enumerate(pages):
        on_page: list[Any] = []
        for number, table in enumerate(_tables(page)):
            rows = _body_rows(table)
            if rows and rows[0].element in seen:
                carried.add((index, number))
            on_page.extend(row.element for row in rows)
        seen.update(on_page)
    return frozenset(carried)


RELEASE_GAP = 0.15  # a row is let go over a page break when keeping it whole leaves this much of a page empty


def _content_bottom(page: Any) -> float:
    """Where a page's content ends (the root box itself stretches to the foot of the page)."""
    from weasyprint.formatting_structure.boxes import LineBox, TableRowBox

    root = page.children[0]  # the page's content (margin boxes and footnote areas follow)
    bottoms = [box.position_y + box.height for box in root.descendants() if isinstance(box, LineBox | TableRowBox)]
    return max(bottoms, default=page.content_box_y())


def rows_to_release(pages: list[Any], released: set[Any]) -> tuple[set[Any], set[int]]:
    """Rows kept whole (``break-inside: avoid``) that are let go over page breaks, and the pages to
    lay out again for them.

    A row taller than ``RELEASE_GAP`` of a page could leave that much of a page empty by moving to
    the next one, so every such row is let go at once (rows already ``released`` aside); the pages
    to re-make are those before a row that did move and leave a larger gap."""
    release: set[Any] = set()
    remake: set[int] = set()
    seen: set[Any] = set()
    for index, page in enumerate(pages):
        for table in _tables(page):
            rows = _body_rows(table)
            tall = {row.element for row in rows if row.height > RELEASE_GAP * page.height and row.element not in released}
            release |= tall
            if index and rows and rows[0].element in tall and rows[0].element not in seen:
                previous = pages[index - 1]
                if previous.content_box_y() + previous.height - _content_bottom(previous) > RELEASE_GAP * previous.height:
                    remake.add(index - 1)
            seen.update(row.element for row in rows)
    return release, remake
