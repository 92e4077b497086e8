"""Ways into the plans for citizens: the latest plans, and plans by 縣市, 機關類型 and 年度.

Pure: plans in, pages (and Markdown for the home page's markers) out. Every list is a static
page that works without JavaScript.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from ..plan.dates import ROC_OFFSET, roc_date, roc_year_label
from ..plan.model import AgencyType, Plan

LATEST_COUNT = 10  # plans in 最新公開的計畫

# The 22 縣市 of Taiwan as they appear in URLs (ASCII, as the agencies' own sites spell them).
CITY_SLUGS = {
    "臺北市": "taipei", "新北市": "new-taipei", "桃園市": "taoyuan", "臺中市": "taichung", "臺南市": "tainan",
    "高雄市": "kaohsiung", "基隆市": "keelung", "新竹市": "hsinchu-city", "嘉義市": "chiayi-city",
    "新竹縣": "hsinchu-county", "苗栗縣": "miaoli", "彰化縣": "changhua", "南投縣": "nantou", "雲林縣": "yunlin",
    "嘉義縣": "chiayi-county", "屏東縣": "pingtung", "宜蘭縣": "yilan", "花蓮縣": "hualien", "臺東縣": "taitung",
    "澎湖縣": "penghu", "金門縣": "kinmen", "連江縣": "lienchiang",
}  # fmt: skip
NO_YEAR = "no-year"


def city_slug(city: str) -> str:
    """高雄市 → kaohsiung (台 is read as 臺); a name outside the list gets its code points."""
    known = CITY_SLUGS.get(city.replace("台", "臺"))
    return known or "city-" + "-".join(f"{ord(c):x}" for c in city)


def type_slug(kind: AgencyType) -> str:
    return kind.name.replace("_", "-")


def year_slug(year: int | None) -> str:
    return str(year) if year is not None else NO_YEAR


def year_title(year: int | None) -> str:
    return roc_year_label(year) if year is not None else "未載明年度"


def publication_date(plan: Plan) -> dt.date | None:
    """The date a plan was made public, as the plan states it: 發布, else 核定, else its letter, else 更新."""
    return plan.published or plan.approved or (plan.issued.date if plan.issued else None) or plan.updated


def latest(plans: Sequence[Plan], count: int = LATEST_COUNT) -> list[Plan]:
    """The newest plans first: by publication date, else the start of their year (plans with
    neither last)."""

    def key(plan: Plan) -> tuple[dt.date, str]:
        # A plan that states only its 年度 counts from the start of that year.
        year_start = dt.date(plan.year + ROC_OFFSET, 1, 1) if plan.year is not None else dt.date.min
        return (publication_date(plan) or year_start, plan.title)

    return sorted(plans, key=key, reverse=True)[:count]


@dataclass(frozen=True)
class Listed:
    """A plan as a list shows it: a link, its agency and its date."""

    plan: Plan
    link: str
    date: str  # 民國 date of publication, or its year

    @staticmethod
    def of(plan: Plan, link: str) -> Listed:
        date = publication_date(plan)
        shown = roc_date(date) if date else (roc_year_label(plan.year) if plan.year is not None else "")
        return Listed(plan, link, shown)


def by_year(plans: Sequence[Plan]) -> list[tuple[int | None, list[Plan]]]:
    """Plans grouped by 年度, newest year first (plans without a year last)."""
    ordered = sorted(plans, key=lambda p: (p.year is None, -(p.year or 0), p.agency.city, p.agency.name, p.title))
    return [(year, list(group)) for year, group in groupby(ordered, key=lambda p: p.year)]


def by_type(plans: Sequence[Plan]) -> list[tuple[AgencyType, list[Plan]]]:
    """Plans grouped by 機關類型, in the order the types are declared."""
    order = {kind: i for i, kind in enumerate(AgencyType)}
    ordered = sorted(plans, key=lambda p: (order[p.agency.type], p.agency.city, p.agency.name, -(p.year or 0), p.title))
    return [(kind, list(group)) for kind, group in groupby(ordered, key=lambda p: p.agency.type)]


def by_city(plans: Sequence[Plan]) -> list[tuple[str, int, int]]:
    """Each 縣市 with its number of agencies and plans, in the order of the 主動公開資訊 index."""
    ordered = sorted(plans, key=lambda p: p.agency.city)
    return [
        (city, len({p.agency.id for p in group}), len(group))
        for city, group in ((c, list(g)) for c, g in groupby(ordered, key=lambda p: p.agency.city))
    ]


_MARKER = re.compile(r"^<!--\s*plansite:\s*(latest|browse)\s*-->\s*$", re.M)


def has_markers(markdown: str) -> bool:
    return _MARKER.search(markdown) is not None


def expand_markers(markdown: str, blocks: dict[str, str]) -> str:
    """A hand-written page with ``<!-- plansite: latest -->`` / ``<!-- plansite: browse -->`` lines
    replaced by the generated lists (see ``home_blocks``)."""
    return _MARKER.sub(lambda m: blocks[m.group(1)].rstrip("\n") + "\n", markdown)
