"""``import_file``: one document in, one plan file's text out, checked like any plan file; a 成果報告
(``results_report``) gives a results file's text instead (``import_results``), checked against its plan."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..plan.load import SourcedPlan, parse_plan
from ..plan.model import Plan
from ..plan.problems import Problem
from ..plan.results_load import parse_results
from .emit import plan_yaml, results_yaml
from .guarded_zip import ImportRefused, read_bytes
from .recognise import Guess, recognise
from .results_report import recognise_results
from .source import SourceDocument

SUFFIXES = (".docx", ".odt", ".pdf", ".txt")


@dataclass
class ImportResult:
    text: str  # the plan file
    data: dict[str, Any]
    guesses: list[Guess]
    problems: list[Problem] = field(default_factory=list)  # what validation says of the text

    @property
    def plan_id(self) -> str:
        return str(self.data["id"])


def read_source(path: Path) -> SourceDocument:
    suffix = path.suffix.lower()
    data = read_bytes(path)
    if suffix == ".docx":
        from .docx_reader import read_docx

        return read_docx(data)
    if suffix == ".odt":
        from .odt_reader import read_odt

        return read_odt(data)
    if suffix == ".pdf":
        from .pdf_reader import read_pdf

        return read_pdf(data)
    if suffix in (".txt", ".text"):
        from .text_reader import read_text

        return read_text(data)
    if suffix == ".doc":
        raise ImportRefused(
            "這是舊版 Word 97–2003 的 .doc 檔，無法直接匯入", "請用 Word 或 LibreOffice 開啟，另存成 .docx 或 .odt 後再匯入。"
        )
    raise ImportRefused(
        f"不認得「{suffix or '沒有副檔名'}」的檔案", "可以匯入 Word（.docx）、開放文件（.odt）、PDF（.pdf）或文字檔（.txt）。"
    )


def import_file(
    path: Path, plan_id: str | None = None, existing: list[SourcedPlan] | None = None, taken: set[str] | None = None
) -> ImportResult:
    """The plan a document holds, as plan-file text; ``existing`` plans lend their agencies' ids; a guessed
    plan id already ``taken`` gets -2, -3 …"""
    return import_plan(read_source(path), path, plan_id, existing, taken)


def import_plan(
    document: SourceDocument,
    path: Path,
    plan_id: str | None = None,
    existing: list[SourcedPlan] | None = None,
    taken: set[str] | None = None,
) -> ImportResult:
    """``import_file`` of a document already read."""
    agencies = {p.plan.agency.name: p.plan.agency.id for p in existing or []}
    found = recognise(document, plan_id, agencies, taken or set())
    text = plan_yaml(found.data, found.guesses, path.name)
    _, problems = parse_plan(text.encode("utf-8"), f"plans/{found.data['id']}.yaml")
    return ImportResult(text, found.data, found.guesses, problems)


def summary(result: ImportResult) -> list[str]:
    """What was found: sections, list items, table rows at each level, and the guesses."""
    sections = result.data.get("sections", [])
    items, tables, levels = 0, 0, Counter[int]()

    def count_rows(rows: list[Any], level: int) -> None:
        for row in rows:
            levels[level] += 1
            count_rows(row.get("rows", []), level + 1)

    def visit(value: Any) -> None:
        nonlocal items, tables
        if isinstance(value, dict):
            if "items" in value and isinstance(value["items"], list):
                items += len(value["items"])
            if "columns" in value:
                tables += 1
                count_rows(value.get("rows", []), 1)
            for child in value.values():
                visit(child)
        elif isinstance(value, list):
            for child in value:
                visit(child)

    visit(sections)
    lines = [f"{len(sections)} 個章節、{items} 個清單項目、{tables} 個表格"]
    if levels:
        lines.append("表格的列：" + "、".join(f"第 {level} 層 {levels[level]} 列" for level in sorted(levels)))
    if result.guesses:
        lines.append(f"{len(result.guesses)} 個地方需要確認（檔案裡標示「# 請確認」）：")
        lines += [f"  - {'.'.join(str(p) for p in g.path)}：{g.note}" for g in result.guesses]
    else:
        lines.append("沒有需要猜的地方。")
    return lines


@dataclass
class ResultsImportResult:
    text: str  # the results file
    data: dict[str, Any]
    guesses: list[Guess]
    plan: Plan
    unmatched: list[str]
    problems: list[Problem] = field(default_factory=list)  # what validation says of the text

    @property
    def file_name(self) -> str:
        """<plan-id>.results.yaml, or <plan-id>.results-<year>.yaml for a plan of no one year."""
        year = int(self.data["year"])
        return f"{self.plan.id}.results.yaml" if self.plan.year == year else f"{self.plan.id}.results-{year}.yaml"


def import_results(document: SourceDocument, path: Path, plans: list[Plan], plan_id: str | None = None) -> ResultsImportResult:
    """The results a 成果報告 reports, as a draft results file for the plan it answers (one of ``plans``:
    ``plan_id``, else the one its title names)."""
    found = recognise_results(document, plans, plan_id)
    text = results_yaml(found.data, found.guesses, path.name, found.unmatched)
    result = ResultsImportResult(text, found.data, found.guesses, found.plan, found.unmatched)
    _, result.problems = parse_results(text.encode("utf-8"), f"plans/{result.file_name}", {found.plan.id: found.plan})
    return result


def results_summary(result: ResultsImportResult) -> list[str]:
    """What was found: the items with a result, by status, the text left over, and the guesses."""
    statuses = Counter(str(r["status"]) for r in result.data["results"])
    lines = [
        f"回應計畫「{result.plan.title}」（{result.plan.id}）{result.data['year']}年度：{len(result.data['results'])} 個項目有成果（"
        + "、".join(f"{status} {count} 項" for status, count in statuses.items())
        + "）"
    ]
    if result.unmatched:
        lines.append(f"{len(result.unmatched)} 段原文找不到對應的計畫項目，留在檔案最後的註解裡")
    lines.append(f"{len(result.guesses)} 個地方需要確認（檔案裡標示「# 請確認」）。")
    return lines
