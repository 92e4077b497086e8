"""End to end: build the example site with the real `mkdocs build` and read it as a visitor would."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..support import fidelity
from ..support.html_text import article_text
from ..support.project import ROOT, SEED_PLANS, SEEDS, copy_project, mkdocs

PLAN_PAGES = {
    "kaohsiung-cijin-114": "disclosure/kaohsiung/kaohsiung-cijin-district-office/kaohsiung-cijin-114/index.html",
    "kaohsiung-zuoying-health-113": "disclosure/kaohsiung/kaohsiung-zuoying-health-center/kaohsiung-zuoying-health-113/index.html",
    "tainan-yujing-household-service-plan": "disclosure/tainan/tainan-yujing-household-registration-office/tainan-yujing-household-service-plan/index.html",
    "kaohsiung-linyuan-service-plan": "disclosure/kaohsiung/kaohsiung-linyuan-district-office/kaohsiung-linyuan-service-plan/index.html",
    "tainan-shanshang-106": "disclosure/tainan/tainan-shanshang-district-office/tainan-shanshang-106/index.html",
}


def read(site: Path, path: str) -> str:
    return (site / path).read_text("utf-8")


def test_site_has_every_page(built_site: Path):
    browse = ["disclosure/years/index.html", "disclosure/years/114/index.html", "disclosure/types/health-center/index.html"]
    for path in ["index.html", "disclosure/index.html", "sitemap/index.html", "search/index.html", *browse, *PLAN_PAGES.values()]:
        assert (built_site / path).is_file(), path
    cities = sorted(p.parent.name for p in (built_site / "disclosure").glob("*/index.html"))
    assert cities == ["data", "kaohsiung", "tainan", "types", "years"]
    agency_pages = sorted(
        p.parent.name
        for p in (built_site / "disclosure").glob("*/*/index.html")
        if p.parent.parent.name in ("kaohsiung", "tainan")
    )
    assert agency_pages == [
        "kaohsiung-cijin-district-office",
        "kaohsiung-linyuan-district-office",
        "kaohsiung-zuoying-health-center",
        "tainan-shanshang-district-office",
        "tainan-yujing-household-registration-office",
    ]


@pytest.mark.parametrize("seed", sorted(SEED_PLANS))
def test_every_line_of_the_source_is_on_the_plan_page(built_site: Path, seed: str):
    page = article_text(read(built_site, PLAN_PAGES[SEED_PLANS[seed]]))
    source = (SEEDS / seed).read_text("utf-8")
    assert fidelity.missing(source, page) == []
    assert len(fidelity.source_fragments(source)) > 40  # the check really looked at the document


def test_fidelity_check_notices_a_missing_sentence(built_site: Path):
    page = article_text(read(built_site, PLAN_PAGES["kaohsiung-cijin-114"]))
    source = (SEEDS / "000_2056d4662825457c.txt").read_text("utf-8")
    cut = page.replace("電話服務品質及禮貌測試", "")
    assert fidelity.missing(source, cut)


def test_the_section_leads_from_city_to_agency_to_plan(built_site: Path):
    """主動公開資訊 → 縣市 → 機關 → 計畫: each index lists the next level, and only its own."""
    html = read(built_site, "disclosure/index.html")
    text = article_text(html)
    assert "政府資訊公開法" in text and "第7條" in text
    assert 'href="kaohsiung/"' in html and 'href="tainan/"' in html
    kaohsiung = article_text(read(built_site, "disclosure/kaohsiung/index.html"))
    assert "高雄市旗津區公所" in kaohsiung and "臺南市" not in kaohsiung
    tainan = read(built_site, "disclosure/tainan/index.html")
    assert 'href="tainan-yujing-household-registration-office/"' in tainan
    agency = read(built_site, "disclosure/tainan/tainan-yujing-household-registration-office/index.html")
    assert 'href="tainan-yujing-household-service-plan/"' in agency


def test_plan_page_shows_metadata_breadcrumbs_and_structure(built_site: Path):
    html = read(built_site, PLAN_PAGES["kaohsiung-linyuan-service-plan"])
    assert '<nav aria-label="現在位置" class="tw-breadcrumbs">' in html
    assert '<a href="../../../../" title="首頁">首頁</a>' in html and '<li aria-current="page">' in html
    assert '<a href="../../" title="高雄市">高雄市</a>' in html
    assert "<dt>計畫依據</dt>" in html
    assert '<time datetime="2021-01-05">民國110年1月5日</time>' in html
    assert "高市府研發字第11030001300號" in html
    # The page's own date, from the last commit that touched the plan file, says what it is: it is
    # not presented as the plan's amendment (the plan states no 最後更新日期 of its own).
    assert '<p class="plan-page-date">本頁更新日期：<time datetime="2025-03-04">民國114年3月4日</time></p>' in html
    assert "最後更新日期" not in html
    assert re.search(r'<h2 id="section-4">肆、計畫內容</h2>', html)
    assert "<caption" in html and 'scope="col"' in html and "headers=" in html


def test_outline_plan_is_rendered_as_nested_ordered_lists(built_site: Path):
    html = read(built_site, PLAN_PAGES["tainan-shanshang-106"])
    assert '<li><span class="plan-label">一、</span>完備基礎服務項目，維持服務一致性<ol class="plan-list plan-indent-25">' in html
    assert '<span class="plan-label">(一)</span>訂定申辦業務標準作業流程，確保服務及時性' in html


def test_source_numbering_deviations_are_kept(built_site: Path):
    html = read(built_site, PLAN_PAGES["kaohsiung-linyuan-service-plan"])
    # The source numbers two items "4." in a row; we keep its labels.
    assert html.count('<span class="plan-label">4.</span>') >= 2
    assert '<span class="plan-label">三.</span>' in html


def test_sitemap_leads_to_every_page_within_three_clicks(built_site: Path):
    from build_scripts.audit.sitemap_rules import content_links, reachable

    pages = {p.relative_to(built_site).as_posix() for p in built_site.rglob("index.html")}
    links = {page: content_links(page, (built_site / page).read_text("utf-8")) for page in pages}
    assert pages - reachable("sitemap/index.html", links) - {"sitemap/index.html"} == set()
    html = read(built_site, "sitemap/index.html")
    assert 'href="../disclosure/kaohsiung/"' in html and 'href="../disclosure/years/"' in html
    assert "Alt+U" in html and "Shift+Alt" in html


def test_no_page_loads_anything_from_another_host(built_site: Path):
    # Anything the browser fetches by itself (a canonical link is only an address).
    pattern = re.compile(
        r'<(?:script|img|link(?![^>]*rel="canonical")|iframe|source|video|audio)\b[^>]*\b(?:src|href)="(https?:)?//', re.I
    )
    for page in built_site.rglob("*.html"):
        assert not pattern.search(page.read_text("utf-8")), page
    for sheet in built_site.rglob("*.css"):
        assert not re.search(r"url\((['\"]?)(https?:)?//", sheet.read_text("utf-8")), sheet


def _tree(folder: Path) -> dict[Path, bytes]:
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_build_failing_late_keeps_the_published_site_and_leaves_no_staging_folder(tmp_path: Path):
    """Strict mode aborts after every page was written: the published folder must not change."""
    project = copy_project(tmp_path)
    assert mkdocs(project, "build").returncode == 0
    before = _tree(project / "site")
    (project / "content" / "broken.md").write_text("# 壞掉的連結\n\n[不存在的頁面](missing.md)\n", "utf-8")
    plan = project / "plans" / "tainan-shanshang-106.yaml"
    plan.write_text(plan.read_text("utf-8").replace("提升服務品質實施計畫", "提升服務品質實施計畫（修正）", 1), "utf-8")
    result = mkdocs(project, "build")
    assert result.returncode != 0 and "strict mode" in result.stdout + result.stderr
    assert "已發布的網站（site/）保持原樣" in result.stderr
    assert _tree(project / "site") == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []
    # Fixed, the next build publishes the change, PDF included.
    (project / "content" / "broken.md").unlink()
    assert mkdocs(project, "build").returncode == 0
    after = _tree(project / "site")
    changed = {str(p) for p in after if after[p] != before.get(p)}
    assert "disclosure/tainan/tainan-shanshang-district-office/tainan-shanshang-106.pdf" in changed
    assert "disclosure/tainan/tainan-shanshang-district-office/tainan-shanshang-106/index.html" in changed


def test_two_builds_in_different_folders_are_byte_identical(tmp_path: Path):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    first = copy_project(tmp_path / "one")
    second = copy_project(tmp_path / "two")
    env_changes = {"SOURCE_DATE_EPOCH": None}
    for project in (first, second):
        result = mkdocs(project, "build", env_changes=env_changes)
        assert result.returncode == 0, result.stderr
    one, two = _tree(first / "site"), _tree(second / "site")
    assert sorted(one) == sorted(two)
    assert [str(p) for p in one if one[p] != two[p]] == []
    assert any(p.suffix == ".pdf" for p in one) and any(p.suffix == ".odt" for p in one)
    assert b"<lastmod>2025-03-04</lastmod>" in one[Path("sitemap.xml")]


def test_broken_plan_stops_the_build_and_keeps_the_published_site(tmp_path: Path):
    project = copy_project(tmp_path)
    assert mkdocs(project, "build").returncode == 0
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    plan = project / "plans" / "kaohsiung-cijin-114.yaml"
    plan.write_text(plan.read_text("utf-8").replace("  type: 區公所", "  typ: 區公所"), "utf-8")
    result = mkdocs(project, "build")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    # One clear failure: the problem once, a count, and that the published site is untouched; no English noise.
    assert output.count("不認得的欄位「typ」") == 1
    assert "plans/kaohsiung-cijin-114.yaml:8:3: 機關 › typ（agency.typ）" in output
    assert "是不是要寫「type」？" in output
    assert re.search(r"共 1 個錯誤、\d+ 個警告。", output)  # (the warnings: example results that leave items out)
    assert output.count("網站沒有建置，已發布的網站（site/）保持原樣") == 1
    assert output.count("保持原樣") == 1
    for noise in ("Traceback", "Aborted", "Error", "ERROR", "WARNING"):
        assert noise not in output, output
    after = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before


def test_generator_writes_real_markdown_that_builds_without_the_plugin(tmp_path: Path):
    project = copy_project(tmp_path)
    result = subprocess.run([sys.executable, "-m", "build_scripts", "generate"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    written = project / "content" / "disclosure" / "tainan" / "tainan-shanshang-district-office" / "tainan-shanshang-106.md"
    assert written.is_file() and "山上區公所" in written.read_text("utf-8")
    assert (project / "content" / "sitemap.md").is_file()
    assert written.with_suffix(".odt").is_file()
    # An engine that ignores plugins: the same mkdocs.yml without ours.
    config = (project / "mkdocs.yml").read_text("utf-8")
    config = re.sub(r"  - disclosure:\n(    .*\n)*", "", config)
    (project / "plain.yml").write_text(config, "utf-8")
    build = mkdocs(project, "build", "-f", "plain.yml", "-d", "plain-site")
    assert build.returncode == 0, build.stderr
    page = (
        project
        / "plain-site"
        / "disclosure"
        / "tainan"
        / "tainan-shanshang-district-office"
        / "tainan-shanshang-106"
        / "index.html"
    )
    assert "提升服務品質實施計畫" in page.read_text("utf-8")
    # Running it again changes nothing; a generated file no plan makes any more is removed.
    stale = written.with_name("tainan-shanshang-099.md")
    stale.write_text("舊的網頁", "utf-8")
    again = subprocess.run([sys.executable, "-m", "build_scripts", "generate"], cwd=project, capture_output=True, text=True)
    assert "（0 個檔案有變更）" in again.stdout, again.stdout
    assert written.is_file() and not stale.exists()


def test_generator_keeps_its_own_pages_beside_the_section_up_to_date_and_the_webmasters_edits(tmp_path: Path):
    """The site map and policy pages go beside the site's own pages: the next run updates them (they
    are not taken for the webmaster's), and one the webmaster edited is theirs from then on."""
    project = copy_project(tmp_path)

    def generate() -> str:
        result = subprocess.run([sys.executable, "-m", "build_scripts", "generate"], cwd=project, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return result.stdout

    generate()
    privacy, open_data = project / "content" / "privacy.md", project / "content" / "open-data.md"
    assert "範例市範例區公所" in privacy.read_text("utf-8") and "範例市範例區公所" in open_data.read_text("utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("agency: 範例市範例區公所", "agency: 高雄市旗津區公所"), "utf-8")
    open_data.write_text(open_data.read_text("utf-8") + "\n本所另有紙本資料可供查閱。\n", "utf-8")
    generate()
    assert "高雄市旗津區公所" in privacy.read_text("utf-8") and "範例市範例區公所" not in privacy.read_text("utf-8")
    edited = open_data.read_text("utf-8")
    assert "本所另有紙本資料可供查閱" in edited and "範例市範例區公所" in edited  # the webmaster's page, untouched
    assert "（0 個檔案有變更）" in generate()


_DOWNLOAD_LINK = re.compile(
    r'<a download="(?P<file>[^"]+)" href="(?P<href>[^"]+)" title="下載 (?P<tformat>\w+) 檔（(?P<tdetails>[^）]+)）：[^"]+">'
    r"下載 (?P<format>\w+)（(?P<details>[^）]+)）</a>"
)


@pytest.mark.parametrize("plan_id", sorted(PLAN_PAGES))
def test_plan_page_offers_pdf_and_odt_with_real_pages_and_sizes(built_site: Path, plan_id: str):
    import pikepdf
    from odf.opendocument import load

    from build_scripts.publish.downloads import human_size

    page = built_site / PLAN_PAGES[plan_id]
    links = {m["format"]: m for m in _DOWNLOAD_LINK.finditer(page.read_text("utf-8"))}
    assert sorted(links)[-2:] == ["ODT", "PDF"]  # then JSON and CSV (tests/e2e/test_open_data.py)
    for fmt, match in ((f, links[f]) for f in ("ODT", "PDF")):
        assert match["tformat"] == fmt and match["tdetails"] == match["details"]
        target = (page.parent / match["href"]).resolve()
        assert target.is_file() and target.name == f"{plan_id}.{fmt.lower()}" == match["file"]
        size = human_size(target.stat().st_size)
        if fmt == "PDF":
            with pikepdf.open(target) as document:
                assert match["details"] == f"{len(document.pages)} 頁，{size}"
        else:
            assert match["details"] == size
            assert load(str(target)).mimetype == "application/vnd.oasis.opendocument.text"


def test_footer_holds_the_bottom_tile_and_the_accessibility_badge_set_in_mkdocs_yml(tmp_path: Path):
    project = copy_project(tmp_path)
    shutil.copy(ROOT / "tests" / "fixtures" / "badge-88x31.png", project / "content" / "assets" / "badge.png")
    config = (project / "mkdocs.yml").read_text("utf-8")
    config = config.replace(
        "extra:\n  generator: false\n",
        "extra:\n  generator: false\n  accessibility_badge:\n    image: assets/badge.png\n"
        "    link: https://accessibility.moda.gov.tw/\n    alt: 通過AA等級無障礙網頁檢測\n",
    )
    (project / "mkdocs.yml").write_text(config, "utf-8")
    result = mkdocs(project, "build")
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "disclosure" / "index.html").read_text("utf-8")
    footer = html[html.index('<footer class="md-footer">') :]
    assert 'accesskey="Z" title="下方功能區塊"' in footer
    assert '<img src="../assets/badge.png" width="88" height="31" alt="通過AA等級無障礙網頁檢測">' in footer
    assert 'title="通過AA等級無障礙網頁檢測（另開新視窗）" target="_blank"' in footer
    assert (project / "site" / "assets" / "badge.png").is_file()


def test_the_build_warns_while_site_url_is_still_the_example(built_site: Path):
    output = (built_site.parent / "build-output.txt").read_text("utf-8")
    assert "site_url 仍是範例網址（https://plans.example.gov.tw/）" in output and "README「發布網站」" in output


def test_a_build_speaks_chinese_in_one_line_not_mkdocs_info_lines(built_site: Path):
    told = (built_site.parent / "build-output.txt").read_text("utf-8")
    assert "INFO" not in told and "Documentation built" not in told and "Cleaning site directory" not in told
    assert re.search(r"網站已更新：.*site（\d+ 個網頁，\d+ 秒）", told), told
