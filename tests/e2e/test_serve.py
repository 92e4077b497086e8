"""`mkdocs serve` rebuilds the site when a plan changes, and shows a broken plan's problems on its pages."""

from __future__ import annotations

from pathlib import Path

from ..support.project import copy_project
from ..support.serve import serving, wait_for

PLAN_PAGE = "/disclosure/tainan/tainan-shanshang-district-office/tainan-shanshang-106/"


def test_serve_rebuilds_when_a_plan_changes(tmp_path: Path):
    project = copy_project(tmp_path)
    with serving(project) as preview:
        assert wait_for(lambda: "臺南市山上區公所提升服務品質實施計畫" in preview.fetch(PLAN_PAGE), 60)
        plan = project / "plans" / "tainan-shanshang-106.yaml"
        plan.write_text(plan.read_text("utf-8").replace("有效推動服務行銷", "有效推動服務行銷（已修訂）"), "utf-8")
        assert wait_for(lambda: "有效推動服務行銷（已修訂）" in preview.fetch(PLAN_PAGE), 60), "the page was not rebuilt"


def test_a_broken_plan_is_shown_in_the_browser_and_the_preview_recovers_by_itself(tmp_path: Path):
    """While a plan has errors, every preview page lists them (the terminal's words), showing the
    plans as they last were; once the file is fixed the pages rebuild without the notice."""
    project = copy_project(tmp_path)
    with serving(project) as preview:
        assert wait_for(lambda: "臺南市山上區公所提升服務品質實施計畫" in preview.fetch(PLAN_PAGE), 60)
        plan = project / "plans" / "tainan-shanshang-106.yaml"
        good = plan.read_text("utf-8")
        plan.write_text(good.replace("year: 106", "year: 一〇六"), "utf-8")
        broken = wait_for(lambda: next((page for page in [preview.fetch(PLAN_PAGE)] if "tw-build-problems" in page), None), 60)
        assert broken, "no notice of the broken plan"
        assert (
            "plans/tainan-shanshang-106.yaml" in broken and "年度" in broken and "臺南市山上區公所提升服務品質實施計畫" in broken
        )
        plan.write_text(good, "utf-8")
        assert wait_for(lambda: "tw-build-problems" not in preview.fetch(PLAN_PAGE), 60), "the preview did not recover"
    told = preview.errors
    assert "The server will appear stuck" not in told and "保持原樣" not in told and "Traceback" not in told
