"""Plan tables in the PDF set like a document: names whole, a merged 要項 / 重點 once a page (「（續）」
where it goes on from the previous page), a split row still one row, captions with their tables."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pikepdf
import pytest

from build_scripts.pdf import typeset as pdf
from build_scripts.pdf.tags import structure_elements
from build_scripts.plan.load import parse_plan
from build_scripts.plan.model import Plan, Row, Table

from ..support.project import SEED_PLANS, pdftotext, render_seed_pdfs

TABLE_PLANS = sorted(p for p in SEED_PLANS.values() if p != "tainan-shanshang-106")  # 山上 has no table


@pytest.fixture(scope="module")
def seed_pdfs(tmp_path_factory) -> dict[str, tuple[Plan, Path]]:
    return render_seed_pdfs(TABLE_PLANS, tmp_path_factory.mktemp("print-tables"))


def _tables(plan: Plan) -> list[Table]:
    return [b for s in plan.sections for b in s.blocks if isinstance(b, Table)]


def _leaves(rows: list[Row]) -> list[Row]:
    return [leaf for row in rows for leaf in (_leaves(row.rows) if row.rows else [row])]


def _merged(rows: list[Row]) -> list[Row]:
    """Cells that cover more than one printed row (the 要項 and 重點 the issue is about)."""
    found = []
    for row in rows:
        if len(_leaves(row.rows)) > 1:
            found.append(row)
        found.extend(_merged(row.rows))
    return found


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pages(path: Path) -> list[str]:
    """Each page's text, lines joined (a cell's wrapped lines read as one string)."""
    return [_flat(page) for page in pdftotext(path, "-raw").split("\f")]


def _names(table: Table) -> set[str]:
    """Short things a reader must never see broken: the last column's unit names and short headers."""
    last = len(table.columns) - 1
    names = {c if isinstance(c, str) else (c.label or "") for c in table.columns}

    def visit(rows: list[Row], column: int) -> None:
        for row in rows:
            if column + row.span - 1 == last and isinstance(row.cell, str):
                names.update(re.split(r"[、，,\s]+", row.cell))
            visit(row.rows, column + row.span)

    visit(table.rows, 0)
    return {name for name in names if 0 < len(name) <= 6}


@pytest.mark.parametrize("plan_id", TABLE_PLANS)
def test_unit_names_and_short_headers_come_out_of_pdftotext_whole(seed_pdfs, plan_id):
    plan, path = seed_pdfs[plan_id]
    lines = set(pdftotext(path, "-raw").splitlines())
    text = "\n".join(lines)
    names = set().union(*(_names(t) for t in _tables(plan)))
    assert {"各課室", "全體同仁"} & names or "執行單位" in names or "承辦單位" in names
    broken = sorted(name for name in names if name not in text)
    assert broken == [], f"broken over lines: {broken}"


@pytest.mark.parametrize("plan_id", TABLE_PLANS)
def test_a_merged_cell_is_printed_at_most_once_a_page(seed_pdfs, plan_id):
    plan, path = seed_pdfs[plan_id]
    pages = _pages(path)
    for table in _tables(plan):
        for cell in _merged(table.rows):
            if not isinstance(cell.cell, str) or len(cell.cell) < 6:
                continue
            needle = _flat(cell.cell)
            counts = [page.count(needle) for page in pages]
            assert max(counts) <= 1, f"{cell.cell[:20]}… per page: {counts}"


def test_merged_cells_that_run_on_are_marked_continued(seed_pdfs):
    """旗津's first 要項 covers twelve rows over two pages: the second page prints it once, marked 「（續）」."""
    plan, path = seed_pdfs["kaohsiung-cijin-114"]
    first = "一、" + _flat(_tables(plan)[0].rows[0].cell)  # 一、完備基礎服務項目，注重服務特性差異化
    pages = [page for page in _pages(path) if first in page]
    assert len(pages) >= 2
    assert all(page.count(first) == 1 for page in pages)
    assert all(f"（續）{first}" in page for page in pages[1:])


def _long_table_plan(rows: int, filler: int = 0, tall_row: int | None = None) -> Plan:
    """One 要項 over ``rows`` steps (several pages), after ``filler`` paragraphs; ``tall_row`` is
    taller than what is left of its page."""
    steps = [
        {"cell": f"第{i}項措施：" + "依民眾需求持續檢討作業流程並公開辦理進度。" * 3, "rows": [{"cell": "研考人員"}]}
        for i in range(1, rows + 1)
    ]
    data = {
        "id": "long-table",
        "title": "測試區公所提升服務計畫",
        "agency": {"id": "test-office", "name": "測試市測試區公所", "city": "新北市", "type": "區公所"},
        "sections": [
            {"heading": "計畫目標", "blocks": ["本段只為把表格推到頁面下方。" * 4] * filler or ["提升服務品質。"]},
            {
                "heading": "計畫內容",
                "blocks": [
                    {
                        "caption": "分工表",
                        "columns": [{"label": "執行要項", "numbering": "cjk"}, "執行措施", "執行單位"],
                        "rows": [{"cell": "精進為民服務品質，建立以民眾為中心的服務流程", "rows": steps}],
                    }
                ],
            },
        ],
    }
    if tall_row is not None:
        steps[tall_row]["cell"] = "很長的措施。" * 400
    plan, problems = parse_plan(json.dumps(data, ensure_ascii=False).encode("utf-8"), "long-table.yaml")
    assert plan is not None, problems
    return plan


def test_a_long_merged_cell_is_printed_on_every_page_it_covers(tmp_path):
    path = tmp_path / "long.pdf"
    path.write_bytes(pdf.render_pdf(_long_table_plan(40)))
    pages = [p for p in _pages(path) if "第" in p]
    merged = "精進為民服務品質，建立以民眾為中心的服務流程"
    assert len(pages) >= 3
    assert [page.count(merged) for page in pages] == [1] * len(pages)
    assert [page.count("（續）") for page in pages] == [0] + [1] * (len(pages) - 1)


def test_a_row_split_by_a_page_break_is_one_row_in_the_tags(tmp_path):
    """A tall row goes on over a page break; its two pieces are one TR, so the table keeps its row count."""
    plan = _long_table_plan(12, tall_row=5)
    path = tmp_path / "split.pdf"
    path.write_bytes(pdf.render_pdf(plan))
    with pikepdf.open(path) as document:
        tables = [e for e, _ in structure_elements(document.Root.StructTreeRoot.K) if e.S == "/Table"]
        body = next(k for k in tables[-1].K if isinstance(k, pikepdf.Dictionary) and k.S == "/TBody")
        assert len([r for r in body.K if isinstance(r, pikepdf.Dictionary)]) == 12
        assert len(document.pages) >= 3


@pytest.mark.parametrize("filler", range(9, 15))
def test_a_caption_stays_with_its_table(tmp_path, filler):
    """Whatever comes before the table, its caption is on the page where the table starts."""
    path = tmp_path / f"caption-{filler}.pdf"
    path.write_bytes(pdf.render_pdf(_long_table_plan(3, filler)))
    pages = _pages(path)
    caption_page = next(i for i, page in enumerate(pages) if "分工表" in page)
    assert "第1項措施" in pages[caption_page], f"caption on page {caption_page + 1}, table on the next"
