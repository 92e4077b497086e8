"""Plan items as a person names them: every item of every example plan has a name that leads back to
it, references are read the way people write them, and what a report answers is the plan's actions."""

from __future__ import annotations

import pytest

from build_scripts.plan.load import load_plan_file
from build_scripts.plan.plan_items import PlanOutline, read_reference, units

from ..support.project import FIXTURES, ROOT, SEED_PLANS

PLAN_IDS = sorted(SEED_PLANS.values())


def outline(plan_id: str) -> PlanOutline:
    return PlanOutline(load_plan_file(ROOT / "plans" / f"{plan_id}.yaml"))


@pytest.mark.parametrize("plan_id", PLAN_IDS)
def test_every_item_has_a_name_that_leads_back_to_it(plan_id: str):
    items = outline(plan_id)
    named = [(node, items.place(node)) for node in items.items()]
    assert len(named) > 50
    for node, place in named:
        assert items.resolve(place).item is node, place
        assert items.resolve(items.technical_path(node)).item is node


def test_names_follow_the_plan_s_numbering():
    cijin = outline("kaohsiung-cijin-114")
    item = cijin.resolve("肆、一、(四)、2").item
    assert item is not None and "年計96次" in item.text
    assert [u.text for u in units(item)] == ["秘書室"]  # who does it: the 執行單位 cell beside it
    assert cijin.place(item) == "肆、一、(四)、2"


@pytest.mark.parametrize(
    "written",
    [
        "肆、一、(四)、2",
        "肆、一、（四）、2.",
        "肆 一 (四) 2",
        "肆、一、(四)、2、",
        "肆.一.(四).2",
        " 肆 › 一 › (四) › 2 ",
        "第4章、一、(四)、2",
    ],
)
def test_a_reference_is_read_the_way_people_write_it(written: str):
    cijin = outline("kaohsiung-cijin-114")
    wanted = cijin.resolve("肆、一、(四)、2").item
    assert wanted is not None and cijin.resolve(written).item is wanted


def test_a_repeated_number_is_named_by_its_row():
    """The 三、 of the 旗津 plan numbers its rows (一)(二)(一)(二) as the document did."""
    cijin = outline("kaohsiung-cijin-114")
    found = cijin.resolve("肆、三、(一)")
    assert found.item is None and found.problem == "ambiguous" and len(found.candidates) == 2
    third = cijin.resolve("肆、三、第3列").item
    assert third is not None and third.text.startswith("推動跨單位")
    assert cijin.place(third) == "肆、三、第3列"


def test_unnumbered_rows_are_looked_through():
    """In the 林園 plan the (一)–(四) of 一、 are a list in the cell of an unnumbered row."""
    linyuan = outline("kaohsiung-linyuan-service-plan")
    item = linyuan.resolve("肆、一、(三)").item
    assert item is not None and item.text.startswith("注重服務人員的禮貌態度")


def test_what_a_report_answers_is_the_plan_s_actions_not_who_does_them():
    cijin = outline("kaohsiung-cijin-114")
    expected = cijin.expected()
    assert len(expected) == 43
    assert {cijin.place(e).split("、")[0] for e in expected} == {"肆"}  # 計畫內容 only: not 目標, not 管考
    assert not any(e.attached for e in expected)
    assert "各課室" not in [e.text for e in expected]


def test_a_plan_without_kinds_expects_its_numbered_sections():
    plan = load_plan_file(FIXTURES / "plans" / "sample-114.yaml")
    bare = plan.model_copy(update={"sections": [s.model_copy(update={"kind": None}) for s in plan.sections]})
    expected = PlanOutline(bare).expected()
    assert expected and all(node.key or node.text for node in expected)


@pytest.mark.parametrize("written", ["", "計畫內容的電話禮貌測試", "肆、一、(四)、2 電話", "sections[3]blocks"])
def test_what_is_not_a_reference_is_not_read_as_one(written: str):
    assert read_reference(written) is None or outline("kaohsiung-cijin-114").resolve(written).item is None
