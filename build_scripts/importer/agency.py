"""The agency a document is from, read from its title (or its text), with the place names of
``plan/divisions.json``:

- a full name with its chain: 高雄市政府地政局岡山地政事務所 → name, parent 高雄市政府地政局, city 高雄市,
  type 地政事務所; 高雄市政府秘書處 → a 局處 whose parent is 高雄市政府; 屏東縣政府 → a 縣市政府;
- a city and an office: 高雄市旗津區公所, 屏東縣潮州鎮公所, 臺南市玉井區戶政事務所;
- an office named by its district only (岡山區公所, 玉井戶政事務所): the city is the one 縣市 that has
  that district, or the 縣市 the text names most; either way it is marked for confirmation.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from ..plan import divisions
from ..plan.model import AgencyType

# An office's kind, by the words that end its name.
OFFICES: tuple[tuple[str, AgencyType], ...] = (
    ("戶政事務所", AgencyType.household_registration),
    ("地政事務所", AgencyType.land_office),
    ("衛生所", AgencyType.health_center),
    ("公所", AgencyType.district_office),  # 區公所; 鄉、鎮、市公所 are township offices (below)
)
_CJK = r"[\u4e00-\u9fff]"
_NOT_A_UNIT = r"(?!計畫|年度|實施|執行|提升|服務|施政|所屬)"


@dataclass
class FoundAgency:
    name: str
    city: str
    type: AgencyType
    parent: str | None = None
    town: divisions.Town | None = None
    bureau: str | None = None  # 地政局 in 高雄市政府地政局…
    written: tuple[str, str] = ("", "")  # the district and the kind of office as the name writes them
    notes: list[str] = field(default_factory=list)  # what the webmaster should confirm


def _alternation(names: list[str]) -> str:
    return "|".join(re.escape(n).replace("臺", "[臺台]") for n in sorted(set(names), key=len, reverse=True))


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    cities = _alternation(divisions.city_names())
    towns: list[str] = []
    for city in divisions.cities():
        for town in city.towns:
            towns.append(town.name)
            if len(town.name) >= 3:
                towns.append(town.name[:-1])  # 岡山 for 岡山區 (岡山地政事務所)
    kinds = "|".join(k for k, _ in OFFICES)
    chain = re.compile(
        rf"(?P<city>{cities})政府(?P<bureau>(?:{_NOT_A_UNIT}{_CJK}){{1,10}}?[局處](?!長))?"
        rf"(?P<office>(?:{_alternation(towns)})(?:{kinds}))?"
    )
    office = re.compile(rf"(?P<city>{cities})?(?P<town>{_alternation(towns)})(?:區(?=公所))?(?P<kind>{kinds})")
    return chain, office


def _town(city: str | None, written: str, kind: str) -> tuple[divisions.Town | None, list[divisions.Town]]:
    """The district an office names: 岡山 (+區), 潮州鎮; in ``city`` when it is known."""
    candidates = [written] if written[-1] in "區鄉鎮市" and len(written) >= 2 else []
    candidates += [written + suffix for suffix in "區鄉鎮市"]
    for name in candidates:
        if city:
            found = divisions.town(city, name)
            if found:
                return found, [found]
        else:
            everywhere = divisions.towns_named(name)
            if everywhere:
                return (everywhere[0] if len(everywhere) == 1 else None), everywhere
    return None, []


def _office_type(kind: str, town: divisions.Town | None) -> AgencyType:
    found = next(t for k, t in OFFICES if kind == k)
    if found is AgencyType.district_office and town is not None and not town.name.endswith("區"):
        return AgencyType.township_office
    return found


def in_title(text: str) -> FoundAgency | None:
    """The agency a title (or any text) names, the most specific reading first: a chain that ends in an
    office, an office, then a 局處 or a 縣市政府."""
    chain, office = _patterns()
    chains = list(chain.finditer(text))
    for match in chains:
        if match["office"] and (found := _from_chain(match)) is not None:
            return found
    plain = office.search(text)
    if plain is not None:
        return _from_office(plain)
    for match in chains:
        if (found := _from_chain(match)) is not None:
            return found
    return None


def in_text(text: str) -> FoundAgency | None:
    """The agency a document's text names, offices first: a district office's plan names its city's
    government too (「依據高雄市政府…計畫」), as the issuer of the programme it follows."""
    match = _patterns()[1].search(text)
    if match is not None:
        return _from_office(match)
    return in_title(text)


def _from_chain(match: re.Match[str]) -> FoundAgency | None:
    city = divisions.standard(match["city"])
    government = f"{match['city']}政府"
    if match["office"]:
        office_match = _patterns()[1].fullmatch(match["office"])
        if office_match is None:
            return None
        found = _from_office(office_match, city)
        found.name = match.group()
        found.parent = government + (match["bureau"] or "")
        found.bureau = match["bureau"]
        return found
    if match["bureau"]:
        return FoundAgency(match.group(), city, AgencyType.bureau, parent=government, bureau=match["bureau"])
    return FoundAgency(government, city, AgencyType.local_government)


def _from_office(match: re.Match[str], city: str | None = None) -> FoundAgency:
    city = city or (divisions.standard(match["city"]) if match["city"] else None)
    town, everywhere = _town(city, match["town"], match["kind"])
    kind = _office_type(match["kind"], town or (everywhere[0] if everywhere else None))
    name = match.group()
    written = (match["town"], match["kind"])
    if city:
        return FoundAgency(name, city, kind, town=town, written=written)
    found = FoundAgency(name, town.city if town else "", kind, town=town, written=written)
    if town:
        found.notes.append(f"機關名稱沒有寫縣市，{town.name}只在{town.city}，所以縣市填{town.city}")
    elif everywhere:
        found.notes.append(f"機關名稱沒有寫縣市，{'、'.join(t.city for t in everywhere)}都有{everywhere[0].name}")
    return found


def city_in(text: str) -> str | None:
    """The 縣市 a text names most often (高雄市 in 「依據高雄市政府…」)."""
    counts = Counter(divisions.standard(m.group()) for m in re.finditer(_alternation(divisions.city_names()), text))
    return counts.most_common(1)[0][0] if counts else None


def settle_city(found: FoundAgency, body: str) -> None:
    """An office named by its district only, in a district name several 縣市 have: the city the text names."""
    if found.city:
        return
    city = city_in(body)
    if city is None:
        return
    found.city = city
    found.town, _ = _town(city, *found.written)
    if found.written[1]:
        found.type = _office_type(found.written[1], found.town)
    found.notes.append(f"縣市是從內文猜的（內文最常提到{city}）")
