"""Keyboard and print, in a real Chromium: visible focus that is never hidden, and a clean printed page."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.audit.browser import chromium, serve

PLAN_PAGE = "disclosure/kaohsiung/kaohsiung-zuoying-health-center/kaohsiung-zuoying-health-113/"

# For the focused element: is there a visible indicator, and is its centre covered by something else
# that can be seen (the sticky header, an overlay)? Fully transparent layers (a fading overlay) do
# not hide anything. Scrolled into view the way the browser does it when tabbing.
_FOCUS_STATE = """
() => {
  const opacity = (node) => {
    let value = 1;
    for (let n = node; n && n.nodeType === 1; n = n.parentElement) value *= parseFloat(getComputedStyle(n).opacity);
    return value;
  };
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  const visible = rect.width > 0 && rect.height > 0 && style.visibility !== "hidden";
  let covered = false;
  if (visible) {
    const x = Math.min(Math.max(rect.left + rect.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(rect.top + rect.height / 2, 0), innerHeight - 1);
    const related = (n) => n === el || el.contains(n) || n.contains(el);
    const layers = document.elementsFromPoint(x, y).filter((n) => related(n) || opacity(n) > 0.05);
    covered = !(layers.length && related(layers[0]));
  }
  const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
  return {tag: el.tagName, text: (el.textContent || "").trim().slice(0, 30), cls: el.className, visible, covered, ring};
}
"""


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def test_tabbing_through_a_plan_page_shows_every_focus_and_hides_none(built_site: Path, browser):
    with serve(built_site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(base + PLAN_PAGE)
        seen = []
        for _ in range(60):
            page.keyboard.press("Tab")
            state = page.evaluate(_FOCUS_STATE)
            if state and state["covered"]:
                page.wait_for_timeout(600)  # let a closing overlay finish its fade-out, then look again
                state = page.evaluate(_FOCUS_STATE)
            if state is None or not state["visible"]:
                continue  # e.g. a closed drawer's controls are skipped by the browser
            seen.append(state)
        page.close()
    assert seen[0]["text"] == "跳到主要內容"
    assert len(seen) >= 30
    assert [s for s in seen if not s["ring"]] == []
    assert [s for s in seen if s["covered"]] == []


def test_skip_link_moves_focus_to_the_main_content(built_site: Path, browser):
    with serve(built_site) as base:
        page = browser.new_page()
        page.goto(base + PLAN_PAGE)
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == "#tw-content"
        page.keyboard.press("Tab")
        inside = page.evaluate("!!document.activeElement.closest('main, .md-content')")
        page.close()
    assert inside


def test_printing_a_page_leaves_out_the_web_furniture_and_the_downloads(built_site: Path, browser):
    with serve(built_site) as base:
        page = browser.new_page()
        page.goto(base + PLAN_PAGE)
        page.emulate_media(media="print")
        shown = page.evaluate(
            """() => Object.fromEntries(
                 [".md-header", ".md-sidebar--primary", ".md-footer", ".tw-skip", ".tw-breadcrumbs", ".plan-downloads", "article h1", ".plan-table table"]
                 .map(s => [s, !!document.querySelector(s) && getComputedStyle(document.querySelector(s)).display !== "none"]))"""
        )
        overflow = page.evaluate("getComputedStyle(document.querySelector('.plan-table')).overflowX")
        # No cell (a grey row header included) runs past its table, and no table past the page.
        past = page.evaluate(
            """() => [...document.querySelectorAll('.plan-table table')].flatMap(t => {
                 const edge = t.getBoundingClientRect().right, page = document.querySelector('article').getBoundingClientRect().right;
                 return [...t.querySelectorAll('th, td')].filter(c => c.getBoundingClientRect().right > edge + 1 || edge > page + 1)
                   .map(c => c.textContent.slice(0, 20)); })"""
        )
        pdf = page.pdf(format="A4")
        page.close()
    assert shown == {
        ".md-header": False,
        ".md-sidebar--primary": False,
        ".md-footer": False,
        ".tw-skip": False,
        ".tw-breadcrumbs": False,
        ".plan-downloads": False,
        "article h1": True,
        ".plan-table table": True,
    }
    assert overflow == "visible"  # wide tables print whole instead of being cut at the scroll edge
    assert past == []
    assert pdf.startswith(b"%PDF")
