"""Chinese site search (Pagefind), tried in a real Chromium the way a visitor types it."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from build_scripts.audit.browser import chromium, serve


@pytest.fixture(scope="module")
def browser_page(built_site: Path):
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(15_000)
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        yield page, base, requests


def search(page, base: str, query: str) -> list[str]:
    """The result pages for a query typed into the search page's box (as an input method commits it)."""
    page.goto(base + "search/")
    box = page.locator(".pagefind-ui__search-input")
    box.click()
    box.fill(query)
    box.press("End")
    page.wait_for_selector(".pagefind-ui__message", timeout=15_000)
    page.wait_for_function("!document.querySelector('.pagefind-ui__message').textContent.includes('正在搜尋')")
    page.wait_for_timeout(300)
    while page.locator(".pagefind-ui__button").count():  # 顯示更多結果
        page.locator(".pagefind-ui__button").click()
        page.wait_for_timeout(300)
    return page.eval_on_selector_all(".pagefind-ui__result-link", "links => links.map(a => a.getAttribute('href'))")


PLANS_OF = {
    114: ["kaohsiung-cijin-114"],
    113: ["kaohsiung-zuoying-health-113"],
}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("品質", ["kaohsiung-cijin-114", "tainan-yujing-household-service-plan", "kaohsiung-linyuan-service-plan"]),
        ("單一窗口", ["kaohsiung-cijin-114", "kaohsiung-zuoying-health-113", "tainan-yujing-household-service-plan"]),
        ("電話禮貌", ["tainan-yujing-household-service-plan", "kaohsiung-linyuan-service-plan"]),
        ("敬老禮金", ["kaohsiung-linyuan-service-plan"]),
        ("旗津", ["kaohsiung-cijin-114"]),
    ],
)
def test_searching_in_chinese_finds_the_plans(browser_page, query: str, expected: list[str]):
    page, base, _ = browser_page
    hrefs = search(page, base, query)
    for plan in expected:
        assert any(plan in href for href in hrefs), (query, plan, hrefs)


@pytest.mark.parametrize(("query", "year"), [("114年度", 114), ("114 年", 114), ("民國114年", 114), ("113年", 113)])
def test_a_year_phrase_finds_the_plans_of_that_year_first(browser_page, query: str, year: int):
    """Other plans may mention the year in their text (「114年底前完成」); the plans of that year come first
    (among the plans: a plan's results page is found for its year too)."""
    page, base, _ = browser_page
    pages = [href.split("#")[0].rstrip("/").rsplit("/", 1)[-1] for href in search(page, base, query)]
    plan_pages = list(
        dict.fromkeys(
            p for p in pages if p.startswith(("kaohsiung-", "tainan-")) and not p.endswith(("office", "center", "-results"))
        )
    )
    assert plan_pages[: len(PLANS_OF[year])] == PLANS_OF[year], (query, plan_pages)


def test_results_show_each_label_once(browser_page):
    page, base, _ = browser_page
    search(page, base, "單一窗口")
    excerpts = page.eval_on_selector_all(".pagefind-ui__result-excerpt", "es => es.map(e => e.textContent)")
    assert any("(一)擴大單一窗口" in e for e in excerpts), excerpts
    # The theme's own list markers are not in the index: no 「1. 1.」 or 「a. (一)」.
    assert not [e for e in excerpts if "1. 1." in e or "a. (" in e]


def test_a_search_can_be_linked_to(browser_page):
    page, base, _ = browser_page
    page.goto(base + "search/?q=" + quote("敬老禮金"))
    page.wait_for_selector(".pagefind-ui__result-link")
    assert "kaohsiung-linyuan-service-plan" in page.get_attribute(".pagefind-ui__result-link", "href")


def test_only_the_search_page_loads_the_index_and_nothing_comes_from_another_host(browser_page):
    page, base, requests = browser_page
    requests.clear()
    page.goto(base + "disclosure/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in requests if "/pagefind/" in u], "a page other than 搜尋 fetched the search index"
    search(page, base, "品質")
    assert [u for u in requests if "/pagefind/" in u]
    local = urlsplit(base).netloc
    assert [u for u in requests if urlsplit(u).netloc not in (local, "") and not u.startswith("data:")] == []


def test_search_works_by_keyboard_alone(browser_page):
    """From the header's search link to a result's page with Tab, typing and Enter only."""
    page, base, _ = browser_page
    page.goto(base + "disclosure/")
    for _ in range(30):  # Tab until the header's 搜尋 link has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href') || ''").rstrip("/").endswith("search"):
            break
    else:
        raise AssertionError("the search link cannot be reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector(".pagefind-ui__search-input")
    assert page.evaluate("document.activeElement.classList.contains('pagefind-ui__search-input')")  # the box has the focus
    page.keyboard.type("敬老禮金")
    page.wait_for_selector(".pagefind-ui__result-link")
    for _ in range(10):  # Tab on to the first result
        page.keyboard.press("Tab")
        if "pagefind-ui__result-link" in (page.evaluate("document.activeElement.className") or ""):
            break
    else:
        raise AssertionError("no result can be reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/kaohsiung-linyuan-service-plan/**")


def _shown(page) -> list[str]:
    return page.eval_on_selector_all(
        ".pagefind-ui__result",
        "rs => rs.map(r => r.querySelector('.pagefind-ui__result-title').textContent + ' ' + r.textContent)",
    )


@pytest.mark.parametrize(("typed", "written"), [("台南", "臺南市山上區公所"), ("户政", "戶政事務所"), ("臺東", "")])
def test_the_two_forms_of_a_character_find_each_other(browser_page, typed: str, written: str):
    """臺 / 台 (and forms pasted from other input methods, 户 / 戶) find the same plans."""
    page, base, _ = browser_page
    hrefs = search(page, base, typed)
    if written:
        assert hrefs and any(written in text for text in _shown(page)), (typed, hrefs)
    else:  # no plan of a city on the east coast: still nothing, not everything
        assert hrefs == []


def test_results_show_the_pages_text_without_invisible_characters_or_added_full_stops(browser_page):
    page, base, _ = browser_page
    for query in ("服務品質", "計畫", "台南"):
        search(page, base, query)
        shown = _shown(page)
        assert shown, query
        assert not [t for t in shown if "\u200b" in t], query  # copying a result gives the text itself
        assert not [t for t in shown if any(f"{c}." in t for c in "畫務質所市")], (query, shown)


def test_plans_come_before_agency_pages_for_words_in_their_text(browser_page):
    page, base, _ = browser_page
    for query in ("服務品質", "單一窗口", "計畫"):
        hrefs = [h.split("#")[0].rstrip("/") for h in search(page, base, query)]
        kinds = ["agency" if h.endswith(("office", "center")) else "plan" for h in hrefs]
        assert kinds and kinds[0] == "plan" and kinds == sorted(kinds, key=lambda k: k != "plan"), (query, hrefs)


def test_an_index_in_shards_finds_what_one_index_finds(browser_page, built_site: Path, tmp_path: Path):
    """A large site's index comes in shards the search page merges: the same queries find the same pages."""
    import re
    import shutil

    from build_scripts.publish.search_index import OUTPUT
    from build_scripts.publish.search_shards import SHARDS, index_shards

    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    shutil.rmtree(site / OUTPUT)
    searched = [
        p.relative_to(site).as_posix()
        for p in site.rglob("index.html")
        if re.fullmatch(r"disclosure/(?!years/|types/|data/)[^/]+/[^/]+/(?:[^/]+/)?index\.html", p.relative_to(site).as_posix())
        and "/compare-" not in p.as_posix()  # the plan and agency pages, as the build indexes them
    ]
    index_shards(site, searched, None, size=2)
    assert len(list((site / SHARDS).iterdir())) >= 3
    queries = ("品質", "電話禮貌", "旗津")
    page, base, _ = browser_page
    whole = {query: sorted(search(page, base, query)) for query in queries}
    with serve(site) as sharded_base:
        sharded = {query: sorted(search(page, sharded_base, query)) for query in queries}
    assert sharded == whole and all(whole.values())
