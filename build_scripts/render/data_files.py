"""A plan as open data: the whole plan as JSON, each of its tables as CSV.

Pure and byte-reproducible: the same plan gives the same bytes. The JSON is the validated model
(every field, defaults included) with ``$schema`` naming the published schema it is valid against.
The CSV has one row per leaf of the table, with every ancestor's number and text, under the
plan's own column names (written by ``spreadsheet.csv_bytes``: UTF-8 with a BOM, every cell inert).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..plan.model import Block, Item, ListBlock, Numbering, Plan, Table
from .outline import plan_section_labels
from .plain_text import table_leaves
from .spreadsheet import csv_bytes

PLAN_ID_COLUMN = "計畫代號"


def plan_json(plan: Plan, schema_url: str) -> bytes:
    """The plan as JSON, valid against the published plan schema."""
    data = {"$schema": schema_url, **plan.model_dump(mode="json", exclude={"draft"})}
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


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
