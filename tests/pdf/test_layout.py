"""The print's 「（續）」 cells: a cell built again on its own is the cell WeasyPrint's whole box tree holds."""

from __future__ import annotations

from typing import Any

import pytest

from build_scripts.pdf import layout
from build_scripts.pdf.print_html import print_html
from build_scripts.pdf.typeset import local_only
from build_scripts.plan.load import load_plan_file

from ..support.project import ROOT


def _signature(box: Any) -> list[tuple[Any, ...]]:
    """What lays a box tree out: each box's type, element, text, place in the table grid, borders and
    the styles of its lines."""
    placed = tuple(getattr(box, name, None) for name in layout._PLACED)
    style = tuple(box.style[name] for name in ("display", "white_space", "font_size", "line_height"))
    rows = [(type(box).__name__, box.element_tag, getattr(box, "text", None), placed, style)]
    for child in getattr(box, "children", []):
        rows.extend(_signature(child))
    return rows


@pytest.mark.parametrize("plan", ["kaohsiung-cijin-114", "kaohsiung-linyuan-service-plan"])
def test_a_continued_cell_built_alone_is_the_cell_the_whole_tree_builds(plan: str, monkeypatch):
    from weasyprint.formatting_structure.build import build_formatting_structure

    compared: list[str] = []
    real_shown, real_init = layout._Copies._shown_tree, layout._Pages.__init__

    def pages_init(self: Any, html: Any, root_box: Any, context: Any, build_cell: Any) -> None:
        real_init(self, html, root_box, context, build_cell)

        def whole_tree() -> Any:
            return build_formatting_structure(html.etree_element, *layout.builder_arguments(html, context))

        self.copies.whole_tree = whole_tree

    def shown_tree(self: Any) -> dict[str, Any]:
        first = self._shown_cells is None
        cells = real_shown(self)
        if first:  # before any of them is laid out: the whole tree again, with every copy shown
            with layout.copies_shown(self.style_for, [cell for _, cell in self.hidden.values()]):
                whole = layout._cells_with_copies(self.whole_tree())
            for cell_id, cell in cells.items():
                assert _signature(cell) == _signature(whole[cell_id][1]), cell_id
                compared.append(cell_id)
        return cells

    monkeypatch.setattr(layout._Pages, "__init__", pages_init)
    monkeypatch.setattr(layout._Copies, "_shown_tree", shown_tree)
    layout.render_document(print_html(load_plan_file(ROOT / "plans" / f"{plan}.yaml")), local_only)
    assert len(compared) > 5  # the plan's merged cells, each compared
