"""pydantic's validation errors → located problems in Traditional Chinese, in the webmaster's words.

Each kind of pydantic error has a small function in ``_MESSAGES`` that says what is wrong, what
was expected and how to fix it. ``problems_from_errors`` locates each one in the YAML file, and
says one thing once: a misspelt key is one problem (not also 「缺少必填欄位」), and text that YAML
took for a 「欄位: 值」 pair because of a 「: 」 in it is one problem with the advice to quote it.
"""

from __future__ import annotations

import difflib
import re
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel

from . import model, results_model
from .dates import ROC_OFFSET
from .places import MODEL_NAMES, describe, field_title, model_at
from .problems import Problem
from .yaml_positions import Located, Path, format_path

_KIND = {
    dict: "欄位清單（對應表）",
    list: "清單",
    str: "文字",
    int: "數字",
    float: "數字",
    bool: "true/false（是非值）",
    type(None): "空值",
}

# pydantic's tags of the unions in the model (they are not keys of the YAML file)
_TAGS = {"text", "item", "paragraph", "list", "table", "blocks"}

# What each value of the model's choices means, shown with the allowed values.
_CHOICES: dict[type[Enum], dict[str, str]] = {
    model.SectionKind: {
        "basis": "計畫依據",
        "goals": "計畫目標",
        "targets": "實施對象",
        "content": "計畫內容、實施方式",
        "intro": "業務現況簡介",
        "management": "推動及管考、考核與獎勵",
        "future": "未來努力方向",
        "schedule": "執行期程",
        "other": "其他",
    },
    model.Numbering: {
        "cjk": "一、",
        "cjk-paren": "(一)",
        "decimal": "1.",
        "decimal-comma": "1、",
        "decimal-paren": "(1)",
        "bullet": "●，項目符號",
        "none": "不編號",
    },
}

# The field a webmaster forgot when a mapping was written as bare text: 「- 秘書室」 for 「- cell: 秘書室」.
_MAIN_FIELD = {
    "Row": "cell",
    "Section": "heading",
    "DocumentRef": "title",
    "Link": "title",
    "Column": "label",
    "Result": "item",
    "Measure": "name",
    "Evidence": "title",
}

# A model rule that is about one field: the problem is shown at that field (「延後」 without a reason: at status).
_RULE_FIELDS = {"missing_reason": "status"}

Message = tuple[str, str, str]  # (what is wrong, what was expected, hint)


@dataclass(frozen=True)
class _Error:
    """One pydantic error, seen from the YAML file."""

    kind: str
    path: Path
    value: Any
    context: dict[str, Any]
    located: Located
    root: type[BaseModel] = model.Plan

    @property
    def field(self) -> str:
        return str(self.path[-1]) if self.path and isinstance(self.path[-1], str) else ""

    @property
    def found(self) -> str:
        return _KIND.get(type(self.value), type(self.value).__name__)

    @property
    def parent_model(self) -> type[BaseModel] | None:
        return model_at(self.path[:-1], self.located.data, self.root)

    @property
    def source(self) -> str:
        """The value as written in the file (01130001300, not the number 1130001300)."""
        return self.located.sources.get(self.path, _short(self.value))


def problems_from_errors(
    raw_errors: Iterable[Any], located: Located, name: str, root: type[BaseModel] = model.Plan
) -> list[Problem]:
    """Every pydantic error as a located problem, each slip told once (``root``: the model of the
    whole file, a plan's unless told)."""
    found = [_error(raw, located, root) for raw in raw_errors]
    taken = _text_taken_as_fields(located)
    problems = [_text_taken_problem(path, key, located, name, root) for path, key in taken]
    misspelt = _misspelt_required_fields(found)
    for error in found:
        if any(error.path[: len(path)] == path for path, _ in taken) or (error.kind == "missing" and error.path in misspelt):
            continue
        problems.append(_problem(error, name))
    return problems


def problem_from_error(raw: Any, located: Located, name: str) -> Problem:
    return _problem(_error(raw, located), name)


def _error(raw: Any, located: Located, root: type[BaseModel] = model.Plan) -> _Error:
    path = _yaml_path(tuple(raw["loc"]), located.data)
    context = raw.get("ctx") or {}
    field = _RULE_FIELDS.get(str(context.get("error", ""))) if raw["type"] == "value_error" else None
    if field and isinstance(raw.get("input"), dict) and field in raw["input"]:
        path = (*path, field)
    return _Error(str(raw["type"]), path, raw.get("input"), context, located, root)


def _problem(error: _Error, name: str) -> Problem:
    explain = _MESSAGES.get(error.kind) or (_date if error.kind.startswith(("date", "datetime")) else _unknown)
    message, expected, hint = explain(error)
    line, column = error.located.key_position(error.path)
    where = describe(error.path, error.located.data, error.root)
    return Problem(name, line, column, format_path(error.path), message, expected, hint, where=where)


def _misspelt_required_fields(found: list[_Error]) -> set[Path]:
    """Required fields reported missing because their key is misspelt (「tpye」 for 「type」)."""
    missing = {e.path for e in found if e.kind == "missing"}
    misspelt = set()
    for error in found:
        if error.kind != "extra_forbidden":
            continue
        parent = error.path[:-1]
        names = [str(p[-1]) for p in missing if p[:-1] == parent]
        close = difflib.get_close_matches(error.field, names, n=1, cutoff=0.5)
        if close:
            misspelt.add((*parent, close[0]))
    return misspelt


# --- text that YAML took for a field -----------------------------------------------------------

_HAS_WIDE = re.compile(r"[^\x00-\x7f]")


def _text_taken_as_fields(located: Located) -> list[tuple[Path, str]]:
    """Mappings whose key is text, not a field name: 「- 實施對象: 本所各課室。」 was meant as one paragraph."""
    from .yaml_syntax import field_names

    found: list[tuple[Path, str]] = []

    def walk(value: Any, path: Path) -> None:
        if isinstance(value, dict):
            strange = [k for k in value if k not in field_names() and _HAS_WIDE.search(str(k))]
            if strange:
                found.append((path, strange[0]))
                return
            for key, child in value.items():
                walk(child, (*path, key))
        elif isinstance(value, list):
            for index, child in enumerate(value):
                walk(child, (*path, index))

    walk(located.data, ())
    return found


def _text_taken_problem(path: Path, key: str, located: Located, name: str, root: type[BaseModel] = model.Plan) -> Problem:
    value = located.data
    for part in path:
        value = value[part]
    text = f"{key}: {value[key]}" if len(value) == 1 else key
    line, column = located.key_position((*path, key))
    return Problem(
        name,
        line,
        column,
        format_path(path),
        f"「{_short(text)}」裡有「: 」（冒號加空白），被當成了「欄位: 值」",
        "文字裡的「: 」要放在引號裡",
        f'把整段文字用引號括起來，例如 - "{_short(text)}"；或把冒號改成全形「：」。',
        where=describe(path, located.data, root),
    )


# --- one function per kind of error --------------------------------------------------------


def _missing(e: _Error) -> Message:
    parent = e.parent_model
    description = ""
    if parent is not None and e.field in parent.model_fields:
        info = parent.model_fields[e.field]
        description = "：".join(p for p in (info.title, info.description) if p)
    return f"缺少必填欄位「{e.field}」", "這個欄位一定要填", description


def _unknown_field(e: _Error) -> Message:
    parent = e.parent_model
    allowed = list(parent.model_fields) if parent else []
    if parent is model.Plan and e.field == "results":
        plan_id = e.located.data.get("id") if isinstance(e.located.data, dict) else None
        named = plan_id if isinstance(plan_id, str) and plan_id else "計畫代號"
        return (
            "計畫檔裡不寫執行成果",
            "執行成果寫在另一個成果檔，計畫檔保持核定時的內容",
            f"把 results 這一段移到 plans/{named}.results.yaml，開頭寫 plan: {named} 與 year:（見 README「執行成果」）。",
        )
    close = difflib.get_close_matches(e.field, allowed, n=1, cutoff=0.5)
    if close:
        hint = f"是不是要寫「{close[0]}」？"
    else:
        homes = [MODEL_NAMES[m.__name__] for m in _models() if e.field in m.model_fields and m.__name__ in MODEL_NAMES]
        where = "、".join(homes)
        hint = f"「{e.field}」只能寫在{where}裡；請檢查縮排或位置。" if homes else "拼錯的欄位會讓內容不見，請檢查拼字。"
    return f"不認得的欄位「{e.field}」", "這裡可用的欄位：" + "、".join(allowed), hint


def _models() -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []
    for value in [*vars(model).values(), *vars(results_model).values()]:
        if isinstance(value, type) and issubclass(value, BaseModel) and value is not BaseModel and value not in found:
            found.append(value)
    return found


def _not_text(e: _Error) -> Message:
    value, hint = e.value, ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        hint = f'照原文加上引號，例如 "{e.source}"；不加引號會被當成數值（開頭的 0 會消失）。'
    elif isinstance(value, bool):
        hint = f'{e.source} 會被當成是非值；要寫文字請加引號，例如 "{e.source}"。'
    elif isinstance(value, list):
        hint = "這裡只能放一段文字；若要分項，請改用 items 清單。"
    elif isinstance(value, dict):
        hint = '這裡只能放一段文字；文字裡有「: 」時，整段用引號括起來，例如 "計畫: 114年度"。'
    return f"這裡是 {e.found}" if isinstance(value, bool) else f"這裡是{e.found}", "應該是文字", hint


def _not_integer(e: _Error) -> Message:
    example = "例如民國年度寫 114，不寫「114年」。" if e.field == "year" else f"只寫阿拉伯數字，例如 {e.field or '欄位'}: 2。"
    return f"這裡是{e.found}「{_short(e.value)}」", "應該是整數", example


_ROC_DATE = re.compile(r"^(?:民國)?\s*(\d{2,3})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def _date(e: _Error) -> Message:
    shown = f"「{_short(e.value)}」" if isinstance(e.value, str) else f"這裡是{e.found}，"
    roc = _ROC_DATE.match(e.value) if isinstance(e.value, str) else None
    if roc:
        year, month, day = (int(part) for part in roc.groups())
        western = f"{year + ROC_OFFSET}-{month:02d}-{day:02d}"
        return (
            f"{shown}看起來是民國日期",
            "日期要寫西元年，格式 YYYY-MM-DD",
            f"民國 {year} 年是西元 {year + ROC_OFFSET} 年（民國年加 {ROC_OFFSET}），請寫成 {western}。",
        )
    other = _OTHER_SEPARATORS.fullmatch(e.value) if isinstance(e.value, str) else None
    if other:
        year, month, day = (int(part) for part in other.group(1, 3, 4))
        fixed = f"{year:04d}-{month:02d}-{day:02d}"
        return (
            f"{shown}的年、月、日要用「-」分隔",
            "日期的格式是 YYYY-MM-DD",
            f"請寫成 {fixed}（把「{other.group(2)}」換成「-」，月與日都寫兩位數）。",
        )
    return (
        f"{shown}不是有效的日期",
        "應該是存在的西元日期，格式 YYYY-MM-DD",
        f"民國年加 {ROC_OFFSET} 就是西元年，例如 113年2月29日 寫成 2024-02-29；請確認該日期存在。",
    )


# 2026/01/20, 2026.1.20, 2026年1月20日: a western date with other separators (民國 dates are told apart above).
_OTHER_SEPARATORS = re.compile(r"\s*((?:19|20)\d\d)\s*([/.年])\s*(\d{1,2})\s*[/.月]\s*(\d{1,2})\s*日?\s*")


def _not_allowed_value(e: _Error) -> Message:
    choices = _choices(e)
    close = difflib.get_close_matches(str(e.value), list(choices), n=1, cutoff=0.5)
    hint = f"是不是要寫「{close[0]}」？" if close else ""
    shown = "、".join(f"{value}（{meaning}）" if meaning != value else value for value, meaning in choices.items())
    return f"「{_short(e.value)}」不是可用的值", f"可用的值：{shown}", hint


def _choices(e: _Error) -> dict[str, str]:
    """The allowed values of the field, each with what it means."""
    parent = e.parent_model
    annotation = parent.model_fields[e.field].annotation if parent and e.field in parent.model_fields else None
    for candidate in (annotation, *typing.get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, Enum):
            meanings = _CHOICES.get(candidate, {})
            return {str(m.value): meanings.get(str(m.value), str(m.value)) for m in candidate}
    return {}


def _bad_slug(e: _Error) -> Message:
    return (
        f"「{_short(e.value)}」不能當代號",
        "只能用小寫英文字母、數字與連字號（-），開頭與結尾不能是連字號",
        "代號會成為網址與檔名，例如 kaohsiung-cijin-114。",
    )


def _not_list(e: _Error) -> Message:
    return f"這裡是{e.found}", "應該是清單（每一項以「- 」開頭）", ""


_NUMBER_START = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")


def _not_number(e: _Error) -> Message:
    """A measure's value written as text: 「"96"」, 「96次」, 「九十六」."""
    text = e.value.strip() if isinstance(e.value, str) else ""
    number = _NUMBER_START.match(text)
    field = e.field or "actual"
    if number and number.group() == text:
        hint = f"數字不要加引號，例如 {field}: {text.replace(',', '')}。"
    elif number:
        hint = f"只寫數字，單位另外寫在 unit，例如 {field}: {number.group().replace(',', '')}，unit: {text[number.end() :].strip()[:6]}。"
    else:
        hint = f"只寫阿拉伯數字，例如 {field}: 98；單位寫在 unit，說明寫在辦理情形（done）。"
    if isinstance(e.value, str):
        return f"「{_short(e.value)}」不是數字", "應該是數字", hint
    return f"這裡是{e.found}", "應該是數字", hint


def _not_mapping(e: _Error) -> Message:
    expected = model_at(e.path, _with(e.located.data, e.path, {}), e.root)
    main = _MAIN_FIELD.get(expected.__name__) if expected else None
    if main and isinstance(e.value, str):
        what = MODEL_NAMES.get(expected.__name__, "") if expected else ""
        return (
            f"這一項少了「{main}:」",
            f"{what}要寫成「- {main}: 文字」",
            f"把「- {_short(e.value)}」改成「- {main}: {_short(e.value)}」。",
        )
    return f"這裡是{e.found}", "應該是欄位清單（欄位名: 值）", "檢查縮排：子欄位要比上一層多縮排兩個空白。"


def _with(data: Any, path: Path, value: Any) -> Any:
    """A copy of data's spine along ``path`` with ``value`` at its end (to ask which model a slot wants)."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {**data, head: _with(data.get(head), rest, value)}
    if isinstance(data, list) and isinstance(head, int):
        copy = list(data)
        copy[head] = _with(copy[head], rest, value)
        return copy
    return data


def _too_few(e: _Error) -> Message:
    least = e.context.get("min_length", 1)
    what = {"items": "清單", "rows": "表格", "sections": "計畫", "columns": "表格"}.get(e.field, "這裡")
    hint = "沒有內容就把整段刪掉。" if e.field in ("items", "rows") else ""
    return "內容太少", f"{what}至少要有 {least} {'欄' if e.field == 'columns' else '項'}", hint


def _too_many(e: _Error) -> Message:
    return "內容太多", f"最多 {e.context.get('max_length')} 項", ""


def _empty_text(e: _Error) -> Message:
    if "columns" in e.path:
        return (
            "欄名是空的",
            "每一欄都要有欄名",
            "欄名是表格最上面一列的標題（例如 執行要項、執行單位），手機上也會顯示在每一格前面；"
            "原文的欄沒有標題時，請依內容寫一個簡短的欄名。",
        )
    title = field_title(e.parent_model, e.field) if e.field else "這個欄位"
    return "文字是空的", f"{title}應該有文字", "沒有內容的欄位可以整行刪除；必填的欄位請填上原文的文字。"


def _text_too_long(e: _Error) -> Message:
    return "文字太長", f"最多 {e.context.get('max_length')} 個字", ""


def _out_of_range(e: _Error) -> Message:
    ctx = e.context
    bound = ctx.get("ge", ctx.get("gt", ctx.get("le", ctx.get("lt"))))
    at_least = "ge" in ctx or "gt" in ctx
    if e.field == "year" and isinstance(e.value, int) and e.value > ROC_OFFSET:
        return (
            f"{e.value} 看起來是西元年",
            "年度要寫民國年",
            f"民國年 = 西元年 − {ROC_OFFSET}：西元 {e.value} 年是民國 {e.value - ROC_OFFSET} 年，請寫 year: {e.value - ROC_OFFSET}。",
        )
    return f"數值 {_short(e.value)} 超出範圍", f"應該{'至少' if at_least else '最多'}是 {bound}", ""


def _model_rule(e: _Error) -> Message:
    code = str(e.context.get("error", ""))
    if code == "blank_text":
        return _empty_text(e)
    if code == "missing_reason" and isinstance(e.value, dict):
        message, expected, hint = _VALUE_ERRORS[code]
        return f"執行情形是「{_short(e.value.get('status'))}」，但{message}", expected, hint
    if code == "unknown_city":
        return _unknown_city(e)
    return _VALUE_ERRORS.get(code, ("內容不符合計畫檔的規則", "請對照 README 的範例檢查這個欄位", ""))


def _unknown_city(e: _Error) -> Message:
    from .divisions import closest_city

    meant = closest_city(str(e.value))
    hint = f"是不是要寫「{meant}」？縣市要寫全名。" if meant else "縣市要寫全名，例如 高雄市、屏東縣；「台」和「臺」都可以。"
    return f"「{_short(e.value)}」不是臺灣的縣市", "應該是 22 個縣市之一（例如 高雄市、臺南市、屏東縣）", hint


def _unknown(e: _Error) -> Message:
    return "內容不符合計畫檔的規則", "請對照 README 的範例與 schema/plan.schema.json 檢查這個欄位", ""


_MESSAGES: dict[str, Callable[[_Error], Message]] = {
    "missing": _missing,
    "extra_forbidden": _unknown_field,
    "string_type": _not_text,
    "int_type": _not_integer,
    "int_parsing": _not_integer,
    "int_from_float": _not_integer,
    "float_type": _not_number,
    "float_parsing": _not_number,
    "finite_number": _not_number,
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
    "empty_document": ("文件沒有名稱、文號或日期", "至少要有 title、number 或 date 其中一項", ""),
    "empty_item": ("項目是空的", "項目要有 text、term、items 或 blocks", "沒有內容的項目可以整行刪除。"),
    "rows_too_deep": (
        "表格的列往右超過了最後一欄",
        "每往下一層 rows，就是右邊的下一欄；層數（含 span）不能超過欄數",
        "檢查縮排：屬於同一欄的列要對齊；或在 columns 補上缺少的欄。",
    ),
    "unlabelled_column": (
        "有一欄沒有欄名",
        "有表頭列的表格，每一欄都要有欄名",
        "照原文寫上欄名；原文表格沒有表頭列時，在表格加上 header: false。",
    ),
    "empty_section": ("章節是空的", "章節要有 heading 或 blocks", "沒有內容的章節可以整段刪除；原文只有標題時寫 heading。"),
    "reserved_id": (
        "「index」是保留字，不能當計畫代號",
        "計畫代號會成為網址，index 是機關頁自己的網址",
        "例如改成 kaohsiung-cijin-114。",
    ),
    "reserved_comparison": (
        "這個計畫代號和年度比較頁的網址相同",
        "compare-年度-年度 是同一機關兩個年度計畫的比較頁（例如 compare-113-114）",
        "計畫代號通常寫成 縣市-機關-年度，例如 kaohsiung-cijin-114。",
    ),
    "reserved_table": (
        "這個計畫代號的結尾和表格下載檔的檔名相同",
        "「代號-table-數字」是同一機關其他計畫第幾個表格的 CSV 檔名（例如 kaohsiung-cijin-114-table-2.csv）",
        "把結尾的 -table-數字 改掉，例如 kaohsiung-cijin-114。",
    ),
    "reserved_results": (
        "這個計畫代號的結尾和執行成果頁的網址相同",
        "「代號-results」是計畫執行成果頁與下載檔的名稱（例如 kaohsiung-cijin-114-results）",
        "把結尾的 -results 改掉；執行成果不是另一份計畫，請寫在 plans/計畫代號.results.yaml。",
    ),
    "missing_reason": (
        "沒有寫原因（reason）",
        "延後、未辦理或調整的項目都要說明原因",
        "在這一項加一行 reason:，說明為什麼，以及接下來怎麼做，例如 reason: 配合市府期程，改於115年第1季辦理。",
    ),
    "empty_measure": (
        "衡量指標沒有數值",
        "至少要寫目標值（target）或實際值（actual）其中一項",
        "例如 name: 電話禮貌測試、target: 96、actual: 98、unit: 次；沒有數字的成果請寫在 done（辦理情形）。",
    ),
    "bad_evidence_link": (
        "這不是可以使用的佐證資料網址",
        "佐證資料只接受 https:// 或 http:// 開頭的完整網址，網址裡不能有空白、引號、< >、反斜線 \\ 或 { } | ^",
        "從瀏覽器的網址列複製，例如 https://www.example.gov.tw/news/114-01.html；電子郵件、電話與檔案路徑不能當佐證資料。",
    ),
    "closed_format_evidence": (
        "佐證資料連到 Word、Excel 或 PowerPoint 檔",
        "政府網站提供下載的文件要用開放格式：PDF 或 ODF（.odt、.ods、.odp）",
        "請連到同一份文件的 PDF 或 ODT 版本，或連到公告這份文件的網頁。",
    ),
    "bad_link": (
        "這不是可以使用的連結網址",
        "只接受 https://、http://、mailto: 或 tel: 開頭的完整網址，網址裡不能有空白、引號、< >、反斜線 \\ 或 { } | ^",
        "例如 https://www.kcg.gov.tw/、mailto:service@example.gov.tw、tel:07-5713121；javascript: 等其他網址不能使用。"
        "從瀏覽器的網址列複製，不要自己打反斜線。",
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


def _short(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return _KIND[type(value)]
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "…"
