"""Drafts are not published: ``mkdocs build``, ``make site`` and ``plansite generate`` leave out every plan
and every results file with ``draft: true`` and say which (a warning, not a failure); ``mkdocs serve`` shows
them with a banner. A draft plan's results go with it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..plan.load import SourcedPlan
from ..plan.problems import Problem, Severity


def leave_out_drafts(plans: Sequence[SourcedPlan], root: Path | None = None) -> tuple[list[SourcedPlan], list[Problem]]:
    """The plans to publish (without their draft results), and a warning for each draft left out."""
    published: list[SourcedPlan] = []
    warnings: list[Problem] = []
    for sourced in plans:
        if sourced.draft:
            warnings.append(_left_out(sourced.path, sourced.title, root))
            continue
        drafts = [r for r in sourced.results if r.results.report.draft]
        warnings += [_left_out(r.path, r.results.title, root) for r in drafts]
        published.append(sourced.with_results(tuple(r for r in sourced.results if r not in drafts)) if drafts else sourced)
    return published, warnings


def _left_out(path: Path, title: str, root: Path | None) -> Problem:
    return Problem(
        _display(path, root),
        0,
        0,
        "",
        f"「{title}」是草稿（draft: true），這次沒有發布",
        "",
        "核對原文、處理完標示「# 請確認」的地方後，刪掉 draft: true 那一行再建置；預覽草稿用 make serve。",
        Severity.warning,
    )


def _display(path: Path, root: Path | None) -> str:
    return str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
