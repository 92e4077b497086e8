"""What every reader gives the recognizer: a document as paragraphs and table grids, in reading order.

A reader (DOCX, ODT, text) keeps what the file says and how it is laid out — heading levels,
list nesting, bold openings, merged cells, rows repeated as headers — and nothing of how it is
stored. ``recognise`` then finds the plan in it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Para:
    text: str  # as written: "\n" for a line break, "\t" for a tab
    heading: int | None = None  # outline level from a heading style (1 = the document title)
    depth: int = 0  # nesting of the word processor's own lists (0: not in a list)
    item_start: bool = False  # the first paragraph of a list item
    label: str = ""  # a label the word processor numbers itself (not typed in the text)
    bold: str = ""  # the bold run the paragraph opens with, e.g. 「服務便捷化：」
    caption: bool = False  # a table caption by its style
    contents: bool = False  # an entry of a table of contents (Word's 「toc 1」… styles)


@dataclass
class Cell:
    blocks: list[Para | Grid] = field(default_factory=list)
    rowspan: int = 1
    colspan: int = 1

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks if isinstance(b, Para)).strip()


@dataclass
class Grid:
    """A table as its grid: ``rows[r][c]`` is the cell starting there, or None where a span covers it."""

    rows: list[list[Cell | None]] = field(default_factory=list)
    header_rows: int = 0  # rows the file marks as header rows (repeated on every page)

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)


Block = Para | Grid


@dataclass
class SourceDocument:
    blocks: list[Block] = field(default_factory=list)
    title: str = ""  # the document's own title property, if it has one
    properties: dict[str, str] = field(default_factory=dict)  # user-defined properties (plansite:plan-id …)
    kind: str = ""  # DOCX, ODT or 文字檔, for messages


def grid_from_rows(rows: list[list[Cell]], header_rows: int = 0) -> Grid:
    """A grid from rows that list only the cells they start (as DOCX and ODT write them), spans placed."""
    grid: list[list[Cell | None]] = []
    covered: set[tuple[int, int]] = set()
    for r, cells in enumerate(rows):
        row: list[Cell | None] = []
        c = 0
        for cell in cells:
            while (r, c) in covered:
                row.append(None)
                c += 1
            row.append(cell)
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    if dr or dc:
                        covered.add((r + dr, c + dc))
            row.extend([None] * (cell.colspan - 1))
            c += cell.colspan
        while (r, c) in covered:
            row.append(None)
            c += 1
        grid.append(row)
    return Grid(grid, header_rows)
