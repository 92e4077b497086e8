"""Pointer targets at least 24×24 CSS px (WCAG 2.2 SC 2.5.8; 115.11 CS2250800E), measured in Chromium
at 320 and 1280 px on every page (``audit/target_size.py``: links, buttons, form controls, labels)."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.audit.browser import chromium, serve
from build_scripts.audit.target_size import small_targets


@pytest.mark.parametrize("width", [320, 1280])
def test_every_pointer_target_is_at_least_24_px(built_site: Path, width: int):
    pages = sorted(str(p.relative_to(built_site).parent) for p in built_site.rglob("index.html") if "pagefind" not in p.parts)
    small: list[str] = []
    measured = 0
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": width, "height": 900})
        for path in pages:
            page.goto(base + ("" if path == "." else path + "/"))
            measured += page.evaluate("() => document.querySelectorAll('a[href], button, input, label[for]').length")
            small += [f"{path}: {size} {html}" for size, html in small_targets(page)]
        page.close()
    assert len(pages) > 20 and measured > 1000
    assert small == []


def test_a_small_target_is_found(tmp_path: Path):
    """The measure fails where it should: an 18×18 control beside a link, and a link alone on a line."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="zh-TW"><meta charset="utf-8"><title>t</title><body>'
        '<label for="x" style="display:inline-block;width:18px;height:18px">x</label><input id="x" type="checkbox">'
        '<p>說明文字，<a href="#a">文字中的連結</a>不受限制。</p><nav><a href="#b" style="font-size:10px">短</a></nav></body></html>',
        "utf-8",
    )
    with serve(tmp_path) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base)
        found = [html for _, html in small_targets(page)]
    assert any(html.startswith("<label") for html in found) and any("短" in html for html in found)
    assert not any("文字中的連結" in html for html in found)
