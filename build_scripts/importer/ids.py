"""Ids an imported plan gets when nobody gave one: from the romanised place, the agency and the year.

高雄市旗津區公所 → agency kaohsiung-cijin-district-office, plan kaohsiung-cijin-114; 高雄市政府地政局
岡山地政事務所 → kaohsiung-gangshan-land-office, kaohsiung-gangshan-land-113; 屏東縣政府 →
pingtung-government; a 局處 → its city and its unit (units.json). A name the data cannot romanise gets a
short hash of itself: two agencies never share an id.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from ..plan import divisions
from ..plan.model import AgencyType, PlanGenre
from .agency import FoundAgency

UNITS = Path(__file__).with_name("units.json")

# type → (suffix of the agency id, suffix of the plan id)
_SUFFIXES = {
    AgencyType.district_office: ("district-office", ""),
    AgencyType.township_office: ("township-office", ""),
    AgencyType.health_center: ("health-center", "health"),
    AgencyType.household_registration: ("household-registration-office", "household"),
    AgencyType.land_office: ("land-office", "land"),
    AgencyType.local_government: ("government", "government"),
}
_GENRES = {PlanGenre.goals: "goals", PlanGenre.mid_term: "mid-term", PlanGenre.annual: "annual"}


@cache
def _units() -> dict[str, str]:
    data: dict[str, str] = json.loads(UNITS.read_text("utf-8"))["units"]
    return data


def digest(text: str, length: int = 6) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


def _place(found: FoundAgency) -> str:
    """kaohsiung-cijin, or the city and a hash of the name when the district is not known."""
    city = divisions.city(found.city)
    if city is None:
        return ""
    if found.town is not None:
        return f"{city.id}-{found.town.id}"
    if found.type is AgencyType.bureau and found.bureau:
        return f"{city.id}-{_units().get(found.bureau) or 'bureau-' + digest(found.bureau)}"
    if found.type is AgencyType.local_government:
        return city.id
    return f"{city.id}-{digest(found.name)}"


def agency_id(found: FoundAgency | None, name: str) -> str:
    place = _place(found) if found is not None else ""
    if not place:
        return f"agency-{digest(name, 8)}"
    suffix = _SUFFIXES.get(found.type, ("", ""))[0] if found is not None else ""
    return f"{place}-{suffix}" if suffix else place


def plan_id(found: FoundAgency | None, agency: str, year: int | None, genre: PlanGenre, title: str) -> str:
    place = _place(found) if found is not None else ""
    base = place or agency
    kind = _SUFFIXES.get(found.type, ("", ""))[1] if found is not None and place else ""
    parts = [base, kind, _GENRES.get(genre, "")]
    if genre is PlanGenre.other:
        parts.append("plan")  # a 實施計畫: a second one of the same year gets -2 when written (cli.importing)
    parts.append(str(year) if year else ("service-plan" if genre is PlanGenre.service else ""))
    return "-".join(p for p in parts if p)
