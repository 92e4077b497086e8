"""A plan with the shapes real plans take (tables under items, no header row, term lists, units,
bullets, letters by role) passes every check once built into the site, like the seed plans."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_scripts.audit.axe import run_axe
from build_scripts.audit.pdfua import check_pdfs
from build_scripts.audit.taiwan_rules import check_site
from build_scripts.audit.vnu import run_vnu

from ..support.project import FIXTURES, copy_project, mkdocs

PAGE = "disclosure/kaohsiung/kaohsiung-gangshan-land-office/gangshan-land-115/index.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("shapes")
    copy_project(project)
    shutil.copy(FIXTURES / "plans" / "gangshan-land-115.yaml", project / "plans")
    result = mkdocs(project, "build")
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_the_page_passes_the_taiwan_rules(site: Path):
    assert [f for f in check_site(site) if f.page == PAGE] == []


def test_the_page_passes_axe_and_makes_no_outside_request(site: Path):
    result = run_axe(site, [PAGE])
    assert result.findings == [] and result.external_requests == []


def test_the_page_is_valid_html(site: Path):
    assert run_vnu(site, [PAGE]) == []


def test_the_pdf_passes_pdf_ua_1(site: Path):
    names, findings = check_pdfs(site)
    assert "disclosure/kaohsiung/kaohsiung-gangshan-land-office/gangshan-land-115.pdf" in names
    assert findings == []
