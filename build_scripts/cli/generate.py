"""``plansite generate``: write the pages as real Markdown files (for engines that ignore plugins)."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..pdf.typeset import PdfError
from ..pipeline.docs import handwritten_pages
from ..pipeline.session import BuildSession
from ..plan.problems import errors
from ..publish.progress import terminal_progress
from ..publish.write import write_pages
from ..workers import WorkerLost
from .terminal import report


def add_parser(sub: Any) -> None:
    command = sub.add_parser("generate", help="把計畫寫成 Markdown 網頁檔（給不支援外掛的網站引擎使用）")
    command.add_argument("--plans", type=Path, help="計畫資料夾（預設依 mkdocs.yml 的 plans_dir）")
    command.add_argument("--docs", type=Path, help="網頁資料夾（預設依 mkdocs.yml 的 docs_dir）")
    command.add_argument("--section", help="主動公開資訊的子資料夾（預設依 mkdocs.yml 的 section）")
    command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    settings = replace(
        args.settings,
        plans_dir=args.plans or args.settings.plans_dir,
        docs_dir=args.docs or args.settings.docs_dir,
        section=args.section or args.settings.section,
    )
    session = BuildSession(settings, publish=False, progress=terminal_progress())
    problems = session.load()
    report(problems)
    if errors(problems):
        print("沒有寫入任何檔案；原有的網頁不受影響。", file=sys.stderr)
        return 1
    try:
        pages = session.generate(handwritten_pages(settings.docs_dir, session.layout.section))
    except (PdfError, WorkerLost) as exc:
        print(f"{exc}\n沒有寫入任何檔案；原有的網頁不受影響。", file=sys.stderr)
        return 1
    written = write_pages(pages, settings.docs_dir, session.layout)
    downloads = sum(len(page.files) for page in pages)
    shown = _shown(settings.docs_dir, settings.root)
    print(f"已產生 {len(pages)} 個網頁與 {downloads} 個下載檔案到 {shown}/（{written} 個檔案有變更）。")
    return 0


def _shown(path: Path, root: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
