"""Load results files: ``plans/<plan-id>.results.yaml`` → a validated ``ResultsReport``, checked
against the plan it answers, or located problems.

A results file is read like a plan file (the same bounds, YAML checks and Chinese messages), then
checked against its plan: the plan exists and the file is named after it, the year is the plan's, each
result names an item the plan has (else an error at its line, with the nearest items as the hint) and
no item twice. The plan's items a report leaves without a result are listed in one warning.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from ..cache import FileCache
from .consistency import check_glyphs
from .input_bounds import too_large
from .messages import problems_from_errors
from .model import Plan
from .places import describe
from .plan_items import PlanItem, PlanOutline, Resolution, nearest
from .problems import Problem, Severity, besides, errors
from .results_model import PlanResults, ResultsReport
from .review import review_file
from .slips import comment_cuts, typed_labels_in
from .yaml_positions import Located, format_path, load_located, not_fields

# plans/<plan-id>.results.yaml, or plans/<plan-id>.results-<year>.yaml (.yml, any case)
RESULTS_NAME = re.compile(r"^(?P<plan>.+?)\.results(?:-(?P<year>[^.]*))?\.ya?ml$", re.IGNORECASE)
SHOWN_MISSING = 12  # items named in the warning about items without a result; the rest are counted


def is_results_file(path: Path) -> bool:
    return RESULTS_NAME.match(path.name) is not None


@dataclass(frozen=True)
class SourcedResults:
    """A valid results report, the plan it answers, and the file it came from."""

    results: PlanResults
    path: Path


def load_results(
    paths: Sequence[Path],
    plans: Mapping[str, Plan],
    plan_files: set[str],
    root: Path | None = None,
    cache: FileCache | None = None,
    today: dt.date | None = None,
) -> tuple[list[SourcedResults], list[Problem]]:
    """Every results file in ``paths`` checked against ``plans`` (by id); ``plan_files`` names every plan
    file there is, loaded or not (a plan with errors of its own: its results are not checked against it)."""
    loaded: list[SourcedResults] = []
    problems: list[Problem] = []
    seen: dict[tuple[str, int], str] = {}
    for path in sorted(paths):
        display = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
        report, located, found = _read(path, display, cache)
        if report is not None and located is not None and not errors(found):
            found += _check(report, located, path, display, plans, plan_files, seen, today or dt.date.today())
        problems += found
        if report is not None and not errors(found) and report.plan in plans:
            loaded.append(SourcedResults(PlanResults(plans[report.plan], report), path))
    return loaded, problems


def parse_results(
    raw: bytes, name: str, plans: Mapping[str, Plan], today: dt.date | None = None
) -> tuple[PlanResults | None, list[Problem]]:
    """A results file's text (named ``name``, e.g. plans/<plan-id>.results.yaml) checked against ``plans``:
    what ``plansite import`` checks before it writes one."""
    report, located, found = _parse(raw, name, None)
    if report is not None and located is not None and not errors(found):
        found += _check(report, located, Path(name), name, plans, set(plans), {}, today or dt.date.today())
    if report is None or errors(found) or report.plan not in plans:
        return None, found
    return PlanResults(plans[report.plan], report), found


def _read(path: Path, name: str, cache: FileCache | None) -> tuple[ResultsReport | None, Located | None, list[Problem]]:
    try:
        refused = too_large(path.stat().st_size, name)
        if refused:
            return None, None, [refused]
        raw = path.read_bytes()
    except OSError as exc:
        problem = Problem(name, 0, 0, "", f"無法讀取檔案（{exc.strerror}）", "可讀取的 YAML 檔", "確認檔案存在且有讀取權限。")
        return None, None, [problem]
    return _parse(raw, name, cache)


def _parse(raw: bytes, name: str, cache: FileCache | None) -> tuple[ResultsReport | None, Located | None, list[Problem]]:
    """The report and every problem: like a plan file, the model is checked too when the YAML could be
    read despite its slips."""
    located = load_located(raw, name, cache)  # the same bounds as a plan file: size, depth, aliases, tags
    refused = not_fields(
        located,
        name,
        "成果檔最上層要是 plan:、year:、results: 等欄位",
        "可複製 plans/ 裡其他成果檔（檔名以 .results.yaml 結尾）當作範本。",
    )
    if refused is not None:
        return None, located, refused
    problems = list(located.problems)
    try:
        fields = {k: v for k, v in located.data.items() if k != "$schema"}
        report = ResultsReport.model_validate_json(json.dumps(fields, ensure_ascii=False))
    except ValidationError as exc:
        problems += besides(problems, problems_from_errors(exc.errors(), located, name, ResultsReport))
        return None, located, problems
    if errors(problems):
        return None, located, problems
    problems += review_file(report.draft, located, raw, name)
    return report, located, problems


def _check(
    report: ResultsReport,
    located: Located,
    path: Path,
    name: str,
    plans: Mapping[str, Plan],
    plan_files: set[str],
    seen: dict[tuple[str, int], str],
    today: dt.date,
) -> list[Problem]:
    checks = _Checks(report, located, name)
    found = [*checks.file_name(path, plans), *checks.dates(today)]
    found += [*check_glyphs(located, name), *comment_cuts(located, name)]
    for index, result in enumerate(report.results):
        found += typed_labels_in(result.done, ("results", index, "done"), located, name)
    found += typed_labels_in(report.summary, ("summary",), located, name)
    plan = plans.get(report.plan)
    if plan is None:
        return found if report.plan in plan_files else [*found, checks.no_plan(sorted(plans), path)]
    year = checks.year(plan)
    if year:
        return [*found, year]
    key = (plan.id, report.year)
    if key in seen:
        return [*found, checks.twice(seen[key])]
    seen[key] = name
    return [*found, *checks.items(PlanOutline(plan))]


class _Checks:
    """The checks of one results file against its name and its plan."""

    def __init__(self, report: ResultsReport, located: Located, name: str) -> None:
        self.report, self.located, self.name = report, located, name

    def problem(self, path: tuple[str | int, ...], message: str, expected: str, hint: str, key: bool = False) -> Problem:
        line, column = self.located.key_position(path) if key else self.located.position(path)
        where = describe(path, self.located.data, ResultsReport)
        return Problem(self.name, line, column, format_path(path), message, expected, hint, where=where)

    def file_name(self, path: Path, plans: Mapping[str, Plan]) -> list[Problem]:
        """The file is named after its plan (and its year, if the name says one). A plan id that names
        no plan is told once, by ``no_plan``."""
        match = RESULTS_NAME.match(path.name)
        if match is None:
            return []
        found = []
        if match["plan"] != self.report.plan and self.report.plan in plans:
            other = f"；或把 plan 改成 {match['plan']}" if match["plan"] in plans else ""
            found.append(
                self.problem(
                    ("plan",),
                    f"計畫代號「{self.report.plan}」與檔名「{path.name}」不一致",
                    "成果檔的檔名是它回應的計畫代號加上 .results.yaml",
                    f"把檔名改成 {self.report.plan}.results.yaml{other}。",
                )
            )
        if match["year"] is not None and match["year"] != str(self.report.year):
            found.append(
                self.problem(
                    ("year",),
                    f"年度 {self.report.year} 與檔名「{path.name}」寫的年度「{match['year']}」不一致",
                    "檔名的年度（.results-年度.yaml）要和 year 相同",
                    f"把檔名改成 {match['plan']}.results-{self.report.year}.yaml；或把 year 改成檔名的年度。",
                )
            )
        return found

    def dates(self, today: dt.date) -> list[Problem]:
        dated: list[tuple[tuple[str | int, ...], dt.date | None]] = [(("reported",), self.report.reported)]
        dated += [(("results", i, "date"), r.date) for i, r in enumerate(self.report.results)]
        return [
            self.problem(
                path,
                f"日期 {date.isoformat()} 還沒到",
                "應該是今天或更早的日期",
                "成果寫的是已經做到的事；檢查年份或月份是否打錯（西元年 = 民國年 + 1911）。",
            )
            for path, date in dated
            if date is not None and date > today
        ]

    def no_plan(self, plan_ids: list[str], path: Path) -> Problem:
        match = RESULTS_NAME.match(path.name)
        named = match["plan"] if match and match["plan"] in plan_ids else None
        close = [named] if named else difflib.get_close_matches(self.report.plan, plan_ids, n=1, cutoff=0.6)
        hint = f"是不是要寫「{close[0]}」？" if close else "plan 要寫計畫檔的 id（也是計畫檔的檔名，不含 .yaml）。"
        if named:
            hint = f"是不是要寫「{named}」？這個成果檔的檔名是 {path.name}。"
        return self.problem(
            ("plan",),
            f"找不到計畫「{self.report.plan}」",
            f"plans/ 裡要有這份成果回應的計畫檔 {self.report.plan}.yaml",
            hint,
        )

    def year(self, plan: Plan) -> Problem | None:
        if plan.year is None or plan.year == self.report.year:
            return None
        return self.problem(
            ("year",),
            f"年度 {self.report.year} 與計畫「{plan.title}」的年度 {plan.year} 不一致",
            f"成果檔回應的是 {plan.year} 年度的計畫，year 要寫 {plan.year}",
            f"若這是 {self.report.year} 年度的成果，請寫在 {self.report.year} 年度計畫的成果檔。",
        )

    def twice(self, other: str) -> Problem:
        return self.problem(
            ("year",),
            f"計畫「{self.report.plan}」{self.report.year} 年度的成果已經寫在 {other}",
            "一份計畫每個年度只有一個成果檔",
            "把兩個檔案的成果合併到同一個檔案，刪掉另一個。",
        )

    def items(self, outline: PlanOutline) -> list[Problem]:
        """Each result names one item of the plan, and no item is answered twice; then the items no
        result answers, in one warning."""
        found: list[Problem] = []
        answered: dict[tuple[str | int, ...], int] = {}
        for index, result in enumerate(self.report.results):
            resolution = outline.resolve(result.item)
            if resolution.item is None:
                found.append(self._unresolved(index, result.item, resolution, outline))
                continue
            first = answered.setdefault(resolution.item.path, index)
            if first != index:
                found.append(
                    self.problem(
                        ("results", index, "item"),
                        f"計畫項目「{outline.place(resolution.item)}」已經在第 {first + 1} 項成果寫過",
                        "每個計畫項目只寫一項成果",
                        "把兩項成果合併成一項（辦理情形、衡量指標、佐證資料都可以寫好幾項）。",
                    )
                )
        if not found:
            warning = self._missing(outline, {outline.by_path[path] for path in answered})
            found += [warning] if warning else []
        return found

    def _unresolved(self, index: int, reference: str, resolution: Resolution, outline: PlanOutline) -> Problem:
        path = ("results", index, "item")
        example = "例如 肆、一、(二)、1：章節、要項、重點、步驟的編號，中間用「、」隔開"
        if resolution.problem == "unreadable":
            return self.problem(
                path,
                f"看不懂計畫項目「{reference}」",
                f"照計畫的編號寫，{example}",
                "沒有編號的項目寫它是第幾列（表格）或第幾項（清單），例如 肆、四、(二)、第1列。",
            )
        if resolution.problem == "technical":
            return self.problem(
                path,
                f"「{reference}」不是計畫裡的一個項目",
                "技術路徑要指到一個章節、清單項目或表格的列",
                "建議改用計畫的編號，例如 肆、一、(二)、1。",
            )
        reached = outline.place(resolution.reached) if resolution.reached else ""
        shown = "；".join(_named(outline, item) for item in nearest(resolution, resolution.step))
        if resolution.problem == "ambiguous":
            return self.problem(
                path,
                f"「{reached}」底下有 {len(resolution.candidates)} 個「{resolution.step}」",
                "計畫項目要指出唯一的一項",
                f"原文的編號重複了：改用它的位置，{shown}。",
            )
        where = f"「{reached}」底下" if reached else "這份計畫"
        return self.problem(
            path,
            f"計畫裡沒有「{reference.strip()}」這個項目：{where}沒有「{resolution.step}」",
            "要寫計畫裡有的項目，照計畫的編號",
            f"最接近的項目：{shown}。" if shown else "請對照計畫頁的編號。",
        )

    def _missing(self, outline: PlanOutline, answered: set[PlanItem]) -> Problem | None:
        groups = missing_items(outline, answered)
        if not groups:
            return None
        count = sum(n for _, n in groups)
        named = [f"{outline.place(node)}（{n} 項）" if n > 1 else outline.place(node) for node, n in groups[:SHOWN_MISSING]]
        more = f"，以及另外 {len(groups) - SHOWN_MISSING} 處" if len(groups) > SHOWN_MISSING else ""
        line, column = self.located.key_position(("results",))
        return Problem(
            self.name,
            line,
            column,
            "results",
            f"計畫有 {count} 個項目沒有列出成果：{'；'.join(named)}{more}",
            "",
            "成果頁會把它們列為「未列成果」；已經辦理的項目，請在 results 加一項，item 寫它的編號。",
            Severity.warning,
            where="各項成果",
        )


def _named(outline: PlanOutline, item: PlanItem) -> str:
    text = " ".join(item.text.split())
    return f"{outline.place(item)}（{text[:16]}{'…' if len(text) > 16 else ''}）" if text else outline.place(item)


def covered(outline: PlanOutline, answered: set[PlanItem]) -> set[PlanItem]:
    """The expected items a result answers: itself, or an item above it."""
    return {leaf for leaf in outline.expected() if leaf in answered or any(a in answered for a in leaf.ancestors())}


def missing_items(outline: PlanOutline, answered: set[PlanItem]) -> list[tuple[PlanItem, int]]:
    """The expected items without a result, the whole of an item named once: (item, how many expected items)."""
    done = covered(outline, answered)
    expected = outline.expected()
    under: dict[PlanItem, list[PlanItem]] = {}
    for leaf in expected:
        for node in [*leaf.ancestors()[1:], leaf]:
            under.setdefault(node, []).append(leaf)
    groups: list[tuple[PlanItem, int]] = []
    named: set[PlanItem] = set()
    for leaf in expected:
        if leaf in done or leaf in named:
            continue
        top = next(node for node in [*leaf.ancestors()[1:], leaf] if all(x not in done for x in under[node]))
        groups.append((top, len(under[top])))
        named.update(under[top])
    return groups
