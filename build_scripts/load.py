"""Load plan files: YAML → located data → validated ``Plan``, or located problems."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import model
from .checks import check_plan
from .cache import FileCache
from .located import Located, format_path, load_located
from .problems import Problem, PlanError, errors


@dataclass(frozen=True)
class SourcedPlan:
    """A valid plan and the file it came from."""

    plan: model.Plan
    path: Path


def load_plan_file(path: str | Path) -> model.Plan:
    """Load one plan; raise ``PlanError`` with every problem if it is not valid."""
    plan, problems = load_plan(Path(path))
    if plan is None or errors(problems):
        raise PlanError(problems)
    return plan


def load_plan(path: Path, display: str | None = None, cache: FileCache | None = None) -> tuple[model.Plan | None, list[Problem]]:
    plan, problems, _ = _load(path, display or str(path), cache)
    return plan, problems


def _load(path: Path, name: str, cache: FileCache | None) -> tuple[model.Plan | None, list[Problem], Located | None]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(name, 0, 0, "", f"無法讀取檔案（{exc.strerror}）", "可讀取的 YAML 檔", "確認檔案存在且有讀取權限。")], None
    located = load_located(raw, name, cache)
    return (*_parse_located(located, name), located)


def parse_plan(raw: bytes, name: str) -> tuple[model.Plan | None, list[Problem]]:
    return _parse_located(load_located(raw, name), name)


def _parse_located(located: Located, name: str) -> tuple[model.Plan | None, list[Problem]]:
    problems = list(located.problems)
    if errors(problems):
        return None, problems
    if not isinstance(located.data, dict):
        problems.append(
            Problem(name, 1, 1, "", "檔案最上層不是欄位清單", "最上層要是 id:、title:、agency:、sections: 等欄位", "可複製 plans/ 裡其他計畫檔當作範本。")
        )
        return None, problems
    try:
        plan = model.Plan.model_validate_json(json.dumps(located.data, ensure_ascii=False))
    except ValidationError as exc:
        problems.extend(_problem(error, located, name) for error in exc.errors())
        return None, problems
    problems.extend(check_plan(plan, located, name))
    return plan, problems


def load_plans(
    paths: Iterable[Path], root: Path | None = None, cache: FileCache | None = None
) -> tuple[list[SourcedPlan], list[Problem]]:
    """Load every file; report every problem of every file, and duplicate ids.

    ``cache`` keeps the composed YAML of each file (by content), which makes rebuilds faster."""
    plans: list[SourcedPlan] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    agencies: dict[str, tuple[model.Agency, str]] = {}  # agency id → (first seen, in which file)
    for path in sorted(paths):
        display = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
        plan, found, located = _load(path, display, cache)
        problems.extend(found)
        if plan is None or errors(found):
            continue
        key = plan.id.lower()
        if key in seen:
            problems.append(
                Problem(
                    display,
                    *(located.key_position(("id",)) if located else (1, 1)),
                    "id",
                    f"計畫代號「{plan.id}」與 {seen[key]} 重複",
                    "每個計畫的代號必須不同",
                    "改用另一個代號，例如在後面加上年度：" + f"{plan.id}-{plan.year or 'xxx'}",
                )
            )
            continue
        first = agencies.setdefault(plan.agency.id, (plan.agency, display))
        if first[0] != plan.agency:
            field = next(f for f in ("name", "city", "type") if getattr(first[0], f) != getattr(plan.agency, f))
            problems.append(
                Problem(
                    display,
                    *(located.position(("agency", field)) if located else (1, 1)),
                    f"agency.{field}",
                    f"機關代號「{plan.agency.id}」在 {first[1]} 的 {field} 是「{_shown(getattr(first[0], field))}」，這裡卻是「{_shown(getattr(plan.agency, field))}」",
                    "同一個機關代號的名稱、縣市與類型必須一致（同一機關的計畫會放在同一頁）",
                    "若是不同機關，請改用另一個機關代號；若是同一機關，請把兩個檔案改成一樣。",
                )
            )
            continue
        seen[key] = display
        plans.append(SourcedPlan(plan, path))
    return plans, problems


def _shown(value: object) -> str:
    return str(value.value) if isinstance(value, Enum) else str(value)


# --- pydantic errors → Traditional Chinese messages -------------------------

_KIND = {dict: "欄位清單（對應表）", list: "清單", str: "文字", int: "數字", float: "數字", bool: "是非值（true/false）", type(None): "空值"}


def _yaml_path(loc: tuple[Any, ...], data: Any) -> tuple[str | int, ...]:
    """Drop pydantic's union tags from an error location, keeping real keys and indexes."""
    path: list[str | int] = []
    for part in loc:
        if isinstance(data, dict) and part in data:
            path.append(part)
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            path.append(part)
            data = data[part]
        elif isinstance(part, str) and not isinstance(data, (dict, list)):
            continue  # a tag on a scalar
        elif isinstance(data, dict) and isinstance(part, str) and part in _TAGS:
            continue
        elif isinstance(data, list) and part in _TAGS:
            continue
        else:
            path.append(part)  # a missing or unknown field
            data = None
    return tuple(path)


_TAGS = {"text", "item", "paragraph", "list", "table", "blocks"}


def _model_at(path: tuple[str | int, ...], data: Any) -> type[BaseModel] | None:
    """The model class that validates the mapping at ``path`` (for hints)."""
    current: Any = model.Plan
    value: Any = data
    for part in path:
        value = value[part] if isinstance(value, (dict, list)) and _has(value, part) else None
        current = _field_model(current, part, value)
        if current is None:
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _has(container: Any, part: Any) -> bool:
    return part in container if isinstance(container, dict) else isinstance(part, int) and part < len(container)


_FIELD_MODELS: dict[tuple[str, str], Any] = {
    ("Plan", "agency"): model.Agency,
    ("Plan", "basis"): [model.DocumentRef],
    ("Plan", "issued"): model.DocumentRef,
    ("Plan", "sections"): [model.Section],
    ("Section", "blocks"): ["block"],
    ("Item", "items"): ["item"],
    ("ListBlock", "items"): ["item"],
    ("Table", "columns"): ["column"],
    ("Table", "rows"): [model.Row],
    ("Row", "rows"): [model.Row],
    ("Row", "cell"): "cell",
}


def _field_model(current: Any, part: Any, value: Any) -> Any:
    if isinstance(current, list):  # a list of something: part is an index
        return _resolve(current[0], value)
    if isinstance(current, type):
        return _FIELD_MODELS.get((current.__name__, str(part)))
    return None


def _resolve(kind: Any, value: Any) -> Any:
    if kind == "block":
        if isinstance(value, dict):
            return model.Table if "columns" in value else model.ListBlock
        return None
    if kind == "item":
        return model.Item if isinstance(value, dict) else None
    if kind == "column":
        return model.Column if isinstance(value, dict) else None
    if kind == "cell":
        return ["block"] if isinstance(value, list) else None
    return kind


def _problem(error: Any, located: Located, name: str) -> Problem:
    path = _yaml_path(tuple(error["loc"]), located.data)
    kind = error["type"]
    value = error.get("input")
    field_name = str(path[-1]) if path and isinstance(path[-1], str) else ""
    where = format_path(path)
    found = _KIND.get(type(value), type(value).__name__)
    ctx = error.get("ctx") or {}

    def at(message: str, expected: str, hint: str = "") -> Problem:
        line, column = located.key_position(path)
        return Problem(name, line, column, where, message, expected, hint)

    if kind == "missing":
        parent = _model_at(path[:-1], located.data)
        description = _describe(parent, field_name)
        return at(f"缺少必填欄位「{field_name}」", "這個欄位一定要填", description)
    if kind == "extra_forbidden":
        parent = _model_at(path[:-1], located.data)
        allowed = list(parent.model_fields) if parent else []
        close = difflib.get_close_matches(field_name, allowed, n=1, cutoff=0.5)
        hint = f"是不是要寫「{close[0]}」？" if close else "拼錯的欄位會讓內容不見，請檢查拼字。"
        return at(f"不認得的欄位「{field_name}」", "可用的欄位：" + "、".join(allowed), hint)
    if kind in ("string_type",):
        hint = ""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            hint = f"數字會被當成數值（開頭的 0 會消失）；文號、代號等請加引號，例如 \"{value}\"。"
        elif isinstance(value, bool):
            hint = "true/false 會被當成是非值；要寫文字請加引號。"
        elif isinstance(value, list):
            hint = "這裡只能放一段文字；若要分項，請改用 items 清單。"
        elif isinstance(value, dict):
            hint = "這裡只能放一段文字；含有「: 」的文字請整段加引號。"
        return at(f"這裡是{found}", "應該是文字", hint)
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return at(f"這裡是{found}「{_short(value)}」", "應該是整數", "例如民國年度寫 114，不寫「114年」。")
    if kind.startswith("date") or kind.startswith("datetime"):
        return at(
            f"「{_short(value)}」不是有效的日期",
            "應該是存在的西元日期，格式 YYYY-MM-DD",
            "民國年加 1911 就是西元年，例如 113年2月29日 寫成 2024-02-29；請確認該日期存在。",
        )
    if kind == "enum":
        options = ctx.get("expected", "")
        choices = [o.strip(" '") for o in str(options).replace(" or ", ",").split(",")]
        close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.3)
        hint = f"是不是要寫「{close[0]}」？" if close else ""
        return at(f"「{_short(value)}」不是可用的值", f"可用的值：{options}", hint)
    if kind == "string_pattern_mismatch":
        return at(
            f"「{_short(value)}」不能當代號",
            "只能用小寫英文字母、數字與連字號（-），開頭與結尾不能是連字號",
            "代號會成為網址與檔名，例如 kaohsiung-cijin-114。",
        )
    if kind in ("list_type",):
        return at(f"這裡是{found}", "應該是清單（每一項以「- 」開頭）", "")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return at(f"這裡是{found}", "應該是欄位清單（欄位名: 值）", "檢查縮排：子欄位要比上一層多縮排兩個空白。")
    if kind == "too_short":
        return at("內容太少", f"至少要有 {ctx.get('min_length', 1)} 項", "")
    if kind == "too_long":
        return at("內容太多", f"最多 {ctx.get('max_length')} 項", "")
    if kind == "string_too_short":
        return at("文字是空的", "應該有文字", "不需要的欄位可以整行刪除。")
    if kind == "string_too_long":
        return at("文字太長", f"最多 {ctx.get('max_length')} 個字", "")
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = ctx.get("ge", ctx.get("gt", ctx.get("le", ctx.get("lt"))))
        return at(f"數值 {_short(value)} 超出範圍", f"應該{'至少' if kind.startswith('greater') else '最多'}是 {bound}", "")
    if kind == "value_error":
        code = str(ctx.get("error", ""))
        return at(*_VALUE_ERRORS.get(code, (f"內容不正確（{code}）", "請檢查這個欄位", "")))
    return at(f"內容不正確（{error['msg']}）", "請對照 schema/plan.schema.json 檢查這個欄位", "")


_VALUE_ERRORS = {
    "blank_text": ("文字只有空白", "應該有文字", "不需要的欄位可以整行刪除。"),
    "empty_document": ("文件沒有名稱、文號或日期", "至少要有 title、number 或 date 其中一項", ""),
    "empty_item": ("項目是空的", "項目要有 text 或 items", ""),
    "empty_section": ("章節是空的", "章節要有 heading 或 blocks", ""),
    "reserved_id": ("「index」是保留字，不能當計畫代號", "計畫代號會成為網址，index 是機關頁自己的網址", "例如改成 kaohsiung-cijin-114。"),
    "bad_link": (
        "這不是可以使用的連結網址",
        "只接受 https://、http://、mailto: 或 tel: 開頭的完整網址",
        "例如 https://www.kcg.gov.tw/、mailto:service@example.gov.tw、tel:07-5713121；javascript: 等其他網址不能使用。",
    ),
}


def _describe(parent: type[BaseModel] | None, field_name: str) -> str:
    if parent is None or field_name not in parent.model_fields:
        return ""
    info = parent.model_fields[field_name]
    parts = [p for p in (info.title, info.description) if p]
    return "：".join(parts)


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "…"
