"""A draft is never published: the plans a build publishes leave it out, with a warning naming its file."""

from __future__ import annotations

from pathlib import Path

from build_scripts.plan.load import SourcedPlan, load_plan_file
from build_scripts.plan.problems import Severity
from build_scripts.publish.drafts import leave_out_drafts

from ..support.project import FIXTURES


def test_drafts_are_left_out_with_a_warning_naming_them(tmp_path: Path):
    plan = load_plan_file(FIXTURES / "plans" / "sample-114.yaml")
    draft = plan.model_copy(update={"draft": True, "id": "sample-115"})
    plans = [
        SourcedPlan(plan, tmp_path / "plans" / "sample-114.yaml"),
        SourcedPlan(draft, tmp_path / "plans" / "sample-115.yaml"),
    ]
    published, warnings = leave_out_drafts(plans, tmp_path)
    assert [p.plan.id for p in published] == ["sample-114"]
    (warning,) = warnings
    assert warning.severity is Severity.warning and warning.file == "plans/sample-115.yaml"
    assert warning.message == f"「{plan.title}」是草稿（draft: true），這次沒有發布"
    assert "刪掉 draft: true 那一行再建置" in warning.hint


def test_without_drafts_nothing_is_said():
    plan = load_plan_file(FIXTURES / "plans" / "sample-114.yaml")
    published, warnings = leave_out_drafts([SourcedPlan(plan, Path("plans/sample-114.yaml"))])
    assert len(published) == 1 and warnings == []
