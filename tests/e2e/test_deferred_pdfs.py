"""PDFs made while the build goes on (``mkdocs build``): no page waits for them; their page count and size
go into the pages once they are made, and the pages end byte for byte as when every PDF was made first."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from build_scripts.pdf import batch as printing
from build_scripts.pdf.typeset import PdfError
from build_scripts.pipeline.session import BuildSession, output_path
from build_scripts.plan.load import SourcedPlan, load_plan_file
from build_scripts.publish.downloads import fill_details, has_pending_details
from build_scripts.publish.generate import generate_site
from build_scripts.render.site_layout import Layout
from build_scripts.settings import Settings

from ..support.project import ROOT, copy_project

PLANS = ["tainan-shanshang-106", "tainan-yujing-household-service-plan"]


def _sourced() -> list[SourcedPlan]:
    return [SourcedPlan(load_plan_file(ROOT / "plans" / f"{p}.yaml"), ROOT / "plans" / f"{p}.yaml") for p in PLANS]


def _plan_pages(pages):
    return {p.path: p for p in pages if p.kind == "plan"}


def test_deferred_pdfs_end_as_pdfs_made_first(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("PLANSITE_CACHE", str(tmp_path / "deferred"))
    deferred = generate_site(_sourced(), [], Layout(), ROOT, defer_pdfs=True)
    assert deferred.pdfs is not None and deferred.pdfs.run is not None
    for page in _plan_pages(deferred.pages).values():  # while the PDFs are made: a token, an empty file
        assert has_pending_details(page.content) and "下載 PDF（" in page.content
        assert [data for path, data in page.files if path.endswith(".pdf")] == [b""]
    assert len(deferred.pdfs.files(deferred.pages)) == len(PLANS)

    settled = deferred.pdfs.settle(deferred.pages)
    details = deferred.pdfs.details
    assert len(details) == len(PLANS) and all(" 頁，" in text and text.endswith("KB") for text in details.values())
    filled = [(p.path, fill_details(p.content, details), p.files) for p in settled]

    monkeypatch.setenv("PLANSITE_CACHE", str(tmp_path / "first"))
    first = generate_site(_sourced(), [], Layout(), ROOT)
    assert first.pdfs is None and not any(has_pending_details(p.content) for p in first.pages)
    assert filled == [(p.path, p.content, p.files) for p in first.pages]

    monkeypatch.setenv("PLANSITE_CACHE", str(tmp_path / "deferred"))
    again = generate_site(_sourced(), [], Layout(), ROOT, defer_pdfs=True)  # kept, with the PDFs' details
    assert again.pdfs is not None and again.pdfs.run is None and again.pdfs.details == details
    assert [(p.path, p.content, p.files) for p in again.pages] == [(p.path, p.content, p.files) for p in settled]


def test_pages_with_pdf_tokens_do_not_change_with_the_pdfs(tmp_path: Path, monkeypatch):
    """A PDF made again (new fonts, a new WeasyPrint) changes its details, not its pages' Markdown:
    MkDocs' conversions of them stay cached."""
    monkeypatch.setenv("PLANSITE_CACHE", str(tmp_path / "cache"))
    cold = generate_site(_sourced(), [], Layout(), ROOT, defer_pdfs=True)
    assert cold.pdfs is not None
    cold.pdfs.settle(cold.pages)
    for folder in ("pages", "rendered"):  # the generation made again, the PDFs from the cache
        shutil.rmtree(tmp_path / "cache" / folder)
    warm = generate_site(_sourced(), [], Layout(), ROOT, defer_pdfs=True)
    assert warm.pdfs is not None and warm.pdfs.run is None and warm.pdfs.details == cold.pdfs.details
    assert [p.content for p in warm.pages] == [p.content for p in cold.pages]


def _session(tmp_path: Path, monkeypatch) -> BuildSession:
    project = copy_project(tmp_path / "project")
    monkeypatch.setenv("PLANSITE_CACHE", str(tmp_path / "cache"))
    settings = Settings(root=project, plans_dir=project / "plans", docs_dir=project / "content", site_dir=project / "site")
    session = BuildSession(settings, publish=False)
    session.load()
    return session


def _gated(item):
    """A PDF made only once the test opens the gate (a file), so a page is surely finished before it."""
    gate = Path(os.environ["PLANSITE_TEST_GATE"])
    while not gate.exists():
        time.sleep(0.02)
    return _RENDER(item)


_RENDER = printing._render


def test_a_page_finished_before_its_pdfs_are_made_gets_their_details_when_they_are(tmp_path: Path, monkeypatch):
    gate = tmp_path / "gate"
    monkeypatch.setenv("PLANSITE_TEST_GATE", str(gate))
    monkeypatch.setattr(printing, "_render", _gated)  # the workers are forked with it
    session = _session(tmp_path, monkeypatch)
    pages = session.generate([], defer_pdfs=True)
    plan = next(p for p in pages if p.kind == "plan")
    assert len(session.unsettled()) > 1 and has_pending_details(plan.content)
    label = next(line for line in plan.content.splitlines() if "下載 PDF（" in line)
    html = f'<html><head></head><body><article><a href="x.pdf" title="{label}">{label}</a></article></body></html>'
    early = session.finish_page(plan.path, html)  # does not wait: the engine writes it with the token
    assert has_pending_details(early)
    written = session.output_dir / output_path(plan.path)
    written.parent.mkdir(parents=True, exist_ok=True)
    written.write_text(early, "utf-8")

    gate.touch()
    pdf_path = next(path for path, _ in plan.files if path.endswith(".pdf"))
    made = session.settle()  # every PDF: the engine writes them over the empty files it copied
    assert set(made) == {path for page in pages for path, data in page.files if path.endswith(".pdf") and not data}
    finished = written.read_text("utf-8")
    assert not has_pending_details(finished)
    assert made[pdf_path].startswith(b"%PDF-") and f"（{printing.page_count(made[pdf_path])} 頁，" in finished
    assert session.finish_page(plan.path, html) == finished  # a page finished once the PDFs are made: at once
    assert dict(next(p for p in session.pages if p.path == plan.path).files)[pdf_path] == made[pdf_path]
    assert not session.unsettled() and session.settle() == {}


def _fail(item):
    raise PdfError(f"{item[0].id} 的 PDF 無法產生")


def test_a_pdf_that_cannot_be_made_stops_the_build_before_it_is_published(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(printing, "_render", _fail)  # the workers are forked with it
    session = _session(tmp_path, monkeypatch)
    pages = session.generate([], defer_pdfs=True)  # the build goes on meanwhile
    plan = next(p for p in pages if p.kind == "plan")
    assert has_pending_details(session.finish_page(plan.path, f"<html><head></head><body>{plan.content}</body></html>"))
    with pytest.raises(PdfError, match="的 PDF 無法產生"):
        session.settle()
