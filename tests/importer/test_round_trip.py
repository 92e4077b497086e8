"""A plan exported by plansite, or typed into Word as agencies type it, imports back to the same plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.importer.run import import_file
from build_scripts.odt.document import render_odt
from build_scripts.plan.load import SourcedPlan, load_directory, load_plan_file, parse_plan
from build_scripts.plan.model import Plan

from ..support.docx_writer import plan_docx
from ..support.project import ROOT, SEED_PLANS

PLANS = sorted(SEED_PLANS.values())


@pytest.fixture(scope="module")
def existing() -> list[SourcedPlan]:
    return load_directory(ROOT / "plans")[0]


def imported(path: Path, plan_id: str | None = None, existing: list[SourcedPlan] | None = None) -> Plan:
    result = import_file(path, plan_id, existing)
    assert result.problems == [], [str(p) for p in result.problems]
    fields = [line for line in result.text.splitlines() if not line.startswith("#")]
    assert fields[0] == "draft: true"  # the first field: never published unconfirmed
    plan, problems = parse_plan(result.text.encode("utf-8"), f"plans/{result.plan_id}.yaml")
    assert plan is not None and problems == [] and plan.draft
    return plan.model_copy(update={"draft": False})  # confirmed: the draft line deleted


@pytest.mark.parametrize("plan_id", PLANS)
def test_our_own_odt_imports_to_the_same_plan(plan_id: str, tmp_path: Path):
    plan = load_plan_file(ROOT / "plans" / f"{plan_id}.yaml")
    path = tmp_path / "下載的計畫.odt"  # the ids come from the document's properties, not the file name
    path.write_bytes(render_odt(plan))
    assert imported(path) == plan


@pytest.mark.parametrize("plan_id", PLANS)
def test_a_docx_with_typed_numbering_and_merged_cells_imports_to_the_same_plan(
    plan_id: str, tmp_path: Path, existing: list[SourcedPlan]
):
    plan = load_plan_file(ROOT / "plans" / f"{plan_id}.yaml")
    path = plan_docx(plan, tmp_path / "計畫.docx")
    assert imported(path, plan_id, existing) == plan


def test_real_plan_shapes_survive_our_odt(tmp_path: Path):
    """Letters by role, versions and terms read back from the metadata block and bold runs."""
    from ..support.project import FIXTURES

    plan = load_plan_file(FIXTURES / "plans" / "gangshan-land-115.yaml")
    path = tmp_path / "gangshan-land-115.odt"
    path.write_bytes(render_odt(plan))
    back = imported(path)
    assert back.agency == plan.agency
    assert back.basis == plan.basis and back.documents == plan.documents and back.versions == plan.versions
    goals = back.sections[0].blocks[0]
    assert goals.items[0].term == "服務便捷化" and goals.items[0].text == "透過線上申辦與跨機關查驗，減少民眾往返。"
