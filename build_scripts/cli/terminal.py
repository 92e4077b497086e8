"""How the commands print plan problems: each problem, then a count."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from ..plan.problems import Problem, Severity, errors


def report(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)
    count = len(errors(list(problems)))
    warnings = sum(p.severity is Severity.warning for p in problems)
    if count or warnings:
        print(f"共 {count} 個錯誤、{warnings} 個警告。", file=sys.stderr)
