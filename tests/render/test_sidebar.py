"""The sidebar: a page's own path and its neighbours, whatever the number of agencies in its city."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from lxml import html as lxml_html

from build_scripts.pipeline.navigation import nav_tree, site_nav
from build_scripts.plan.load import load_plan_file
from build_scripts.plan.model import Plan
from build_scripts.render.pages import build_pages
from build_scripts.render.sidebar import NavEntry, Sidebar, page_toc, page_url, relative_links, rooted_links

from ..support.project import ROOT

HANDWRITTEN = {"index.md": "首頁", "search.md": "搜尋", "sitemap.md": "網站導覽"}


def _agency_plans(seed: Plan, number: int, city: str = "高雄市", plans: int = 2) -> list[Plan]:
    agency = seed.agency.model_copy(update={"id": f"office-{number:03d}", "name": f"{city}第{number}區公所", "city": city})
    return [
        seed.model_copy(
            update={"id": f"office-{number:03d}-{year}", "year": year, "agency": agency, "title": f"第{number}區{year}年度計畫"}
        )
        for year in range(114 - plans + 1, 115)
    ]


def _site(agencies: int) -> tuple[Sidebar, list]:
    """The sidebar of a site with ``agencies`` agencies in one city (two plans each) and one elsewhere."""
    seed = load_plan_file(ROOT / "plans" / "kaohsiung-cijin-114.yaml")
    plans = [plan for number in range(agencies) for plan in _agency_plans(seed, number)]
    plans += _agency_plans(seed, 999, city="臺南市")
    pages = build_pages([(plan, f"plans/{plan.id}.yaml") for plan in plans], {p.id: dt.date(2025, 1, 1) for p in plans})
    titles = {**HANDWRITTEN, **{page.path: page.title for page in pages}}
    alone = [page.path for page in pages if not page.beside]
    return Sidebar(nav_tree(list(titles), titles, [page.path for page in pages], alone)), pages


def _labels(html: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in lxml_html.fragment_fromstring(f"<ul>{html}</ul>").xpath("//a")]


def _sidebar_of(sidebar: Sidebar, page: str) -> str:
    return sidebar.html(page, relative_links(page_url(page)))


def test_a_plan_pages_sidebar_shows_its_path_and_its_agencys_plans_but_not_the_other_agencies():
    sidebar, _ = _site(60)
    plan = "disclosure/kaohsiung/office-007/office-007-114.md"
    labels = _labels(_sidebar_of(sidebar, plan))
    assert labels[:4] == ["首頁", "搜尋", "網站導覽", "主動公開資訊"]
    assert "高雄市" in labels and "臺南市" in labels  # the cities (at most 22)
    assert "高雄市第7區公所" in labels and "第7區113年度計畫" in labels and "第7區114年度計畫" in labels
    assert not [label for label in labels if re.fullmatch(r"高雄市第\d+區公所", label) and label != "高雄市第7區公所"]
    assert {"依年度瀏覽", "依機關類型瀏覽", "開放資料"} <= set(labels)


def test_the_sidebar_does_not_grow_with_the_agencies_of_the_city():
    small, _ = _site(3)
    large, _ = _site(150)
    plan = "disclosure/kaohsiung/office-002/office-002-114.md"
    assert _without_ids(_sidebar_of(large, plan)) == _without_ids(_sidebar_of(small, plan))
    city = "disclosure/kaohsiung/index.md"
    assert _without_ids(_sidebar_of(large, city)) == _without_ids(_sidebar_of(small, city))


def _without_ids(html: str) -> str:
    """The controls' ids count the entries of a folder: the only part that differs."""
    return re.sub(r"__nav_[0-9_]+", "__nav", html)


def test_a_later_page_of_a_list_is_in_its_own_sidebar_only():
    sidebar, pages = _site(120)
    later = [page.path for page in pages if not page.beside and page.kind == "city"]
    assert later == ["disclosure/kaohsiung/agencies_2.md", "disclosure/kaohsiung/agencies_3.md"]
    first = _sidebar_of(sidebar, "disclosure/kaohsiung/index.md")
    second = _sidebar_of(sidebar, later[0])
    assert "agencies_2" not in first
    assert 'aria-current="page"' in second and "高雄市（第 2 頁，共 3 頁）" in _labels(second)


def test_the_current_page_is_marked_and_its_toggles_are_named():
    sidebar, _ = _site(3)
    html = _sidebar_of(sidebar, "disclosure/kaohsiung/office-001/office-001-114.md")
    document = lxml_html.fragment_fromstring(f"<ul>{html}</ul>")
    (current,) = document.xpath("//a[@aria-current='page']")
    assert current.get("href") == "./" and "md-nav__link--active" in current.get("class")
    for toggle in document.xpath("//label[@tabindex='0']"):  # every keyboard-reachable toggle has a name
        assert toggle.text_content().strip(), lxml_html.tostring(toggle)
        assert document.xpath(f"//input[@id='{toggle.get('for')}']")


def test_links_are_relative_to_the_page_and_rooted_on_a_page_served_anywhere():
    href = relative_links("disclosure/kaohsiung/office-001/office-001-114/")
    assert href("index.md") == "../../../../"
    assert href("disclosure/kaohsiung/index.md") == "../../"
    assert href("disclosure/kaohsiung/office-001/office-001-114.md") == "./"
    assert href("disclosure/years/115-2.md") == "../../../years/115-2/"
    assert rooted_links("/plans/")("disclosure/index.md") == "/plans/disclosure/"


@pytest.mark.parametrize("title", ["<img src=x onerror=alert(1)>", 'A & B "quoted"'])
def test_titles_are_text(title: str):
    entries = [NavEntry("首頁", "index.md"), NavEntry(title, "a.md")]
    html = Sidebar(entries).html("index.md", relative_links(""))
    assert "<img" not in html and title in _labels(html)


def test_the_table_of_contents_is_the_themes_with_its_nested_levels():
    toc = '<nav class="md-nav md-nav--secondary" aria-label="目錄"><ul><li><nav class="md-nav"><ul></ul></nav></li></ul></nav>'
    page = f'<div class="md-sidebar--secondary">{toc}</div><nav>other</nav>'
    assert page_toc(page) == toc
    assert page_toc("<p>no table of contents</p>") == ""


def test_engines_are_told_the_same_navigation_as_before():
    """Zensical is told the site's navigation (mkdocs.yml's nav: form), folders named after their index pages."""
    titles = {"index.md": "首頁", "search.md": "搜尋", "a/index.md": "甲 & 乙", "a/b.md": "丙"}
    tree = nav_tree(list(titles), titles, [])
    assert site_nav(tree) == [{"首頁": "index.md"}, {"搜尋": "search.md"}, {"甲 &amp; 乙": ["a/index.md", {"丙": "a/b.md"}]}]
