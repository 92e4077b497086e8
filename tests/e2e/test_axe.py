"""axe-core in a real Chromium over a tiny hand-written site: violations, a clean page, outside requests."""

from __future__ import annotations

import re

import pytest

from build_scripts.audit.axe import AxeResult, run_axe
from build_scripts.audit.findings import Finding

GOOD = """<!DOCTYPE html>
<html lang="zh-TW">
<head><meta charset="utf-8"><title>測試網頁</title></head>
<body>
<main>
<h1>提升服務計畫</h1>
<p>本網頁符合無障礙規範。<a href="../index.html">回首頁</a></p>
</main>
</body>
</html>
"""

BAD = """<!DOCTYPE html>
<html lang="zh-TW">
<head><meta charset="utf-8"><title>有問題的網頁</title></head>
<body>
<main>
<h1>有問題的網頁</h1>
<p><img src="photo.png"></p>
<p><a href="next.html"></a></p>
</main>
</body>
</html>
"""

EXTERNAL = GOOD.replace("</head>", '<script src="http://example.invalid/x.js"></script></head>')

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> AxeResult:
    site = tmp_path_factory.mktemp("axe-site")
    (site / "plans").mkdir()
    (site / "index.html").write_text(GOOD, encoding="utf-8")
    (site / "plans" / "bad.html").write_text(BAD, encoding="utf-8")
    (site / "external.html").write_text(EXTERNAL, encoding="utf-8")
    (site / "skipped.html").write_text(BAD, encoding="utf-8")
    # One browser run for the whole module: every page but the one left out.
    return run_axe(site, pages=["index.html", "plans/bad.html", "external.html"])


def by_page(result: AxeResult, page: str) -> list[Finding]:
    return [finding for finding in result.findings if finding.page == page]


def test_missing_alt_and_empty_link_are_found(result: AxeResult):
    findings = by_page(result, "plans/bad.html")
    rules = {finding.rule for finding in findings}
    assert {"axe:image-alt", "axe:link-name"} <= rules, findings
    image = next(f for f in findings if f.rule == "axe:image-alt")
    assert image.element.startswith("<img") and "photo.png" in image.element
    assert image.code == "HM1110100C"
    link = next(f for f in findings if f.rule == "axe:link-name")
    assert 'href="next.html"' in link.element
    # axe's own Traditional Chinese messages, with a link to the rule's explanation
    for finding in (image, link):
        assert CJK.search(finding.message), finding.message
        assert CJK.search(finding.help) and "https://" in finding.help, finding.help


def test_a_clean_page_has_no_findings(result: AxeResult):
    assert by_page(result, "index.html") == []
    assert by_page(result, "external.html") == []
    assert {page for page, _ in result.external_requests} == {"external.html"}


def test_requests_to_another_host_are_recorded(result: AxeResult):
    assert ("external.html", "http://example.invalid/x.js") in result.external_requests


def test_only_the_pages_asked_for(result: AxeResult):
    assert {finding.page for finding in result.findings} == {"plans/bad.html"}
