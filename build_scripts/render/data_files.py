"""A plan as open data: the whole plan as JSON (with its results reports), each of its tables as CSV,
and each results report as CSV.

Pure and byte-reproducible: the same plan gives the same bytes. The JSON is the validated model
(every field, defaults included) with ``$schema`` naming the published schema it is valid against;
its ``results`` are the plan's results reports, each result with where its item is in the same document
(``plan_path``) and how a person names it (``place``). A table's CSV has one row per leaf of the table,
with every ancestor's number and text, under the plan's own column names; a results report's CSV one
row per item (written by ``spreadsheet.csv_bytes``: UTF-8 with a BOM, every cell inert).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..plan.model import Block, Item, ListBlock, Numbering, Plan, Table
from ..plan.results_model import NO_RESULT, Measure, PlanResults, plain_number
from .outline import plan_section_labels
from .plain_text import table_leaves
from .results import plain, results_view
from .spreadsheet import csv_bytes

PLAN_ID_COLUMN = "計畫代號"


def plan_json(plan: Plan, schema_url: str, results: Sequence[PlanResults] = ()) -> bytes:
    """The plan as JSON, valid against the published plan schema; its results reports, if any, under ``results``."""
    data: dict[str, object] = {"$schema": schema_url, **plan.model_dump(mode="json", exclude={"draft"})}
    if results:
        data["results"] = [results_data(r) for r in results]
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def results_data(results: PlanResults) -> dict[str, object]:
    """A results report as published: the file's fields, each result with its item's path and place."""
    view = results_view(results)
    data = results.report.model_dump(mode="json", exclude={"draft"})
    located = {id(result): path for path, result in view.answered.items()}
    for result, dumped in zip(results.report.results, data["results"], strict=True):
        item = view.outline.by_path[located[id(result)]]
        dumped["plan_path"] = view.outline.technical_path(item)
        dumped["place"] = view.place(item)
    return data


# The results CSV: one row an item, these columns first, then each measure's four (指標1, 目標值1 …).
RESULTS_COLUMNS = (PLAN_ID_COLUMN, "年度", "項目編號", "計畫項目", "執行情形", "原因", "辦理情形", "日期", "佐證資料")
MEASURE_COLUMNS = ("指標", "目標值", "實際值", "單位")


def results_csv(results: PlanResults) -> bytes:
    """One row per item with a result, and per item of the plan left without one (執行情形 「未列成果」),
    in the plan's order: the item's number and text, its status, reason, what was done, date, evidence,
    then its measures (numbers as numbers)."""
    view = results_view(results)
    rows = view.rows()
    most = max((len(r.result.measures) for r in rows if r.result), default=0) or 1
    header = [*RESULTS_COLUMNS, *(f"{name}{n}" for n in range(1, most + 1) for name in MEASURE_COLUMNS)]
    table = []
    for row in rows:
        r = row.result
        cells = [results.plan.id, str(results.year), row.place, row.text]
        if r is None:
            table.append([*cells, NO_RESULT, *[""] * (len(header) - len(cells) - 1)])
            continue
        evidence = "\n".join(f"{e.title} {e.url}" for e in r.evidence)
        cells += [r.status.value, r.reason or "", plain(r.done), r.date.isoformat() if r.date else "", evidence]
        for measure in [*r.measures, *[None] * (most - len(r.measures))]:
            cells += _measure_cells(measure)
        table.append(cells)
    return csv_bytes(header, table)


def _measure_cells(measure: Measure | None) -> list[str]:
    if measure is None:
        return ["", "", "", ""]
    number = [str(plain_number(v)) if v is not None else "" for v in (measure.target, measure.actual)]
    return [measure.name, *number, measure.unit or ""]


@dataclass(frozen=True)
class PlanTable:
    number: int  # 1, 2, … in reading order
    name: str  # its caption, else its section's label and heading
    table: Table


def plan_tables(plan: Plan) -> list[PlanTable]:
    """Every table of a plan, in reading order, named by its caption or its section."""
    found: list[PlanTable] = []
    for section, label in zip(plan.sections, plan_section_labels(plan.sections), strict=True):
        heading = f"{label}{section.heading}" if section.heading else label
        for table in _tables(section.blocks):
            found.append(PlanTable(len(found) + 1, table.caption or heading, table))
    return found


def _tables(blocks: Sequence[Block]) -> Iterator[Table]:
    for block in blocks:
        if isinstance(block, Table):
            yield block
        elif isinstance(block, ListBlock):
            for item in block.items:
                if isinstance(item, Item):
                    yield from _tables(item.blocks)


def column_names(table: Table) -> list[tuple[str, str | None]]:
    """For each column, the CSV names of its text and (if it is numbered) of its numbers."""
    names: list[tuple[str, str | None]] = []
    seen: set[str] = {PLAN_ID_COLUMN}
    for index, column in enumerate(table.columns, start=1):
        label = column if isinstance(column, str) else (column.label or f"第{index}欄")
        numbered = not isinstance(column, str) and column.numbering is not Numbering.none
        name = label if label not in seen else f"{label}（第{index}欄）"
        seen.add(name)
        names.append((name, f"{name}編號" if numbered else None))
    return names


def table_csv(plan: Plan, table: Table) -> bytes:
    """One row per leaf row of the table: the plan's id, then each column's number and text."""
    names = column_names(table)
    header = [PLAN_ID_COLUMN]
    for text, number in names:
        header += [number, text] if number else [text]
    rows = []
    for leaf in table_leaves(table):
        cells: dict[int, tuple[str, str]] = {cell.column: (cell.label, cell.text) for cell in leaf}
        row = [plan.id]
        for column, (_, number) in enumerate(names):
            label, text = cells.get(column, ("", ""))
            row += [label, text] if number else [label + text]
        rows.append(row)
    return csv_bytes(header, rows)


def csv_filename(plan: Plan, table: PlanTable, count: int) -> str:
    return f"{plan.id}.csv" if count == 1 else f"{plan.id}-table-{table.number}.csv"
