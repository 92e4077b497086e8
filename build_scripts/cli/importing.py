"""``plansite import FILE``: an agency's document (DOCX, ODT or text) → a plan file in plans/."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from ..importer.package import ImportRefused
from ..importer.run import import_file, summary
from ..plan.load import load_directory
from ..plan.problems import errors
from .terminal import report


def add_parser(sub: Any) -> None:
    command = sub.add_parser("import", help="把機關的計畫文件（.docx、.odt、.txt）匯入成 plans/ 裡的計畫檔")
    command.add_argument("file", type=Path, help="要匯入的文件")
    command.add_argument("--out", type=Path, help="寫到哪個檔案（預設 plans/計畫代號.yaml）")
    command.add_argument("--id", help="計畫代號（預設依檔名或機關與年度）")
    command.add_argument("--force", action="store_true", help="已有同名的計畫檔時覆蓋它")
    command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    plans_dir: Path = args.settings.plans_dir
    plan_id = args.id or (args.out.stem if args.out else None)
    existing = load_directory(plans_dir)[0] if plans_dir.is_dir() else []
    try:
        result = import_file(args.file, plan_id, existing)
    except ImportRefused as refused:
        print(f"無法匯入 {args.file}：{refused.message}", file=sys.stderr)
        if refused.hint:
            print(f"    提示：{refused.hint}", file=sys.stderr)
        print("沒有寫入任何檔案。", file=sys.stderr)
        return 1
    out: Path = args.out or plans_dir / f"{result.plan_id}.yaml"
    if errors(result.problems):
        report(result.problems)
        print(f"匯入的結果還不是正確的計畫檔，沒有寫入 {out}。請把這個檔案與訊息回報給維護人員。", file=sys.stderr)
        return 1
    if out.exists() and not args.force:
        print(f"{out} 已經存在，沒有覆蓋。要覆蓋請加上 --force，或用 --out 指定另一個檔名。", file=sys.stderr)
        return 1
    _write(out, result.text)
    print(f"已匯入 {args.file} → {out}")
    for line in summary(result):
        print(line)
    print(f"下一步：核對 {out} 與原文，再執行 make validate 與 make serve 預覽。")
    return 0


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as tmp:
        tmp.write(text)
    os.replace(tmp.name, path)
