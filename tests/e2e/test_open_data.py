"""Open data on a built site: every plan's JSON and CSV in its download list, the catalogue, the
Atom feeds advertised in every page head, page metadata, change notes and the year-over-year
comparison (built from a 113 → 114 pair of the same agency)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
from lxml import etree
from lxml import html as lxml_html

from build_scripts.audit.site_audit import audit_site

from ..render.test_feeds import check_atom
from ..support.project import ROOT, commit_all, copy_project, mkdocs
from .test_citizen_view import PLAN_PAGES

SITE_URL = "https://plans.example.gov.tw/"
SCHEMA = "disclosure/data/plan.schema.json"
ALL_PLANS = {**PLAN_PAGES, "tainan-shanshang-106": "disclosure/tainan/tainan-shanshang-district-office/tainan-shanshang-106/"}
# All 15 elements of 行政機關電子資料流通詮釋資料及分類檢索規範 (revised 111-12-02), and its three classifications.
DC = tuple(f"DC.{name}" for name in ("Title", "Creator", "Subject", "Description", "Contributor", "Publisher", "Date"))
DC += tuple(f"DC.{name}" for name in ("Type", "Format", "Identifier", "Source", "Language", "Relation", "Coverage", "Rights"))
DC += ("Category.Theme", "Category.Cake", "Category.Service")


def _page(site: Path, path: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring((site / path / "index.html").read_text("utf-8"))


@pytest.mark.parametrize("plan_id", sorted(ALL_PLANS))
def test_every_plan_page_offers_its_json_and_csv_with_format_and_size(built_site: Path, plan_id: str):
    page = _page(built_site, ALL_PLANS[plan_id])
    links = {a.get("href"): a.text_content() for a in page.cssselect(".plan-downloads a")}
    json_link = f"../{plan_id}.json"
    assert re.fullmatch(r"下載 JSON（\d+ KB）", links[json_link])
    data = json.loads((built_site / ALL_PLANS[plan_id]).parent.joinpath(f"{plan_id}.json").read_text("utf-8"))
    assert data["$schema"] == SITE_URL + SCHEMA
    jsonschema.validate(data, json.loads((built_site / SCHEMA).read_text("utf-8")))  # the published schema
    csv_link = f"../{plan_id}.csv"
    if plan_id in PLAN_PAGES:  # the plans with a table
        assert re.fullmatch(r"下載 CSV（\d+ KB）", links[csv_link])
        assert (built_site / ALL_PLANS[plan_id]).parent.joinpath(f"{plan_id}.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    else:
        assert csv_link not in links


def test_every_page_head_advertises_the_feed_and_carries_dublin_core(built_site: Path):
    # 404.html is served at any address, so it links nothing by relative address: it is left out.
    pages = [p for p in built_site.rglob("*.html") if "pagefind" not in p.parts and p.name != "404.html"]
    assert len(pages) > 20
    for path in pages:
        head = lxml_html.fromstring(path.read_text("utf-8")).find("head")
        feeds = head.cssselect('link[rel~="alternate"][type="application/atom+xml"]')
        assert feeds and all((path.parent / f.get("href")).resolve().is_file() for f in feeds), path
        meta = {m.get("name"): m.get("content") for m in head.cssselect("meta[name]")}
        assert set(DC) <= set(meta) and all(meta[name].strip() for name in DC), (path, set(DC) - set(meta))
    assert len(DC) == 18


def test_plan_pages_describe_themselves_as_datasets(built_site: Path):
    head = _page(built_site, ALL_PLANS["kaohsiung-cijin-114"]).find("head")
    (script,) = head.cssselect('script[type="application/ld+json"]')
    data = json.loads(script.text)
    assert data["@type"] == "Dataset" and data["name"] == "高雄市旗津區公所114年度提升服務執行計畫"
    assert data["creator"]["name"] == "高雄市旗津區公所"
    formats = {d["encodingFormat"] for d in data["distribution"]}
    assert {"application/pdf", "application/json", "text/csv"} <= formats
    meta = {m.get("name"): m.get("content") for m in head.cssselect("meta[name]")}
    assert meta["DC.Creator"] == "高雄市旗津區公所" and meta["DC.Identifier"] == SITE_URL + ALL_PLANS["kaohsiung-cijin-114"]
    agency_feeds = [f.get("href") for f in head.cssselect('link[type="application/atom+xml"]')]
    assert any(href.endswith("kaohsiung-cijin-district-office/feed.xml") for href in agency_feeds)


def test_the_feeds_and_the_catalogue_exist_and_parse(built_site: Path):
    feed = check_atom((built_site / "disclosure" / "feed.xml").read_bytes())
    assert feed.findall("{http://www.w3.org/2005/Atom}entry")
    for agency_feed in built_site.glob("disclosure/*/*/feed.xml"):
        check_atom(agency_feed.read_bytes())
    assert len(list(built_site.glob("disclosure/*/*/feed.xml"))) == 5
    catalogue = json.loads((built_site / "disclosure" / "data" / "catalog.json").read_text("utf-8"))
    assert {d["提供機關"] for d in catalogue["資料集"]} == {
        "高雄市旗津區公所", "高雄市左營區衛生所", "高雄市林園區公所", "臺南市山上區公所", "臺南市玉井區戶政事務所",
    }  # fmt: skip
    assert (built_site / "disclosure" / "data" / "catalog.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    page = _page(built_site, "disclosure/data")
    assert len(page.cssselect("h3")) == len(ALL_PLANS)


@pytest.fixture(scope="module")
def yearly_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site of one agency's plans for 113 and 114 (the 114 plan has two change notes)."""
    project = copy_project(tmp_path_factory.mktemp("yearly"))
    shutil.rmtree(project / "plans")
    shutil.copytree(ROOT / "tests" / "fixtures" / "yearly", project / "plans")
    shutil.rmtree(project / ".git")
    commit_all(project)
    result = mkdocs(project, "build")
    assert result.returncode == 0, result.stderr
    return project / "site"


AGENCY = "disclosure/kaohsiung/kaohsiung-cijin-district-office/"


def test_consecutive_years_get_a_comparison_linked_from_both_plans_and_the_agency(yearly_site: Path):
    target = (yearly_site / AGENCY / "compare-113-114").resolve()
    for page in (AGENCY, AGENCY + "kaohsiung-cijin-113/", AGENCY + "kaohsiung-cijin-114/"):
        links = [a.get("href") for a in _page(yearly_site, page).cssselect("article a")]
        assert any((yearly_site / page / href).resolve() == target for href in links), page
    compare = _page(yearly_site, AGENCY + "compare-113-114")
    changed = [li.text_content() for li in compare.cssselect("li.plan-diff-changed")]
    assert any("年計刪除：48新增：96次" in text for text in changed)  # the changed words, said in words
    assert changed[0].startswith("修改")
    added = [li.text_content() for li in compare.cssselect("li.plan-diff-added")]
    assert any("鼓勵人員參與各項研習" in text for text in added)
    removed = [li.text_content() for li in compare.cssselect("li.plan-diff-removed")]
    assert removed == ["刪除 持續檢討服務流程，推動數位服務。"]  # the section 未來努力方向, gone in 114
    headings = [h.text_content().strip() for h in compare.cssselect("article h2")]
    assert "肆、計畫內容（修改）" in headings and "陸、未來努力方向（刪除）" in headings


def test_change_notes_show_on_the_page_newest_first(yearly_site: Path):
    page = _page(yearly_site, AGENCY + "kaohsiung-cijin-114")
    notes = [li.text_content() for li in page.cssselect(".plan-changes li")]
    assert notes == ["民國114年6月2日：新增線上申辦說明", "民國114年3月10日：修正第肆點執行單位", "民國114年1月22日：首次發布"]
    terms = [(dt.text_content(), dt.getnext().text_content()) for dt in page.cssselect(".plan-meta dt")]
    assert ("最後更新日期", "民國114年6月2日") in terms  # the latest change note dates the plan
    feed = check_atom((yearly_site / AGENCY / "feed.xml").read_bytes())
    assert feed.findtext("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}summary") == "更新：新增線上申辦說明"


def test_the_comparison_and_data_pages_pass_the_accessibility_checks(yearly_site: Path):
    audit = audit_site(yearly_site, only={"taiwan", "axe", "vnu"})
    assert [(f.page, f.rule, f.message) for f in audit.findings] == []


DC_ELEMENTS = ("title", "creator", "subject", "description", "contributor", "publisher", "date", "type")
DC_ELEMENTS += ("format", "identifier", "source", "language", "relation", "coverage", "rights")


def test_the_pdf_and_the_odt_carry_all_fifteen_dublin_core_elements(built_site: Path):
    """The downloads describe themselves like the pages: the PDF in its XMP, the ODT in meta.xml."""
    import zipfile

    import pikepdf

    page = ALL_PLANS["kaohsiung-cijin-114"]
    folder = (built_site / page).parent
    with pikepdf.open(folder / "kaohsiung-cijin-114.pdf") as pdf:
        xmp = pdf.open_metadata()
        pdf_dc = {name: xmp.get(f"dc:{name}") for name in DC_ELEMENTS}
    assert all(pdf_dc.values()), {k for k, v in pdf_dc.items() if not v}
    assert pdf_dc["title"] == "高雄市旗津區公所114年度提升服務執行計畫" and pdf_dc["format"] == "application/pdf"
    assert pdf_dc["identifier"] == SITE_URL + page.rstrip("/").rsplit("/", 1)[0] + "/kaohsiung-cijin-114.pdf"
    assert list(pdf_dc["creator"]) == ["高雄市旗津區公所"] and pdf_dc["relation"] == {SITE_URL + page}
    assert pdf_dc["coverage"] == "高雄市；民國114年度"
    with zipfile.ZipFile(folder / "kaohsiung-cijin-114.odt") as odt:
        meta = etree.fromstring(odt.read("meta.xml"))
    ns = {"dc": "http://purl.org/dc/elements/1.1/", "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"}
    odt_dc = {name: meta.findtext(f".//dc:{name}", namespaces=ns) for name in DC_ELEMENTS}
    for prop in meta.iterfind(".//meta:user-defined", ns):
        name = prop.get(f"{{{ns['meta']}}}name", "")
        if name.startswith("DC."):
            odt_dc[name.removeprefix("DC.").lower()] = prop.text
    assert all(odt_dc.values()), {k for k, v in odt_dc.items() if not v}
    assert odt_dc["format"] == "application/vnd.oasis.opendocument.text" and odt_dc["coverage"] == "高雄市；民國114年度"
