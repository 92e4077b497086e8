"""`make bench`, import figures: how long `plansite import` takes on this machine, against the targets of
the import issue (a 20-page PDF in at most 5 s; a folder of 50 documents in at most 2 minutes).

- One PDF of 21 pages made by LibreOffice (tests/importer/fixtures/twenty-pages.pdf: an 11-要項 table over
  17 pages, merged cells, repeated header rows), read and recognised in this process (median of runs).
- `plansite import FOLDER` on 50 documents (the agency fixtures as DOCX, ODT and PDF, cycled; the PDF
  without Unicode maps among them is refused, as it should be), as a webmaster runs it: a new process,
  writing the drafts into an empty plans folder.

Numbers are printed; nothing here fails a test run. Run: python -m tests.bench importing.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import cycle, islice
from pathlib import Path

from build_scripts.importer.run import import_file, summary

from ..support.project import ROOT

FIXTURES = ROOT / "tests" / "importer" / "fixtures"
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
FOLDER_SIZE = 50


def one_pdf() -> None:
    path = FIXTURES / "twenty-pages.pdf"
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        result = import_file(path)
        times.append(time.perf_counter() - start)
    import pikepdf

    with pikepdf.open(path) as document:
        pages = len(document.pages)
    print(f"  一份 PDF（{pages} 頁，{path.stat().st_size // 1024} KB）：{statistics.median(times):.2f} 秒（目標 ≤ 5 秒）")
    print(f"    {summary(result)[0]}；{summary(result)[1]}")


def folder() -> None:
    documents = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".docx", ".odt", ".pdf") and p.stem not in ("scanned",))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        source = work / "十年的計畫"
        source.mkdir()
        for index, path in enumerate(islice(cycle(documents), FOLDER_SIZE)):
            shutil.copy(path, source / f"{index:02d}-{path.name}")
        (work / "plans").mkdir()
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "build_scripts", "import", str(source)], cwd=work, capture_output=True, text=True
        )
        elapsed = time.perf_counter() - start
        written = len(list((work / "plans").glob("*.yaml")))
    last = result.stdout.strip().splitlines()
    told = next((line for line in last if line.startswith("共 ")), "")
    print(f"  一個資料夾 {FOLDER_SIZE} 份文件（DOCX、ODT、PDF）：{elapsed:.1f} 秒（目標 ≤ 120 秒），寫出 {written} 個草稿")
    print(f"    {told}")


def main() -> int:
    print(f"匯入（plansite import）：{os.cpu_count()} 核心；單一 PDF 量 {RUNS} 次取中位數。")
    one_pdf()
    folder()
    return 0
