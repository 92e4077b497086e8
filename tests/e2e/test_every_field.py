"""Hostile text in every free-text field of the model, through the real build: no element, attribute
or comment of it in any output file, and the text shown as typed wherever the field is shown.

The plan and its results file are made from the models (``tests/support/every_field.py``), so a field
added later is covered without editing this test. The same payload goes through ``plansite import`` of
a DOCX.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from lxml import html as lxml_html

from build_scripts.audit.browser import chromium, serve
from build_scripts.pdf.typeset import print_html
from build_scripts.plan.load import parse_plan

from ..support.docx_writer import plan_docx
from ..support.every_field import AGENCY_ID, PLAN_ID, every_field_plan, every_field_results
from ..support.project import commit_all, copy_project, mkdocs, pdftotext

CITY = "新竹市"
CITY_SLUG = "hsinchu-city"


def payload(marker: str) -> str:
    """Markup, a comment opener, a tag closer, template and Markdown syntax, quotes and an entity."""
    return f"{marker}<img src=x onerror=alert('{marker}')>\"'&amp;<!--</title></textarea><script>alert(1)</script>{{{{7*7}}}}**{marker}b**"


def _plan_text(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)


def neighbour_plan(city: str) -> dict:
    """Another agency's plan in the same city: its pages share the city's navigation."""
    return {
        "id": "neighbour-114",
        "title": "鄰近區公所114年度提升服務計畫",
        "agency": {"id": "neighbour-office", "name": "鄰近區公所", "city": city, "type": "區公所"},
        "year": 114,
        "sections": [{"heading": "計畫目標", "blocks": ["提升服務品質。"]}],
    }


@pytest.fixture(scope="module")
def every_field_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], str]:
    """The example site with a plan holding the payload in every field, and a neighbour in its city."""
    data, fields = every_field_plan(payload, city=CITY)
    city = data["agency"]["city"]
    project = copy_project(tmp_path_factory.mktemp("every-field"))
    (project / "plans" / f"{PLAN_ID}.yaml").write_text(_plan_text(data), "utf-8")
    (project / "plans" / f"{PLAN_ID}.results.yaml").write_text(_plan_text(every_field_results(payload)[0]), "utf-8")
    (project / "plans" / "neighbour-114.yaml").write_text(_plan_text(neighbour_plan(city)), "utf-8")
    commit_all(project, "every field")
    result = mkdocs(project, "build")
    assert result.returncode == 0, result.stderr
    return project / "site", fields, city


def _plan_folder(site: Path) -> Path:
    return next(site.glob(f"disclosure/*/{AGENCY_ID}"))


def _html_files(site: Path) -> Iterator[Path]:
    yield from sorted(site.rglob("*.html"))


def _unsafe(document: lxml_html.HtmlElement, path: Path) -> list[str]:
    """Elements, attributes and comments that a plan's text must never become."""
    found = []
    for element in document.iter():
        if isinstance(element, etree._Comment):
            if re.search(r"F\d{3}", element.text or ""):
                found.append(f"{path}: a comment holds plan text: {element.text[:80]!r}")
            continue
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            if name.lower().startswith("on") and "alert" in value:
                found.append(f"{path}: <{element.tag} {name}={value!r}>")
        if element.tag == "img" and element.get("src") == "x":
            found.append(f"{path}: an <img src=x> element")
        if element.tag == "script":
            text = element.text or ""
            if element.get("type") == "application/ld+json":
                json.loads(text)  # JSON-LD stays valid JSON
                if "<" in text:
                    found.append(f"{path}: a raw < inside JSON-LD")
            elif re.search(r"F\d{3}|alert\(1\)", text):
                found.append(f"{path}: a script holds plan text")
    return found


def test_no_output_page_holds_an_element_attribute_or_comment_from_a_plan(every_field_site):
    site, _, _ = every_field_site
    problems = []
    pages = list(_html_files(site))
    assert len(pages) > 20
    for path in pages:
        document = lxml_html.fromstring(path.read_bytes())
        problems += _unsafe(document, path.relative_to(site))
        # nothing swallowed by a comment: every page still ends with the theme's footer
        assert document.xpath("//footer"), path
    assert problems == []


def _visible(document: lxml_html.HtmlElement) -> str:
    for element in document.xpath("//script|//style"):
        element.drop_tree()
    return document.text_content()


def test_every_field_is_shown_as_typed_on_the_plan_page_or_in_its_data(every_field_site):
    site, fields, _ = every_field_site
    folder = _plan_folder(site)
    document = lxml_html.fromstring((folder / PLAN_ID / "index.html").read_bytes())
    title = document.findtext(".//title")
    description = document.xpath("//meta[@name='description']/@content")[0]
    visible = _visible(document)
    published = json.loads((folder / f"{PLAN_ID}.json").read_text("utf-8"))
    in_json = json.dumps(published, ensure_ascii=False)
    for marker, field in fields.items():
        assert json.dumps(payload(marker), ensure_ascii=False) in in_json, field
    shown = [marker for marker in fields if payload(marker) in visible]
    hidden = {fields[m] for m in fields if m not in shown}
    # Every free-text field is on the page, except where the page shows it another way: a custom
    # label replaces the number (shown as typed), 文號 sits inside 「…號」 sentences (shown too).
    assert hidden == set(), sorted(hidden)
    assert title.startswith(payload("F001"))
    assert description == f"{payload('F002')}｜{payload('F001')}"


def test_the_navigation_shows_names_as_text_on_the_agencys_branch_and_not_beside_it(every_field_site):
    """The sidebar names the agency on its own pages (its path: 縣市 › 機關 › 計畫), as text; the
    city's other pages list it in their content, not in their sidebar."""
    site, _, city = every_field_site
    agency_folder = _plan_folder(site)
    pages = list(agency_folder.parent.rglob("index.html"))
    assert len(pages) >= 5  # the city, two agencies, two plans
    for path in pages:
        document = lxml_html.fromstring(path.read_bytes())
        labels = [" ".join(e.text_content().split()) for e in document.xpath("//nav//*[contains(@class,'md-ellipsis')]")]
        assert any(city in label for label in labels), path
        assert any(payload("F002") in label for label in labels) == path.is_relative_to(agency_folder), path
        if path.parent == agency_folder.parent:  # the city page lists its agencies, names as text
            assert payload("F002") in document.xpath("string(//article)"), path


def test_feeds_json_csv_and_catalogue_carry_the_text_as_text(every_field_site):
    site, fields, _ = every_field_site
    folder = _plan_folder(site)
    for feed in (site / "disclosure" / "feed.xml", folder / "feed.xml"):
        root = etree.fromstring(feed.read_bytes())
        text = "".join(root.itertext())
        assert payload("F001") in text and not root.xpath("//*[local-name()='img' or local-name()='script']")
    cells = []
    for path in [*folder.glob("*.csv"), site / "disclosure" / "data" / "catalog.csv"]:
        rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
        cells += [cell for row in rows for cell in row]
    assert cells and not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    table_markers = [m for m, f in fields.items() if ".rows[" in f and f.endswith(".cell")]
    assert all(any(payload(m) in c for c in cells) for m in table_markers)


def test_print_html_pdf_and_odt_carry_every_field_as_text(every_field_site):
    site, fields, _ = every_field_site
    folder = _plan_folder(site)
    published = {k: v for k, v in json.loads((folder / f"{PLAN_ID}.json").read_bytes()).items() if k != "results"}
    plan, problems = parse_plan(json.dumps(published, ensure_ascii=False).encode("utf-8"), f"{PLAN_ID}.json")
    assert plan is not None, problems
    printed_html = lxml_html.fromstring(print_html(plan).encode("utf-8"))
    assert _unsafe(printed_html, Path("print.html")) == []
    shown = _visible(printed_html)
    # pdftotext reads table rows across columns, so a cell's text may come out in pieces: each
    # field is looked for by a piece that must stay text (a script's alert call).
    printed = re.sub(r"\s+", "", pdftotext(folder / f"{PLAN_ID}.pdf", "-raw"))
    with zipfile.ZipFile(folder / f"{PLAN_ID}.odt") as odt:
        written = "".join(etree.fromstring(odt.read("content.xml")).itertext())
    for marker, field in fields.items():
        assert payload(marker) in shown, field
        assert f"alert('{marker}')" in printed, field
        assert payload(marker) in written, field


def test_no_script_from_a_plan_runs_in_a_browser_on_any_page_of_its_city(every_field_site):
    site, _, _ = every_field_site
    city_folder = _plan_folder(site).parent
    pages = ["", "disclosure/", *(str(p.parent.relative_to(site)) + "/" for p in city_folder.rglob("index.html"))]
    dialogs: list[str] = []
    with serve(site) as base, chromium() as browser:
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
        for path in pages:
            page.goto(base + path)
            page.wait_for_load_state("load")
        # Search results show titles and excerpts of the plan: as text too.
        page.goto(base + "search/?q=onerror")
        page.wait_for_selector(".pagefind-ui__result-link", timeout=15_000)
        shown = page.eval_on_selector_all(".pagefind-ui__result", "rs => rs.map(r => r.textContent)")
        injected = page.eval_on_selector_all(
            ".pagefind-ui__results img[src='x'], .pagefind-ui__results [onerror]", "es => es.length"
        )
        page.close()
    assert len(pages) >= 7
    assert any("onerror=alert(" in text for text in shown) and injected == 0
    assert dialogs == []


def test_every_results_field_is_shown_as_typed_on_the_results_page_and_in_the_plan_s_json(every_field_site):
    site, _, _ = every_field_site
    _, fields = every_field_results(payload)
    folder = _plan_folder(site)
    page = folder / f"{PLAN_ID}-results" / "index.html"
    document = lxml_html.fromstring(page.read_bytes())
    assert _unsafe(document, page) == []
    assert document.findtext(".//title").startswith(payload("R001"))
    visible = _visible(document)
    assert sorted(f for m, f in fields.items() if payload(m) not in visible) == []
    published = json.dumps(json.loads((folder / f"{PLAN_ID}.json").read_text("utf-8"))["results"], ensure_ascii=False)
    assert sorted(f for m, f in fields.items() if json.dumps(payload(m), ensure_ascii=False) not in published) == []
    rows = list(csv.reader(io.StringIO((folder / f"{PLAN_ID}-results.csv").read_bytes().decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    told = [m for m, f in fields.items() if f.startswith("results[") and ".label" not in f]  # a result's fields
    assert told and [fields[m] for m in told if not any(payload(m) in c for c in cells)] == []


def test_the_results_pdf_and_odt_carry_every_field_as_text(every_field_site):
    site, _, _ = every_field_site
    _, fields = every_field_results(payload)
    folder = _plan_folder(site)
    printed = re.sub(r"\s+", "", pdftotext(folder / f"{PLAN_ID}-results.pdf", "-raw"))
    with zipfile.ZipFile(folder / f"{PLAN_ID}-results.odt") as odt:
        written = "".join(etree.fromstring(odt.read("content.xml")).itertext())
    assert [f for m, f in fields.items() if f"alert('{m}')" not in printed] == []
    assert [f for m, f in fields.items() if payload(m) not in written] == []


@pytest.fixture(scope="module")
def imported_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The payload through an agency's DOCX: written as Word would hold it, imported, built."""
    data, _ = every_field_plan(payload, city=CITY)
    # Word numbers what it numbers itself: custom labels are the one thing a DOCX cannot carry as a field.
    plan, problems = parse_plan(
        _plan_text({**data, "sections": _without_labels(data["sections"])}).encode("utf-8"), f"plans/{PLAN_ID}.yaml"
    )
    assert plan is not None, problems
    project = copy_project(tmp_path_factory.mktemp("every-field-docx"))
    source = plan_docx(plan, project / "hostile.docx")
    command = [sys.executable, "-m", "build_scripts", "import", str(source), "--id", "imported-114"]
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    imported = project / "plans" / "imported-114.yaml"  # confirmed: the draft line deleted, as README says
    imported.write_text(imported.read_text("utf-8").replace("draft: true\n", "", 1), "utf-8")
    built = mkdocs(project, "build")
    assert built.returncode == 0, built.stderr
    return project / "site"


def _without_labels(value: Any) -> Any:
    """The custom labels of sections, items and rows left out (a column's label is its name)."""
    if isinstance(value, dict):
        numbered = not {"text", "term", "cell", "heading", "items", "blocks", "rows"}.isdisjoint(value)
        return {k: _without_labels(v) for k, v in value.items() if not (numbered and k == "label")}
    if isinstance(value, list):
        return [_without_labels(v) for v in value]
    return value


def test_a_hostile_docx_is_imported_and_published_as_text(imported_site: Path):
    pages = list(imported_site.rglob("imported-114/index.html"))
    assert len(pages) == 1
    document = lxml_html.fromstring(pages[0].read_bytes())
    assert _unsafe(document, pages[0]) == []
    assert payload("F001") in document.findtext(".//title")
    assert payload("F001") in _visible(document)
    problems = []
    for path in _html_files(imported_site):
        problems += _unsafe(lxml_html.fromstring(path.read_bytes()), path)
    assert problems == []
