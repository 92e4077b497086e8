"""A process's PDFs share one WeasyPrint font configuration: a PDF made after others is the PDF a
fresh process makes."""

from __future__ import annotations

from build_scripts.pdf import typeset
from build_scripts.plan.load import load_plan_file

from ..support.project import ROOT


def test_a_pdf_made_after_another_is_the_pdf_made_first_in_a_fresh_configuration() -> None:
    before, after = (load_plan_file(ROOT / "plans" / f"{name}.yaml") for name in ("tainan-shanshang-106", "kaohsiung-cijin-114"))
    typeset.font_configuration.cache_clear()
    alone = typeset.render_pdf(after)  # the first PDF of its configuration
    typeset.font_configuration.cache_clear()
    typeset.render_pdf(before)
    shared = typeset.font_configuration()
    assert typeset.render_pdf(after) == alone
    assert typeset.font_configuration() is shared  # both laid out in one configuration
