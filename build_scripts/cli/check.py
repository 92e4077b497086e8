"""``plansite check``: every accessibility check over a built site, with HTML, JSON and JUnit reports."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def add_parser(sub: Any) -> None:
    command = sub.add_parser("check", help="用所有檢測工具檢查建置好的網站，寫出 HTML、JSON 與 JUnit 報告")
    command.add_argument("site", nargs="?", type=Path, help="網站資料夾（預設依 mkdocs.yml 的 site_dir）")
    command.add_argument("--report", default="reports", type=Path, help="報告資料夾（預設 reports）")
    command.add_argument("--only", help="只執行其中幾項，以逗號分隔：taiwan,axe,vnu,pdf")
    command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # The checkers are imported here: they need Playwright and friends, the other commands do not.
    from ..audit.browser import BrowserMissing, NodeModulesMissing
    from ..audit.report import summary, text, write_reports
    from ..audit.site_audit import CHECKERS, audit_site
    from ..audit.vnu import VnuUnavailable

    site_dir: Path = args.site or args.settings.site_dir
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
    paths = write_reports(audit, args.report)
    if audit.findings:
        print(text(audit), file=sys.stderr)
    print(summary(audit))
    print("報告：" + "、".join(str(p) for p in paths))
    if not audit.ok:
        print(f"共 {len(audit.findings)} 個問題。", file=sys.stderr)
        return 1
    print("全部通過。")
    return 0
