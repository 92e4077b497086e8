"""What a citizen sees in Chromium: plan tables on phones, the home page, the browse pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_scripts.audit.browser import chromium, serve
from build_scripts.plan.load import load_directory

from ..support.project import ROOT

PLAN_PAGES = {
    "kaohsiung-cijin-114": "disclosure/kaohsiung/kaohsiung-cijin-district-office/kaohsiung-cijin-114/",
    "kaohsiung-linyuan-service-plan": "disclosure/kaohsiung/kaohsiung-linyuan-district-office/kaohsiung-linyuan-service-plan/",
    "kaohsiung-zuoying-health-113": "disclosure/kaohsiung/kaohsiung-zuoying-health-center/kaohsiung-zuoying-health-113/",
    "tainan-yujing-household-service-plan": "disclosure/tainan/tainan-yujing-household-registration-office/tainan-yujing-household-service-plan/",
}
WIDTHS = (320, 375, 1280)

# Elements wider than the window, and plan-table cells whose text is hidden or cut (display or
# visibility, zero size, or beyond the right edge).
_LAYOUT = """() => {
  const width = window.innerWidth;
  const wide = [...document.querySelectorAll('article *')]
    .filter(e => e.getBoundingClientRect().right > width + 1 && e.getClientRects().length)
    .map(e => e.tagName + '.' + e.className + ': ' + (e.textContent || '').slice(0, 15));
  const own = c => [...c.childNodes].filter(n => !(n.classList && n.classList.contains('plan-cell-label')))
    .map(n => n.textContent).join('').trim();
  const cells = [...document.querySelectorAll('.plan-table td, .plan-table th')].filter(c => own(c));
  const hidden = cells.filter(c => {
    const s = getComputedStyle(c), r = c.getBoundingClientRect();
    return s.display === 'none' || s.visibility === 'hidden' || r.width < 1 || r.height < 1 || r.right > width + 1;
  }).map(c => c.textContent.slice(0, 15));
  return {scroll: document.documentElement.scrollWidth, width, wide, hidden, cells: cells.length};
}"""


@pytest.fixture(scope="module")
def site(built_site: Path):
    with serve(built_site) as base, chromium() as browser:
        yield base, browser


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("plan_id", sorted(PLAN_PAGES))
def test_plan_pages_fit_the_screen_with_every_cell_readable(site, plan_id: str, width: int):
    base, browser = site
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(base + PLAN_PAGES[plan_id])
    layout = page.evaluate(_LAYOUT)
    page.close()
    assert layout["cells"] > 0
    assert layout["scroll"] <= width, f"the page scrolls sideways: {layout['scroll']} px in {width} px"
    assert layout["wide"] == [], layout["wide"][:5]
    assert layout["hidden"] == [], layout["hidden"][:5]


@pytest.mark.parametrize("width", (320, 375))
def test_on_a_phone_each_cell_names_its_column_and_the_table_stays_a_table(site, width: int):
    base, browser = site
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(base + PLAN_PAGES["kaohsiung-cijin-114"])
    unit = page.locator("td.plan-col-3", has_text="各課室").first
    label = unit.locator(".plan-cell-label")
    shown = label.evaluate("e => getComputedStyle(e).display") != "none" and label.text_content() == "執行單位"
    # For a screen reader it is still a table: header cells with scope, data cells naming their headers.
    roles = page.evaluate(
        """() => { const t = document.querySelector('.plan-table table');
             return [t.querySelectorAll('th[scope="col"], th[scope="colgroup"]').length,
                     t.querySelectorAll('th[scope="row"]').length,
                     [...t.querySelectorAll('td')].every(td => td.getAttribute('headers'))]; }"""
    )
    # The hierarchy stays visible: deeper columns are further in.
    indents = [
        page.locator(f".plan-table .plan-col-{c}").first.evaluate("e => e.getBoundingClientRect().left") for c in (0, 1, 2)
    ]
    page.close()
    assert shown
    assert roles[0] > 0 and roles[1] > 0 and roles[2]
    assert indents == sorted(indents) and indents[0] < indents[2]


def test_the_home_page_lists_the_latest_plans_newest_first_and_ways_to_browse(site):
    base, browser = site
    page = browser.new_page(viewport={"width": 375, "height": 800}, java_script_enabled=False)
    page.goto(base)
    items = page.eval_on_selector_all(
        "#latest ~ ul li", "lis => lis.map(li => [li.querySelector('a').getAttribute('href'), li.textContent])"
    )
    browse = page.eval_on_selector_all(".plan-browse a", "as => as.map(a => [a.textContent, a.getAttribute('href')])")
    page.close()
    plans, _ = load_directory(ROOT / "plans", ROOT)
    assert len(items) == len(plans)
    # newest first: each entry shows its agency and a 民國 year, and the years never go up
    years = [int(re.search(r"民國(\d+)年", text).group(1)) for _, text in items if re.search(r"民國(\d+)年", text)]
    assert years == sorted(years, reverse=True) and len(years) >= 3
    assert all(any(p.plan.agency.name in text for p in plans) for _, text in items)
    assert items[0][0].endswith("kaohsiung-cijin-114/")
    names = [name for name, _ in browse]
    assert {"高雄市", "臺南市", "區公所", "衛生所", "戶政事務所"} <= set(names)
    assert any(name.startswith("民國114年度") for name in names)


def test_browse_pages_list_the_plans_of_a_year_and_of_an_agency_type_without_javascript(site):
    base, browser = site
    page = browser.new_page(java_script_enabled=False)
    page.goto(base)
    page.get_by_role("link", name=re.compile("^民國114年度")).first.click()
    year_links = page.eval_on_selector_all("article ul a", "as => as.map(a => a.getAttribute('href'))")
    page.goto(base)
    page.get_by_role("link", name="衛生所", exact=True).click()
    type_links = page.eval_on_selector_all("article ul a", "as => as.map(a => a.getAttribute('href'))")
    title = page.title()
    page.close()
    assert any("kaohsiung-cijin-114" in link for link in year_links)
    assert not any("kaohsiung-zuoying-health-113" in link for link in year_links)
    assert [link for link in type_links if "health" in link] and "衛生所的計畫" in title


# Each label of a metadata list (.plan-meta: the data catalogue, a plan's 基本資料) and the box of its value.
_TERMS = """() => [...document.querySelectorAll('article .plan-meta')].flatMap(list => {
  const box = list.getBoundingClientRect();
  return [...list.querySelectorAll('dt')].map(dt => {
    const dd = dt.nextElementSibling, t = dt.getBoundingClientRect(), d = dd.getBoundingClientRect();
    return {label: dt.textContent.trim(), below: d.top >= t.bottom - 1, share: d.width / box.width};
  });
})"""


@pytest.mark.parametrize("width", (320, 1280))
def test_the_data_catalogue_reads_across_the_screen_label_above_value_on_phones(site, width: int):
    """At 320 px a value once ran in a column of four characters beside its label (14,711 px for 6 datasets)."""
    base, browser = site
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(base + "disclosure/data/")
    terms = page.evaluate(_TERMS)
    page.close()
    assert len(terms) > 10
    if width == 320:
        cramped = [t["label"] for t in terms if not t["below"] or t["share"] < 0.8]
        assert cramped == [], cramped
    else:  # a wide screen keeps label and value side by side
        assert not any(t["below"] for t in terms), terms[:3]
