"""`make bench scale`: a city portal's figures for 20, 100, 400 (and, on request, 1,000) plans.

For each size, a project of synthetic plans (``synthetic.py``) is built:

- cold (empty cache: every PDF and ODT made), nothing changed, one plan changed, and a plain MkDocs
  build of the same pages (written by `plansite generate`, built without the plugin);
- the targets' ratios: nothing changed and one changed against plain; cold against plain plus
  WeasyPrint's own time for every plan divided by the cores (estimated from the five seeds: each
  synthetic plan is a copy of one);
- peak memory of the build (the largest process), the largest page, the site's size and MB a plan;
- in Chromium, bytes a visitor downloads on a first visit (a plan page, empty cache) and on a first
  search (the search page and the index pieces for 品質).

Sizes: ``BENCH_SCALE=5,20,100,400,1000`` (default 5,20,100,400). The largest page is also given
against the smallest size's largest page (the target compares a city portal with a 5-plan site).
Numbers are printed; nothing fails.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from build_scripts.audit.browser import chromium, serve
from build_scripts.pdf import print_html as pdf
from build_scripts.plan.load import load_plan_file

from ..support.project import ROOT, commit_all
from .pdf import _weasyprint_only, plain_config
from .synthetic import SEEDS, synthetic_plan, write_plans

SIZES = tuple(int(n) for n in os.environ.get("BENCH_SCALE", "5,20,100,400").split(","))
TIME = "/usr/bin/time"


@dataclass
class Figures:
    plans: int
    cold: float
    warm: float
    one: float
    plain: float
    cold_target: float
    peak_mb: float
    largest_kb: float
    largest_page: str
    plan_kb: float
    visit_kb: float
    search_kb: float
    site_mb: float


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall time (s) and peak memory (MB, the largest process) of a command."""
    start = time.perf_counter()
    result = subprocess.run([TIME, "-f", "PEAK_KB=%M", *command], cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    peak = int(result.stderr.rsplit("PEAK_KB=", 1)[1].split()[0]) / 1024
    return elapsed, peak


def _seed_times() -> dict[str, float]:
    """WeasyPrint's own time for each seed plan's print HTML (median of 3)."""
    times = {}
    for seed in SEEDS:
        html = pdf.print_html(load_plan_file(ROOT / "plans" / f"{seed}.yaml"))
        times[seed] = statistics.median(_weasyprint_only(html) for _ in range(3))
    return times


def _project(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True)
    for name in ("mkdocs.yml", "content", "templates"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("disclosure", "sitemap.md"))
        else:
            shutil.copy2(source, folder / name)
    write_plans(folder / "plans", count)
    commit_all(folder)
    return folder


def _downloads(site: Path, plan_page: str) -> tuple[float, float]:
    """KB fetched by a first visit to a plan page, and by a first search after it (品質)."""
    with serve(site) as base, chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        sizes: list[int] = []
        page.on("requestfinished", lambda request: sizes.append(request.sizes()["responseBodySize"]))
        page.goto(base + plan_page, wait_until="networkidle")
        visit = sum(sizes)
        sizes.clear()
        page.goto(base + "search/?q=" + quote("品質"), wait_until="networkidle")
        page.wait_for_selector(".pagefind-ui__result", timeout=30_000)
        page.wait_for_timeout(500)
        search = sum(sizes)
        context.close()
    return visit / 1024, search / 1024


def _largest(site: Path, plans_only: bool = False) -> tuple[float, str]:
    """The largest page (KB, path), or the largest plan page: plan pages read the same at every size,
    while list pages (cities, agencies, years, the catalogue) grow with their lists up to a page."""
    pages = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")]
    if plans_only:
        pages = [(s, n) for s, n in pages if n.count("/") == 4 and n.startswith("disclosure/") and "/compare-" not in n]
    size, name = max(pages)
    return size / 1024, name


def _size(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1024 / 1024


def measure(count: int, seed_times: dict[str, float]) -> Figures:
    with tempfile.TemporaryDirectory() as tmp:
        project = _project(Path(tmp) / "project", count)
        cache = Path(tmp) / "cache"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PLANSITE_CACHE": str(cache), "CI": "true"}
        mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q"]
        cold, peak = _run(mkdocs, project, env)
        warm = min(_run(mkdocs, project, env)[0] for _ in range(2))
        # One plan changed: its title (which also shows on its agency's page and in the lists).
        changed = sorted((project / "plans").glob("*.yaml"))[count // 2]
        original = changed.read_text("utf-8")
        changed.write_text(original.replace("\ntitle: ", "\ntitle: 修訂版", 1), "utf-8")
        one = _run(mkdocs, project, env)[0]
        changed.write_text(original, "utf-8")
        _run(mkdocs, project, env)
        site = project / "site"
        largest_kb, largest_page = _largest(site)
        plan_kb = _largest(site, plans_only=True)[0]
        plan_id, _ = synthetic_plan(0)
        plan_page = next(p for p in site.rglob(f"{plan_id}/index.html")).relative_to(site).as_posix().removesuffix("index.html")
        visit_kb, search_kb = _downloads(site, plan_page)
        site_mb = _size(site)
        _run([sys.executable, "-m", "build_scripts", "generate"], project, env)
        plain_file = plain_config(project)
        plain = min(_run([*mkdocs, "-f", plain_file, "-d", "plain-site"], project, env)[0] for _ in range(2))
    weasy = sum(seed_times[SEEDS[(i // 4) % len(SEEDS)]] for i in range(count))
    cold_target = plain + weasy / (os.cpu_count() or 1)
    return Figures(
        count, cold, warm, one, plain, cold_target, peak, largest_kb, largest_page, plan_kb, visit_kb, search_kb, site_mb
    )


def main() -> int:
    if not Path(TIME).is_file():
        sys.exit(f"需要 {TIME}（Debian 套件 time）來量測記憶體。")
    print(f"機器：{os.cpu_count()} 核心；計畫數：{', '.join(map(str, SIZES))}（BENCH_SCALE 可改）。\n")
    seed_times = _seed_times()
    rows = []
    for count in SIZES:
        figures = measure(count, seed_times)
        rows.append(figures)
        print(f"  {count} 個計畫量完。", flush=True)
    header = (
        "| 計畫 | 第一次（秒） | 目標 ≤1.2× | 沒有變更 | 比值（≤1.2） | 改一個 | 比值（≤1.3） | 純 MkDocs | 最高記憶體 MB | "
        "最大網頁 KB | 對最小網站 | 最大計畫頁 KB | 對最小網站 | 首次造訪 KB | 首次搜尋 KB | 網站 MB | 每計畫 MB |"
    )
    print("\n" + header)
    print("|---" * 17 + "|")
    for f in rows:
        print(
            f"| {f.plans} | {f.cold:.1f} | {f.cold / f.cold_target:.2f}× of {f.cold_target:.1f} | {f.warm:.1f} | "
            f"{f.warm / f.plain:.2f}× | {f.one:.1f} | {f.one / f.plain:.2f}× | {f.plain:.1f} | {f.peak_mb:.0f} | "
            f"{f.largest_kb:.0f} | {f.largest_kb / rows[0].largest_kb:.2f}× | {f.plan_kb:.0f} | {f.plan_kb / rows[0].plan_kb:.2f}× | "
            f"{f.visit_kb:.0f} | {f.search_kb:.0f} | {f.site_mb:.1f} | {f.site_mb / f.plans:.2f} |"
        )
    print("\n最大網頁：" + "；".join(f"{f.plans}：{f.largest_page}" for f in rows))
    return 0
