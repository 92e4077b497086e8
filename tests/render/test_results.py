"""Results reports as citizens and reusers get them: the page (golden), the counts, the plan page's and
agency page's links, the CSV, the plan's JSON, the ODT, the feed and the year-over-year comparison."""

from __future__ import annotations

import csv
import datetime as dt
import html as html_lib
import io
import json
import re
from pathlib import Path

import jsonschema
import markdown
import pytest

from build_scripts.plan.load import load_directory, load_plan_file
from build_scripts.plan.results_load import load_results
from build_scripts.plan.results_model import PlanResults, Status
from build_scripts.plan.schema import schema
from build_scripts.render.comparison import carried_over
from build_scripts.render.data_files import plan_json, results_csv
from build_scripts.render.pages import build_pages
from build_scripts.render.results import results_view

from ..support import golden
from ..support.project import FIXTURES, ROOT

GOLDEN = Path(__file__).resolve().parent / "golden"
FOLDER = "disclosure/new-taipei/sample-district-office/"


def sample_results() -> PlanResults:
    plan = load_plan_file(FIXTURES / "plans" / "sample-114.yaml")
    path = FIXTURES / "plans" / "sample-114.results.yaml"
    loaded, problems = load_results([path], {plan.id: plan}, {plan.id}, today=dt.date(2026, 6, 1))
    assert [p for p in problems if p.severity.name == "error"] == []
    return loaded[0].results


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    results = sample_results()
    built = build_pages(
        [(results.plan, "plans/sample-114.yaml")],
        {results.plan.id: dt.date(2025, 3, 1), results.id: dt.date(2026, 1, 16)},
        results={results.plan.id: [(results, "plans/sample-114.results.yaml")]},
    )
    return {p.path: p.content for p in built}


def as_html(page: str) -> str:
    return markdown.markdown(page.split("---\n", 2)[2], extensions=["attr_list", "md_in_html"])


def test_results_page_matches_its_golden_file(pages):
    golden.check_golden(
        GOLDEN / "disclosure__new-taipei__sample-district-office__sample-114-results.md", pages[FOLDER + "sample-114-results.md"]
    )


def test_the_plan_s_items_are_counted_by_the_status_that_answers_them():
    view = results_view(sample_results())
    counts = {c.label: c.count for c in view.counts}
    # 參、一、(一)、2、(1) takes the status of the result on 參、一、(一)、2 (進行中); (2) has its own (延後);
    # 參、第2列 has none; 貳、第1項 is outside 計畫內容 and counts by itself.
    assert counts == {"已完成": 2, "進行中": 1, "延後": 1, "未辦理": 0, "調整": 1, "未列成果": 1}
    assert view.total == 6
    assert view.summary == "2 項已完成、1 項進行中、1 項延後、1 項調整，1 項未列成果"
    assert [(view.place(item), n) for item, n in view.missing] == [("參、第2列", 1)]


def test_the_example_reports_add_up_to_their_plans():
    plans, _ = load_directory(ROOT / "plans", ROOT)
    views = {r.results.id: results_view(r.results) for p in plans for r in p.results}
    cijin = views["kaohsiung-cijin-114-results"]
    assert cijin.total == 43 == len(cijin.outline.expected())
    assert round(sum(c.percent for c in cijin.counts)) == 100
    statuses = {c.status for c in cijin.counts if c.count}
    assert set(Status) <= statuses  # the example shows every status


def test_the_summary_is_told_in_words_and_the_bar_has_a_text_equivalent(pages):
    page = as_html(pages[FOLDER + "sample-114-results.md"])
    assert "計畫的 6 個項目：2 項已完成、1 項進行中、1 項延後、1 項調整，1 項未列成果。" in page
    bar = re.search(r'<div class="results-bar" role="img" aria-label="([^"]+)">', page)
    assert (
        bar
        and bar.group(1)
        == "執行情形比例：已完成 2 項（33.3%）、進行中 1 項（16.7%）、延後 1 項（16.7%）、調整 1 項（16.7%）、未列成果 1 項（16.7%）"
    )
    legend = re.findall(r'<li><span class="results-swatch results-pattern--[a-z-]+"></span>([^<]+)</li>', page)
    assert legend == [
        "已完成 2 項（33.3%）",
        "進行中 1 項（16.7%）",
        "延後 1 項（16.7%）",
        "調整 1 項（16.7%）",
        "未列成果 1 項（16.7%）",
    ]


def test_every_status_in_the_tables_is_its_word(pages):
    page = as_html(pages[FOLDER + "sample-114-results.md"])
    shown = re.findall(r'<span class="results-status results-status--([a-z-]+)">([^<]*)</span>', page)
    words = {
        "done": "已完成",
        "ongoing": "進行中",
        "delayed": "延後",
        "not-done": "未辦理",
        "adjusted": "調整",
        "none": "未列成果",
    }
    assert shown and all(words[css] == word for css, word in shown)
    assert [word for _, word in shown] == ["調整", "已完成", "進行中", "延後", "已完成", "未列成果"]  # in the plan's order


def test_results_sit_beside_their_items_in_the_plan_s_structure(pages):
    page = as_html(pages[FOLDER + "sample-114-results.md"])
    assert '<caption id="results-3-caption">參、計畫內容：執行成果</caption>' in page
    assert '<th scope="colgroup" id="results-3-c1" colspan="4">計畫項目</th>' in page
    # 參、一、(一)、2 is answered as a whole and in a part: its own result sits in a row 「（本項整體）」.
    assert "（本項整體）" in page
    assert "執行單位：秘書室" in page  # who does the item, from the plan's last column
    assert (
        '<a href="https://www.example.gov.tw/plan-114.html?a=1&amp;b=2" title="佐證資料：本所114年度計畫公告（外部網站）"' in page
    )


def test_the_plan_page_and_the_agency_page_lead_to_the_results(pages):
    plan_page = as_html(pages[FOLDER + "sample-114.md"])
    assert (
        '<a href="sample-114-results.md" title="範例區公所114年度提升服務執行計畫114年度執行成果：每一個項目做到了什麼">114年度執行成果</a>：2 項已完成'
        in plan_page
    )
    agency = as_html(pages[FOLDER + "index.md"])
    assert "<dt>民國114年度（2025年）</dt>" in agency
    assert '<a href="sample-114-results.md"' in agency and '<a href="sample-114.md"' in agency


def test_the_csv_has_a_row_for_each_item_with_numbers_as_numbers():
    data = results_csv(sample_results())
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert header[:9] == ["計畫代號", "年度", "項目編號", "計畫項目", "執行情形", "原因", "辦理情形", "日期", "佐證資料"]
    assert header[9:] == ["指標1", "目標值1", "實際值1", "單位1"]
    places = [row[2] for row in body]
    assert places == ["貳、第1項", "參、一、(一)、1", "參、一、(一)、2", "參、一、(一)、2、(2)", "參、一、(二)", "參、第2列"]
    by_place = {row[2]: dict(zip(header, row, strict=True)) for row in body}
    assert by_place["參、一、(二)"]["實際值1"] == "88.5" and by_place["參、一、(二)"]["目標值1"] == "85"
    assert by_place["參、第2列"]["執行情形"] == "未列成果"
    assert by_place["參、一、(一)、1"]["佐證資料"] == "本所114年度計畫公告 https://www.example.gov.tw/plan-114.html?a=1&b=2"
    assert results_csv(sample_results()) == data  # reproducible


def test_the_plan_s_json_carries_its_results_and_is_valid_against_the_published_schema():
    results = sample_results()
    data = json.loads(plan_json(results.plan, "https://plans.example.gov.tw/disclosure/data/plan.schema.json", [results]))
    jsonschema.validate(data, schema())
    report = data["results"][0]
    assert report["year"] == 114 and "draft" not in report
    first = report["results"][0]
    assert first["place"] == "參、一、(一)、1" and first["plan_path"] == "sections[2].blocks[0].rows[0].rows[0].rows[0]"
    node = data
    for part in re.findall(r"[a-z_]+|\d+", first["plan_path"]):
        node = node[int(part)] if part.isdigit() else node[part]
    assert node["cell"] == "訂定本所執行計畫。"  # the path leads to the item in the same document
    assert report["results"][3]["measures"][0]["target"] == 85  # a whole number stays whole


def test_the_odt_holds_the_report_as_text():
    from odf import teletype
    from odf.opendocument import load
    from odf.text import H, P

    from build_scripts.odt.results_document import render_results_odt

    data = render_results_odt(sample_results())
    assert render_results_odt(sample_results()) == data
    document = load(io.BytesIO(data))
    headings = [teletype.extractText(h) for h in document.getElementsByType(H)]
    assert headings[:3] == ["範例區公所114年度提升服務成果報告", "執行情形摘要", "總結"]
    text = "\n".join(teletype.extractText(p) for p in document.getElementsByType(P))
    assert "原因：網站改版延至115年3月。" in text
    assert "佐證資料：本所114年度計畫公告（https://www.example.gov.tw/plan-114.html?a=1&b=2）" in text


def test_the_feed_announces_the_results_on_the_day_they_were_reported(pages):
    results = sample_results()
    built = build_pages([(results.plan, "x")], {}, results={results.plan.id: [(results, "y")]})
    feed = next(data for p in built for path, data in p.files if path.endswith(f"{FOLDER}feed.xml")).decode("utf-8")
    entry = feed.split("<entry>")[1]
    assert "<title>範例區公所114年度提升服務成果報告</title>" in entry
    assert "<published>2026-01-15T00:00:00+08:00</published>" in entry
    assert "執行成果：範例市範例區公所「範例區公所114年度提升服務執行計畫」114年度，2 項已完成" in entry


def test_the_next_year_s_comparison_names_what_was_put_off_and_whether_it_came_back():
    old = load_plan_file(ROOT / "tests" / "fixtures" / "yearly" / "kaohsiung-cijin-113.yaml")
    new = load_plan_file(ROOT / "tests" / "fixtures" / "yearly" / "kaohsiung-cijin-114.yaml")
    path = ROOT / "tests" / "fixtures" / "yearly" / "kaohsiung-cijin-113.results.yaml"
    loaded, problems = load_results([path], {old.id: old}, {old.id})
    assert not [p for p in problems if p.severity.name == "error"]
    carried = carried_over(results_view(loaded[0].results), new)
    assert [(c.status.value, c.again is not None) for c in carried] == [("延後", True), ("未辦理", False)]
    again = next(c for c in carried if c.again)
    assert again.again == "肆、二、(一)、1" and "婦幼友善" in again.text
    page = next(
        p.content
        for p in build_pages([(old, "a"), (new, "b")], {}, results={old.id: [(loaded[0].results, "c")]})
        if p.path.endswith("compare-113-114.md")
    )
    text = html_lib.unescape(as_html(page))
    assert "113年度延後或未辦理的項目" in text
    assert "再列入" in text and "未再列入" in text and "114年度計畫列在 肆、二、(一)、1" in text


def test_the_data_catalogue_lists_the_results_csv_with_its_plan():
    from build_scripts.publish.downloads import CSV, Download

    results = sample_results()
    downloads = {results.id: [Download(CSV, f"{results.id}.csv", results_csv(results))]}
    built = build_pages([(results.plan, "a")], {}, downloads=downloads, results={results.plan.id: [(results, "b")]})
    catalogue = next(json.loads(data) for p in built for path, data in p.files if path.endswith("catalog.json"))
    (entry,) = catalogue["資料集"]
    assert "https://plans.example.gov.tw/disclosure/new-taipei/sample-district-office/sample-114-results.csv" in entry["資源網址"]
    assert "114年度的執行成果" in entry["資料集描述"] and "成果 CSV：" in entry["主要欄位說明"]


def test_a_result_on_a_whole_section_has_a_row_of_its_own():
    old = load_plan_file(ROOT / "tests" / "fixtures" / "yearly" / "kaohsiung-cijin-113.yaml")
    path = ROOT / "tests" / "fixtures" / "yearly" / "kaohsiung-cijin-113.results.yaml"
    loaded, _ = load_results([path], {old.id: old}, {old.id})
    view = results_view(loaded[0].results)
    section = next(s for s in view.sections if s.title == "陸、未來努力方向")
    (row,) = section.table.rows
    assert row.cell == "（本章整體）" and row.rows[0].cell == "未辦理"
