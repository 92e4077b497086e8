"""Command line: ``plansite validate | generate | schema``.

A thin adapter over the library. Messages are in Traditional Chinese; a bad
plan file gives located messages and exit status 1, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .pages import Layout
from .pdf import PdfError
from .printing import terminal_progress
from .problems import Problem, Severity, errors
from .schema import SCHEMA_PATH, schema_text
from .site import generate
from .sources import load_directory
from .write import write_pages


def _report(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)
    count = len(errors(list(problems)))
    warnings = sum(p.severity is Severity.warning for p in problems)
    if count or warnings:
        print(f"共 {count} 個錯誤、{warnings} 個警告。", file=sys.stderr)


def cmd_validate(args: argparse.Namespace) -> int:
    plans, problems = load_directory(Path(args.plans), Path.cwd())
    _report(problems)
    if errors(problems):
        return 1
    print(f"{len(plans)} 個計畫檔都正確。")
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    docs = Path(args.docs)
    layout = Layout(args.section)
    handwritten = [
        (p.relative_to(docs).as_posix(), p.read_text("utf-8"))
        for p in sorted(docs.rglob("*.md"))
        if not p.relative_to(docs).as_posix().startswith(layout.section + "/")
    ]
    try:
        result = generate(Path(args.plans), handwritten, layout, Path.cwd(), terminal_progress())
    except PdfError as exc:
        print(f"{exc}\n沒有寫入任何檔案；原有的網頁不受影響。", file=sys.stderr)
        return 1
    _report(result.problems)
    if not result.ok:
        print("沒有寫入任何檔案；原有的網頁不受影響。", file=sys.stderr)
        return 1
    written = write_pages(result.pages, docs, layout)
    print(f"已產生 {len(result.pages)} 個網頁（{written} 個有變更）到 {docs}/。")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from .audit import CHECKERS, audit_site
    from .browser import BrowserMissing, NodeModulesMissing
    from .report import summary, text, write_reports
    from .vnu import VnuUnavailable

    site_dir = Path(args.site)
    if not site_dir.is_dir() or not any(site_dir.rglob("*.html")):
        print(f"找不到建置好的網站：{site_dir}/ 裡沒有網頁。請先執行 make site（或 mkdocs build）。", file=sys.stderr)
        return 2
    only = set(args.only.split(",")) if args.only else None
    known = {name for name, _ in CHECKERS}
    if only and not only <= known:
        print(f"不認得的檢查：{', '.join(sorted(only - known))}；可用的有 {', '.join(sorted(known))}。", file=sys.stderr)
        return 2
    titles = dict(CHECKERS)
    try:
        audit = audit_site(site_dir, only, progress=lambda name: print(f"執行：{titles[name]}……", file=sys.stderr))
    except (BrowserMissing, NodeModulesMissing, VnuUnavailable) as exc:
        print(exc, file=sys.stderr)
        return 2
    paths = write_reports(audit, Path(args.report))
    if audit.findings:
        print(text(audit), file=sys.stderr)
    print(summary(audit))
    print("報告：" + "、".join(str(p) for p in paths))
    if not audit.ok:
        print(f"共 {len(audit.findings)} 個問題。", file=sys.stderr)
        return 1
    print("全部通過。")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    path = Path(args.output)
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


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="plansite", description="把 plans/ 裡的計畫 YAML 產生為主動公開資訊網頁。")
    sub = top.add_subparsers(dest="command", required=True, metavar="命令")

    validate = sub.add_parser("validate", help="檢查所有計畫檔，列出每個問題的檔案、行號與欄位")
    validate.add_argument("plans", nargs="?", default="plans", help="計畫資料夾（預設 plans）")
    validate.set_defaults(run=cmd_validate)

    gen = sub.add_parser("generate", help="把計畫寫成 Markdown 網頁檔（給不支援外掛的網站引擎使用）")
    gen.add_argument("--plans", default="plans", help="計畫資料夾（預設 plans）")
    gen.add_argument("--docs", default="content", help="網頁資料夾（預設 content）")
    gen.add_argument("--section", default="disclosure", help="主動公開資訊的子資料夾（預設 disclosure）")
    gen.set_defaults(run=cmd_generate)

    check = sub.add_parser("check", help="用所有檢測工具檢查建置好的網站，寫出 HTML、JSON 與 JUnit 報告")
    check.add_argument("site", nargs="?", default="site", help="網站資料夾（預設 site）")
    check.add_argument("--report", default="reports", help="報告資料夾（預設 reports）")
    check.add_argument("--only", help="只執行其中幾項，以逗號分隔：taiwan,axe,vnu,pdf")
    check.set_defaults(run=cmd_check)

    schema = sub.add_parser("schema", help="產生計畫檔的 JSON Schema（編輯器自動完成用）")
    schema.add_argument("--output", default=str(SCHEMA_PATH), help=f"輸出檔（預設 {SCHEMA_PATH}）")
    schema.add_argument("--check", action="store_true", help="只檢查現有檔案是否為最新")
    schema.set_defaults(run=cmd_schema)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("已中斷。", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
