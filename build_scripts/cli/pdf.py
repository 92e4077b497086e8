"""``plansite pdf [--shard I/N]``: render PDFs into the cache, all of them or one shard's share.

For CI on several machines: each machine runs one shard and keeps its cache folder as an artifact;
a final `mkdocs build`, given every shard's cache, renders no PDF (README 「多台機器建置」).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..pdf.batch import render_pdfs
from ..pdf.shards import Shard, ShardError
from ..pdf.typeset import PdfError
from ..plan.load import load_directory
from ..plan.problems import errors
from ..publish.downloads import PDF, PDF_FOLDER, document_metadata
from ..publish.drafts import leave_out_drafts
from ..publish.progress import terminal_progress
from ..render.site_layout import Layout
from ..settings import cache_dir
from ..workers import WorkerLost
from .terminal import report


def add_parser(sub: Any) -> None:
    command = sub.add_parser("pdf", help="產生 PDF 到快取資料夾（可分片給多台機器同時產生）")
    command.add_argument("--shard", default="1/1", help="只產生其中一片，例如 2/4 是四片中的第二片（預設 1/1：全部）")
    command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    settings = args.settings
    try:
        shard = Shard.parse(args.shard)
    except ShardError as exc:
        print(exc, file=sys.stderr)
        return 2
    plans, problems = load_directory(settings.plans_dir, settings.root)
    if not errors(problems):
        plans, drafts = leave_out_drafts(plans, settings.root)  # the final build publishes no draft either
        problems = [*problems, *drafts]
    report(problems)
    if errors(problems):
        return 1
    mine = shard.select([*(p.plan for p in plans), *(r.results for p in plans for r in p.results)])
    folder = cache_dir(settings.root) / PDF_FOLDER
    try:
        # the same documents (and cache keys) as the final build makes
        metadata = document_metadata(PDF, mine, settings.publication, Layout(settings.section))
        rendered = render_pdfs(mine, folder, progress=terminal_progress(), metadata=metadata)
    except (PdfError, WorkerLost) as exc:
        print(exc, file=sys.stderr)
        return 1
    made = sum(1 for pdf in rendered.values() if not pdf.cached)
    print(f"分片 {shard.number}/{shard.count}：{len(mine)} 個 PDF（計畫與執行成果，新產生 {made} 個）已在快取 {folder}。")
    return 0
