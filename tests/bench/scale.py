"""`make bench scale`: a city portal's figures at 5, 100 and 400 (and, on request, 1,000) plans, in two shapes.

Shapes (``BENCH_SHAPE=spread``, ``city`` or ``spread,city``, the default; see ``synthetic.py``): the
agencies spread over the 22 縣市, or 60 % of them in one city. For each shape and size, a project of
synthetic plans is built:

- cold (empty cache: every PDF and ODT made), nothing changed, one plan changed, and a plain MkDocs
  build of the same pages (written by `plansite generate`, built without the plugin, the same theme),
  measured back to back with ours so a busy moment on the machine favours neither: each one-changed
  build is followed by a plain one, and a cold build follows its measured floor, ``BENCH_REPEAT``
  times (default 3 up to 100 plans, else 2; the fastest of each taken), since this machine's speed
  drifts by up to a fifth within minutes, more than a small site's gaps (one floor at 1,000 plans
  measured 262 s for one shape and 303 s for the other, the same work);
- the targets' ratios: nothing changed (≤ 1.1) and one changed (≤ 1.2, the fastest of three edits)
  against plain; cold (≤ 1.3) against plain plus WeasyPrint's own time for every plan divided by the
  cores, two ways: from the five seeds at their best (each synthetic plan is a copy of one; the fastest
  of 5 renders of the same HTML, × the plans ÷ the cores), and measured: WeasyPrint alone over every
  plan of the project, one process a core, just before the cold build (as long again as the PDFs of a
  cold build); `plansite generate` (≤ 5 s at 1,000 plans);
- peak memory of the cold build (the largest process), the largest plan page (against the smallest
  site's) and the largest list page (city, agency, browse, catalogue, index, site map), the site's
  size and its HTML, a plan;
- in Chromium, bytes a visitor downloads on a first visit (a plan page, empty cache) and on a first
  search (the search page and the index pieces for 品質).

Sizes: ``BENCH_SCALE=5,100,400,1000`` (default 5,100,400; the first is the small site the pages are
compared with). Numbers are printed; nothing fails.
"""

from __future__ import annotations

import os
import shutil
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
from .synthetic import PLANS_PER_AGENCY, SEEDS, SHAPES, synthetic_plan, write_plans

SIZES = tuple(int(n) for n in os.environ.get("BENCH_SCALE", "5,100,400").split(","))
REPEAT = os.environ.get("BENCH_REPEAT", "")  # cold builds (each after its floor): default 3 up to 100 plans, else 2
SHAPES_RUN = tuple(s for s in os.environ.get("BENCH_SHAPE", ",".join(SHAPES)).split(",") if s)
TIME = "/usr/bin/time"


@dataclass
class Figures:
    plans: int
    agencies: int
    in_one_city: int  # agencies in the city with the most
    cold: float
    warm: float
    one: float
    plain: float
    generate: float
    cold_target: float  # plain + the seeds' best WeasyPrint times ÷ cores
    plans_target: float  # plain + WeasyPrint alone over the project's own plans, one process a core
    colds: int  # cold builds measured, each after its floor (the fastest of each taken)
    peak_mb: float
    plan_kb: float
    list_kb: float
    list_page: str
    visit_kb: float
    search_kb: float
    site_mb: float
    html_mb: float


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
    """WeasyPrint's own time for each seed plan's print HTML: the fastest of 5, after one that sets
    WeasyPrint up (fonts, Pango). A floor is WeasyPrint at its best: with the median of 3, a busy
    moment when the bench started moved the floor of the same builds by up to 30 %."""
    times = {}
    for seed in SEEDS:
        html = pdf.print_html(load_plan_file(ROOT / "plans" / f"{seed}.yaml"))
        _weasyprint_only(html)
        times[seed] = min(_weasyprint_only(html) for _ in range(5))
    return times


def _bare(html: str) -> None:
    _weasyprint_only(html)


def _plans_weasyprint(project: Path) -> float:
    """WeasyPrint's own time for all the project's plans on this machine's cores: each plan's print
    HTML rendered once by WeasyPrint alone (nothing of ours: no page-by-page layout, no tagging), in
    one process a core, as a build renders them; the wall time, after each process rendered one
    plan to set WeasyPrint up."""
    import multiprocessing

    htmls = [pdf.print_html(load_plan_file(path)) for path in sorted((project / "plans").glob("*.yaml"))]
    cores = os.cpu_count() or 1
    with multiprocessing.get_context("fork").Pool(cores) as pool:
        pool.map(_bare, htmls[:cores], chunksize=1)
        start = time.perf_counter()
        pool.map(_bare, htmls, chunksize=1)
        return time.perf_counter() - start


def _project(folder: Path, count: int, shape: str) -> Path:
    folder.mkdir(parents=True)
    for name in ("mkdocs.yml", "content", "templates"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("disclosure", "sitemap.md"))
        else:
            shutil.copy2(source, folder / name)
    write_plans(folder / "plans", count, shape)
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


def _is_plan_page(name: str) -> bool:
    """disclosure/<city>/<agency>/<plan>/index.html (comparisons are compare-…)."""
    return name.count("/") == 4 and name.startswith("disclosure/") and "/compare-" not in name


def _largest(site: Path) -> tuple[float, float, str]:
    """The largest plan page (KB), and the largest list page (KB, path): plan pages read the same
    at every size, while list pages (cities, agencies, years, the catalogue) grow with their lists
    up to a page."""
    pages = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")]
    plan = max(size for size, name in pages if _is_plan_page(name))
    listed = max((size, name) for size, name in pages if not _is_plan_page(name) and "/compare-" not in name)
    return plan / 1024, listed[0] / 1024, listed[1]


def _size(folder: Path, suffix: str = "") -> float:
    return sum(p.stat().st_size for p in folder.rglob(f"*{suffix}") if p.is_file()) / 1024 / 1024


def _agencies(count: int, shape: str) -> tuple[int, int]:
    """The number of agencies, and of agencies in the city with the most."""
    cities: dict[str, int] = {}
    for agency in range(0, count, PLANS_PER_AGENCY):
        text = synthetic_plan(agency, shape)[1]
        city = text.split("\n  city: ", 1)[1].split("\n", 1)[0]
        cities[city] = cities.get(city, 0) + 1
    return sum(cities.values()), max(cities.values())


def _repeats(count: int) -> int:
    """How many cold builds to measure, each after its floor: ``BENCH_REPEAT``, or 3 up to 100 plans
    (about 40 s each on 2 cores), else 2 (at 1,000 plans a floor and a cold build take 10 minutes)."""
    return max(1, int(REPEAT)) if REPEAT else (3 if count <= 100 else 2)


def measure(count: int, shape: str, seed_times: dict[str, float]) -> Figures:
    with tempfile.TemporaryDirectory() as tmp:
        project = _project(Path(tmp) / "project", count, shape)
        cache = Path(tmp) / "cache"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PLANSITE_CACHE": str(cache), "CI": "true"}
        mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q"]
        floors, colds, peak = [], [], 0.0
        for _ in range(_repeats(count)):  # the floor, then a cold build, in turn
            shutil.rmtree(cache, ignore_errors=True)
            floors.append(_plans_weasyprint(project))
            elapsed, memory = _run(mkdocs, project, env)
            colds.append(elapsed)
            peak = max(peak, memory)
        plans_weasy, cold = min(floors), min(colds)
        site = project / "site"
        plan_kb, list_kb, list_page = _largest(site)
        plan_id, _ = synthetic_plan(0, shape)
        plan_page = next(p for p in site.rglob(f"{plan_id}/index.html")).relative_to(site).as_posix().removesuffix("index.html")
        visit_kb, search_kb = _downloads(site, plan_page)
        site_mb, html_mb = _size(site), _size(site, ".html")
        # The same pages without the plugin, written out by `plansite generate` into a copy of the
        # project (so our builds never see them), built by plain MkDocs with the same theme.
        plain_project = Path(tmp) / "plain"
        shutil.copytree(project, plain_project, ignore=shutil.ignore_patterns("site"))
        generate = min(_run([sys.executable, "-m", "build_scripts", "generate"], plain_project, env)[0] for _ in range(2))
        plain_file = plain_config(plain_project)
        plain_build = [*mkdocs, "-f", plain_file, "-d", "plain-site"]
        warm_runs, plain_runs = [], []
        for _ in range(2):  # alternated: a busy moment on the machine favours neither
            warm_runs.append(_run(mkdocs, project, env)[0])
            plain_runs.append(_run(plain_build, plain_project, env)[0])
        # One plan changed: its title (which also shows on its agency's page and in the lists), three
        # times over (each build one edit after the last), the fastest taken as plain's is.
        changed = sorted((project / "plans").glob("*.yaml"))[count // 2]
        original = changed.read_text("utf-8")
        one_runs = []
        for edit in ("修訂版", "第二次修訂版", "第三次修訂版"):
            changed.write_text(original.replace("\ntitle: ", f"\ntitle: {edit}", 1), "utf-8")
            one_runs.append(_run(mkdocs, project, env)[0])
            plain_runs.append(_run(plain_build, plain_project, env)[0])
        one = min(one_runs)
        changed.write_text(original, "utf-8")
    weasy = sum(seed_times[SEEDS[(i // PLANS_PER_AGENCY) % len(SEEDS)]] for i in range(count))
    plain = min(plain_runs)
    cold_target = plain + weasy / (os.cpu_count() or 1)
    plans_target = plain + plans_weasy
    agencies, in_one_city = _agencies(count, shape)
    return Figures(
        count, agencies, in_one_city, cold, min(warm_runs), one, plain, generate, cold_target, plans_target, len(colds), peak,
        plan_kb, list_kb, list_page, visit_kb, search_kb, site_mb, html_mb,
    )  # fmt: skip


def table(shape: str, rows: list[Figures]) -> str:
    header = (
        "| 計畫 | 機關（最多的縣市） | 第一次 s（量幾次） | 下限（種子最快）s | 比值（≤1.3） | 下限（本網站計畫實測）s | 比值（≤1.3） | 沒有變更 s | 比值（≤1.1） | 改一個 s | 比值（≤1.2） | "
        "純 MkDocs s | generate s | 最高記憶體 MB | 最大計畫頁 KB | 對最小網站 | 最大列表頁 KB | 首次造訪 KB | 首次搜尋 KB | "
        "網站 MB | 每計畫 MB | HTML MB | 每計畫 HTML KB |"
    )
    lines = [f"形狀：{shape}", "", header, "|---" * header.count(" | ") + "|---|"]
    for f in rows:
        lines.append(
            f"| {f.plans} | {f.agencies}（{f.in_one_city}） | {f.cold:.1f}（{f.colds}） | {f.cold_target:.1f} | {f.cold / f.cold_target:.2f}× | "
            f"{f.plans_target:.1f} | {f.cold / f.plans_target:.2f}× | "
            f"{f.warm:.1f} | {f.warm / f.plain:.2f}× | {f.one:.1f} | {f.one / f.plain:.2f}× | {f.plain:.1f} | {f.generate:.1f} | "
            f"{f.peak_mb:.0f} | {f.plan_kb:.0f} | {f.plan_kb / rows[0].plan_kb:.2f}× | {f.list_kb:.0f} | {f.visit_kb:.0f} | "
            f"{f.search_kb:.0f} | {f.site_mb:.1f} | {f.site_mb / f.plans:.2f} | {f.html_mb:.1f} | {f.html_mb * 1024 / f.plans:.0f} |"
        )
    lines.append("\n最大列表頁：" + "；".join(f"{f.plans}：{f.list_page}" for f in rows))
    return "\n".join(lines)


def main() -> int:
    if not Path(TIME).is_file():
        sys.exit(f"需要 {TIME}（Debian 套件 time）來量測記憶體。")
    unknown = set(SHAPES_RUN) - set(SHAPES)
    if unknown:
        sys.exit(f"BENCH_SHAPE 只能是 {', '.join(SHAPES)}：{', '.join(sorted(unknown))}")
    print(
        f"機器：{os.cpu_count()} 核心；計畫數：{', '.join(map(str, SIZES))}（BENCH_SCALE 可改）；形狀：{', '.join(SHAPES_RUN)}。\n"
    )
    seed_times = _seed_times()
    tables = []
    for shape in SHAPES_RUN:
        rows = []
        for count in SIZES:
            rows.append(measure(count, shape, seed_times))
            print(f"  {shape}：{count} 個計畫量完。", flush=True)
        tables.append(table(shape, rows))
        print("\n" + tables[-1] + "\n", flush=True)
    print("\n\n".join(tables))
    return 0
