"""The printable PDF of every seed plan: PDF/UA-1 (page-validation), tagging, footer, text layer, glyphs."""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

import page
import pikepdf
import pytest

from build_scripts.pdf import typeset as pdf
from build_scripts.pdf.tags import structure_elements
from build_scripts.plan.load import load_plan_file, parse_plan
from build_scripts.plan.model import Table
from build_scripts.render.tables import layout_table

from ..support.plaintext import plan_text
from ..support.project import ROOT, SEED_PLANS, pdftotext, render_seed_pdfs

PLAN_IDS = sorted(SEED_PLANS.values())


@pytest.fixture(scope="module")
def seed_pdfs(tmp_path_factory) -> dict[str, tuple[object, Path]]:
    """Every seed plan rendered once, in parallel, through the same path the site build takes."""
    return render_seed_pdfs(PLAN_IDS, tmp_path_factory.mktemp("pdf"))


@pytest.mark.parametrize("plan_id", PLAN_IDS)
def test_every_seed_pdf_passes_pdf_ua_1(seed_pdfs, plan_id):
    _, path = seed_pdfs[plan_id]
    report = page.validate_pdf(str(path), profile="ua1")
    assert [(f.rule_id, f.message) for f in report.failures] == []
    assert report.is_compliant


@pytest.mark.parametrize("plan_id", PLAN_IDS)
def test_table_header_cells_carry_scope(seed_pdfs, plan_id):
    _, path = seed_pdfs[plan_id]
    with pikepdf.open(path) as document:
        headers = [(e, a) for e, a in structure_elements(document.Root.StructTreeRoot.K) if e.S == "/TH"]
        assert headers
        for element, ancestors in headers:
            expected = "/Column" if "/THead" in ancestors else "/Row"
            assert str(element.A.Scope) == expected


@pytest.mark.parametrize("plan_id", PLAN_IDS)
def test_running_header_and_page_numbers_are_artifacts(seed_pdfs, plan_id):
    plan, path = seed_pdfs[plan_id]
    with pikepdf.open(path) as document:
        total = len(document.pages)
        reachable = {e.objgen for e, _ in structure_elements(document.Root.StructTreeRoot.K)}
        nums = document.Root.StructTreeRoot.ParentTree.Nums
        for i in range(0, len(nums), 2):
            mapped = nums[i + 1]
            if isinstance(mapped, pikepdf.Array):
                # Every piece of tagged content belongs to the structure tree that is read out.
                assert all(e.objgen in reachable for e in mapped if isinstance(e, pikepdf.Dictionary))
        for number, pdf_page in enumerate(document.pages, start=1):
            artifacts = [
                operands
                for operands, operator in pikepdf.parse_content_stream(pdf_page)
                if str(operator) == "BDC" and operands[0] == "/Artifact" and operands[1].get("/Type") == "/Pagination"
            ]
            assert len(artifacts) >= 2, f"page {number}: header and footer are not pagination artifacts"
            text = pdftotext(path, "-f", str(number), "-l", str(number))
            assert f"第 {number} 頁，共 {total} 頁" in text
            if number > 1:
                assert plan.title in text.splitlines()[0]


@pytest.mark.parametrize("plan_id", PLAN_IDS)
def test_text_layer_gives_back_the_plan_text(seed_pdfs, plan_id):
    """Copying text out of the PDF gives the right characters (no Kangxi radicals, no missing ones)."""
    plan, path = seed_pdfs[plan_id]
    extracted = pdftotext(path)
    lines = [line.strip() for line in extracted.splitlines()]
    assert plan.title in lines
    printed = Counter(_plain(extracted))
    wanted = Counter(_plain(plan_text(plan)))
    missing = {char: count - printed[char] for char, count in wanted.items() if printed[char] < count}
    assert missing == {}


def _plain(text: str) -> str:
    return re.sub(r"\s", "", text).replace("（", "(").replace("）", ")")


@pytest.mark.parametrize("plan_id", [p for p in PLAN_IDS if p != "tainan-shanshang-106"])  # 山上 has no table
def test_a_table_split_across_pages_is_one_table_whose_repeated_header_rows_are_artifacts(seed_pdfs, plan_id):
    plan, path = seed_pdfs[plan_id]
    tables = [b for s in plan.sections for b in s.blocks if isinstance(b, Table)]
    with pikepdf.open(path) as document:
        elements = list(structure_elements(document.Root.StructTreeRoot.K))
        found = [e for e, _ in elements if e.S == "/Table"]
        # The 計畫資訊 table, then exactly one Table element per plan table, each with its caption.
        assert len(found) == 1 + len(tables)
        for element, table in zip(found[1:], tables, strict=True):
            parts = {str(k.S): k for k in element.K if isinstance(k, pikepdf.Dictionary)}
            assert list(parts) == ["/Caption", "/THead", "/TBody"]
            rows = [r for r in parts["/TBody"].K if isinstance(r, pikepdf.Dictionary)]
            assert len(rows) == len(layout_table(table, "t").rows)
            assert all(r.P.objgen == parts["/TBody"].objgen for r in rows)
        ids = {str(e.ID) for e, _ in elements if "/ID" in e}
        assert [e for e, _ in elements if e.S == "/TD" and any(str(h) not in ids for h in e.A.Headers)] == []
        # The header row is still printed on the pages the table continues on, as a pagination artifact
        # (besides the running header and the page number).
        artifacts = [
            sum(1 for ops, op in pikepdf.parse_content_stream(page) if str(op) == "BDC" and ops[0] == "/Artifact")
            for page in document.pages
        ]
        assert any(count > 2 for count in artifacts[1:]), artifacts


def test_pdf_carries_document_metadata_and_bookmarks(seed_pdfs):
    plan, path = seed_pdfs["tainan-shanshang-106"]
    with pikepdf.open(path) as document:
        info = document.open_metadata()
        assert info.get("dc:title") == plan.title
        assert plan.agency.name in str(info.get("dc:creator"))
        assert "提升服務計畫" in str(document.docinfo.Keywords)
        assert plan.agency.name in str(document.docinfo.Subject)
        assert str(document.Root.Lang) == "zh-TW"
        titles = []
        with document.open_outline() as outline:
            for item in outline.root:
                titles.append(item.title)
                titles += [child.title for child in item.children]
        assert "壹、依據" in titles and "肆、實施方式" in titles


def test_fonts_are_embedded_and_subset(seed_pdfs):
    _, path = seed_pdfs["kaohsiung-cijin-114"]
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert listing
    for line in listing:
        name, *_ = line.split()
        assert re.match(r"[A-Z]{6}\+", name), line  # a subset
        assert " yes yes yes " in line, line  # embedded, subset, with a ToUnicode map


def test_extension_b_characters_print_with_the_cns_fonts(tmp_path):
    """𠀀 (U+20000) is not in Noto CJK: it must come from 全字庫 TW-Sung-Ext-B, not a blank box."""
    source = (ROOT / "tests" / "fixtures" / "plans" / "sample-114.yaml").read_text("utf-8")
    source = source.replace("範例區公所114年度提升服務執行計畫", "範例區公所𠀀114年度提升服務執行計畫", 1)
    plan, problems = parse_plan(source.encode("utf-8"), "sample-114.yaml")
    assert plan is not None, problems
    path = tmp_path / "ext-b.pdf"
    path.write_bytes(pdf.render_pdf(plan))
    assert "𠀀" in pdftotext(path)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "+TW-Sung-Ext-B " in fonts


def test_rendering_is_reproducible():
    plan = load_plan_file(ROOT / "plans" / "tainan-yujing-household-service-plan.yaml")
    assert pdf.render_pdf(plan) == pdf.render_pdf(plan)


def test_external_resources_are_refused():
    with pytest.raises(pdf.PdfError):
        pdf.local_only("https://glyphs.example.com/font.woff2")


def test_weasyprint_error_lines_fail_the_render(monkeypatch):
    plan = load_plan_file(ROOT / "plans" / "tainan-shanshang-106.yaml")
    original = pdf.print_html
    monkeypatch.setattr(pdf, "print_html", lambda p: original(p).replace('<html lang="zh-TW">', "<html>"))
    with pytest.raises(pdf.PdfError, match="WeasyPrint"):
        pdf.render_pdf(plan)


def test_marking_artifacts_works_on_any_layout_of_the_content_stream():
    from build_scripts.pdf.tags import _mark_artifacts

    weasyprint_layout = b"/Span\n<</MCID 0>>\nBDC\n(a) Tj\nEMC\n/Span\n<</MCID 1>>\nBDC\n(b) Tj\nEMC"
    assert _mark_artifacts(weasyprint_layout, {0}) == (
        b"/Artifact\n<</Type /Pagination>>\nBDC\n(a) Tj\nEMC\n/Span\n<</MCID 1>>\nBDC\n(b) Tj\nEMC"
    )
    one_line = _mark_artifacts(b"BT /Span <</MCID 0>> BDC (a) Tj EMC /P <</MCID 1>> BDC (b) Tj EMC ET", {0})
    assert b"/Artifact" in one_line and b"/MCID 0" not in one_line and b"/MCID 1" in one_line
