"""Drafts are not published: ``mkdocs build``, ``make site`` and ``plansite generate`` leave out every plan
with ``draft: true`` and say which (a warning, not a failure); ``mkdocs serve`` shows them with a banner."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..plan.load import SourcedPlan
from ..plan.problems import Problem, Severity


def leave_out_drafts(plans: Sequence[SourcedPlan], root: Path | None = None) -> tuple[list[SourcedPlan], list[Problem]]:
    """The plans to publish, and a warning for each draft left out."""
    published = [p for p in plans if not p.draft]
    warnings = [
        Problem(
            _display(p.path, root),
            0,
            0,
            "",
            f"「{p.title}」是草稿（draft: true），這次沒有發布",
            "",
            "核對原文、處理完標示「# 請確認」的地方後，刪掉 draft: true 那一行再建置；預覽草稿用 make serve。",
            Severity.warning,
        )
        for p in plans
        if p.draft
    ]
    return published, warnings


def _display(path: Path, root: Path | None) -> str:
    return str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
