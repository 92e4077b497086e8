"""Downloads of unchanged plans come from the cache (renders real PDFs and ODTs)."""

from __future__ import annotations

import datetime as dt

from build_scripts.odt import document as odt
from build_scripts.plan.load import load_plan_file
from build_scripts.publish import downloads

from ..support.project import ROOT

PLANS = ["tainan-shanshang-106", "tainan-yujing-household-service-plan"]


def _plans():
    return [load_plan_file(ROOT / "plans" / f"{plan}.yaml") for plan in PLANS]


def test_downloads_of_an_unchanged_plan_come_from_the_cache(tmp_path, monkeypatch):
    calls = []
    original = odt.render_odt
    monkeypatch.setattr(odt, "render_odt", lambda plan, metadata=(): calls.append(plan.id) or original(plan, metadata))
    plans = _plans()
    first = downloads.render_downloads(plans, tmp_path, workers=1)
    assert sorted(calls) == sorted(PLANS)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "odt", "pdf"]  # JSON and CSV by plan too
    calls.clear()
    again = downloads.render_downloads(plans, tmp_path, workers=1)
    assert calls == []
    assert {k: [d.data for d in v] for k, v in again.items()} == {k: [d.data for d in v] for k, v in first.items()}
    # A new last-updated date in the plan changes the ODT's metadata: that plan's ODT is made again.
    plans[0] = plans[0].model_copy(update={"updated": dt.date(2026, 1, 2)})
    downloads.render_downloads(plans, tmp_path, workers=1)
    assert calls == [plans[0].id]
