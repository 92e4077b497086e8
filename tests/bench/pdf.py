"""`make bench`: how long PDFs and builds take on this machine, against the targets of the PDF issue.

- Per plan: WeasyPrint's own time for the plan's print HTML (HTML → PDF/UA-1, nothing else) and
  our full render (the same, made page by page with the 「（續）」 cells each page opens with and tall
  rows let go over breaks, a page made again only when it needs other copies or leaves a gap — and
  the pikepdf tagging pass); target: at most 1.5×.
- A cold site build (`mkdocs build`, empty PDF cache) and its PDF stage, against the sum of
  WeasyPrint's own times (target: at most 1.3×).
- A rebuild with nothing changed, against a plain `mkdocs build` of the same pages written out by
  `plansite generate` (target: at most 1.2×).
- Peak memory (RSS) of the cold build.

Numbers are printed; nothing here fails a test run. Run: make bench (or python -m tests.bench).
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from build_scripts.pdf import batch as printing
from build_scripts.pdf import print_html as pdf
from build_scripts.pdf.typeset import local_only, render_pdf
from build_scripts.plan.load import SourcedPlan, load_directory

from ..support.project import ROOT, copy_project

RUNS = int(os.environ.get("BENCH_RUNS", "3"))


def _weasyprint_only(html: str) -> float:
    from weasyprint import HTML

    start = time.perf_counter()
    HTML(string=html, url_fetcher=local_only).write_pdf(pdf_variant="pdf/ua-1")
    return time.perf_counter() - start


def _timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, int]:
    """Wall time and peak RSS (KB) of a command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stderr}")
    return elapsed, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def _median_time(work: Callable[[], object], runs: int = RUNS) -> tuple[float, object]:
    """The median wall time of ``work`` over ``runs`` runs, and what its last run returned."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def per_plan(plans: list[SourcedPlan]) -> float:
    """WeasyPrint's own time and ours for each plan; returns the sum of WeasyPrint's times."""
    print("每個計畫的 PDF（秒）")
    print(f"{'計畫':<40} {'頁數':>4} {'WeasyPrint':>11} {'本專案':>8} {'倍數':>6}")
    _weasyprint_only(pdf.print_html(plans[0].plan))  # warm up fonts and imports
    weasy_total = ours_total = 0.0
    for sourced in plans:
        plan = sourced.plan
        html = pdf.print_html(plan)
        weasy = statistics.median(_weasyprint_only(html) for _ in range(RUNS))
        ours, data = _median_time(lambda plan=plan: render_pdf(plan))
        weasy_total += weasy
        ours_total += ours
        pages = printing.page_count(data) if isinstance(data, bytes) else 0
        print(f"{plan.id:<40} {pages:>4} {weasy:>11.2f} {ours:>8.2f} {ours / weasy:>5.2f}×")
    print(
        f"{'合計（依序）':<38} {'':>4} {weasy_total:>11.2f} {ours_total:>8.2f} {ours_total / weasy_total:>5.2f}×（目標 ≤ 1.5）\n"
    )
    return weasy_total


def plain_config(project: Path) -> str:
    """The project's mkdocs.yml without the plugin, written beside it: for a plain MkDocs build.

    ``plugins: []``: an empty ``plugins:`` would bring back MkDocs' default search plugin (a lunr
    index of every page), work the site itself does not do."""
    config = re.sub(r"plugins:\n(  - disclosure:\n(    .*\n)*)", "plugins: []\n", (project / "mkdocs.yml").read_text("utf-8"))
    (project / "plain.yml").write_text(config, "utf-8")
    return "plain.yml"


def whole_site(plans: list[SourcedPlan], weasy_total: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "project").mkdir()
        project = copy_project(Path(tmp) / "project")
        cache = Path(tmp) / "cache"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PLANSITE_CACHE": str(cache), "CI": "true"}
        mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q"]

        # The PDF stage alone, as the build runs it (cold cache, all cores).
        jobs = [p.plan for p in plans]
        pdf_stage, _ = _median_time(lambda: printing.render_pdfs(jobs, None))

        cold, cold_rss = [], 0
        for _ in range(RUNS):
            shutil.rmtree(cache, ignore_errors=True)
            elapsed, rss = _timed(mkdocs, project, env)
            cold.append(elapsed)
            cold_rss = max(cold_rss, rss)

        # The same pages without the plugin: written by `plansite generate`, built by plain MkDocs.
        _timed([sys.executable, "-m", "build_scripts", "generate"], project, env)
        plain_file = plain_config(project)
        # Alternate the two, so a busy moment on the machine does not favour either.
        warm_runs, plain_runs = [], []
        for _ in range(max(RUNS, 5)):
            warm_runs.append(_timed(mkdocs, project, env)[0])
            plain_runs.append(_timed([*mkdocs, "-f", plain_file, "-d", "plain-site"], project, env)[0])
        warm, plain = statistics.median(warm_runs), statistics.median(plain_runs)

    print("整個網站（秒）")
    ratio = pdf_stage / weasy_total
    print(
        f"  PDF 階段（{len(jobs)} 個計畫，平行，無快取）：{pdf_stage:.2f}，為 WeasyPrint 本身依序合計的 {ratio:.2f} 倍（目標 ≤ 1.3）"
    )
    print(f"  mkdocs build，第一次（無快取）：{statistics.median(cold):.2f}；最高記憶體 {cold_rss / 1024:.0f} MB")
    print(f"  mkdocs build，沒有變更再建一次：{warm:.2f}")
    print(f"  純 MkDocs 建置同樣的網頁（無外掛）：{plain:.2f}；比值 {warm / plain:.2f}（目標 ≤ 1.2）")


def main() -> int:
    plans, _ = load_directory(ROOT / "plans", ROOT)
    print(f"機器：{os.cpu_count()} 核心；每項量 {RUNS} 次取中位數。\n")
    weasy_total = per_plan(plans)
    whole_site(plans, weasy_total)
    return 0
