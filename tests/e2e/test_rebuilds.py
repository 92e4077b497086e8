"""Rebuilds from the caches: the same site as from nothing, and a changed plan changes its own pages,
the lists and feeds that name it, and nothing else."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ..support.project import copy_project, mkdocs

PLAN = "plans/tainan-shanshang-106.yaml"
AGENCY = "disclosure/tainan/tainan-shanshang-district-office/"


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _build(project: Path, cache: Path) -> dict[str, bytes]:
    result = mkdocs(project, "build", env_changes={"PLANSITE_CACHE": str(cache)})
    assert result.returncode == 0, result.stderr
    return _files(project / "site")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("rebuilds"))


def test_the_site_is_byte_for_byte_the_same_from_warm_cold_and_half_caches(project: Path, tmp_path: Path):
    cache = tmp_path / "cache"
    cold = _build(project, cache)
    assert _build(project, cache) == cold  # every stage from its cache
    for stage in (
        "pages",
        "finished",
        "rendered",
        "checked",
        "search",
        "markdown",
        "templates",
    ):  # each made again, the rest kept
        shutil.rmtree(cache / stage)
        assert _build(project, cache) == cold, stage
    assert _build(project, tmp_path / "another") == cold


def test_a_changed_plan_changes_its_pages_and_the_lists_that_name_it_and_nothing_else(project: Path, tmp_path: Path):
    cache = tmp_path / "cache"
    before = _build(project, cache)
    plan = project / PLAN
    plan.write_text(plan.read_text("utf-8").replace("\ntitle: ", "\ntitle: 修訂版", 1), "utf-8")
    after = _build(project, cache)
    changed = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}

    own = {path for path in changed if path.startswith(AGENCY)}
    assert {f"{AGENCY}tainan-shanshang-106/index.html", f"{AGENCY}index.html", f"{AGENCY}feed.xml"} <= own
    assert {f"{AGENCY}tainan-shanshang-106{suffix}" for suffix in (".pdf", ".odt", ".json")} <= own
    # The lists that name it: the home page's and the section's latest plans, the site's feed, its year
    # and type, the data catalogue; and the search index.
    lists = (
        "index.html",
        "disclosure/index.html",
        "disclosure/feed.xml",
        "disclosure/years/",
        "disclosure/types/",
        "disclosure/data/",
    )
    search = ("pagefind/", "pagefind-shards/")
    assert sorted(path for path in changed - own if not path.startswith((*lists, *search))) == []
    assert not [path for path in changed if path.startswith(("disclosure/kaohsiung/", "disclosure/tainan/tainan-yujing"))]


def test_a_changed_results_report_changes_its_page_its_plan_and_their_files_from_warm_caches(project: Path, tmp_path: Path):
    """The caches key a plan's pages by its results too: a report edited alone is published, the same as from nothing."""
    cache = tmp_path / "cache"
    before = _build(project, cache)
    results = project / "plans" / "kaohsiung-cijin-114.results.yaml"
    text = results.read_text("utf-8").replace("\nsummary:\n  - ", "\nsummary:\n  - 已修訂：", 1)
    results.write_text(text.replace("status: 已完成", "status: 進行中", 1), "utf-8")  # the plan page counts them
    after = _build(project, cache)
    changed = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}

    agency = "disclosure/kaohsiung/kaohsiung-cijin-district-office/"
    report = next(path for path in after if path.startswith(agency) and "results" in path and path.endswith("index.html"))
    assert "已修訂：" in after[report].decode("utf-8")
    for own in (report, f"{agency}kaohsiung-cijin-114/index.html", f"{agency}kaohsiung-cijin-114.json"):
        assert own in changed, own
    assert [p for p in changed if p.endswith(".pdf") and "results" in p], "the report's PDF is made again"
    assert not [path for path in changed if path.startswith(("disclosure/tainan/", "disclosure/kaohsiung/kaohsiung-linyuan"))]
    assert _build(project, tmp_path / "another") == after
