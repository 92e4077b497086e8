"""The plan pages at a phone's width and a desktop's: axe-core and the Taiwan rules at zero."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.audit.axe import run_axe
from build_scripts.audit.taiwan_rules import check_page

from .test_citizen_view import PLAN_PAGES


@pytest.mark.parametrize("width", (320, 1280))
def test_plan_pages_pass_axe_and_the_taiwan_rules_at(built_site: Path, width: int):
    pages = [PLAN_PAGES["kaohsiung-cijin-114"] + "index.html", PLAN_PAGES["kaohsiung-linyuan-service-plan"] + "index.html"]
    result = run_axe(built_site, pages, width=width)
    assert [(f.page, f.rule) for f in result.findings] == []
    for name in pages:  # the Taiwan rules read the page's HTML (the same at every width)
        assert check_page(name, (built_site / name).read_text("utf-8")) == []
