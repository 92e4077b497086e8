"""Open data: each plan as JSON (valid against the published schema) and its tables as CSV, and the
data catalogue with data.gov.tw's fields."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest

from build_scripts.plan.load import load_plan_file
from build_scripts.plan.model import Plan
from build_scripts.plan.results_load import is_results_file
from build_scripts.plan.schema import schema
from build_scripts.render.catalogue import FIELDS, LICENCE_NAME, LICENCE_URL, catalogue_csv, catalogue_json, dataset
from build_scripts.render.data_files import PLAN_ID_COLUMN, plan_json, plan_tables, table_csv
from build_scripts.render.plain_text import table_leaves
from build_scripts.render.spreadsheet import BOM
from build_scripts.settings import Publication

from ..support.project import PLAN_FILES, ROOT

SEEDS = PLAN_FILES
FIXTURES = ROOT / "tests" / "fixtures" / "yearly"
SCHEMA_URL = "https://plans.example.gov.tw/disclosure/data/plan.schema.json"


def _rows(data: bytes) -> list[list[str]]:
    assert data.startswith(BOM.encode("utf-8")), "Excel in Taiwan needs the BOM to read UTF-8"
    return list(csv.reader(io.StringIO(data.decode("utf-8")[1:], newline="")))


@pytest.mark.parametrize(
    "path", [*SEEDS, *sorted(p for p in FIXTURES.glob("*.yaml") if not is_results_file(p))], ids=lambda p: p.stem
)
def test_the_json_is_valid_against_the_published_schema_and_gives_the_plan_back(path: Path):
    plan = load_plan_file(path)
    data = json.loads(plan_json(plan, SCHEMA_URL))
    assert data["$schema"] == SCHEMA_URL
    jsonschema.validate(data, schema())
    assert Plan.model_validate_json(json.dumps({k: v for k, v in data.items() if k != "$schema"})) == plan
    assert plan_json(plan, SCHEMA_URL) == plan_json(load_plan_file(path), SCHEMA_URL)  # byte-reproducible


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_each_table_is_a_csv_with_one_row_per_leaf_under_the_plans_column_names(path: Path):
    plan = load_plan_file(path)
    for table in plan_tables(plan):
        rows = _rows(table_csv(plan, table.table))
        header, body = rows[0], rows[1:]
        labels = [c if isinstance(c, str) else c.label for c in table.table.columns]
        assert header[0] == PLAN_ID_COLUMN
        assert all(any(name.startswith(str(label)) for name in header) for label in labels)
        assert len(body) == len(table_leaves(table.table))
        assert all(len(row) == len(header) for row in body)
        assert {row[0] for row in body} == {plan.id}
        assert table_csv(plan, table.table) == table_csv(load_plan_file(path), table.table)


def test_the_csv_carries_every_ancestor_with_its_number():
    plan = load_plan_file(ROOT / "plans" / "kaohsiung-cijin-114.yaml")
    header, *body = _rows(table_csv(plan, plan_tables(plan)[0].table))
    assert header[:5] == [PLAN_ID_COLUMN, "執行要項編號", "執行要項", "執行重點編號", "執行重點"]
    first = dict(zip(header, body[0], strict=True))
    assert first["執行要項編號"] == "一、" and first["執行要項"].startswith("完備基礎服務項目")
    assert first["執行重點編號"] == "(一)"
    last = dict(zip(header, body[-1], strict=True))
    assert last["執行要項編號"] == "六、"


def test_text_with_commas_quotes_line_breaks_and_formulas_stays_text():
    source = (ROOT / "plans" / "kaohsiung-cijin-114.yaml").read_text("utf-8")
    hostile = '=HYPERLINK("http://x.invalid","點我"), 含"引號"與逗號'
    source = source.replace("cell: 完備基礎服務項目，注重服務特性差異化", "cell: " + json.dumps(hostile, ensure_ascii=False), 1)
    from build_scripts.plan.load import parse_plan

    plan, problems = parse_plan(source.encode("utf-8"), "hostile.yaml")
    assert plan is not None, problems
    header, *body = _rows(table_csv(plan, plan_tables(plan)[0].table))
    assert dict(zip(header, body[0], strict=True))["執行要項"] == "'" + hostile  # a spreadsheet shows it, never runs it


def test_the_catalogue_has_data_gov_tw_fields_for_every_dataset():
    plans = [load_plan_file(p) for p in SEEDS]
    publication = Publication(contact="研考課 王小明 07-5713121")
    datasets = [
        dataset(
            p,
            f"disclosure/x/{p.id}.md",
            [(f"disclosure/x/{p.id}.json", "application/json"), (f"disclosure/x/{p.id}.csv", "text/csv")],
            None,
            publication,
        )
        for p in plans
    ]
    data = json.loads(catalogue_json(datasets, publication))
    assert len(data["資料集"]) == len(plans)
    for entry, plan in zip(data["資料集"], plans, strict=True):
        assert set(FIELDS) <= set(entry)
        assert entry["提供機關"] == plan.agency.name
        assert entry["授權方式"] == LICENCE_NAME and entry["授權說明網址"] == LICENCE_URL
        assert entry["計費方式"] == "免費" and entry["編碼格式"] == "UTF-8"
        assert entry["聯絡人"] == "研考課 王小明 07-5713121"
        assert entry["資源網址"].split() == [f"https://plans.example.gov.tw/disclosure/x/{plan.id}.{x}" for x in ("json", "csv")]
    rows = _rows(catalogue_csv(datasets))
    assert rows[0] == list(FIELDS) and len(rows) == len(plans) + 1
