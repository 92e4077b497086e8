"""``plansite generate``: write the pages as real Markdown files (for engines that ignore plugins)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..pdf.render import PdfError
from ..publish.generate import generate
from ..publish.progress import terminal_progress
from ..publish.write import write_pages
from ..render.site_layout import Layout
from .terminal import report


def add_parser(sub: Any) -> None:
    command = sub.add_parser("generate", help="把計畫寫成 Markdown 網頁檔（給不支援外掛的網站引擎使用）")
    command.add_argument("--plans", type=Path, help="計畫資料夾（預設依 mkdocs.yml 的 plans_dir）")
    command.add_argument("--docs", type=Path, help="網頁資料夾（預設依 mkdocs.yml 的 docs_dir）")
    command.add_argument("--section", help="主動公開資訊的子資料夾（預設依 mkdocs.yml 的 section）")
    command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    settings = args.settings
    docs: Path = args.docs or settings.docs_dir
    layout = Layout(args.section or settings.section)
    handwritten = [
        (p.relative_to(docs).as_posix(), p.read_text("utf-8"))
        for p in sorted(docs.rglob("*.md"))
        if not p.relative_to(docs).as_posix().startswith(layout.section + "/")
    ]
    try:
        plans_dir = args.plans or settings.plans_dir
        result = generate(plans_dir, handwritten, layout, settings.root, terminal_progress(), settings.publication)
    except PdfError as exc:
        print(f"{exc}\n沒有寫入任何檔案；原有的網頁不受影響。", file=sys.stderr)
        return 1
    report(result.problems)
    if not result.ok:
        print("沒有寫入任何檔案；原有的網頁不受影響。", file=sys.stderr)
        return 1
    written = write_pages(result.pages, docs, layout)
    print(f"已產生 {len(result.pages)} 個網頁（{written} 個有變更）到 {_shown(docs, settings.root)}/。")
    return 0


def _shown(path: Path, root: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
