"""plansite import of a 成果報告: the document (Word, ODT or its PDF) follows the plan's numbering, as an outline
or as a table; the importer matches it to the plan, writes a draft results file beside it with every guess
marked, keeps the text it could not place, and never writes a file that does not validate."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_scripts.importer.run import import_results, read_source
from build_scripts.plan.load import load_directory, load_plan_file
from build_scripts.plan.problems import Severity, errors
from build_scripts.plan.results_load import parse_results

from ..support.project import ROOT
from .test_bad_input import run_import

FIXTURES = Path(__file__).parent / "fixtures"
PLAN = ROOT / "plans" / "kaohsiung-cijin-114.yaml"

# What each document reports: the items, each with the status its words give.
OUTLINE = {"肆、一、(一)、1": "已完成", "肆、一、(四)、2": "已完成", "肆、一、(四)、4": "進行中", "肆、二、(一)、1": "延後"}
TABLE = {"肆、一、(二)、1": "已完成", "肆、一、(二)、3": "進行中", "肆、一、(五)、2": "未辦理", "肆、二、(二)、2": "已完成"}


def _project(tmp_path: Path, *plans: Path) -> Path:
    (tmp_path / "plans").mkdir()
    for plan in plans:
        shutil.copy(plan, tmp_path / "plans" / plan.name)
    return tmp_path


@pytest.mark.parametrize("suffix", ["docx", "odt", "pdf"])
@pytest.mark.parametrize(("name", "expected"), [("cijin-results-outline", OUTLINE), ("cijin-results-table", TABLE)])
def test_a_results_report_becomes_a_draft_results_file_matched_to_its_plan(name: str, expected: dict[str, str], suffix: str):
    plan = load_plan_file(PLAN)
    source = FIXTURES / f"{name}.{suffix}"
    result = import_results(read_source(source), source, [plan])
    assert result.plan is plan and result.file_name == "kaohsiung-cijin-114.results.yaml"
    assert errors(result.problems) == []
    assert {r["item"]: r["status"] for r in result.data["results"]} == expected
    assert result.data["draft"] is True and result.data["reported"] == "2026-01-20"
    # Every guess is marked: the plan it answers, and each result's item and status.
    marked = {g.path for g in result.guesses}
    assert ("plan",) in marked
    assert all({("results", i, "item"), ("results", i, "status")} <= marked for i in range(len(expected)))
    assert result.text.count("# 請確認：") == len(result.guesses) + bool(result.unmatched)  # and the text left over


def test_what_the_report_says_lands_in_the_right_fields():
    plan = load_plan_file(PLAN)
    source = FIXTURES / "cijin-results-outline.docx"
    results = {r["item"]: r for r in import_results(read_source(source), source, [plan]).data["results"]}
    phone = results["肆、一、(四)、2"]
    assert phone["measures"] == [{"name": "每月各課室辦理「電話服務…", "target": 96, "actual": 98, "unit": "次"}]
    assert phone["evidence"] == [{"title": "佐證資料1", "url": "https://www.example.gov.tw/cijin/results/114/phone-courtesy.pdf"}]
    assert results["肆、一、(一)、1"]["date"] == "2025-01-22"
    assert results["肆、二、(一)、1"]["reason"] == "因颱風停班停課延後，改於115年3月辦理。"
    # A list inside a result, numbered from 1 again, is the result's text, not the plan's item 1.
    assert results["肆、一、(四)、4"]["done"] == ["已於114年11月送審無障礙網站標章，審查中。", "1.送審文件已備齊。"]


def test_text_that_names_no_item_is_kept_as_a_comment_not_dropped():
    plan = load_plan_file(PLAN)
    source = FIXTURES / "cijin-results-outline.odt"
    result = import_results(read_source(source), source, [plan])
    assert result.unmatched == ["本所另辦理志工表揚活動，表揚志工12人。"]
    assert "#   本所另辦理志工表揚活動，表揚志工12人。" in result.text


def test_once_confirmed_the_file_is_a_valid_results_file():
    plan = load_plan_file(PLAN)
    source = FIXTURES / "cijin-results-table.docx"
    text = import_results(read_source(source), source, [plan]).text
    confirmed = "\n".join(
        line for line in text.splitlines() if not line.lstrip().startswith("# 請確認") and line != "draft: true"
    )
    report, problems = parse_results(confirmed.encode("utf-8"), "plans/kaohsiung-cijin-114.results.yaml", {plan.id: plan})
    assert report is not None and [p for p in problems if p.severity is Severity.error] == []
    # A draft left with its notes is a draft; the same notes in a published file are warnings, one a note.
    _, notes = parse_results(text.replace("draft: true\n", "").encode("utf-8"), "plans/x.results.yaml", {plan.id: plan})
    assert sum(1 for p in notes if "匯入時要確認的地方還留著註解" in p.message) == text.count("# 請確認：")


def test_plansite_import_writes_it_beside_the_plan_and_validate_accepts_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    project = _project(tmp_path, PLAN)
    status, out, err = run_import(project, monkeypatch, str(FIXTURES / "cijin-results-table.pdf"))
    assert status == 0, err
    written = project / "plans" / "kaohsiung-cijin-114.results.yaml"
    assert f"→ {Path('plans') / written.name}（草稿）" in out.replace(str(project) + "/", "")
    assert "4 個項目有成果（已完成 2 項、進行中 1 項、未辦理 1 項）" in out
    plans, problems = load_directory(project / "plans", project)
    assert errors(problems) == [] and [r.results.report.draft for p in plans for r in p.results] == [True]
    again = run_import(project, monkeypatch, str(FIXTURES / "cijin-results-table.docx"))
    assert again[0] == 1 and "已經存在，沒有覆蓋" in again[2]


def test_a_report_whose_plan_is_not_there_is_refused_with_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    project = _project(tmp_path, ROOT / "plans" / "tainan-shanshang-106.yaml")
    status, _, err = run_import(project, monkeypatch, str(FIXTURES / "cijin-results-outline.docx"))
    assert status == 1 and "Traceback" not in err
    assert "找不到「高雄市旗津區公所114年度提升服務成果報告」回應的計畫" in err
    assert "用 --plan 指定計畫代號" in err and "沒有寫入任何檔案。" in err
    assert list((project / "plans").glob("*.results.yaml")) == []


def test_the_plan_can_be_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    project = _project(tmp_path, PLAN, ROOT / "tests" / "fixtures" / "yearly" / "kaohsiung-cijin-113.yaml")
    status, _, err = run_import(project, monkeypatch, str(FIXTURES / "cijin-results-table.odt"), "--plan", "kaohsiung-cijin-114")
    assert status == 0, err
    text = (project / "plans" / "kaohsiung-cijin-114.results.yaml").read_text("utf-8")
    assert "plan: kaohsiung-cijin-114" in text and "配對到計畫" not in text  # named: not a guess
    status, _, err = run_import(project, monkeypatch, str(FIXTURES / "cijin-results-table.odt"), "--plan", "no-such-plan")
    assert status == 1 and "找不到計畫「no-such-plan」" in err


def test_a_folder_imports_the_plans_first_then_the_reports_that_answer_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    project = _project(tmp_path, PLAN)
    folder = tmp_path / "成果"
    folder.mkdir()
    for name in ("cijin-results-outline.docx", "land-office-auto-numbering.docx"):
        shutil.copy(FIXTURES / name, folder / name)
    status, out, err = run_import(project, monkeypatch, str(folder))
    assert status == 0, out + err
    rows = {line.split()[0]: line for line in out.splitlines()[2:4]}
    assert "plans/kaohsiung-cijin-114.results.yaml" in rows["cijin-results-outline.docx"]
    assert "成果草稿；回應計畫" in rows["cijin-results-outline.docx"]
    assert "共 2 份文件：2 份匯入成草稿，0 份沒有匯入。" in out
