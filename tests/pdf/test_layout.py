"""The print's 「（續）」 cells: a cell built again on its own is the cell WeasyPrint's whole box tree holds.
Rows foreseen tall are let go over a page break from the start: the same PDF, fewer pages made twice."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import Any

import pytest

from build_scripts.pdf import continuation, layout
from build_scripts.pdf.batch import page_count
from build_scripts.pdf.print_html import print_html
from build_scripts.pdf.typeset import local_only, render_pdf
from build_scripts.plan.load import load_plan_file, parse_plan
from build_scripts.plan.model import Plan

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


MEASURE = "依民眾需求持續檢討作業流程並公開辦理進度。"


def _table_plan(plan_id: str, steps: list[dict[str, Any]], before: Sequence[str] = ()) -> Plan:
    """A plan of one 分工表: one 要項 over ``steps``, after the paragraphs ``before``."""
    data = {
        "id": plan_id,
        "title": "測試區公所提升服務計畫",
        "agency": {"id": "test-office", "name": "測試市測試區公所", "city": "新北市", "type": "區公所"},
        "sections": [
            {
                "heading": "計畫內容",
                "blocks": [
                    *before,
                    {
                        "caption": "分工表",
                        "columns": [{"label": "執行要項", "numbering": "cjk"}, "執行措施", "執行單位"],
                        "rows": [{"cell": "精進為民服務品質", "rows": steps}],
                    },
                ],
            }
        ],
    }
    plan, problems = parse_plan(json.dumps(data, ensure_ascii=False).encode("utf-8"), f"{plan_id}.yaml")
    assert plan is not None, problems
    return plan


def _tall_rows_plan() -> Plan:
    """One 要項 over 40 steps, every third of them about a third of a page or more: 8 pages."""
    steps = [
        {"cell": f"第{i}項措施：" + MEASURE * (30 if i % 3 == 0 else 2), "rows": [{"cell": "研考人員"}]} for i in range(1, 41)
    ]
    return _table_plan("tall-rows", steps)


def _first_page_tall_row_plan() -> Plan:
    """Paragraphs over about a third of the first page, then a table whose second row is about half a
    page: kept whole, that row would go to the second page and leave a third of the first empty."""
    before = [MEASURE * 9] * 3
    steps = [
        {"cell": "第1項措施：" + MEASURE, "rows": [{"cell": "研考人員"}]},
        {"cell": "第2項措施：" + MEASURE * 50, "rows": [{"cell": "研考人員"}]},
    ]
    return _table_plan("first-page-tall-row", steps, before)


def _job(plan: str) -> Plan:
    return _tall_rows_plan() if plan == "tall-rows" else load_plan_file(ROOT / "plans" / f"{plan}.yaml")


def _counting_makes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The index of every page made, in turn (cleared by the caller between documents)."""
    made: list[int] = []
    real_make = layout._Pages._make

    def make(self: Any, index: int) -> Any:
        made.append(index)
        return real_make(self, index)

    monkeypatch.setattr(layout._Pages, "_make", make)
    return made


TABLE_PLANS = [
    "kaohsiung-cijin-114",
    "kaohsiung-zuoying-health-113",
    "tainan-yujing-household-service-plan",
    "kaohsiung-linyuan-service-plan",
]


@pytest.mark.parametrize("plan", [*TABLE_PLANS, "tall-rows"])
def test_rows_let_go_first_or_kept_whole_first_print_the_same_pdf(plan: str, monkeypatch):
    """Which rows start let go is a guess: it may only change how often a page is made, never the PDF."""
    job = _job(plan)
    let_go: list[int] = []
    real_let_go = layout._Pages._let_tall_rows_go

    def let_tall_rows_go(self: Any, first: Any, seen: set[Any]) -> None:
        real_let_go(self, first, seen)
        let_go.append(len(self.let_go))

    monkeypatch.setattr(layout._Pages, "_let_tall_rows_go", let_tall_rows_go)
    monkeypatch.setattr(layout, "_last_area", {})  # as in a process's first document
    printed = []
    for share in (0.0, math.inf, 0.0):
        # every row after the first page let go first; every row kept whole first; then, the page's
        # area known from the document before, every row of the first page too
        monkeypatch.setattr(continuation, "LET_GO_FIRST", share)
        printed.append(render_pdf(job))
    assert let_go[0] > 0  # with a share of 0, rows were let go from the start
    assert let_go[1] == 0
    assert let_go[2] > let_go[0] or plan == "kaohsiung-cijin-114"  # the first page's rows too (cijin's table starts on page 2)
    assert printed[0] == printed[1] == printed[2]


def test_a_row_foreseen_tall_is_let_go_from_the_start_so_fewer_pages_are_made_twice(monkeypatch):
    job = _tall_rows_plan()
    made = _counting_makes(monkeypatch)
    counts, pdfs = {}, {}
    default = continuation.LET_GO_FIRST
    for share in (default, math.inf):  # as set; no row let go first
        monkeypatch.setattr(continuation, "LET_GO_FIRST", share)
        made.clear()
        pdfs[share] = render_pdf(job)
        counts[share] = len(made)
    pages = page_count(pdfs[math.inf])
    assert pages >= 6
    assert pdfs[default] == pdfs[math.inf]
    assert pages <= counts[default] < counts[math.inf]


def test_a_tall_row_on_the_first_page_is_foreseen_once_a_document_gave_the_page_area(monkeypatch):
    """A worker's first PDF learns the page's area from its first page; the PDFs after it let a tall
    row of their first page go from the start too, so that page is not made twice."""
    job = _first_page_tall_row_plan()
    made = _counting_makes(monkeypatch)
    monkeypatch.setattr(layout, "_last_area", {})
    counts, pdfs = [], []
    for _ in range(2):  # the process's first document, then the next
        made.clear()
        pdfs.append(render_pdf(job))
        counts.append(made.count(0))  # times the first page was made
    assert counts == [2, 1]  # made again once the row went over the break; then made once
    assert pdfs[0] == pdfs[1]
    assert page_count(pdfs[0]) >= 2
