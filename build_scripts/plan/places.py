"""Where a value is in a plan, the way a person counts: 「肆、計畫內容 › 第 2 個區塊（表格）› 執行要項第 1 列」.

Also which model class validates the value at a path (for field titles and hints), shared with
``messages``. Works on the YAML data as written, so it also describes plans that are not valid.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from . import model, results_model
from .numbering import section_labels
from .yaml_positions import Path

SEPARATOR = " › "

# Which model validates the value of a field: a model class, [something] for a list of it, or the
# name of a union resolved by the value ("block", "item", "column", "cell").
_FIELD_MODELS: dict[tuple[str, str], Any] = {
    ("Plan", "agency"): model.Agency,
    ("Plan", "basis"): [model.DocumentRef],
    ("Plan", "issued"): model.DocumentRef,
    ("Plan", "documents"): [model.DocumentRef],
    ("Plan", "versions"): [model.Version],
    ("Plan", "changes"): [model.Change],
    ("Plan", "links"): [model.Link],
    ("Plan", "sections"): [model.Section],
    ("Section", "blocks"): ["block"],
    ("Item", "items"): ["item"],
    ("Item", "blocks"): ["block"],
    ("TermList", "terms"): [model.Term],
    ("ListBlock", "items"): ["item"],
    ("Table", "columns"): ["column"],
    ("Table", "rows"): [model.Row],
    ("Row", "rows"): [model.Row],
    ("Row", "cell"): "cell",
    # a results file (plans/<plan-id>.results.yaml)
    ("ResultsReport", "results"): [results_model.Result],
    ("ResultsReport", "summary"): ["block"],
    ("Result", "done"): ["block"],
    ("Result", "measures"): [results_model.Measure],
    ("Result", "evidence"): [results_model.Evidence],
}

# What a person calls each kind of thing in a plan file.
MODEL_NAMES: dict[str, str] = {
    "Plan": "計畫檔最上層",
    "Agency": "機關（agency）",
    "DocumentRef": "文件（basis、issued）",
    "Link": "相關連結（links）",
    "Section": "章節（sections 的每一項）",
    "ListBlock": "清單（有 items 的區塊）",
    "Item": "清單項目（items 的每一項）",
    "Table": "表格（有 columns 的區塊）",
    "Column": "欄（columns 的每一項）",
    "Row": "表格的列（rows 的每一項）",
    "TermList": "名詞說明（有 terms 的區塊）",
    "Term": "名詞與說明（terms 的每一項）",
    "Version": "版本紀錄（versions 的每一項）",
    "Change": "更新紀錄（changes 的每一項）",
    "ResultsReport": "成果檔最上層",
    "Result": "成果（results 的每一項）",
    "Measure": "衡量指標（measures 的每一項）",
    "Evidence": "佐證資料（evidence 的每一項）",
}


def model_at(path: Path, data: Any, root: type[BaseModel] = model.Plan) -> type[BaseModel] | None:
    """The model class that validates the mapping at ``path`` (of a plan file, or of ``root``'s file)."""
    current: Any = root
    value: Any = data
    for part in path:
        value = child(value, part)
        current = _field_model(current, part, value)
        if current is None:
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def child(value: Any, part: str | int) -> Any:
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
            if "columns" in value:
                return model.Table
            return model.TermList if "terms" in value else model.ListBlock
        return None
    if kind == "item":
        return model.Item if isinstance(value, dict) else None
    if kind == "column":
        return model.Column if isinstance(value, dict) else None
    if kind == "cell":
        return ["block"] if isinstance(value, list) else None
    return kind


def field_title(parent: type[BaseModel] | None, name: str) -> str:
    """A field's title from the model (「章節標題」), or the name as written."""
    if parent is not None and name in parent.model_fields:
        return parent.model_fields[name].title or name
    return name


# How an entry of each list is counted, where the list's name does not already say it.
_ENTRY_NAMES = {
    "columns": "第 {n} 欄",
    "basis": "計畫依據的文件第 {n} 項",
    "links": "相關連結第 {n} 項",
    "documents": "本計畫的其他公文第 {n} 項",
    "versions": "版本紀錄第 {n} 項",
    "changes": "更新紀錄第 {n} 筆",
    "terms": "名詞說明第 {n} 項",
    "measures": "衡量指標第 {n} 項",
    "evidence": "佐證資料第 {n} 項",
}


def describe(path: Path, data: Any, root: type[BaseModel] = model.Plan) -> str:
    """「參、實施對象 › 第 1 個區塊（段落）」 for ("sections", 2, "blocks", 0); in a results file
    「第 3 項成果（肆、一、(二)、1）› 執行情形」 for ("results", 2, "status")."""
    parts: list[str] = []
    value: Any = data
    table: dict[str, Any] | None = None
    column = 0
    for index, part in enumerate(path):
        parent_path = path[:index]
        container, value = value, child(value, part)
        if isinstance(part, str):
            if part in (
                "sections",
                "blocks",
                "items",
                "rows",
                "columns",
                "basis",
                "links",
                "documents",
                "versions",
                "changes",
                "terms",
                "results",
                "measures",
                "evidence",
            ):
                if part == "rows" and isinstance(container, dict) and "columns" not in container:
                    column += _span(container)
                continue  # the list itself: the entry below says where
            parts.append(field_title(model_at(parent_path, data, root), part))
            continue
        kind = parent_path[-1] if parent_path else ""
        if kind == "sections":
            parts.append(_section(data, part))
        elif kind == "blocks":
            table = value if isinstance(value, dict) and "columns" in value else table
            column = 0
            kind_name = _block_kind(value)
            parts.append(f"第 {part + 1} 個區塊（{kind_name}）" if kind_name else f"第 {part + 1} 個區塊")
        elif kind == "rows":
            parts.append(f"{_column_label(table, column)}第 {part + 1} 列")
        elif kind == "results":
            parts.append(_result(value, part))
        elif kind in ("done", "summary"):
            kind_name = _block_kind(value)
            parts.append(f"第 {part + 1} 個區塊（{kind_name}）" if kind_name else f"第 {part + 1} 個區塊")
        else:
            parts.append(_ENTRY_NAMES.get(str(kind), "第 {n} 項").format(n=part + 1))
    return SEPARATOR.join(parts)


def _result(value: Any, index: int) -> str:
    """A result is known by the item it answers: 「第 3 項成果（肆、一、(二)、1）」."""
    item = value.get("item") if isinstance(value, dict) else None
    shown = str(item).strip() if isinstance(item, (str, int)) and str(item).strip() else ""
    return f"第 {index + 1} 項成果（{shown[:30]}）" if shown else f"第 {index + 1} 項成果"


def _span(row: dict[str, Any]) -> int:
    span = row.get("span", 1)
    return span if isinstance(span, int) and span > 0 else 1


def _section(data: Any, index: int) -> str:
    sections = child(data, "sections")
    own = [s.get("label") if isinstance(s, dict) and isinstance(s.get("label"), str) else None for s in sections or []]
    labels = section_labels(own)
    section = child(sections, index)
    heading = section.get("heading") if isinstance(section, dict) else None
    label = labels[index] if index < len(labels) else ""
    if isinstance(heading, str) and heading.strip():
        return f"{label}{heading.strip()}"
    return f"{label}（第 {index + 1} 章）" if label else f"第 {index + 1} 章"


def _block_kind(value: Any) -> str:
    if isinstance(value, str):
        return "段落"
    if isinstance(value, dict):
        if "columns" in value:
            return "表格"
        if "items" in value:
            return "清單"
        if "terms" in value:
            return "名詞說明"
    return ""


def _column_label(table: dict[str, Any] | None, column: int) -> str:
    columns = table.get("columns") if table else None
    if not isinstance(columns, list) or column >= len(columns):
        return ""
    entry = columns[column]
    label = entry.get("label") if isinstance(entry, dict) else entry
    return str(label).strip() if isinstance(label, (str, int)) and str(label).strip() else f"第 {column + 1} 欄"
