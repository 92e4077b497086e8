"""Documents as agencies write them (fixtures/make.py), each as DOCX, ODT and the PDF LibreOffice makes of
it: every one imports — whatever its top level (壹、, 一、, Word's numbering, bullets, headings), its genre and
its agency — with its sections, list items and table rows at every level, its agency's name, parent, city
and type, its year, and its text on the page once confirmed."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import docx
import markdown
import pytest

from build_scripts.importer.run import import_file
from build_scripts.plan.load import parse_plan
from build_scripts.plan.model import ListBlock, Plan, Table
from build_scripts.render.pages import Layout, plan_page

from ..support.coverage import coverage, source_text
from ..support.html_text import article_text
from ..support.import_check import rows_by_level

FIXTURES = Path(__file__).parent / "fixtures"
FORMATS = ("docx", "odt", "pdf")

# fixture → what a person reading it finds
EXPECTED: dict[str, dict[str, Any]] = {
    "land-office-auto-numbering": {
        "headings": ["依據", "目的", "服務對象", "實施方式", "經費", None],
        "labels": ["一、", "二、", "三、", "四、", "五、", "六、"],
        "items": 7,
        "rows": {1: 3, 2: 5, 3: 5},
        "agency": ("高雄市政府地政局岡山地政事務所", "高雄市政府地政局", "高雄市", "地政事務所"),
        "ids": ("kaohsiung-gangshan-land-plan-115", "kaohsiung-gangshan-land-office"),
        "year": 115,
        "genre": "其他計畫",
    },
    "bureau-goals-bullets": {
        "headings": [None, "強化市政行政支援", "提升為民服務品質", "推動檔案管理與應用"],
        "labels": ["", "", "", ""],
        "items": 6,
        "rows": {},
        "agency": ("臺北市政府秘書處", "臺北市政府", "臺北市", "局處"),
        "ids": ("taipei-secretariat-goals-114", "taipei-secretariat"),
        "year": 114,
        "genre": "施政目標與重點",
    },
    "city-mid-term-contents": {
        "headings": ["施政願景", "施政目標與策略", "預期效益"],
        "labels": ["壹、", "貳、", "參、"],
        "items": 5,
        "rows": {1: 2, 2: 3, 3: 3},
        "agency": ("台南市政府", None, "臺南市", "縣市政府"),
        "ids": ("tainan-government-mid-term-104", "tainan-government"),
        "year": 104,  # 104至107年度: the first year, marked for confirmation
        "genre": "中程施政計畫",
    },
    "county-government-headings": {
        "headings": ["計畫依據", "計畫目標", "實施對象", "執行策略", "考核與獎勵"],
        "labels": ["壹、", "貳、", "參、", "肆、", "伍、"],
        "items": 2,
        "rows": {1: 2, 2: 3, 3: 5, 4: 5},
        "agency": ("屏東縣政府", None, "屏東縣", "縣市政府"),
        "ids": ("pingtung-government-115", "pingtung-government"),
        "year": 115,
        "genre": "提升服務計畫",
    },
    "city-bureau-typed-one": {
        "headings": ["依據", "目標", "實施內容", None],
        "labels": ["一、", "二、", "三、", "四、"],
        "items": 2,
        "rows": {1: 2, 2: 3, 3: 3},
        "agency": ("高雄市政府動物保護防疫處", "高雄市政府", "高雄市", "局處"),
        "ids": ("kaohsiung-animal-protection-115", "kaohsiung-animal-protection"),
        "year": 115,
        "genre": "提升服務計畫",
    },
    "office-named-by-district": {
        "headings": ["依據", "辦理時間", "辦理地點", "辦理方式", None],
        "labels": ["一、", "二、", "三、", "四、", "五、"],
        "items": 3,
        "rows": {},
        "agency": ("信義戶政事務所", None, "臺北市", "戶政事務所"),
        "ids": ("taipei-xinyi-household-plan-115", "taipei-xinyi-household-registration-office"),
        "year": 115,
        "genre": "其他計畫",
    },
    "table-over-pages": {
        "headings": ["計畫依據", "計畫內容", "其他"],
        "labels": ["壹、", "貳、", "參、"],
        "items": 0,
        "rows": {1: 2, 2: 8, 3: 24, 4: 24},
        "agency": ("高雄市旗津區公所", None, "高雄市", "區公所"),
        "ids": ("kaohsiung-cijin-115", "kaohsiung-cijin-district-office"),
        "year": 115,
        "genre": "提升服務計畫",
    },
    "township-word-layout": {  # centred bold title over two lines, justified text, indents, a distributed heading
        "headings": ["依據", "辦理方式", "經費"],
        "labels": ["壹、", "貳、", "參、"],
        "items": 2,
        "rows": {},
        "agency": ("屏東縣潮州鎮公所", None, "屏東縣", "鄉鎮市公所"),
        "ids": ("pingtung-chaozhou-115", "pingtung-chaozhou-township-office"),
        "year": 115,
        "genre": "提升服務計畫",
    },
}
CASES = [(name, suffix) for name in EXPECTED for suffix in FORMATS]


def _items(blocks: list[Any]) -> int:
    """List items at every level, as the importer's summary counts them."""
    count = 0
    for block in blocks:
        if isinstance(block, ListBlock):
            count += _count(block.items)
    return count


def _count(items: list[Any]) -> int:
    return sum(1 + (0 if isinstance(item, str) else _count(item.items) + _items(item.blocks)) for item in items)


def page_text(plan: Plan) -> str:
    content = plan_page(plan, "plans/x.yaml", None, Layout()).content.split("---\n", 2)[2]
    html = markdown.markdown(content, extensions=["attr_list", "md_in_html"])
    return article_text(f"<article>{html}</article>")


def imported(name: str, suffix: str, tmp_path: Path) -> tuple[Plan, str]:
    source = tmp_path / f"機關的文件.{suffix}"  # a Chinese file name: the ids come from the document
    source.write_bytes((FIXTURES / f"{name}.{suffix}").read_bytes())
    result = import_file(source)
    plan, problems = parse_plan(result.text.encode("utf-8"), f"plans/{result.plan_id}.yaml")
    assert plan is not None and problems == [], [str(p) for p in problems]
    return plan, result.text


@pytest.mark.parametrize(("name", "suffix"), CASES, ids=[f"{n}.{s}" for n, s in CASES])
def test_each_agency_document_imports_with_its_structure_and_agency(name: str, suffix: str, tmp_path: Path):
    want = EXPECTED[name]
    plan, text = imported(name, suffix, tmp_path)
    fields = [line for line in text.splitlines() if not line.startswith("#")]
    assert plan.draft and fields[0] == "draft: true"  # the first field: nothing unconfirmed is published
    assert [s.heading for s in plan.sections] == want["headings"]
    assert _labels(plan) == want["labels"]
    assert sum(_items(s.blocks) for s in plan.sections) == want["items"]
    assert {level: len(rows) for level, rows in rows_by_level(plan).items()} == want["rows"]
    agency = plan.agency
    assert (agency.name, agency.parent, agency.city, agency.type.value) == want["agency"]
    assert (plan.id, agency.id) == want["ids"]
    assert plan.year == want["year"] and plan.genre.value == want["genre"]


def _labels(plan: Plan) -> list[str]:
    from build_scripts.render.outline import plan_section_labels

    return plan_section_labels(plan.sections)


@pytest.mark.parametrize(("name", "suffix"), CASES, ids=[f"{n}.{s}" for n, s in CASES])
def test_the_confirmed_page_carries_the_documents_text(name: str, suffix: str, tmp_path: Path):
    plan, _ = imported(name, suffix, tmp_path)
    confirmed = plan.model_copy(update={"draft": False})
    share = coverage(source_text(FIXTURES / f"{name}.docx"), page_text(confirmed))
    assert share >= 0.98, share


def test_the_coverage_measure_notices_lost_text(tmp_path: Path):
    plan, _ = imported("county-government-headings", "docx", tmp_path)
    source = source_text(FIXTURES / "county-government-headings.docx")
    whole = page_text(plan)
    assert coverage(source, whole) >= 0.98
    cut = plan.model_copy(update={"sections": plan.sections[:2]})
    assert coverage(source, page_text(cut)) < 0.6


def test_what_was_guessed_is_marked(tmp_path: Path):
    _, text = imported("office-named-by-district", "pdf", tmp_path)
    assert "# 請確認：機關名稱沒有寫縣市，臺北市、基隆市都有信義區" in text
    assert "# 請確認：縣市是從內文猜的（內文最常提到臺北市）" in text
    _, text = imported("city-mid-term-contents", "odt", tmp_path)
    assert "# 請確認：計畫涵蓋民國 104 至 107 年度，年度先填第一年" in text
    assert "……" not in text and "目錄" not in text  # the table of contents is not the plan


def test_two_documents_in_one_basis_sentence_keep_their_dates_and_numbers(tmp_path: Path):
    plan, _ = imported("county-government-headings", "pdf", tmp_path)
    assert [(d.title, d.issuer, d.date, d.number) for d in plan.basis] == [
        ("政府服務躍升方案", "行政院", dt.date(2017, 1, 9), "院授發社字第1061300008號"),
        ("屏東縣政府提升服務品質實施計畫", "屏東縣政府", dt.date(2025, 12, 1), "屏府研管字第11400456700號"),
    ]


def test_a_table_over_pages_is_one_table_with_its_merged_cells(tmp_path: Path):
    plan, _ = imported("table-over-pages", "pdf", tmp_path)
    (table,) = [b for s in plan.sections for b in s.blocks if isinstance(b, Table)]
    assert [c if isinstance(c, str) else c.label for c in table.columns] == ["執行要項", "執行重點", "執行步驟", "執行單位"]
    first, second = table.rows
    assert first.cell == "完備基礎服務項目，注重服務特性差異化" and len(first.rows) == 4
    assert second.cell == "便捷服務遞送過程與方式，提升民眾生活便利度" and len(second.rows) == 4
    assert [len(point.rows) for row in table.rows for point in row.rows] == [3] * 8
    steps = [step.cell for row in table.rows for point in row.rows for step in point.rows]
    assert all(isinstance(step, str) and step.endswith("作為下年度改進之參考依據。") for step in steps)  # none cut by a page
    assert Counter(step.rows[0].cell for row in table.rows for point in row.rows for step in point.rows) == {
        "秘書室": 8,
        "各課室": 16,
    }


def test_words_own_table_of_contents_is_skipped(tmp_path: Path):
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    document.add_paragraph("臺東縣政府115年度施政計畫", style="Title")
    document.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
    for entry in ("壹、施政重點\t1", "貳、預期成效\t2"):
        document.add_paragraph(entry, style="toc 1")
    document.add_paragraph("壹、施政重點")
    document.add_paragraph("推動長照服務。")
    document.add_paragraph("貳、預期成效")
    document.add_paragraph("提升縣民福祉。")
    path = tmp_path / "施政計畫.docx"
    document.save(str(path))
    result = import_file(path)
    assert [s.get("heading") for s in result.data["sections"]] == ["施政重點", "預期成效"]
    assert "\t1" not in result.text and result.data["agency"]["type"] == "縣市政府"


def test_a_twenty_page_pdf_keeps_every_row():
    result = import_file(FIXTURES / "twenty-pages.pdf")
    plan, problems = parse_plan(result.text.encode("utf-8"), f"plans/{result.plan_id}.yaml")
    assert plan is not None and problems == []
    assert {level: len(rows) for level, rows in rows_by_level(plan).items()} == {1: 16, 2: 52, 3: 142, 4: 137}


def test_text_before_the_first_section_stays_in_place_and_every_note_sits_on_its_own_line(tmp_path: Path):
    plan, text = imported("bureau-goals-bullets", "docx", tmp_path)
    assert plan.sections[0].heading is None and plan.sections[0].blocks == [
        "本處秉持「服務、效率、創新」理念，配合市府施政方針，訂定114年度施政目標與重點如下："
    ]
    lines = text.splitlines()
    for heading in ("強化市政行政支援", "提升為民服務品質", "推動檔案管理與應用"):
        at = lines.index(f"    heading: {heading}")
        assert lines[at - 1] == f"    # 請確認：看不出「{heading}」是哪一類章節（kind），請視需要補上"
