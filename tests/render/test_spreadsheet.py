"""Every CSV we publish is spreadsheet-safe (OWASP: CSV injection): column labels and cells alike,
plan tables and the data catalogue."""

from __future__ import annotations

import csv
import io

import pytest

from build_scripts.plan.load import load_plan_file
from build_scripts.plan.model import Column
from build_scripts.render.catalogue import FIELDS, catalogue_csv, dataset
from build_scripts.render.data_files import plan_tables, table_csv
from build_scripts.render.spreadsheet import BOM, csv_bytes, inert
from build_scripts.settings import Publication

from ..support.project import ROOT

FORMULAS = [
    '=HYPERLINK("http://x.invalid","點我")',
    "+1+cmd|' /C calc'!A0",
    "-1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "-",
]


def _rows(data: bytes) -> list[list[str]]:
    assert data.startswith(BOM.encode("utf-8"))
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("cell", FORMULAS)
def test_a_cell_that_could_start_a_formula_is_shown_as_text(cell: str):
    assert inert(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["-1", "+3", "12.5", "-0.25", "計畫", "1-2", "a=b"])
def test_numbers_and_ordinary_text_are_left_as_they_are(cell: str):
    assert inert(cell) == cell


def test_column_labels_are_inert_too():
    header, row = _rows(csv_bytes(["=cmd|' /C calc'!A0", "欄"], [["-1+1", "2"]]))
    assert header == ["'=cmd|' /C calc'!A0", "欄"] and row == ["'-1+1", "2"]


def test_a_plan_table_with_formulas_in_its_labels_and_cells_is_inert():
    plan = load_plan_file(ROOT / "plans" / "kaohsiung-cijin-114.yaml")
    table = plan_tables(plan)[0].table
    first = table.columns[0]
    assert isinstance(first, Column)
    hostile = table.model_copy(update={"columns": [first.model_copy(update={"label": FORMULAS[2]}), *table.columns[1:]]})
    rows = _rows(table_csv(plan, hostile))
    assert "'" + FORMULAS[2] in rows[0] and "'" + FORMULAS[2] + "編號" in rows[0]
    assert not [cell for row in rows for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_the_catalogue_csv_is_inert():
    plan = load_plan_file(ROOT / "plans" / "kaohsiung-cijin-114.yaml")
    agency = plan.agency.model_copy(update={"name": '=HYPERLINK("http://x.invalid","點我")'})
    hostile = plan.model_copy(update={"agency": agency, "title": "@SUM(A1)"})
    entry = dataset(
        hostile,
        "disclosure/x/p.md",
        [("disclosure/x/p.json", "application/json")],
        None,
        Publication(contact="-1+cmd|' /C calc'!A0"),
    )
    header, row = _rows(catalogue_csv([entry]))
    assert header == list(FIELDS)
    fields = dict(zip(header, row, strict=True))
    assert fields["提供機關"] == "'" + agency.name and fields["聯絡人"] == "'-1+cmd|' /C calc'!A0"
    assert not [cell for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
