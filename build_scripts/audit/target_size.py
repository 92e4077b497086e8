"""Pointer targets of at least 24×24 CSS px (WCAG 2.2 SC 2.5.8; 網站無障礙規範 115.11 CS2250800E): links,
buttons, form controls and their labels, measured in the browser page the other checks load.

As WCAG allows, a link inside running text is exempt. WCAG also lets a small target pass when it
stands far enough from the others; the checkers agencies are audited with measure the box alone,
and so does this one.
"""

from __future__ import annotations

from typing import Any

from .findings import Finding

CODE, CRITERION = "CS2250800E", "2.5.8"

# Runs in the page: each target smaller than 24×24, as "width×height" and a snippet of it.
MEASURE = """
() => {
  const SELECTOR = 'a[href], button, input:not([type=hidden]), select, textarea, summary, label[for]';
  const shown = el => {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    if (r.width < 2 || r.height < 2 || s.visibility === 'hidden' || s.display === 'none' || +s.opacity === 0) return false;
    for (let p = el; p; p = p.parentElement) {
      const ps = getComputedStyle(p);
      if (ps.display === 'none' || ps.visibility === 'hidden' || +ps.opacity === 0) return false;
      if (ps.clip && ps.clip !== 'auto' && p.getBoundingClientRect().width <= 1) return false;
    }
    return r.right > 0 && r.bottom > -scrollY && r.left < document.documentElement.scrollWidth;
  };
  const block = el => { let p = el.parentElement; while (p && getComputedStyle(p).display === 'inline') p = p.parentElement; return p; };
  const inText = el => {
    if (el.tagName !== 'A' || getComputedStyle(el).display !== 'inline') return false;
    const around = block(el);
    return around && around.textContent.replace(/\\s+/g, '').length > el.textContent.replace(/\\s+/g, '').length + 1;
  };
  return [...document.querySelectorAll(SELECTOR)].filter(shown).filter(el => !inText(el)).map(el => [el, el.getBoundingClientRect()])
    .filter(([el, r]) => r.width < 23.5 || r.height < 23.5)
    .map(([el, r]) => [`${Math.round(r.width)}×${Math.round(r.height)}`, el.outerHTML.slice(0, 160)]);
}
"""


def small_targets(page: Any) -> list[tuple[str, str]]:
    """(size, snippet) of each pointer target under 24×24 in a loaded Playwright page."""
    return [(size, html) for size, html in page.evaluate(MEASURE)]


def target_findings(name: str, page: Any) -> list[Finding]:
    return [
        Finding(
            name,
            "target-size",
            CODE,
            " ".join(html.split()),
            f"可點選的目標只有 {size} CSS 像素，小於 24×24。",
            "加大連結、按鈕或標籤的範圍（例如 min-height、min-width 或內距），至少 24×24 CSS 像素。",
            CRITERION,
        )
        for size, html in small_targets(page)
    ]
