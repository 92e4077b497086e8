"""Loading a page asks for nothing that does not exist: no 404 in an agency's server log."""

from __future__ import annotations

from pathlib import Path

from build_scripts.audit.browser import chromium, serve


def test_no_page_of_the_site_makes_a_request_that_fails(built_site: Path):
    pages = sorted(str(p.relative_to(built_site).parent) for p in built_site.rglob("index.html"))
    failed: list[str] = []
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page()
        page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url} (on {page.url})"))
        page.on("requestfailed", lambda r: failed.append(f"failed {r.url} (on {page.url})"))
        for path in pages:
            page.goto(base + ("" if path == "." else path + "/"))
            page.wait_for_load_state("networkidle")
        page.close()
    assert len(pages) > 20
    assert failed == []
