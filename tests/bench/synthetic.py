"""Synthetic plans for `make bench scale`: the five seed plans copied under new ids and agencies.

Every agency has four plans (consecutive years, 106–115), copies of one seed with the agency's name
and year rewritten. Two shapes (``BENCH_SHAPE``):

- ``spread``: the agencies spread evenly over Taiwan's 22 縣市 (~11 agencies a city at 1,000 plans);
- ``city``: a 直轄市 portal, 60 % of the agencies in one city (高雄市: 150 of 250 at 1,000 plans,
  every 區公所, 衛生所, 戶政 and 地政 office), the rest over the other 21.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from build_scripts.plan.divisions import cities

from ..support.project import ROOT

SEEDS = (
    "kaohsiung-cijin-114",
    "kaohsiung-zuoying-health-113",
    "tainan-yujing-household-service-plan",
    "kaohsiung-linyuan-service-plan",
    "tainan-shanshang-106",
)
CITY_SLUGS = {city.name: city.id for city in cities()}
CITIES = tuple(CITY_SLUGS)
# Made-up district names: two characters each, none a real place, so searches stay predictable.
DISTRICTS = tuple(a + b for a in "東西南北中安和平福德" for b in "山林港興豐仁義華美寧")
TYPE_NAMES = {"區公所": ("district-office", "區公所"), "衛生所": ("health-center", "區衛生所"),
              "戶政事務所": ("household-registration-office", "區戶政事務所"), "地政事務所": ("land-office", "地政事務所")}  # fmt: skip
PLANS_PER_AGENCY = 4
SHAPES = ("spread", "city")
BIG_CITY = "高雄市"  # the city portal's own city in the ``city`` shape


def _yaml() -> YAML:
    yaml = YAML()
    yaml.width = 4096
    yaml.preserve_quotes = True
    return yaml


def _shift_years(value: Any, years: int) -> Any:
    """Every date in a plan moved by ``years`` (so the plan's dates still agree with its year)."""
    if isinstance(value, dt.date):
        return value.replace(year=value.year + years, day=min(value.day, 28))
    if isinstance(value, dict):
        for key in list(value):
            value[key] = _shift_years(value[key], years)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            value[i] = _shift_years(item, years)
    return value


def _place(agency_number: int, shape: str) -> tuple[str, str]:
    """The 縣市 and the (made-up) district of agency number ``agency_number``."""
    if shape == "spread":
        return CITIES[agency_number % len(CITIES)], _district(agency_number // len(CITIES))
    # city: of every 5 agencies, 3 in the big city and 2 in the others, in turn
    group, place = divmod(agency_number, 5)
    if place < 3:
        return BIG_CITY, _district(group * 3 + place)
    others = [c for c in CITIES if c != BIG_CITY]
    nth_other = group * 2 + place - 3
    return others[nth_other % len(others)], _district(nth_other // len(others))


def _district(number: int) -> str:
    """A district name, different for each number below 1,000 (two characters, then three)."""
    base = DISTRICTS[number % len(DISTRICTS)]
    return base if number < len(DISTRICTS) else base + "東西南北中安和平福"[number // len(DISTRICTS) - 1]


def synthetic_plan(index: int, shape: str = "spread") -> tuple[str, str]:
    """Plan number ``index``: its id and its YAML text. An agency's plans share a seed and run over
    consecutive years."""
    yaml = _yaml()
    agency_number, nth = divmod(index, PLANS_PER_AGENCY)
    seed = SEEDS[agency_number % len(SEEDS)]
    data = yaml.load((ROOT / "plans" / f"{seed}.yaml").read_text("utf-8"))
    city, district = _place(agency_number, shape)
    slug, suffix = TYPE_NAMES.get(data["agency"]["type"], ("office", "所"))
    name = f"{city}{district}{suffix}"
    old_name, old_year = data["agency"]["name"], data.get("year")
    agency_id = f"{CITY_SLUGS[city]}-{agency_number:04d}-{slug}"
    _shift_years(data, -nth)
    title = str(data["title"]).replace(old_name, name)
    if old_year is not None:
        data["year"] = old_year - nth
        title = title.replace(f"{old_year}年度", f"{old_year - nth}年度")
    data["id"] = plan_id = f"{agency_id}-{index:04d}"
    data["agency"]["id"] = agency_id
    data["agency"]["name"] = name
    data["agency"]["city"] = city
    data["agency"].pop("parent", None)
    data["title"] = title if title != data["title"] else f"{name}提升服務計畫（{nth + 1}）"
    out = io.StringIO()
    yaml.dump(data, out)
    return plan_id, "# yaml-language-server: $schema=../schema/plan.schema.json\n" + out.getvalue()


def write_plans(folder: Path, count: int, shape: str = "spread") -> list[str]:
    """Write ``count`` synthetic plans of ``shape`` into ``folder`` (emptied first); their ids."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.yaml"):
        old.unlink()
    ids = []
    for index in range(count):
        plan_id, text = synthetic_plan(index, shape)
        (folder / f"{plan_id}.yaml").write_text(text, "utf-8")
        ids.append(plan_id)
    return ids
