"""Load plan files: YAML → located data → validated ``Plan``, or located problems.

``load_directory`` reads a whole plans folder, reporting every problem of every file in one run,
duplicate plan ids and one agency id used with two names included; the results files in it
(``<plan-id>.results.yaml``, ``results_load``) are checked against their plans and travel with them.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..cache import FileCache, code_digest, hashed
from ..workers import WorkerLost, in_workers
from . import glyphs, model
from .consistency import check_plan
from .input_bounds import too_large
from .messages import problems_from_errors
from .places import describe, field_title
from .problems import PlanError, Problem, Severity, besides, errors
from .results_load import SourcedResults, is_results_file, load_results
from .results_model import ResultsReport
from .review import review
from .yaml_positions import YAML_LIBRARIES, Located, load_located, not_fields, parse_path

PLAN_SUFFIXES = (".yaml", ".yml")  # in any case: .YAML is a plan too


class SourcedPlan:
    """A valid plan, the file it came from, and its results reports (one a year, oldest first).

    A plan read back from the checked-plan cache (``plan_json``) is validated when ``plan`` is first
    used: a rebuild whose pages are stored needs only what ``id``, ``title``, ``draft`` and
    ``agency`` say, and 1,000 plans take a second to validate."""

    __slots__ = ("_fields", "_json", "_plan", "known_digest", "path", "results")

    def __init__(
        self,
        plan: model.Plan | None,
        path: Path,
        results: tuple[SourcedResults, ...] = (),
        *,
        known_digest: str = "",
        plan_json: str = "",
    ) -> None:
        if plan is None and not plan_json:
            raise ValueError("a plan or its JSON")
        self._plan, self._json, self.path, self.results, self.known_digest = plan, plan_json, path, results, known_digest
        self._fields: dict[str, Any] | None = None

    def with_results(self, results: tuple[SourcedResults, ...]) -> SourcedPlan:
        return SourcedPlan(self._plan, self.path, results, known_digest=self.known_digest, plan_json=self._json)

    @property
    def plan(self) -> model.Plan:
        if self._plan is None:
            self._plan = model.Plan.model_validate_json(self._json)
        return self._plan

    @property
    def digest(self) -> str:
        """A digest of the plan as validated (what every output is made from)."""
        return self.known_digest or plan_digest(self._json or self.plan.model_dump_json())

    def _field(self, name: str) -> Any:
        if self._plan is not None:
            return getattr(self._plan, name)
        if self._fields is None:
            self._fields = json.loads(self._json)
        return self._fields[name]

    @property
    def id(self) -> str:
        return str(self._field("id"))

    @property
    def title(self) -> str:
        return str(self._field("title"))

    @property
    def draft(self) -> bool:
        return bool(self._field("draft"))

    @property
    def agency(self) -> model.Agency:
        agency = self._field("agency")
        return agency if isinstance(agency, model.Agency) else model.Agency.model_validate_json(json.dumps(agency))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SourcedPlan) and (self.plan, self.path, self.results) == (other.plan, other.path, other.results)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"SourcedPlan(plan={self.plan!r}, path={self.path!r}, results={self.results!r})"


class _Plans(Mapping[str, model.Plan]):
    """The plans by id, each validated only when looked up (``SourcedPlan``)."""

    def __init__(self, plans: Iterable[SourcedPlan]) -> None:
        self._by_id = {sourced.id: sourced for sourced in plans}

    def __getitem__(self, plan_id: str) -> model.Plan:
        return self._by_id[plan_id].plan

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)


def plan_digest(plan_json: str) -> str:
    return hashed(plan_json)


def results_digest(plan_key: str, report: ResultsReport) -> str:
    """A digest of a results report with the plan it answers (``plan_key``: that plan's digest)."""
    return hashed(plan_key, report.model_dump_json())


def scan_plans_dir(plans_dir: Path, root: Path | None = None) -> tuple[list[Path], list[Problem]]:
    """The plan files of a plans folder, and a warning for every other entry that will not be
    published: other files, subfolders, links that lead out of the project or nowhere, pipes and
    devices. Hidden files (a leading dot, macOS's ``._name`` included) are skipped in silence."""
    project = (root or plans_dir.parent).resolve()
    plans: list[Path] = []
    problems: list[Problem] = []
    for path in sorted(plans_dir.iterdir()):
        if path.name.startswith("."):
            continue
        why = _not_published(path, project)
        if why is None:
            plans.append(path)
        else:
            problems.append(Problem(_display(path, root), 0, 0, "", "這個檔案不會被發布", why[0], why[1], Severity.warning))
    return plans, problems


def _not_published(path: Path, project: Path) -> tuple[str, str] | None:
    """Why an entry of the plans folder is not a plan: (what a plan file is, a hint); None for a plan."""
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):  # RuntimeError: a loop of links (Python before 3.13)
            return (
                "捷徑（符號連結）要指向存在的計畫檔",
                "這個連結指向不存在的檔案，或繞成一圈；請刪除它，或把計畫檔本身放進這個資料夾。",
            )
        if not target.is_relative_to(project):
            return (
                "計畫檔要放在專案資料夾裡",
                f"這個連結指向專案以外的 {target}；請把計畫檔複製進 plans/，別人取得專案時才會有同一份內容。",
            )
    if path.is_dir():
        return (
            "計畫檔要直接放在計畫資料夾裡，子資料夾裡的檔案不會讀取",
            "把計畫檔移到上一層；舊的計畫請移到計畫資料夾以外的地方保存。",
        )
    if not path.is_file():
        return "計畫檔要是一般檔案", "這是具名管道、裝置或其他特殊檔案，不是計畫檔；請把它移出這個資料夾。"
    if path.suffix.lower() in PLAN_SUFFIXES:
        return None
    stem = path.name[: -len(path.suffix)]
    if path.name.endswith(("~", ".bak", ".orig", ".swp")):
        hint = "這看起來是編輯器留下的備份檔，可以刪除，或移出這個資料夾。"
    elif stem.lower().endswith(PLAN_SUFFIXES):  # x.yaml.txt: saved by Notepad as a text file
        hint = f"記事本存檔時自動加上了「{path.suffix}」：把檔名改成 {stem}（存檔時「存檔類型」選「所有檔案」）。"
    else:
        hint = "若這是計畫檔，把副檔名改成 .yaml；若不是，請把它移出這個資料夾。"
    return "計畫檔的副檔名要是 .yaml 或 .yml", hint


def _display(path: Path, root: Path | None) -> str:
    return str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)


def load_directory(
    plans_dir: Path, root: Path | None = None, cache: FileCache | None = None, checked: FileCache | None = None
) -> tuple[list[SourcedPlan], list[Problem]]:
    """Every valid plan in a folder and every problem found (``root``: file names are shown relative to
    it); ``cache`` and ``checked``: see ``load_plans``."""
    if not plans_dir.is_dir():
        problem = Problem(
            str(plans_dir),
            0,
            0,
            "",
            "找不到計畫資料夾",
            "應該有一個放 .yaml 計畫檔的資料夾",
            "確認 mkdocs.yml 的 plans_dir 設定。",
        )
        return [], [problem]
    paths, skipped = scan_plans_dir(plans_dir, root)
    results_paths = [p for p in paths if is_results_file(p)]
    plan_paths = [p for p in paths if not is_results_file(p)]
    plans, problems = load_plans(plan_paths, root, cache, checked)
    stems = {p.name[: -len(p.suffix)] for p in plan_paths}
    results, results_problems = load_results(results_paths, _Plans(plans), stems, root, cache)
    return with_results(plans, results), [*skipped, *problems, *results_problems]


def with_results(plans: list[SourcedPlan], results: list[SourcedResults]) -> list[SourcedPlan]:
    """Each plan with its results reports, oldest year first."""
    by_plan: dict[str, list[SourcedResults]] = {}
    for sourced in results:
        by_plan.setdefault(sourced.results.plan.id, []).append(sourced)
    return [
        p.with_results(tuple(sorted(by_plan.get(p.id, []), key=lambda r: r.results.year))) if p.id in by_plan else p
        for p in plans
    ]


def load_plan_file(path: str | Path) -> model.Plan:
    """Load one plan; raise ``PlanError`` with every problem if it is not valid."""
    plan, problems = load_plan(Path(path))
    if plan is None or errors(problems):
        raise PlanError(problems)
    return plan


def load_plan(path: Path, display: str | None = None, cache: FileCache | None = None) -> tuple[model.Plan | None, list[Problem]]:
    plan, problems, _ = _load(path, display or str(path), cache)
    return plan, problems


def parse_plan(raw: bytes, name: str) -> tuple[model.Plan | None, list[Problem]]:
    located = load_located(raw, name)
    plan, problems = _parse_located(located, name)
    return plan, [*problems, *review(plan, located, raw, name)]


def _load(path: Path, name: str, cache: FileCache | None) -> tuple[model.Plan | None, list[Problem], Located | None]:
    try:
        refused = too_large(path.stat().st_size, name)
        if refused:
            return None, [refused], None
        raw = path.read_bytes()
    except OSError as exc:
        problem = Problem(name, 0, 0, "", f"無法讀取檔案（{exc.strerror}）", "可讀取的 YAML 檔", "確認檔案存在且有讀取權限。")
        return None, [problem], None
    located = load_located(raw, name, cache)
    plan, problems = _parse_located(located, name)
    return plan, [*problems, *review(plan, located, raw, name)], located


def _parse_located(located: Located, name: str) -> tuple[model.Plan | None, list[Problem]]:
    plan, problems = _validate(located, name)
    return plan, [_with_place(p, located) for p in problems]


def _with_place(problem: Problem, located: Located) -> Problem:
    """Say where a problem is the way a person counts, when its check did not."""
    if problem.where or not problem.field or not isinstance(located.data, dict):
        return problem
    return problem.located(describe(parse_path(problem.field), located.data))


def _validate(located: Located, name: str) -> tuple[model.Plan | None, list[Problem]]:
    """The plan and every problem: the model is checked too when the YAML could be read despite
    its slips (they were mended to read on), so one run lists all of a file's problems."""
    refused = not_fields(
        located, name, "最上層要是 id:、title:、agency:、sections: 等欄位", "可複製 plans/ 裡其他計畫檔當作範本。"
    )
    if refused is not None:
        return None, refused
    problems = list(located.problems)
    if "results" in located.data and "plan" in located.data and "sections" not in located.data:
        problems.append(_results_read_as_plan(located, name))
        return None, problems
    try:
        fields = {k: v for k, v in located.data.items() if k != "$schema"}  # which schema the file follows
        plan = model.Plan.model_validate_json(json.dumps(fields, ensure_ascii=False))
    except ValidationError as exc:
        problems.extend(besides(problems, problems_from_errors(exc.errors(), located, name)))
        return None, problems
    problems.extend(besides(problems, check_plan(plan, located, name)))
    return plan, problems


def _results_read_as_plan(located: Located, name: str) -> Problem:
    """A results file read as a plan (its name does not end in .results.yaml, or it was given alone)."""
    plan_id = located.data.get("plan")
    stem = plan_id if isinstance(plan_id, str) and plan_id.strip() else "計畫代號"
    if is_results_file(Path(name)):
        return Problem(
            name,
            1,
            1,
            "",
            "這是執行成果檔，不是計畫檔",
            "成果檔和它回應的計畫一起檢查",
            "用 plansite validate（或 make validate）檢查整個計畫資料夾。",
        )
    return Problem(
        name,
        1,
        1,
        "",
        "這個檔案看起來是執行成果檔（有 plan: 與 results:），不是計畫檔",
        "成果檔的檔名是計畫代號加上 .results.yaml",
        f"把檔名改成 {stem}.results.yaml（沒有年度的計畫：{stem}.results-年度.yaml）。",
    )


def load_plans(
    paths: Iterable[Path], root: Path | None = None, cache: FileCache | None = None, checked: FileCache | None = None
) -> tuple[list[SourcedPlan], list[Problem]]:
    """Load every file; report every problem of every file, and duplicate ids.

    ``cache`` keeps the composed YAML of each file (by content); ``checked`` each file's plan as
    validated and its problems (by content, name, code, installed fonts and date: ``checked_key``),
    so a rebuild reads an unchanged file without parsing or checking it again."""
    shown = {path: _display(path, root) for path in sorted(paths)}
    keys = {path: _file_key(path, name) for path, name in shown.items()} if checked is not None else {}
    if checked is not None:
        _check_ahead([(path, name, keys[path]) for path, name in shown.items()], cache, checked)
    plans: list[SourcedPlan] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    agencies: dict[str, tuple[model.Agency, str]] = {}  # agency id → (first seen, in which file)
    for path, display in shown.items():
        plan, found, located = _load_checked(path, display, cache, checked, keys.get(path, ""))
        problems.extend(found)
        if plan is None or errors(found):
            continue

        def located_of(path: Path = path, display: str = display, located: Located | None = located) -> Located:
            """The file's positions, read only to say where a clash is."""
            return located or load_located(path.read_bytes(), display, cache)

        clash = (
            _id_is_not_file_name(plan, located_of, path, display)
            or _duplicate_id(plan, located_of, display, seen)
            or _agency_clash(plan, located_of, display, agencies)
        )
        if clash:
            problems.append(clash)
            continue
        seen[plan.id.lower()] = display
        plans.append(plan)
    return plans, problems


LOAD_LIBRARIES = (*YAML_LIBRARIES, "pydantic", "pydantic-core")


def checked_key(raw: bytes, name: str) -> str:
    """What a file's checked plan and problems depend on: its bytes and name, this package's code and
    its libraries, the installed fonts (a character must be printable) and today (a change note
    dated in the future)."""
    return hashed(code_digest(LOAD_LIBRARIES), glyphs.fonts_fingerprint(), dt.date.today().isoformat(), name, raw)


def _file_key(path: Path, name: str) -> str:
    """A file's ``checked_key``, or "" when it cannot be read or is too large (``_load`` then says why)."""
    try:
        raw = path.read_bytes() if not too_large(path.stat().st_size, name) else b""
    except OSError:
        raw = b""
    return checked_key(raw, name) if raw else ""


def _load_checked(
    path: Path, name: str, cache: FileCache | None, checked: FileCache | None, key: str
) -> tuple[SourcedPlan | None, list[Problem], Located | None]:
    """``_load``, from ``checked`` when the file was checked before, under ``key`` (``_file_key``;
    its plan then validated when first used: ``SourcedPlan``)."""
    if checked is None:
        plan, problems, located = _load(path, name, cache)
        return (SourcedPlan(plan, path) if plan else None), problems, located
    stored = checked.get(key) if key else None
    if stored is not None:
        entry = json.loads(stored)
        plan_json = entry["plan"]
        sourced = (
            SourcedPlan(None, path, known_digest=plan_digest(plan_json), plan_json=plan_json) if plan_json is not None else None
        )
        return sourced, [_problem(p) for p in entry["problems"]], None
    plan, problems, located = _load(path, name, cache)
    plan_json = plan.model_dump_json() if plan is not None else None
    if key:
        entry_json = {"plan": plan_json, "problems": [asdict(p) for p in problems]}
        checked.put(key, json.dumps(entry_json, ensure_ascii=False).encode("utf-8"))
    sourced = SourcedPlan(plan, path, known_digest=plan_digest(plan_json)) if plan is not None and plan_json is not None else None
    return sourced, problems, located


CHECK_AHEAD = 16  # files not checked before from which checking them in worker processes pays


_Unchecked = tuple[Path, str, str, FileCache | None, FileCache]  # a file, its name, its key, the two caches


def _check_ahead(files: list[tuple[Path, str, str]], cache: FileCache | None, checked: FileCache) -> None:
    """Check the files (path, name, ``_file_key``) not checked before (a first build, a new day, new
    code) in worker processes, one per CPU core, filling ``checked``: the build then reads every one of
    them from it. Loading and checking is about 25 ms a file, 25 s for 1,000 plans in one process. Only
    an aid: a worker lost, or a cache that cannot be written, leaves the files to this process."""
    workers = os.cpu_count() or 1
    unchecked = [(path, name, key, cache, checked) for path, name, key in files if key and not checked.has(key)]
    if workers < 2 or len(unchecked) < CHECK_AHEAD or not checked.writable:
        return
    try:
        for _ in in_workers(_check_file, unchecked, workers, lambda _: ""):  # lost: caught below, never shown
            pass
    except WorkerLost:
        return


def _check_file(item: _Unchecked) -> None:
    """In a worker: check one file into the ``checked`` cache (the build tells of a cache it cannot write)."""
    path, name, key, cache, checked = item
    if multiprocessing.parent_process() is not None:
        logging.getLogger("plansite.cache").disabled = True
    _load_checked(path, name, cache, checked, key)


def _problem(stored: dict[str, Any]) -> Problem:
    return Problem(**{**stored, "severity": Severity(stored["severity"])})


def _id_is_not_file_name(plan: SourcedPlan, located_of: Callable[[], Located], path: Path, display: str) -> Problem | None:
    """The id is the page's address and the file its source: the two must agree."""
    stem = path.name[: -len(path.suffix)]
    if plan.id == stem:
        return None
    located = located_of()
    namesakes = (path.with_name(plan.id + suffix) for suffix in PLAN_SUFFIXES)
    original = next((other for other in namesakes if other.exists()), None)
    if original is not None:  # a copy of another plan whose id was not changed: renaming it would clash
        hint = f"這個檔案看起來是從 {original.name} 複製來的：請把 id 改成 {stem}（和檔名相同）。"
    else:
        hint = f"把檔名改成 {plan.id}{path.suffix.lower()}；或把 id 改成檔名（檔名要用小寫英文、數字與連字號）。"
    return Problem(
        display,
        *located.position(("id",)),
        "id",
        f"計畫代號「{plan.id}」與檔名「{path.name}」不一致",
        "計畫代號要和檔名（去掉 .yaml）完全相同",
        hint,
        where=describe(("id",), located.data),
    )


def _duplicate_id(plan: SourcedPlan, located_of: Callable[[], Located], display: str, seen: dict[str, str]) -> Problem | None:
    other = seen.get(plan.id.lower())
    if other is None:
        return None
    located = located_of()
    return Problem(
        display,
        *located.key_position(("id",)),
        "id",
        f"計畫代號「{plan.id}」與 {other} 重複",
        "每個計畫的代號必須不同",
        "若兩個檔案是同一份計畫，刪掉其中一個；若是不同的計畫（例如另一年度），把這個檔案改名並把 id 改成同樣的新代號。",
        where=describe(("id",), located.data),
    )


def _agency_clash(
    plan: SourcedPlan, located_of: Callable[[], Located], display: str, agencies: dict[str, tuple[model.Agency, str]]
) -> Problem | None:
    first, where = agencies.setdefault(plan.agency.id, (plan.agency, display))
    if first == plan.agency:
        return None
    located = located_of()
    field = next(f for f in ("name", "city", "type") if getattr(first, f) != getattr(plan.agency, f))
    return Problem(
        display,
        *located.position(("agency", field)),
        f"agency.{field}",
        f"機關代號「{plan.agency.id}」在 {where} 的{field_title(model.Agency, field)}是「{_shown(getattr(first, field))}」，"
        f"這裡卻是「{_shown(getattr(plan.agency, field))}」",
        "同一個機關代號的名稱、縣市與類型必須一致（同一機關的計畫會放在同一頁）",
        "若是不同機關，請改用另一個機關代號；若是同一機關，請把兩個檔案改成一樣。",
        where=describe(("agency", field), located.data),
    )


def _shown(value: object) -> str:
    return str(value.value) if isinstance(value, Enum) else str(value)
