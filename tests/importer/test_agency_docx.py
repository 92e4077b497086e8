"""A DOCX made the way an agency makes one: typed 壹、/一、/(一) in Normal paragraphs, 標楷體 runs, a
merged 要項 column, a header holding 「[在此鍵入]」, a PAGE/NUMPAGES footer. It imports cleanly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from build_scripts.importer.run import import_file
from build_scripts.plan.load import parse_plan

LINES = [
    "高雄市岡山區公所115年度提升服務執行計畫",
    "115年1月20日岡區秘字第11530000100號函",
    "壹、計畫依據：高雄市政府提升服務實施計畫",
    "貳、計畫目標：",
    "一、提升服務品質。",
    "(一)擴大民眾參與。",
    "(二)簡化申辦流程。",
    "二、推動數位服務。",
    "參、實施對象：本所各課室。",
    "肆、計畫內容：",
]


def _field(paragraph, instruction: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    paragraph._p.append(field)


def _kaiti(paragraph) -> None:
    for run in paragraph.runs:
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "標楷體")


@pytest.fixture
def agency_docx(tmp_path: Path) -> Path:
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "[在此鍵入]"
    footer = section.footer.paragraphs[0]
    footer.add_run("第 ")
    _field(footer, "PAGE")
    footer.add_run(" 頁，共 ")
    _field(footer, "NUMPAGES")
    footer.add_run(" 頁")
    for line in LINES:
        paragraph = document.add_paragraph(line)
        _kaiti(paragraph)
    document.paragraphs[0].runs[0].bold = True
    table = document.add_table(rows=3, cols=3)
    for column, name in enumerate(["執行要項", "執行重點", "執行單位"]):
        table.cell(0, column).text = name
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    merged = table.cell(1, 0).merge(table.cell(2, 0))
    merged.text = "一、完備基礎服務項目"
    table.cell(1, 1).text = "(一)訂定計畫，公布於機關網站。"
    table.cell(2, 1).text = "(二)公開服務資訊。"
    table.cell(1, 2).text = "秘書室"
    table.cell(2, 2).text = "各課室"
    document.add_paragraph("伍、其他：本計畫如有未盡事宜，得依實際需要修正。")
    path = tmp_path / "岡山區公所提升服務計畫.docx"
    document.save(str(path))
    return path


def test_an_agency_docx_imports_cleanly(agency_docx: Path):
    result = import_file(agency_docx, "kaohsiung-gangshan-115")
    plan, problems = parse_plan(result.text.encode("utf-8"), "plans/kaohsiung-gangshan-115.yaml")
    assert plan is not None and problems == [], [str(p) for p in problems]
    assert plan.title == "高雄市岡山區公所115年度提升服務執行計畫" and plan.year == 115
    assert (plan.agency.name, plan.agency.city, plan.agency.type.value) == ("高雄市岡山區公所", "高雄市", "區公所")
    assert plan.issued is not None and plan.issued.date == dt.date(2026, 1, 20)
    assert plan.issued.number == "岡區秘字第11530000100號"
    assert [s.heading for s in plan.sections] == ["計畫依據", "計畫目標", "實施對象", "計畫內容", "其他"]
    assert [s.kind.value for s in plan.sections if s.kind] == ["basis", "goals", "targets", "content", "other"]
    assert plan.basis[0].title == "高雄市政府提升服務實施計畫"
    goals = plan.sections[1].blocks[0]
    assert goals.items[0].text == "提升服務品質。" and goals.items[0].items == ["擴大民眾參與。", "簡化申辦流程。"]
    table = plan.sections[3].blocks[0]
    assert [c if isinstance(c, str) else c.label for c in table.columns] == ["執行要項", "執行重點", "執行單位"]
    (要項,) = table.rows  # the merged cell holds both rows
    assert 要項.cell == "完備基礎服務項目" and [r.cell for r in 要項.rows] == ["訂定計畫，公布於機關網站。", "公開服務資訊。"]
    assert [r.rows[0].cell for r in 要項.rows] == ["秘書室", "各課室"]
    text = result.text
    assert "[在此鍵入]" not in text and "頁，共" not in text  # header and footer are not the plan
    assert "# 請確認：機關代號是依縣市、地名與機關類型組成的" in text  # the one guess is marked where the webmaster edits
    assert (
        "kaohsiung-gangshan-district-office" in text and text.count("請確認：") == 3
    )  # the heading line and the two guesses (agency id, basis)
