"""The Taiwan 網站無障礙規範 checks: one failing and one passing page per rule, then the real site."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.audit.css import check_css
from build_scripts.audit.findings import RULES, RULES_BY_ID, Finding
from build_scripts.audit.taiwan_rules import check_page, check_site

from ..support.findings_text import format_findings

TILES = (
    '<div><a href="#tw-top" id="tw-top" accesskey="U" title="上方功能區塊">:::</a></div>'
    '<main><a href="#tw-content" id="tw-content" accesskey="C" title="中央內容區塊">:::</a></main>'
    '<footer><a href="#tw-bottom" id="tw-bottom" accesskey="Z" title="下方功能區塊">:::</a></footer>'
)

SITEMAP_TABLE = """
<table><caption>網站快速鍵</caption>
<tr><th scope="col">快速鍵</th><th scope="col">說明</th></tr>
<tr><th scope="row">Alt+U</th><td>上方功能區塊</td></tr>
<tr><th scope="row">Alt+C</th><td>中央內容區塊</td></tr>
<tr><th scope="row">Alt+Z</th><td>下方功能區塊</td></tr>
</table>
<p>使用 Firefox 瀏覽器時請按 Shift+Alt+快速鍵。</p>
"""

SITE_PAGES = {"index.html", "disclosure/index.html", "sitemap/index.html"}


def page(body: str, *, lang: str | None = "zh-TW", head: str = "") -> str:
    lang_attr = "" if lang is None else f' lang="{lang}"'
    return f"<!doctype html><html{lang_attr}><head><title>測試</title>{head}</head><body>{body}</body></html>"


# rule id → (failing page, passing page, page path)
CASES: dict[str, tuple[str, str, str]] = {
    "guide-tiles": (
        page('<a href="#tw-top" id="tw-top" accesskey="U">:::</a><a href="#nowhere" accesskey="C" title="中央內容區塊">:::</a>'),
        page(TILES),
        "page.html",
    ),
    "skip-link": (
        page('<a href="/">首頁</a><a href="#main">跳到主要內容</a><main id="main"></main>'),
        page(
            '<input class="md-toggle" type="checkbox" id="__drawer">'
            '<div data-md-component="skip"><a href="#h1">跳轉到</a></div>'
            '<input type="hidden" name="x"><a href="#main">跳到主要內容</a><main id="main"><a href="/">首頁</a></main>'
        ),
        "page.html",
    ),
    "sitemap": (
        page(
            TILES + '<table><caption>快速鍵</caption><tr><th scope="row">Alt+U</th><td>上方區塊</td></tr></table>'
            '<a href="../">首頁</a>'
        ),
        page(TILES + SITEMAP_TABLE + '<a href="../">首頁</a><a href="../disclosure/">主動公開資訊</a><a href="./">網站導覽</a>'),
        "sitemap/index.html",
    ),
    "noscript": (
        page("<noscript>  </noscript><p>內容</p>"),
        page("<noscript><p>您的瀏覽器不支援 JavaScript 功能。</p></noscript>"),
        "page.html",
    ),
    "empty-nav": (
        page('<nav aria-label="目錄"> </nav>'),
        page('<nav aria-label="目錄"><a href="#a">壹、計畫依據</a></nav>'),
        "page.html",
    ),
    "empty-label": (
        page(
            '<label for="q"><svg viewBox="0 0 1 1"><path d="M0 0"/></svg></label><input id="q">'
            '<label for="s" title="開啟選單"></label><input id="s">'  # titled, but empty to a 115.11 checker
        ),
        page(
            '<label for="q" title="搜尋"><span class="tw-visually-hidden">搜尋</span><svg viewBox="0 0 1 1">'
            '<path d="M0 0"/></svg></label><input id="q"><label for="r">姓名</label><input id="r">'
        ),
        "page.html",
    ),
    "empty-heading": (
        page("<h1>標題</h1><h2><br></h2>"),
        page('<h1>標題</h1><h2><img src="a.png" alt="計畫內容"></h2>'),
        "page.html",
    ),
    "heading-order": (
        page("<h1>標題</h1><h3>小節</h3>"),
        page("<h1>標題</h1><h2>章</h2><h3>節</h3><h2>下一章</h2><h3>節</h3>"),
        "page.html",
    ),
    "table-scope": (
        page("<table><caption>表</caption><tr><th>項目</th><th>單位</th></tr><tr><td>一</td><td>秘書室</td></tr></table>"),
        page(
            '<table><caption>表</caption><tr><th scope="col">項目</th><th scope="col">單位</th></tr>'
            "<tr><td>一</td><td>秘書室</td></tr></table>"
            '<table><caption>表二</caption><tr><th id="h1">項目</th><th id="h2">單位</th></tr>'
            '<tr><td headers="h1">一</td><td headers="h2">秘書室</td></tr></table>'
        ),
        "page.html",
    ),
    "table-headers": (
        page(
            '<table><caption>表</caption><tr><th id="h1" scope="col">項目</th><th id="h2" scope="col">單位</th></tr>'
            '<tr><td headers="h1">一</td><td>秘書室</td></tr><tr><td headers="h9">二</td><td headers="h2">各課室</td></tr></table>'
        ),
        page(
            '<table><caption>表</caption><tr><th id="h1" scope="col">項目</th><th id="h2" scope="col">單位</th></tr>'
            '<tr><td headers="h1">一</td><td headers="h2">秘書室</td></tr></table>'
        ),
        "page.html",
    ),
    "table-caption": (
        page('<table><caption> </caption><tr><th scope="col">項目</th></tr><tr><td>一</td></tr></table>'),
        page(
            '<table><caption>計畫內容</caption><tr><th scope="col">項目</th></tr><tr><td>一</td></tr></table>'
            "<table><tr><td>排版用表格，沒有標頭</td></tr></table>"
        ),
        "page.html",
    ),
    "link-text": (
        page('<a href="/"><svg viewBox="0 0 1 1"><path d="M0 0"/></svg></a>'),
        page(
            '<a href="/" aria-label="首頁"><svg viewBox="0 0 1 1"></svg></a><a href="/a"><img src="a.png" alt="網站導覽"></a>'
            '<a href="/b">主動公開資訊</a><a id="anchor-without-href"></a>'
        ),
        "page.html",
    ),
    "link-title": (
        page('<article><h1>標題</h1><a href="../">首頁</a></article>'),
        page('<header><a href="/">首頁</a></header><article><a href="../" title="首頁">首頁</a></article>'),
        "page.html",
    ),
    "link-new-window": (
        page('<a href="https://law.moj.gov.tw/" target="_blank" title="全國法規資料庫">全國法規資料庫</a>'),
        page(
            '<a href="https://law.moj.gov.tw/" target="_blank" title="全國法規資料庫(另開新視窗)">全國法規資料庫</a>'
            '<a href="https://www.moda.gov.tw/" target="_blank">數位發展部（另開新視窗）</a>'
        ),
        "page.html",
    ),
    "html-lang": (
        page("<p>內容</p>", lang="zh_TW!"),
        page("<p>內容</p>", lang="zh-Hant-TW"),
        "page.html",
    ),
    "lang-repeat": (
        page('<div lang="zh-tw"><p>內容</p></div>'),
        page('<div><p lang="en">Open Government</p><p lang="en-US">text<span lang="zh-TW">中文</span></p></div>'),
        "page.html",
    ),
    "img-alt": (
        page('<img src="logo.png">'),
        page('<img src="logo.png" alt="機關標誌"><img src="line.png" alt="">'),
        "page.html",
    ),
    "img-empty-alt-title": (
        page('<img src="line.png" alt="" title="分隔線">'),
        page('<img src="line.png" alt=""><img src="logo.png" alt="機關標誌" title="機關標誌">'),
        "page.html",
    ),
    "download-format": (
        page('<a href="files/plan.DOCX?v=2" title="計畫">計畫（Word）</a>'),
        page(
            '<a href="files/plan.pdf" title="計畫">計畫（PDF）</a><a href="files/plan.odt" title="計畫">計畫（ODT）</a>'
            '<a href="data/plan.csv">資料</a>'
        ),
        "page.html",
    ),
    "css-font-size": (
        page("<p>內容</p>", head="<style>.x{color:red} p{font-size:14px}</style>"),
        page(
            '<p style="font-size:0.9rem">內容</p>',
            head="<style>p{font-size:.8rem;line-height:20px} h1{font:700 1.5em/24px serif}</style>",
        ),
        "page.html",
    ),
}


def rules_of(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def test_every_rule_has_a_case() -> None:
    assert set(CASES) == {rule.id for rule in RULES}
    assert len(RULES_BY_ID) == len(RULES)


@pytest.mark.parametrize("rule", list(CASES))
def test_rule_fails_on_failing_page(rule: str) -> None:
    failing, _, path = CASES[rule]
    found = rules_of(check_page(path, failing, site_pages=SITE_PAGES), rule)
    assert found, f"{rule}: no finding on the failing page"
    for finding in found:
        assert finding.code == RULES_BY_ID[rule].code
        assert finding.page == path
        assert finding.element and finding.message and finding.help


@pytest.mark.parametrize("rule", list(CASES))
def test_rule_passes_on_passing_page(rule: str) -> None:
    _, passing, path = CASES[rule]
    assert rules_of(check_page(path, passing, site_pages=SITE_PAGES), rule) == []


def test_codes_are_the_expected_ones() -> None:
    expected = {
        "skip-link": "GN1240100E",
        "sitemap": "GN1240500E",
        "empty-nav": "HM1240102C",
        "empty-label": "HM1130104C",
        "empty-heading": "HM1130100C",
        "heading-order": "HM1130100C",
        "table-scope": "HM1130101C",
        "table-headers": "HM1130102C",
        "table-caption": "HM1130107E",
        "link-title": "HM1240401C",
        "html-lang": "HM1310100C",
        "lang-repeat": "HM2310200C",
        "download-format": "ME1320200C",
        "css-font-size": "CS2140401C",
        "guide-tiles": "",
    }
    for rule, code in expected.items():
        assert RULES_BY_ID[rule].code == code


def test_guide_tiles_details() -> None:
    findings = rules_of(check_page("page.html", CASES["guide-tiles"][0]), "guide-tiles")
    messages = " ".join(f.message for f in findings)
    assert "accesskey U 的導盲磚連結沒有 title" in messages
    assert "「#nowhere」不在本網頁" in messages
    assert "accesskey 為 Z" in messages


def test_skip_link_target_must_exist() -> None:
    found = rules_of(check_page("page.html", page('<a href="#main">跳到主要內容</a>')), "skip-link")
    assert found and "目標" in found[0].message


def test_missing_html_lang_and_non_chinese_lang() -> None:
    assert rules_of(check_page("page.html", page("<p>x</p>", lang=None)), "html-lang")
    assert rules_of(check_page("page.html", page("<p>x</p>", lang="en")), "html-lang")
    assert not rules_of(check_page("page.html", page("<p>x</p>", lang="zh-TW")), "html-lang")


def test_sitemap_lists_each_problem() -> None:
    findings = rules_of(check_page("sitemap/index.html", CASES["sitemap"][0], site_pages=SITE_PAGES), "sitemap")
    messages = "\n".join(f.message for f in findings)
    assert "Alt+U 說明「上方區塊」與導盲磚 title「上方功能區塊」不一致" in messages
    assert "沒有列出快速鍵 Alt+C" in messages
    assert "Shift+Alt" in messages
    assert "到不了網頁「disclosure/index.html」" in messages


def test_missing_noscript() -> None:
    assert rules_of(check_page("page.html", page("<p>x</p>")), "noscript")


def test_css_files(tmp_path: Path) -> None:
    assert check_css("a.css", "/* font-size: 12px */ .a{font-size:1rem} .b{font:1em/20px serif}") == []
    found = check_css("a.css", "@media print{.b .c{font:bold 10pt/1.2 serif}} .d{ font-size : 16px }")
    assert [f.element for f in found] == [".b .c { font:bold 10pt/1.2 serif }", ".d { font-size:16px }"]
    assert {f.code for f in found} == {"CS2140401C"}


def test_check_site_reads_pages_and_css(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "site.css").write_text("body{font-size:12pt}", encoding="utf-8")
    (tmp_path / "index.html").write_text(page(TILES), encoding="utf-8")
    (tmp_path / "404.html").write_text("<html><body></body></html>", encoding="utf-8")
    findings = check_site(tmp_path)
    assert {f.page for f in findings} == {"index.html", "assets/site.css", "sitemap/index.html"}
    assert any(f.rule == "sitemap" and "沒有網站導覽網頁" in f.message for f in findings)
    assert any(f.rule == "css-font-size" and f.page == "assets/site.css" for f in findings)


@pytest.mark.e2e
def test_real_site_meets_every_rule(built_site: Path) -> None:
    findings = check_site(built_site)
    assert all(isinstance(f, Finding) and f.rule in RULES_BY_ID for f in findings)
    assert format_findings(findings) == ""


def test_the_site_map_may_lead_to_a_page_through_index_pages_within_three_clicks():
    from build_scripts.audit.sitemap_rules import content_links, reachable

    links = {
        "sitemap/index.html": {"disclosure/kaohsiung/index.html"},
        "disclosure/kaohsiung/index.html": {"disclosure/kaohsiung/a/index.html"},
        "disclosure/kaohsiung/a/index.html": {"disclosure/kaohsiung/a/plan/index.html"},
        "disclosure/kaohsiung/a/plan/index.html": {"far/index.html"},
    }
    led_to = reachable("sitemap/index.html", links)
    assert "disclosure/kaohsiung/a/plan/index.html" in led_to and "far/index.html" not in led_to
    # Only the article counts: the theme's navigation links everywhere.
    html = '<nav><a href="../x/">x</a></nav><article><a href="../disclosure/">主動公開資訊</a></article>'
    assert content_links("sitemap/index.html", html) == {"disclosure/index.html"}
