"""A site an agency puts its name on: the agency running it in every page's header and footer, the
two policy pages every agency site carries, and a reminder for each setting still at its example."""

from __future__ import annotations

import json
from pathlib import Path

from lxml import html as lxml_html

from ..support.project import commit_all, copy_project, mkdocs

IDENTITY = {
    "agency": "高雄市旗津區公所",
    "address": "805 高雄市旗津區中洲三路 600 號",
    "phone": "(07) 571-3121 轉 123",
    "fax": "(07) 571-0870",
    "office_hours": "週一至週五 8:00–12:00、13:30–17:30",
    "email": "cijin@kcg.gov.tw",
}


def _identity_project(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    for name, value in IDENTITY.items():
        start = text.index(f"      {name}: ")
        text = text[:start] + f'      {name}: "{value}"' + text[text.index("\n", start) :]
    config.write_text(
        text.replace("site_url: https://plans.example.gov.tw/", "site_url: https://www.cijin.kcg.gov.tw/plans/"), "utf-8"
    )
    (project / "content" / "privacy.md").write_text("# 隱私權及資訊安全政策\n\n本所自行撰寫的隱私權政策。\n", "utf-8")
    commit_all(project, "identity")
    return project


def test_every_page_names_the_agency_running_the_site_and_links_both_policies(tmp_path: Path):
    project = _identity_project(tmp_path)
    result = mkdocs(project, "build")
    assert result.returncode == 0, result.stderr
    assert "仍是範例" not in result.stderr  # nothing left at its example value
    site = project / "site"
    pages = [p for p in site.rglob("index.html") if "pagefind" not in p.parts]
    assert len(pages) > 20
    for path in pages:
        document = lxml_html.fromstring(path.read_bytes())
        footer = " ".join(document.xpath("//footer")[0].text_content().split())
        for value in IDENTITY.values():
            assert " ".join(value.split()) in footer, (path, value)
        assert document.xpath("//footer//a[@href='tel:075713121']") and document.xpath(
            "//footer//a[@href='mailto:cijin@kcg.gov.tw']"
        )
        links = {a.text_content().strip(): a.get("href") for a in document.xpath("//footer//a[@href]")}
        assert {"網站導覽", "隱私權及資訊安全政策", "政府網站資料開放宣告"} <= set(links), path
        assert all(
            (path.parent / links[name]).resolve().joinpath("index.html").is_file()
            for name in ("隱私權及資訊安全政策", "政府網站資料開放宣告")
        )
        assert "高雄市旗津區公所" in document.xpath("//header")[0].text_content()
    privacy = (site / "privacy" / "index.html").read_text("utf-8")
    assert "本所自行撰寫的隱私權政策" in privacy  # the site's own page wins over the default text
    declaration = lxml_html.fromstring((site / "open-data" / "index.html").read_bytes()).text_content()
    assert "政府資料開放授權條款－第1版" in declaration and "資料來源：高雄市旗津區公所" in declaration
    sitemap = (site / "sitemap" / "index.html").read_text("utf-8")
    assert "隱私權及資訊安全政策" in sitemap and "政府網站資料開放宣告" in sitemap
    catalogue = json.loads((site / "disclosure" / "data" / "catalog.json").read_text("utf-8"))
    assert catalogue["提供者"] == "高雄市旗津區公所"
    assert catalogue["資料集"][0]["聯絡人"] == "高雄市旗津區公所（電話 (07) 571-3121 轉 123，cijin@kcg.gov.tw）"


def test_the_build_names_each_setting_still_at_its_example_value(built_site: Path):
    told = (built_site.parent / "build-output.txt").read_text("utf-8")
    for name in ("site_url", "agency（網站營運機關全銜）", "address（地址）", "phone（電話）", "email（電子郵件）"):
        assert f"mkdocs.yml 的 {name}" in told, name


def test_the_default_policy_pages_speak_for_the_agency(built_site: Path):
    privacy = lxml_html.fromstring((built_site / "privacy" / "index.html").read_bytes())
    text = privacy.xpath("//article")[0].text_content()
    assert "範例市範例區公所（以下簡稱本機關）" in text and "Cookie" in text and "資通安全管理法" in text
    assert not privacy.xpath("//nav//a[normalize-space()='隱私權及資訊安全政策' and contains(@class,'md-nav__link')]")
