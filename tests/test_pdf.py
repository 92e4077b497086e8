"""The printable PDF: PDF/UA-1 with WeasyPrint, checked with page-validation."""

from __future__ import annotations

import page
import pikepdf
import pytest

from build_scripts import pdf
from build_scripts.load import load_plan_file

from .conftest import ROOT

@pytest.fixture(scope="module")
def outline_pdf(tmp_path_factory):
    plan = load_plan_file(ROOT / "plans" / "tainan-shanshang-106.yaml")
    path = tmp_path_factory.mktemp("pdf") / "plan.pdf"
    path.write_bytes(pdf.render_pdf(plan))
    return plan, path

def test_outline_plan_pdf_passes_pdf_ua_1(outline_pdf):
    _, path = outline_pdf
    report = page.validate_pdf(str(path), profile="ua1")
    assert [(f.rule_id, f.message) for f in report.failures] == []
    assert report.is_compliant

def test_pdf_carries_document_metadata_and_bookmarks(outline_pdf):
    plan, path = outline_pdf
    with pikepdf.open(path) as document:
        info = document.open_metadata()
        assert info.get("dc:title") == plan.title
        assert plan.agency.name in str(info.get("dc:creator"))
        assert str(document.Root.Lang) == "zh-TW"
        titles = []
        with document.open_outline() as outline:
            for item in outline.root:
                titles.append(item.title)
                titles += [child.title for child in item.children]
        assert "壹、依據" in titles and "肆、實施方式" in titles

def test_external_resources_are_refused():
    with pytest.raises(pdf.PdfError):
        pdf._local_only("https://fonts.example.com/font.woff2")

def test_weasyprint_error_lines_fail_the_render(monkeypatch):
    plan = load_plan_file(ROOT / "plans" / "tainan-shanshang-106.yaml")
    original = pdf.print_html
    monkeypatch.setattr(pdf, "print_html", lambda p, u=None: original(p, u).replace('<html lang="zh-TW">', "<html>"))
    with pytest.raises(pdf.PdfError, match="WeasyPrint"):
        pdf.render_pdf(plan)
