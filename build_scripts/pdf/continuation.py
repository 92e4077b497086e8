"""Where a laid-out print's pages break inside a merged table cell.

The print lays a table out without row spans (``render.tables.unmerge_rows``): a merged 要項 or
重點 is printed on its own first row; each row below that it covers holds a hidden copy (in a
``.plan-fill``) and no line between them. A page that opens inside a merged cell shows the copy on
its first row (「（續）」; when a tall row is carried over the break, on the first row that starts
there): ``next_start`` and ``predicted_marks`` foresee it from where the page before stopped,
``continued_on`` reads it from the laid-out page. ``close_page_ends`` draws the line under a merged
cell that a page's foot cuts. ``layout`` does the rest.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..render.columns import text_width

MAX_ROUNDS = 3  # times one page is made again for its copies and tall rows
FILL_CLASS = "plan-fill"
REPEATED_CLASS = "plan-repeated"
CONTINUES_CLASS = "plan-continues"


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


def rows_on(page: Any) -> set[Any]:
    """The row elements a laid-out page holds (whole or in part)."""
    return {row.element for table in _tables(page) for row in _body_rows(table)}


def continued_on(page: Any, seen: set[Any]) -> set[str]:
    """The repeated cells a page calls for: those on the first row that starts on the page, unless
    a row carried over from the previous page already shows that column's text. ``seen``: the row
    elements of the pages before."""
    continued: set[str] = set()
    for table in _tables(page):
        rows = _body_rows(table)
        starting = [row for row in rows if row.element not in seen]
        if not starting:
            continue
        carried = rows[0] if rows[0].element in seen else None
        continued |= {
            cell.element.get("id")
            for cell in starting[0].children
            if REPEATED_CLASS in _classes(cell) and not (carried is not None and _shown_in(carried, cell.grid_x))
        }
    return continued


@dataclass(frozen=True)
class NextStart:
    """Where the next page starts, read from the point a page's layout stopped at: a table row
    starting whole (``carried_columns`` empty), or the row after a row split by the break, whose
    cells in ``carried_columns`` go on showing text."""

    row: Any | None  # the row box that starts whole on the next page (None: no table row)
    carried_columns: frozenset[int]
    pushed: Any | None  # the row box moved whole to the next page (as opposed to split)
    split: Any | None = None  # the row box the break splits (its rest opens the next page)


def _first_body_row(wrapper: Any) -> Any | None:
    from weasyprint.formatting_structure.boxes import TableBox

    for table in wrapper.children:
        if isinstance(table, TableBox):
            for group in table.children:
                if not (group.is_header or group.is_footer) and group.children:
                    return group.children[0]
    return None


def next_start(root_box: Any, resume_at: dict[int, Any] | None) -> NextStart:
    """The table row the page after a break starts with, found by following ``resume_at`` (the
    child index at each level) down ``root_box``: a prediction the laid-out page confirms."""
    from weasyprint.formatting_structure.boxes import TableRowBox

    box, stack = root_box, resume_at
    while stack is not None and len(stack) == 1:
        ((index, below),) = stack.items()
        children = getattr(box, "children", [])
        if index >= len(children):
            break
        child = children[index]
        if isinstance(child, TableRowBox):
            if below is None:
                return NextStart(child, frozenset(), child)
            siblings = box.children
            following = siblings[index + 1] if index + 1 < len(siblings) else None
            carried = frozenset(cell.grid_x for number, cell in enumerate(child.children) if number in below)
            return NextStart(following, carried, None, child)
        if below is None and child.is_table_wrapper:
            row = _first_body_row(child)
            return NextStart(row, frozenset(), row)
        box, stack = child, below
    return NextStart(None, frozenset(), None)


def predicted_marks(start: NextStart) -> set[str]:
    """The repeated cells ``continued_on`` is expected to ask for on the page ``start`` opens."""
    if start.row is None:
        return set()
    return {
        cell.element.get("id")
        for cell in start.row.children
        if REPEATED_CLASS in _classes(cell) and cell.grid_x not in start.carried_columns
    }


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
# A row foreseen taller than this share of a page is laid out let go, and kept whole only if a page's
# foot that falls inside it is less than RELEASE_GAP from its top (``tall_rows``). Either way the
# pages come out the same; what differs is how often a page is made twice. Kept whole first, a row
# of height h (a share of the page) costs a second make when the room left for it is between
# RELEASE_GAP and h; let go first, when that room is under RELEASE_GAP: less from h > 2 × RELEASE_GAP.
LET_GO_FIRST = 2 * RELEASE_GAP


def _content_bottom(page: Any, without: Any = None) -> float:
    """Where a page's content ends (the root box itself stretches to the foot of the page), not
    counting the piece of the row of element ``without``."""
    from weasyprint.formatting_structure.boxes import LineBox, TableRowBox

    def boxes(box: Any) -> Iterator[Any]:
        for child in getattr(box, "children", ()):
            if without is not None and isinstance(child, TableRowBox) and child.element is without:
                continue
            yield child
            yield from boxes(child)

    root = page.children[0]  # the page's content (margin boxes and footnote areas follow)
    bottoms = [box.position_y + box.height for box in boxes(root) if isinstance(box, LineBox | TableRowBox)]
    return max(bottoms, default=page.content_box_y())


def leaves_a_gap(page: Any, without: Any = None) -> bool:
    """Whether more than ``RELEASE_GAP`` of a page is left empty below its content; ``without``: a
    row element whose piece at the foot of the page is not counted (kept whole, the row would go
    to the next page and the page end above it)."""
    bottom = page.content_box_y() + page.height
    return bottom - _content_bottom(page, without) > RELEASE_GAP * page.height


def _column_shares(table: Any) -> list[float]:
    """Each grid column's share of a table's width, from its ``<col>`` widths in per cent (equal
    shares where there are none)."""
    widths = [column.style["width"] for group in table.column_groups for column in group.children]
    if widths and all(getattr(width, "unit", None) == "%" for width in widths):
        return [width.value / 100 for width in widths]
    columns = max((cell.grid_x + cell.colspan for row in _body_rows(table) for cell in row.children), default=1)
    return [1 / columns] * columns


def _line_height(style: Any) -> float:
    """A computed style's line height in px: a number times the font size, a length, or ``normal``."""
    height, size = style["line_height"], style["font_size"]
    if isinstance(height, int | float):
        return float(height * size)
    if getattr(height, "unit", None) == "px":
        return float(height.value)
    return 1.2 * size  # normal


def _foreseen_height(row: Any, shares: list[float], width: float) -> float:
    """A row's height guessed from its text before it is laid out: its fullest cell's lines, a CJK
    character an em wide (``render.columns.text_width``), each piece of text (a paragraph, a list
    item, a label) starting a line."""
    tallest = 0.0
    for cell in row.children:
        if cell.element is None:
            continue
        size = cell.style["font_size"]
        room = max(sum(shares[cell.grid_x : cell.grid_x + cell.colspan]) * width / size - 1, 1.0)
        lines = sum(-(-text_width(text.strip()) // room) for text in cell.element.itertext() if text.strip())
        tallest = max(tallest, lines * _line_height(cell.style))
    return tallest


def tall_rows(root_box: Any, area: tuple[float, float]) -> list[Any]:
    """The body rows kept whole by the stylesheet and foreseen taller than ``LET_GO_FIRST`` of a
    page (``area``: a page's content width and height, px)."""
    width, height = area
    tall = []
    for table in _block_tables(root_box):
        shares = _column_shares(table)
        for row in _body_rows(table):
            if row.style["break_inside"] == "avoid" and _foreseen_height(row, shares, width) > LET_GO_FIRST * height:
                tall.append(row)
    return tall


def _block_tables(box: Any) -> Iterator[Any]:
    """The tables in a box tree, not looking inside lines or tables (a guess needs no more)."""
    from weasyprint.formatting_structure.boxes import LineBox, TableBox

    for child in getattr(box, "children", ()):
        if isinstance(child, TableBox):
            yield child
        elif not isinstance(child, LineBox):
            yield from _block_tables(child)
