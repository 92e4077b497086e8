"""``plansite import FILE|FOLDER``: an agency's documents (DOCX, ODT, PDF or text) → draft plan files in plans/;
a 成果報告 → a draft results file beside the plan it answers.

One file: its plan (or results) file and what was found. A folder (an agency moving years of plans at
once): every document in it, plans first, then the results reports (which may answer a plan imported
with them), one summary table (file → file written, guesses to confirm, refused and why). A file already
there is never overwritten (``--force`` does, for one file); a guessed id already in use gets -2, -3 ….
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..atomic import write_atomically
from ..importer.guarded_zip import ImportRefused
from ..importer.results_report import is_results_report
from ..importer.run import ImportResult, ResultsImportResult, import_plan, import_results, read_source, results_summary, summary
from ..plan.load import PLAN_SUFFIXES, SourcedPlan, load_directory, parse_plan
from ..plan.model import SLUG_PATTERN, Plan
from ..plan.problems import Problem, errors
from ..plan.results_load import is_results_file
from .terminal import report

NEXT_STEP = "下一步：核對計畫檔與原文、處理標示「# 請確認」的地方，用 make serve 預覽（頁首有「草稿：尚未發布」）；確認無誤後刪掉 draft: true 那一行，才會發布。"
RESULTS_NEXT_STEP = "下一步：核對成果檔與原文（每一項的執行情形、原因與日期都是猜的），用 make serve 預覽成果頁；確認無誤後刪掉 draft: true 那一行，才會發布。"


def add_parser(sub: Any) -> None:
    command = sub.add_parser(
        "import", help="把機關的計畫文件（.docx、.odt、.pdf、.txt）或整個資料夾的文件，匯入成 plans/ 裡的計畫檔（草稿）"
    )
    command.add_argument("file", type=Path, help="要匯入的文件，或放著多份文件的資料夾")
    command.add_argument("--out", type=Path, help="寫到哪個檔案（預設 plans/計畫代號.yaml）；檔名就是計畫代號")
    command.add_argument("--id", help="計畫代號（預設依機關、地名與年度組成）")
    command.add_argument("--force", action="store_true", help="已有同名的計畫檔時覆蓋它（只用於單一文件）")
    command.add_argument("--plan", help="成果報告回應的計畫代號（預設依文件標題的機關與年度，配對 plans/ 裡的計畫）")
    command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    plans_dir: Path = args.settings.plans_dir
    existing = load_directory(plans_dir)[0] if plans_dir.is_dir() else []
    taken = {p.stem for p in plans_dir.iterdir() if p.suffix.lower() in PLAN_SUFFIXES} if plans_dir.is_dir() else set()
    if args.file.is_dir():
        if args.out or args.id or args.force:
            print(
                "匯入整個資料夾時不能加 --out、--id 或 --force：每份文件的代號各自決定，已有的檔案不會被覆蓋。", file=sys.stderr
            )
            return 2
        return _folder(args.file, plans_dir, existing, taken)
    results_out = args.out is not None and is_results_file(args.out)  # --out names a results file
    plan_id = args.id or (args.out.stem if args.out and not results_out else None)
    if plan_id is not None and not re.match(SLUG_PATTERN, plan_id):
        print(
            f"計畫代號「{plan_id}」不能用：代號會成為網址與檔名，只能用小寫英文字母、數字與連字號，例如 kaohsiung-cijin-115。",
            file=sys.stderr,
        )
        return 2
    try:
        document = read_source(args.file)
        if is_results_report(document):
            return _results(import_results(document, args.file, [p.plan for p in existing], args.plan), args, plans_dir)
        if results_out:
            raise ImportRefused(
                f"{args.file.name} 是計畫文件，不是成果報告，不能寫到成果檔 {args.out.name}",
                "計畫檔的檔名是計畫代號加上 .yaml，例如 --out plans/kaohsiung-cijin-115.yaml。",
            )
        result = import_plan(document, args.file, plan_id, existing, set() if args.force else taken)
    except ImportRefused as refused:
        _refused(args.file, refused)
        print("沒有寫入任何檔案。", file=sys.stderr)
        return 1
    out: Path = args.out or plans_dir / f"{result.plan_id}.yaml"
    if not _save(out, result.text, result.problems, args.force, "計畫"):
        return 1
    print(f"已匯入 {args.file} → {out}（草稿）")
    for line in summary(result):
        print(line)
    print(NEXT_STEP)
    return 0


def _results(result: ResultsImportResult, args: argparse.Namespace, plans_dir: Path) -> int:
    out: Path = args.out or plans_dir / result.file_name
    if not _save(out, result.text, result.problems, args.force, "成果"):
        return 1
    print(f"已匯入成果報告 {args.file} → {out}（草稿）")
    for line in results_summary(result):
        print(line)
    print(RESULTS_NEXT_STEP)
    return 0


def _save(out: Path, text: str, problems: list[Problem], force: bool, kind: str) -> bool:
    """Write an imported draft (``kind``: 計畫 or 成果) unless it is not a valid file or would replace
    one without ``--force``; say why not."""
    if errors(problems):
        report(problems)
        print(f"匯入的結果還不是正確的{kind}檔，沒有寫入 {out}。請把這個檔案與訊息回報給維護人員。", file=sys.stderr)
        return False
    if out.exists() and not force:
        print(f"{out} 已經存在，沒有覆蓋。要覆蓋請加上 --force，或用 --out 指定另一個檔名。", file=sys.stderr)
        return False
    _write(out, text)
    return True


def _refused(path: Path, refused: ImportRefused) -> None:
    print(f"無法匯入 {path}：{refused.message}", file=sys.stderr)
    if refused.hint:
        print(f"    提示：{refused.hint}", file=sys.stderr)


def _folder(folder: Path, plans_dir: Path, existing: list[SourcedPlan], taken: set[str]) -> int:
    documents = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith((".", "~$")))
    if not documents:
        print(f"{folder} 裡沒有文件可以匯入。", file=sys.stderr)
        return 1
    batch = _Batch(plans_dir, existing, taken)
    reports = []
    for path in documents:
        try:
            document = read_source(path)
            if is_results_report(document):  # after the plans: it may answer one imported with it
                reports.append((path, document))
            else:
                batch.plan(path, import_plan(document, path, None, existing, taken))
        except ImportRefused as refused:
            batch.refused(path, refused)
    for path, document in reports:
        try:
            batch.results(path, import_results(document, path, batch.plans))
        except ImportRefused as refused:
            batch.refused(path, refused)
    print(_table(("文件", "寫入的檔案", "待確認", "結果"), batch.rows))
    print(f"共 {len(documents)} 份文件：{batch.imported} 份匯入成草稿，{len(documents) - batch.imported} 份沒有匯入。")
    for hint in batch.hints:
        print(f"    提示：{hint}")
    if batch.imported:
        print(NEXT_STEP)
    return 0 if batch.imported == len(documents) else 1


class _Batch:
    """What a folder's import wrote, refused and why: one row a document."""

    def __init__(self, plans_dir: Path, existing: list[SourcedPlan], taken: set[str]) -> None:
        self.plans_dir, self.taken = plans_dir, taken
        self.plans: list[Plan] = [p.plan for p in existing]
        self.rows: list[tuple[str, str, str, str]] = []
        self.hints: list[str] = []
        self.imported = 0

    def refused(self, path: Path, refused: ImportRefused) -> None:
        self.rows.append((path.name, "—", "—", f"無法匯入：{refused.message}"))
        if refused.hint:
            self.hints.append(f"{path.name}：{refused.hint}")

    def _written(self, path: Path, out: Path, text: str, bad: bool, what: str) -> bool:
        if bad or out.exists():
            why = f"{out.name} 已經存在，沒有覆蓋" if out.exists() else f"匯入的結果不是正確的{what}（請回報維護人員）"
            self.rows.append((path.name, "—", "—", f"沒有寫入：{why}"))
            return False
        _write(out, text)
        self.imported += 1
        return True

    def plan(self, path: Path, result: ImportResult) -> None:
        out = self.plans_dir / f"{result.plan_id}.yaml"
        if self._written(path, out, result.text, bool(errors(result.problems)), "計畫檔"):
            self.taken.add(result.plan_id)
            self.rows.append((path.name, _shown(out), str(len(result.guesses)), _found(result)))
            plan = parse_plan(result.text.encode("utf-8"), out.name)[0]
            self.plans += [plan] if plan is not None else []

    def results(self, path: Path, result: ResultsImportResult) -> None:
        out = self.plans_dir / result.file_name
        if self._written(path, out, result.text, bool(errors(result.problems)), "成果檔"):
            self.rows.append((path.name, _shown(out), str(len(result.guesses)), "成果草稿；" + results_summary(result)[0]))


def _found(result: ImportResult) -> str:
    return "草稿；" + summary(result)[0]


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(head: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    widths = [max(_width(row[i]) for row in (head, *rows)) for i in range(len(head))]
    lines = []
    for row in (head, *rows):
        cells = [cell + " " * (width - _width(cell)) for cell, width in zip(row, widths, strict=True)]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("─" * (width // 2 if width > 1 else 1) for width in widths))
    return "\n".join(lines)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, text.encode("utf-8"))
