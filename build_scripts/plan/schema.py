"""The JSON Schemas of a plan file and of a results file, generated from the models (for editors).

The plan schema also describes the plan's published JSON (``render.data_files``): its ``$schema`` and,
there only, its ``results`` — each year's results report, every result with where its item is in the
same document (``plan_path``) and how a person names it (``place``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .model import Plan
from .results_model import ResultsReport

SCHEMA_PATH = Path("schema/plan.schema.json")
RESULTS_SCHEMA_PATH = Path("schema/results.schema.json")
_DRAFT = "https://json-schema.org/draft/2020-12/schema"
_SCHEMA_PROPERTY = {
    "type": "string",
    "title": "格式說明網址",
    "description": "本檔所依據的 JSON Schema 網址（公開資料的 JSON 檔會寫；計畫檔可省略）。",
}


def schema() -> dict[str, Any]:
    data = Plan.model_json_schema(mode="validation")
    results = ResultsReport.model_json_schema(mode="validation")
    defs = {**results.pop("$defs", {}), **data.get("$defs", {})}
    published_result = json.loads(json.dumps(defs["Result"]))
    published_result["title"] = "成果（公開資料）"
    published_result["properties"] |= {
        "plan_path": {
            "type": "string",
            "title": "計畫項目的位置",
            "description": "這一項回應的計畫項目在本檔的路徑，例如 sections[3].blocks[1].rows[0]。",
        },
        "place": {"type": "string", "title": "計畫項目的編號", "description": "照計畫的編號，例如 肆、一、(二)、1。"},
    }
    report = {k: v for k, v in results.items() if k != "title"} | {"title": "執行成果（公開資料）"}
    report["properties"] = {k: v for k, v in report["properties"].items() if k != "draft"}
    report["properties"]["results"] = {**report["properties"]["results"], "items": {"$ref": "#/$defs/PublishedResult"}}
    data["$defs"] = {**defs, "PublishedResult": published_result, "PublishedResults": report}
    data["properties"] = {
        "$schema": _SCHEMA_PROPERTY,
        **data["properties"],
        "results": {
            "type": "array",
            "items": {"$ref": "#/$defs/PublishedResults"},
            "title": "執行成果（只在公開資料）",
            "description": "公開資料的 JSON 檔才有：各年度的執行成果，由 plans/計畫代號.results.yaml 產生。計畫檔裡不要寫。",
        },
    }
    return {
        "$schema": _DRAFT,
        "title": "提升服務計畫（主動公開資訊）",
        "description": "plans/ 裡每個計畫檔的格式。欄位說明見 README。",
        **{k: v for k, v in data.items() if k != "title"},
    }


def results_schema() -> dict[str, Any]:
    data = ResultsReport.model_json_schema(mode="validation")
    data["properties"] = {"$schema": _SCHEMA_PROPERTY, **data["properties"]}
    return {
        "$schema": _DRAFT,
        "title": "執行成果（成果報告）",
        "description": "plans/ 裡每個成果檔（計畫代號.results.yaml）的格式。欄位說明見 README「執行成果」。",
        **{k: v for k, v in data.items() if k != "title"},
    }


def _text(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def schema_text() -> str:
    return _text(schema())


def results_schema_text() -> str:
    return _text(results_schema())


# Each schema file and what makes it: ``plansite schema`` writes (or checks) them all.
SCHEMA_FILES = ((SCHEMA_PATH, schema_text), (RESULTS_SCHEMA_PATH, results_schema_text))
