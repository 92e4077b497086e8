"""The whole built site passes all four checks; breaking any of them on purpose is caught."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from build_scripts.audit.site_audit import audit_site, checker_of

PLAN_PAGE = "disclosure/tainan/tainan-shanshang-district-office/tainan-shanshang-106/index.html"
PLAN_PDF = "disclosure/tainan/tainan-shanshang-district-office/tainan-shanshang-106.pdf"


@pytest.fixture(scope="module")
def site_audit(built_site: Path):
    return audit_site(built_site)


def test_every_page_and_pdf_passes_every_check(site_audit, built_site: Path):
    assert [(f.page, f.rule, f.element, f.message) for f in site_audit.findings] == []
    assert set(site_audit.seconds) == {"taiwan", "axe", "vnu", "pdf"}
    assert len(site_audit.pages) == len(list(built_site.rglob("*.html"))) >= 14
    assert len(site_audit.pdfs) == 7  # five plans and two results reports
    results = [p for p in site_audit.pages if "-results/" in p]
    assert len(results) == 2 and len([p for p in site_audit.pdfs if p.endswith("-results.pdf")]) == 2


def _copy(built_site: Path, tmp_path: Path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    return site


def _edit(site: Path, page: str, old: str, new: str) -> None:
    path = site / page
    html = path.read_text("utf-8")
    assert old in html
    path.write_text(html.replace(old, new, 1), "utf-8")


def _untagged_pdf(site: Path) -> None:
    from weasyprint import HTML

    HTML(string='<html lang="zh-TW"><title>x</title><p>沒有標記的 PDF</p></html>').write_pdf(site / PLAN_PDF)


BREAKAGES = {
    # checker: (how the site is broken, the rule that must report it)
    "taiwan": (lambda site: _edit(site, PLAN_PAGE, 'class="tw-skip">跳到主要內容</a>', 'class="tw-skip"></a>'), "skip-link"),
    "axe": (lambda site: _edit(site, PLAN_PAGE, "<h1", '<img src="../../../assets/none.png"><h1'), "axe:image-alt"),
    "vnu": (lambda site: _edit(site, PLAN_PAGE, "<h1", "<p><div>錯誤的巢狀</div></span><h1"), "vnu"),
    "pdf": (_untagged_pdf, "pdf-ua:"),
    "offline": (
        lambda site: _edit(site, PLAN_PAGE, "</head>", '<script src="https://cdn.example.invalid/x.js"></script></head>'),
        "external-request",
    ),
}


@pytest.mark.parametrize("name", sorted(BREAKAGES))
def test_breaking_the_site_is_caught(built_site: Path, tmp_path: Path, name: str):
    site = _copy(built_site, tmp_path)
    breakage, rule = BREAKAGES[name]
    breakage(site)
    checker = "axe" if name == "offline" else name
    audit = audit_site(site, only={checker})
    assert not audit.ok
    hits = [f for f in audit.findings if f.rule.startswith(rule)]
    assert hits, [f.rule for f in audit.findings]
    assert all(checker_of(f) == checker for f in audit.findings)
    assert {f.page for f in hits} == {PLAN_PDF if name == "pdf" else PLAN_PAGE}


def test_check_command_writes_reports_and_fails_on_a_problem(built_site: Path, tmp_path: Path):
    site = _copy(built_site, tmp_path)
    BREAKAGES["taiwan"][0](site)
    reports = tmp_path / "reports"
    result = subprocess.run(
        [sys.executable, "-m", "build_scripts", "check", str(site), "--report", str(reports), "--only", "taiwan,vnu"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{PLAN_PAGE}: [skip-link GN1240100E（WCAG 2.4.1）]" in result.stderr
    data = json.loads((reports / "check.json").read_text("utf-8"))
    assert data["ok"] is False and set(data["checkers"]) == {"taiwan", "vnu"}
    (finding,) = [f for f in data["findings"] if f["rule"] == "skip-link"]
    assert finding["page"] == PLAN_PAGE and finding["code"] == "GN1240100E" and finding["help"]
    junit = ET.parse(reports / "check-junit.xml").getroot()
    failed = [case.get("name") for case in junit.iter("testcase") if case.find("failure") is not None]
    assert failed == [PLAN_PAGE]
    html = (reports / "check.html").read_text("utf-8")
    assert '<html lang="zh-TW">' in html and "跳到主要內容" in html and "GN1240100E" in html


def test_check_command_passes_on_the_built_site(built_site: Path, tmp_path: Path):
    result = subprocess.run(
        [sys.executable, "-m", "build_scripts", "check", str(built_site), "--report", str(tmp_path), "--only", "taiwan,vnu,pdf"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "全部通過" in result.stdout
    assert json.loads((tmp_path / "check.json").read_text("utf-8"))["findings"] == []


def test_check_command_explains_a_missing_site(tmp_path: Path):
    result = subprocess.run(
        [sys.executable, "-m", "build_scripts", "check", str(tmp_path / "nothing")], capture_output=True, text=True
    )
    assert result.returncode == 2 and "make site" in result.stderr and "Traceback" not in result.stderr


def test_check_command_explains_a_missing_browser(built_site: Path, tmp_path: Path):
    env = {**__import__("os").environ, "CHROMIUM": str(tmp_path / "no-chromium")}
    result = subprocess.run(
        [sys.executable, "-m", "build_scripts", "check", str(built_site), "--report", str(tmp_path), "--only", "axe"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 2 and "找不到 Chromium" in result.stderr and "Traceback" not in result.stderr
