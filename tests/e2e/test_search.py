"""Chinese site search, tried in a real Chromium the way a visitor types it."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from build_scripts.audit.browser import chromium, serve


@pytest.fixture(scope="module")
def browser_page(built_site: Path):
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(15_000)
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(base + "disclosure/")
        yield page, base, requests


def search(page, query: str) -> list[str]:
    box = page.locator("input.md-search__input")
    box.click()
    # CJK text arrives through an input method: the text, then a key press (as IME users commit).
    box.fill(query)
    box.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    page.wait_for_timeout(300)
    return page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.getAttribute('href'))")


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
    page, _, _ = browser_page
    hrefs = search(page, query)
    for plan in expected:
        assert any(plan in href for href in hrefs), (query, plan, hrefs)


def test_search_makes_no_request_to_another_host(browser_page):
    page, base, requests = browser_page
    search(page, "品質")
    assert requests, "the page made no request at all"
    local = urlsplit(base).netloc
    assert [u for u in requests if urlsplit(u).netloc not in (local, "") and not u.startswith("data:")] == []
