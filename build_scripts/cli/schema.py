"""``plansite schema``: write the JSON Schema of a plan file (for editors' completion and checks)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..plan.schema import SCHEMA_PATH, schema_text


def add_parser(sub: Any) -> None:
    command = sub.add_parser("schema", help="產生計畫檔的 JSON Schema（編輯器自動完成用）")
    command.add_argument("--output", type=Path, help=f"輸出檔（預設 {SCHEMA_PATH}）")
    command.add_argument("--check", action="store_true", help="只檢查現有檔案是否為最新")
    command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    path: Path = args.output or args.settings.root / SCHEMA_PATH
    text = schema_text()
    if args.check:
        if not path.is_file() or path.read_text("utf-8") != text:
            print(f"{path} 不是最新的；請執行 plansite schema 重新產生。", file=sys.stderr)
            return 1
        print(f"{path} 是最新的。")
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    print(f"已寫入 {path}")
    return 0
