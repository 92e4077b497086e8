"""Plan → the print HTML that WeasyPrint renders (``templates/print.html.j2`` and ``print.css``)."""

from __future__ import annotations

from ..plan.model import Plan
from ..render.environment import render, template_file
from ..render.metadata import keywords, metadata_entries


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
