"""Taiwan's 22 縣市 and their 鄉鎮市區, with romanised ids, read from ``divisions.json`` (data, not code).

台 and 臺 name the same place: names are compared in the 臺 form and shown in it.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("divisions.json")


@dataclass(frozen=True)
class Town:
    name: str  # 旗津區
    id: str  # cijin
    city: str  # 高雄市


@dataclass(frozen=True)
class City:
    name: str  # 高雄市
    id: str  # kaohsiung
    towns: tuple[Town, ...]


@cache
def cities() -> tuple[City, ...]:
    data = json.loads(DATA.read_text("utf-8"))
    return tuple(City(c["name"], c["id"], tuple(Town(t["name"], t["id"], c["name"]) for t in c["towns"])) for c in data["cities"])


@cache
def _by_name() -> dict[str, City]:
    return {city.name: city for city in cities()}


def standard(name: str) -> str:
    """台 written for 臺: 「台南市」 → 「臺南市」."""
    return name.replace("台", "臺")


def city(name: str) -> City | None:
    """The 縣市 of that name (台 or 臺), or None."""
    return _by_name().get(standard(name.strip()))


def city_names() -> list[str]:
    return [c.name for c in cities()]


def closest_city(name: str) -> str | None:
    """What a name that is not a 縣市 most likely meant: 「高雄」 → 「高雄市」, 「台北縣」 → 「新北市」."""
    text = standard(name.strip())
    if not text:
        return None
    renamed = {"臺北縣": "新北市", "桃園縣": "桃園市", "臺中縣": "臺中市", "臺南縣": "臺南市", "高雄縣": "高雄市"}
    if text in renamed:
        return renamed[text]
    for suffix in ("市", "縣"):
        if (found := city(text + suffix)) is not None:
            return found.name
    starts = [c.name for c in cities() if c.name.startswith(text[:2])]
    if len(starts) == 1:
        return starts[0]
    close = difflib.get_close_matches(text, city_names(), n=1, cutoff=0.5)
    return close[0] if close else None


def town(city_name: str, name: str) -> Town | None:
    found = city(city_name)
    if found is None:
        return None
    return next((t for t in found.towns if t.name == standard(name)), None)


def towns_named(name: str) -> list[Town]:
    """Every 鄉鎮市區 of that name, in any 縣市 (東區 is in four of them)."""
    wanted = standard(name)
    return [t for c in cities() for t in c.towns if t.name == wanted]
