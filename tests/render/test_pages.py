"""Renderers: golden Markdown pages, and text that stays text."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import markdown
import pytest

from build_scripts.plan.load import load_plan_file
from build_scripts.publish.downloads import ODT, PDF, Download
from build_scripts.render.escape import md_text
from build_scripts.render.pages import Layout, Page, build_pages, link
from build_scripts.render.sitemap import SitemapEntry, sitemap_page

from ..support import golden
from ..support.plaintext import plan_text
from ..support.project import FIXTURES

GOLDEN = Path(__file__).resolve().parent / "golden"


def check_golden(name: str, text: str) -> None:
    golden.check_golden(GOLDEN / name, text)


@pytest.fixture(scope="module")
def sample_pages():
    plan = load_plan_file(FIXTURES / "plans" / "sample-114.yaml")
    files = [
        Download(replace(PDF, description="PDF 檔"), "sample-114.pdf", b"%PDF" + bytes(12 * 1024), pages=3),
        Download(replace(ODT, description="ODF 文字檔"), "sample-114.odt", bytes(5000)),
    ]
    pages = build_pages([(plan, "plans/sample-114.yaml")], {plan.id: dt.date(2025, 3, 1)}, downloads={plan.id: files})
    return {p.path: p for p in pages}


@pytest.mark.parametrize(
    "path",
    [
        "disclosure/index.md",
        "disclosure/new-taipei/index.md",
        "disclosure/years/114.md",
        "disclosure/new-taipei/sample-district-office/index.md",
        "disclosure/new-taipei/sample-district-office/sample-114.md",
    ],
)
def test_pages_match_golden_files(sample_pages, path: str):
    check_golden(path.replace("/", "__"), sample_pages[path].content)


def test_sitemap_matches_golden_file():
    page = sitemap_page(
        [
            SitemapEntry("首頁", "index.md"),
            SitemapEntry("主動公開資訊", "disclosure/index.md", (SitemapEntry("範例區公所", "disclosure/a/index.md"),)),
            SitemapEntry("網站導覽", "sitemap.md"),
        ]
    )
    check_golden("sitemap.md", page.content)


def test_plain_text_matches_golden_file():
    check_golden("sample.txt", plan_text(load_plan_file(FIXTURES / "plans" / "sample-114.yaml")))


def test_links_between_pages_are_relative():
    assert link("disclosure/a/plan.md", "index.md") == "../../index.md"
    assert link("disclosure/index.md", "disclosure/a/index.md") == "a/index.md"
    assert link("sitemap.md", "disclosure/index.md") == "disclosure/index.md"


def test_plan_page_shows_dates_as_minguo_with_iso_datetime(sample_pages):
    page = sample_pages["disclosure/new-taipei/sample-district-office/sample-114.md"].content
    assert '<time datetime="2021-01-05">民國110年1月5日</time>' in page
    assert '<time datetime="2025-01-22">民國114年1月22日</time>' in page  # 發布日期
    assert "民國114年度（2025年）" in page


def test_hierarchical_table_has_headers_ids_and_rowspans(sample_pages):
    html = markdown.markdown(
        sample_pages["disclosure/new-taipei/sample-district-office/sample-114.md"].content,
        extensions=["attr_list", "md_in_html"],
    )
    assert '<caption id="table-3-1-caption">計畫內容</caption>' in html
    assert '<th scope="colgroup" id="table-3-1-c2" colspan="2">執行重點</th>' in html
    assert '<th id="table-3-1-r1" headers="table-3-1-c1" class="plan-col-0" scope="row" rowspan="3">' in html
    # The unit of a step names its column header and every row header above it; its column label
    # is there for narrow screens (hidden from screen readers, which have the header).
    assert (
        '<td id="table-3-1-r4" headers="table-3-1-c3 table-3-1-r1 table-3-1-r2" class="plan-col-3">'
        '<span class="plan-cell-label" aria-hidden="true">執行單位</span>秘書室</td>'
    ) in html


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "{{ 7*7 }} {% include 'x' %}",
    "**粗體** | 欄 | # 標題",
    "[點我](javascript:alert(1))",
    "&lt; &amp; &#42;",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_shown_exactly_as_typed(tmp_path: Path, text: str):
    source = (FIXTURES / "plans" / "sample-114.yaml").read_text("utf-8")
    quoted = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    source = source.replace("title: 範例區公所114年度提升服務執行計畫", f"title: {quoted}")
    source = source.replace("      - 提升本所行政效能。", f"      - {quoted}")
    source = source.replace("- cell: 秘書室", f"- cell: {quoted}")
    plan_file = tmp_path / "hostile.yaml"
    plan_file.write_text(source, "utf-8")
    plan = load_plan_file(plan_file)
    page = next(p for p in build_pages([(plan, "x")], {}) if p.path.endswith("sample-114.md"))
    html = markdown.markdown(page.content.split("---\n", 2)[2], extensions=["attr_list", "md_in_html"])
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert "<strong>" not in html and '<h1 id="plan-title">#' not in html
    # What a reader sees is exactly the typed text: heading, paragraph and table cell.
    import html as html_lib

    visible = html_lib.unescape(html)
    assert visible.count(text) >= 3


def test_download_sizes_are_shown_like_gov_uk():
    from build_scripts.publish.downloads import human_size

    assert [human_size(n) for n in (10, 1536, 45 * 1024, 1024 * 1024 * 3 // 2)] == ["1 KB", "2 KB", "45 KB", "1.5 MB"]


def test_markdown_escape_makes_punctuation_inert():
    assert md_text("a*b_c") == "a&#42;b&#95;c"
    assert md_text("第一行\n第二行") == "第一行 第二行"


def test_layout_places_plans_under_their_agency():
    layout = Layout("open")
    plan = load_plan_file(FIXTURES / "plans" / "sample-114.yaml")
    assert layout.plan(plan) == "open/new-taipei/sample-district-office/sample-114.md"


def test_plan_links_are_real_links_on_the_page_and_written_out_in_print_and_odt(sample_pages):
    import io

    from odf import teletype
    from odf.opendocument import load as load_odt
    from odf.text import P

    from build_scripts.odt.document import render_odt
    from build_scripts.pdf.print_html import print_html

    html = markdown.markdown(
        sample_pages["disclosure/new-taipei/sample-district-office/sample-114.md"].content.split("---\n", 2)[2],
        extensions=["attr_list", "md_in_html"],
    )
    assert '<a href="https://www.example.gov.tw/plan?id=1&amp;lang=zh-TW" title="範例市政府提升服務實施計畫全文">' in html
    assert '<a href="tel:07-1234567" title="秘書室服務電話">秘書室服務電話</a>' in html
    plan = load_plan_file(FIXTURES / "plans" / "sample-114.yaml")
    assert "範例市政府提升服務實施計畫全文：https://www.example.gov.tw/plan?id=1&amp;lang=zh-TW" in print_html(plan)
    document = load_odt(io.BytesIO(render_odt(plan)))
    text = "\n".join(teletype.extractText(p) for p in document.getElementsByType(P))
    assert "秘書室服務電話：tel:07-1234567" in text


def _city_of_many(agencies: int) -> dict[str, Page]:
    """A city with ``agencies`` agencies of two types (every other one a 衛生所), a plan each."""
    from build_scripts.plan.model import AgencyType

    seed = load_plan_file(FIXTURES / "plans" / "sample-114.yaml")
    plans = []
    for number in range(agencies):
        kind = AgencyType.health_center if number % 2 else AgencyType.district_office
        agency = seed.agency.model_copy(update={"id": f"office-{number:03d}", "name": f"機關{number:03d}", "type": kind})
        plans.append(seed.model_copy(update={"id": f"plan-{number:03d}", "agency": agency}))
    pages = build_pages([(plan, f"plans/{plan.id}.yaml") for plan in plans], {})
    return {page.path: page for page in pages}


def test_a_city_lists_its_agencies_by_type_fifty_to_a_page():
    from build_scripts.render.site_layout import AGENCY_PAGE_SIZE

    pages = _city_of_many(120)
    city = [page for page in pages.values() if page.kind == "city"]
    assert [page.path for page in city] == [
        "disclosure/new-taipei/index.md",
        "disclosure/new-taipei/agencies_2.md",
        "disclosure/new-taipei/agencies_3.md",
    ]
    first, second, third = (page.content for page in city)
    assert [text.count("（1 份計畫）") for text in (first, second, third)] == [AGENCY_PAGE_SIZE, AGENCY_PAGE_SIZE, 20]
    # 區公所 (60) first, then 衛生所 (60): the second page goes on with 區公所, then 衛生所 begins.
    assert "## 區公所 {#type-district-office}" in first and "衛生所 {#" not in first
    assert "## 區公所（續前頁） {#type-district-office}" in second and "## 衛生所 {#type-health-center}" in second
    assert "## 衛生所（續前頁） {#type-health-center}" in third
    # Every page says where each type starts, and links to every other page.
    for text in (first, second, third):
        assert "共有 120 個機關在本網站公開 120 份計畫" in text and text.count("（60 個機關）") == 2
    assert '[區公所](#type-district-office "區公所")' in first and '[衛生所](agencies_2.md#type-health-center "衛生所")' in first
    assert '[區公所](index.md#type-district-office "區公所")' in second and '[衛生所](#type-health-center "衛生所")' in second
    assert '[第 3 頁](agencies_3.md "第 3 頁")' in first and 'aria-current="page">第 2 頁' in second
    assert not any(page.beside for page in city[1:]) and city[0].beside


def test_the_site_map_leads_to_a_citys_later_pages():
    from build_scripts.render.sitemap import site_entries

    pages = list(_city_of_many(60).values())
    (section,) = [entry for entry in site_entries([], pages, Layout()) if entry.path == "disclosure/index.md"]
    (city,) = [entry for entry in section.children if entry.path == "disclosure/new-taipei/index.md"]
    assert [entry.path for entry in city.children] == ["disclosure/new-taipei/agencies_2.md"]
