"""Plan (or a plan's results report) → the print HTML that WeasyPrint renders (``templates/print.html.j2``,
``results_print.html.j2`` and ``print.css``)."""

from __future__ import annotations

from ..plan.model import Plan
from ..plan.results_model import PlanResults
from ..render.environment import render, template_file
from ..render.metadata import keywords, metadata_entries
from ..render.results import results_view

# What a PDF is made of: a plan, or a plan's results report for a year.
Printable = Plan | PlanResults


def print_html(plan: Plan) -> str:
    stylesheet = template_file("print.css").read_text("utf-8")
    return render(
        "print.html.j2",
        plan=plan,
        keywords=keywords(plan),
        metadata=metadata_entries(plan),
        stylesheet=stylesheet,
        print_layout=True,
    )


def results_print_html(results: PlanResults) -> str:
    """A results report as print HTML: the same typesetting as its plan (tables with 「（續）」)."""
    stylesheet = template_file("print.css").read_text("utf-8")
    return render(
        "results_print.html.j2",
        view=results_view(results),
        keywords=[*keywords(results.plan), "執行成果", f"{results.year}年度"],
        stylesheet=stylesheet,
        print_layout=True,
    )
