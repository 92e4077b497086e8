"""Checks across fields that a schema cannot express (a valid plan can still fail them)."""

from __future__ import annotations

from .dates import roc_year
from .located import Located
from .model import Plan
from .problems import Problem


def check_plan(plan: Plan, located: Located, name: str) -> list[Problem]:
    problems: list[Problem] = []
    if plan.year is not None:
        dated = [("issued", "date", plan.issued.date if plan.issued else None)]
        dated += [(field, None, getattr(plan, field)) for field in ("approved", "published")]
        for field, sub, date in dated:
            # A plan for year N is written late in N-1 or during N (or published after it ends).
            if date is None or plan.year - 1 <= roc_year(date) <= plan.year + 1:
                continue
            path = (field, sub) if sub else (field,)
            line, column = located.position(path)
            problems.append(
                Problem(
                    name,
                    line,
                    column,
                    ".".join(p for p in path if p),
                    f"日期 {date.isoformat()}（民國 {roc_year(date)} 年）與計畫年度 {plan.year} 年對不起來",
                    f"應該在民國 {plan.year - 1} 到 {plan.year + 1} 年之間",
                    "檢查 year 或這個日期是否寫錯；民國年加 1911 就是西元年。",
                )
            )
    return problems
