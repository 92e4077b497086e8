"""The JSON Schema of a plan file, generated from the model (for editors)."""

from __future__ import annotations

import json
from pathlib import Path

from .model import Plan

SCHEMA_PATH = Path("schema/plan.schema.json")


def schema() -> dict:
    data = Plan.model_json_schema(mode="validation")
    data["properties"] = {
        "$schema": {
            "type": "string",
            "title": "格式說明網址",
            "description": "本檔所依據的 JSON Schema 網址（公開資料的 JSON 檔會寫；計畫檔可省略）。",
        },
        **data["properties"],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "提升服務計畫（主動公開資訊）",
        "description": "plans/ 裡每個計畫檔的格式。欄位說明見 README。",
        **{k: v for k, v in data.items() if k != "title"},
    }


def schema_text() -> str:
    return json.dumps(schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
