"""Nothing unconfirmed is published: agency documents imported with `plansite import FOLDER` are drafts;
`mkdocs build` leaves them out and says which, `mkdocs serve` shows them with a banner; once confirmed
(the draft line deleted) they are published, carrying the documents' text."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..importer.test_agency_documents import EXPECTED
from ..support.coverage import coverage, source_text
from ..support.html_text import article_text
from ..support.project import commit_all, copy_project, mkdocs
from ..support.serve import serving, wait_for

FIXTURES = Path(__file__).resolve().parents[1] / "importer" / "fixtures"


def _plan_pages(site: Path, plan_id: str) -> list[Path]:
    return list((site / "disclosure").glob(f"*/*/{plan_id}/index.html"))


@pytest.fixture(scope="module")
def imported_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site with the seven agency documents (as PDFs) imported into plans/."""
    project = copy_project(tmp_path_factory.mktemp("drafts"))
    documents = project / "匯入的文件"
    documents.mkdir()
    for name in EXPECTED:
        shutil.copy(FIXTURES / f"{name}.pdf", documents / f"{name}.pdf")
    result = subprocess.run(
        [sys.executable, "-m", "build_scripts", "import", str(documents)], cwd=project, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    shutil.rmtree(documents)
    commit_all(project, "imported")
    return project


def test_drafts_are_left_out_of_the_build_with_a_warning_then_published_once_confirmed(imported_project: Path, tmp_path: Path):
    project = Path(shutil.copytree(imported_project, tmp_path / "project"))
    ids = [want["ids"][0] for want in EXPECTED.values()]
    build = mkdocs(project, "build")
    assert build.returncode == 0, build.stderr
    for plan_id in ids:
        assert f"plans/{plan_id}.yaml" in build.stderr
        assert not _plan_pages(project / "site", plan_id)
    assert build.stderr.count("是草稿（draft: true），這次沒有發布") == len(ids)
    assert "刪掉 draft: true 那一行再建置" in build.stderr
    home = (project / "site" / "index.html").read_text("utf-8")
    assert "屏東縣" not in home and "臺北市政府秘書處" not in home  # no city or agency of a draft is listed

    for plan_id in ids:  # the webmaster checked each one against its document and deleted the draft line
        path = project / "plans" / f"{plan_id}.yaml"
        path.write_text(path.read_text("utf-8").replace("draft: true\n", "", 1), "utf-8")
    build = mkdocs(project, "build")
    assert build.returncode == 0, build.stderr
    assert "是草稿" not in build.stderr
    assert "匯入時要確認的地方還留著註解" in build.stderr  # the notes left behind are warnings, not failures
    for name, want in EXPECTED.items():
        (page,) = _plan_pages(project / "site", want["ids"][0])
        text = article_text(page.read_text("utf-8"))
        share = coverage(source_text(FIXTURES / f"{name}.docx"), text)
        assert share >= 0.98, (name, share)
    assert "屏東縣" in (project / "site" / "index.html").read_text("utf-8")


def test_serve_shows_a_draft_with_its_banner(imported_project: Path):
    with serving(imported_project) as preview:
        page = wait_for(lambda: preview.fetch("/disclosure/pingtung/pingtung-government/pingtung-government-115/"), 90)
        assert page and "屏東縣政府115年度提升服務品質執行計畫" in page
        assert '<p class="plan-draft" role="note"><strong>草稿：尚未發布</strong>' in page
        published = preview.fetch("/disclosure/kaohsiung/kaohsiung-cijin-district-office/kaohsiung-cijin-114/")
        assert "草稿：尚未發布" not in published
