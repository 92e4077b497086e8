"""``plansite schema``: write the JSON Schemas of a plan file and of a results file (for editors'
completion and checks)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..plan.schema import SCHEMA_FILES, SCHEMA_PATH


def add_parser(sub: Any) -> None:
    command = sub.add_parser("schema", help="產生計畫檔與成果檔的 JSON Schema（編輯器自動完成用）")
    command.add_argument("--output", type=Path, help=f"計畫檔格式的輸出檔（預設 {SCHEMA_PATH}；成果檔的格式寫在同一個資料夾）")
    command.add_argument("--check", action="store_true", help="只檢查現有檔案是否為最新")
    command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    folder = args.output.parent if args.output else args.settings.root / SCHEMA_PATH.parent
    paths = [args.output or args.settings.root / SCHEMA_PATH, *(folder / p.name for p, _ in SCHEMA_FILES[1:])]
    status = 0
    for path, (_, make) in zip(paths, SCHEMA_FILES, strict=True):
        text = make()
        if args.check:
            if not path.is_file() or path.read_text("utf-8") != text:
                print(f"{path} 不是最新的；請執行 plansite schema 重新產生。", file=sys.stderr)
                status = 1
            else:
                print(f"{path} 是最新的。")
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        print(f"已寫入 {path}")
    return status
