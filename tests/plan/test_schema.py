"""The published JSON Schemas: current, referenced by every plan and results file, and agreeing with the loader."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest

from build_scripts.plan.schema import RESULTS_SCHEMA_PATH, SCHEMA_PATH, results_schema_text, schema_text
from build_scripts.plan.yaml_positions import load_located

from ..support.project import FIXTURES, PLAN_FILES, RESULTS_FILES, ROOT

PLANS = PLAN_FILES
RESULTS = RESULTS_FILES


def test_published_schema_is_up_to_date():
    assert (ROOT / SCHEMA_PATH).read_text("utf-8") == schema_text(), "run `make schema`"
    assert (ROOT / RESULTS_SCHEMA_PATH).read_text("utf-8") == results_schema_text(), "run `make schema`"
    check = subprocess.run([sys.executable, "-m", "build_scripts", "schema", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.name)
def test_every_plan_references_the_schema_for_editors(path):
    assert path.read_text("utf-8").splitlines()[0] == "# yaml-language-server: $schema=../schema/plan.schema.json"


@pytest.mark.parametrize("path", [*PLANS, FIXTURES / "plans" / "sample-114.yaml"], ids=lambda p: p.name)
def test_plans_are_valid_against_the_published_schema(path):
    schema = json.loads((ROOT / SCHEMA_PATH).read_text("utf-8"))
    data = load_located(path.read_bytes(), path.name).data
    jsonschema.validate(data, schema)


def test_editor_flags_a_misspelt_field_too():
    schema = json.loads((ROOT / SCHEMA_PATH).read_text("utf-8"))
    data = load_located((FIXTURES / "plans" / "sample-114.yaml").read_bytes(), "sample-114.yaml").data
    data["sections"][0]["haeding"] = data["sections"][0].pop("heading")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_the_example_site_has_results_files():
    assert len(RESULTS) >= 2


@pytest.mark.parametrize("path", RESULTS, ids=lambda p: p.name)
def test_every_results_file_references_its_schema_and_is_valid_against_it(path):
    assert path.read_text("utf-8").splitlines()[0] == "# yaml-language-server: $schema=../schema/results.schema.json"
    schema = json.loads((ROOT / RESULTS_SCHEMA_PATH).read_text("utf-8"))
    jsonschema.validate(load_located(path.read_bytes(), path.name).data, schema)


def test_editor_flags_a_result_without_its_status():
    schema = json.loads((ROOT / RESULTS_SCHEMA_PATH).read_text("utf-8"))
    data = load_located(RESULTS[0].read_bytes(), RESULTS[0].name).data
    del data["results"][0]["status"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
