"""Plan → the print HTML that WeasyPrint renders (``templates/print.html.j2`` and ``print.css``)."""

from __future__ import annotations

import datetime as dt

from ..plan.model import Plan
from ..render.environment import TEMPLATES, render


def keywords(plan: Plan) -> list[str]:
    words = [plan.agency.name, plan.agency.city, plan.agency.type.value, "提升服務計畫", "主動公開資訊"]
    if plan.year is not None:
        words.append(f"{plan.year}年度")
    return words


def print_html(plan: Plan, updated: dt.date | None = None) -> str:
    stylesheet = (TEMPLATES / "print.css").read_text("utf-8")
    return render(
        "print.html.j2",
        plan=plan,
        updated=updated or plan.updated,
        keywords=keywords(plan),
        stylesheet=stylesheet,
        print_layout=True,
    )
