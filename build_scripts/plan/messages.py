"""pydantic's validation errors → located problems in Traditional Chinese, in the webmaster's words.

Each kind of pydantic error has a small function in ``_MESSAGES`` that says what is wrong, what
was expected and how to fix it; ``problem_from_error`` finds where in the YAML file the error is.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from . import model
from .problems import Problem
from .yaml_positions import Located, Path, format_path

_KIND = {
    dict: "欄位清單（對應表）",
    list: "清單",
    str: "文字",
    int: "數字",
    float: "數字",
    bool: "是非值（true/false）",
    type(None): "空值",
}

# pydantic's tags of the unions in the model (they are not keys of the YAML file)
_TAGS = {"text", "item", "paragraph", "list", "table", "blocks"}


@dataclass(frozen=True)
class _Error:
    """One pydantic error, seen from the YAML file."""

    path: Path
    value: Any
    context: dict[str, Any]
    located: Located

    @property
    def field(self) -> str:
        return str(self.path[-1]) if self.path and isinstance(self.path[-1], str) else ""

    @property
    def found(self) -> str:
        return _KIND.get(type(self.value), type(self.value).__name__)

    @property
    def parent_model(self) -> type[BaseModel] | None:
        return _model_at(self.path[:-1], self.located.data)


Message = tuple[str, str, str]  # (what is wrong, what was expected, hint)


def problem_from_error(error: Any, located: Located, name: str) -> Problem:
    path = _yaml_path(tuple(error["loc"]), located.data)
    found = _Error(path, error.get("input"), error.get("ctx") or {}, located)
    kind = str(error["type"])
    explain = _MESSAGES.get(kind) or (_date if kind.startswith(("date", "datetime")) else None)
    message, expected, hint = (
        explain(found) if explain else (f"內容不正確（{error['msg']}）", "請對照 schema/plan.schema.json 檢查這個欄位", "")
    )
    line, column = located.key_position(path)
    return Problem(name, line, column, format_path(path), message, expected, hint)


# --- one function per kind of error --------------------------------------------------------


def _missing(e: _Error) -> Message:
    return f"缺少必填欄位「{e.field}」", "這個欄位一定要填", _describe(e.parent_model, e.field)


def _unknown_field(e: _Error) -> Message:
    parent = e.parent_model
    allowed = list(parent.model_fields) if parent else []
    close = difflib.get_close_matches(e.field, allowed, n=1, cutoff=0.5)
    hint = f"是不是要寫「{close[0]}」？" if close else "拼錯的欄位會讓內容不見，請檢查拼字。"
    return f"不認得的欄位「{e.field}」", "可用的欄位：" + "、".join(allowed), hint


def _not_text(e: _Error) -> Message:
    value, hint = e.value, ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        hint = f'數字會被當成數值（開頭的 0 會消失）；文號、代號等請加引號，例如 "{value}"。'
    elif isinstance(value, bool):
        hint = "true/false 會被當成是非值；要寫文字請加引號。"
    elif isinstance(value, list):
        hint = "這裡只能放一段文字；若要分項，請改用 items 清單。"
    elif isinstance(value, dict):
        hint = "這裡只能放一段文字；含有「: 」的文字請整段加引號。"
    return f"這裡是{e.found}", "應該是文字", hint


def _not_integer(e: _Error) -> Message:
    return f"這裡是{e.found}「{_short(e.value)}」", "應該是整數", "例如民國年度寫 114，不寫「114年」。"


def _date(e: _Error) -> Message:
    return (
        f"「{_short(e.value)}」不是有效的日期",
        "應該是存在的西元日期，格式 YYYY-MM-DD",
        "民國年加 1911 就是西元年，例如 113年2月29日 寫成 2024-02-29；請確認該日期存在。",
    )


def _not_allowed_value(e: _Error) -> Message:
    options = e.context.get("expected", "")
    choices = [o.strip(" '") for o in str(options).replace(" or ", ",").split(",")]
    close = difflib.get_close_matches(str(e.value), choices, n=1, cutoff=0.3)
    hint = f"是不是要寫「{close[0]}」？" if close else ""
    return f"「{_short(e.value)}」不是可用的值", f"可用的值：{options}", hint


def _bad_slug(e: _Error) -> Message:
    return (
        f"「{_short(e.value)}」不能當代號",
        "只能用小寫英文字母、數字與連字號（-），開頭與結尾不能是連字號",
        "代號會成為網址與檔名，例如 kaohsiung-cijin-114。",
    )


def _not_list(e: _Error) -> Message:
    return f"這裡是{e.found}", "應該是清單（每一項以「- 」開頭）", ""


def _not_mapping(e: _Error) -> Message:
    return f"這裡是{e.found}", "應該是欄位清單（欄位名: 值）", "檢查縮排：子欄位要比上一層多縮排兩個空白。"


def _too_few(e: _Error) -> Message:
    return "內容太少", f"至少要有 {e.context.get('min_length', 1)} 項", ""


def _too_many(e: _Error) -> Message:
    return "內容太多", f"最多 {e.context.get('max_length')} 項", ""


def _empty_text(e: _Error) -> Message:
    return "文字是空的", "應該有文字", "不需要的欄位可以整行刪除。"


def _text_too_long(e: _Error) -> Message:
    return "文字太長", f"最多 {e.context.get('max_length')} 個字", ""


def _out_of_range(e: _Error) -> Message:
    ctx = e.context
    bound = ctx.get("ge", ctx.get("gt", ctx.get("le", ctx.get("lt"))))
    at_least = "ge" in ctx or "gt" in ctx
    return f"數值 {_short(e.value)} 超出範圍", f"應該{'至少' if at_least else '最多'}是 {bound}", ""


def _model_rule(e: _Error) -> Message:
    code = str(e.context.get("error", ""))
    return _VALUE_ERRORS.get(code, (f"內容不正確（{code}）", "請檢查這個欄位", ""))


_MESSAGES: dict[str, Callable[[_Error], Message]] = {
    "missing": _missing,
    "extra_forbidden": _unknown_field,
    "string_type": _not_text,
    "int_type": _not_integer,
    "int_parsing": _not_integer,
    "int_from_float": _not_integer,
    "enum": _not_allowed_value,
    "string_pattern_mismatch": _bad_slug,
    "list_type": _not_list,
    "model_type": _not_mapping,
    "dict_type": _not_mapping,
    "model_attributes_type": _not_mapping,
    "too_short": _too_few,
    "too_long": _too_many,
    "string_too_short": _empty_text,
    "string_too_long": _text_too_long,
    "greater_than_equal": _out_of_range,
    "greater_than": _out_of_range,
    "less_than_equal": _out_of_range,
    "less_than": _out_of_range,
    "value_error": _model_rule,
}

# The model's own rules (``raise ValueError(code)`` in ``model``).
_VALUE_ERRORS: dict[str, Message] = {
    "blank_text": ("文字只有空白", "應該有文字", "不需要的欄位可以整行刪除。"),
    "empty_document": ("文件沒有名稱、文號或日期", "至少要有 title、number 或 date 其中一項", ""),
    "empty_item": ("項目是空的", "項目要有 text 或 items", ""),
    "empty_section": ("章節是空的", "章節要有 heading 或 blocks", ""),
    "reserved_id": (
        "「index」是保留字，不能當計畫代號",
        "計畫代號會成為網址，index 是機關頁自己的網址",
        "例如改成 kaohsiung-cijin-114。",
    ),
    "bad_link": (
        "這不是可以使用的連結網址",
        "只接受 https://、http://、mailto: 或 tel: 開頭的完整網址",
        "例如 https://www.kcg.gov.tw/、mailto:service@example.gov.tw、tel:07-5713121；javascript: 等其他網址不能使用。",
    ),
}


# --- where the error is -----------------------------------------------------------------------


def _yaml_path(loc: tuple[Any, ...], data: Any) -> Path:
    """Drop pydantic's union tags from an error location, keeping real keys and indexes."""
    path: list[str | int] = []
    for part in loc:
        if (isinstance(data, dict) and part in data) or (isinstance(data, list) and isinstance(part, int) and part < len(data)):
            path.append(part)
            data = data[part]
        elif isinstance(part, str) and not isinstance(data, (dict, list)):
            continue  # a tag on a scalar
        elif isinstance(data, (dict, list)) and isinstance(part, str) and part in _TAGS:
            continue
        else:
            path.append(part)  # a missing or unknown field
            data = None
    return tuple(path)


# Which model validates the value of a field: a model class, [something] for a list of it, or the
# name of a union resolved by the value ("block", "item", "column", "cell").
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


def _model_at(path: Path, data: Any) -> type[BaseModel] | None:
    """The model class that validates the mapping at ``path`` (for hints)."""
    current: Any = model.Plan
    value: Any = data
    for part in path:
        value = _child(value, part)
        current = _field_model(current, part, value)
        if current is None:
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _child(value: Any, part: str | int) -> Any:
    """value[part] when value is a mapping or list that has it, else None."""
    if isinstance(value, dict):
        return value.get(part)
    if isinstance(value, list) and isinstance(part, int) and part < len(value):
        return value[part]
    return None


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


def _describe(parent: type[BaseModel] | None, field_name: str) -> str:
    if parent is None or field_name not in parent.model_fields:
        return ""
    info = parent.model_fields[field_name]
    return "：".join(p for p in (info.title, info.description) if p)


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "…"
