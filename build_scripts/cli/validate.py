"""``plansite validate``: check every plan file, list each problem with file, line and field."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..plan.load import load_directory
from ..plan.problems import errors
from .terminal import report


def add_parser(sub: Any) -> None:
    command = sub.add_parser("validate", help="檢查所有計畫檔，列出每個問題的檔案、行號與欄位")
    command.add_argument("plans", nargs="?", type=Path, help="計畫資料夾（預設依 mkdocs.yml 的 plans_dir）")
    command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    settings = args.settings
    plans, problems = load_directory(args.plans or settings.plans_dir, settings.root)
    report(problems)
    if errors(problems):
        return 1
    drafts = sum(1 for p in plans if p.plan.draft)
    results = [r for p in plans for r in p.results]
    draft_results = sum(1 for r in results if r.results.report.draft)
    counted = f"{len(plans)} 個計畫檔" + (f"、{len(results)} 個成果檔" if results else "")
    notes = [f"{drafts} 個{'計畫檔' if results else ''}" if drafts else "", f"{draft_results} 個成果檔" if draft_results else ""]
    shown = "、".join(n for n in notes if n)
    print(f"{counted}都正確" + (f"（其中 {shown}是草稿，不會發布）。" if shown else "。"))
    return 0
