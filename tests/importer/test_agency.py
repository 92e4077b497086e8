"""The agency, its ids and the year, read from a title the way agencies write them."""

from __future__ import annotations

import pytest

from build_scripts.importer import agency, ids
from build_scripts.importer.frontmatter import year_of, year_range
from build_scripts.plan.model import PlanGenre

TITLES = [
    # title → name, parent, city, type, agency id
    (
        "高雄市政府地政局岡山地政事務所113年度提升服務計畫",
        ("高雄市政府地政局岡山地政事務所", "高雄市政府地政局", "高雄市", "地政事務所", "kaohsiung-gangshan-land-office"),
    ),
    (
        "高雄市政府動物保護防疫處115年度施政目標",
        ("高雄市政府動物保護防疫處", "高雄市政府", "高雄市", "局處", "kaohsiung-animal-protection"),
    ),
    ("屏東縣政府113年度施政目標與重點", ("屏東縣政府", None, "屏東縣", "縣市政府", "pingtung-government")),
    ("臺北市政府秘書處提升服務計畫", ("臺北市政府秘書處", "臺北市政府", "臺北市", "局處", "taipei-secretariat")),
    (
        "屏東縣潮州鎮公所鎮長與民有約實施計畫",
        ("屏東縣潮州鎮公所", None, "屏東縣", "鄉鎮市公所", "pingtung-chaozhou-township-office"),
    ),
    (
        "台南市玉井區戶政事務所服務計畫",
        ("台南市玉井區戶政事務所", None, "臺南市", "戶政事務所", "tainan-yujing-household-registration-office"),
    ),
    ("岡山區公所參訪實施計畫", ("岡山區公所", None, "高雄市", "區公所", "kaohsiung-gangshan-district-office")),
    ("高雄市左營區衛生所113年度計畫", ("高雄市左營區衛生所", None, "高雄市", "衛生所", "kaohsiung-zuoying-health-center")),
]


@pytest.mark.parametrize(("title", "want"), TITLES, ids=[t for t, _ in TITLES])
def test_the_agency_is_read_with_its_chain(title: str, want: tuple):
    found = agency.in_title(title)
    assert found is not None
    assert (found.name, found.parent, found.city, found.type.value, ids.agency_id(found, found.name)) == want


def test_an_office_named_by_its_district_only_is_marked_for_confirmation():
    found = agency.in_title("岡山區公所參訪實施計畫")
    assert found is not None and found.notes == ["機關名稱沒有寫縣市，岡山區只在高雄市，所以縣市填高雄市"]
    ambiguous = agency.in_title("東區區公所為民服務計畫")
    assert ambiguous is not None and ambiguous.city == ""
    agency.settle_city(ambiguous, "依據臺南市政府提升服務實施計畫，本所位於臺南市東區。")
    assert ambiguous.city == "臺南市" and ambiguous.town is not None and ambiguous.town.id == "east"
    assert "縣市是從內文猜的（內文最常提到臺南市）" in ambiguous.notes


def test_a_district_office_plan_naming_its_citys_programme_is_the_office():
    body = "依據高雄市政府提升服務實施計畫，訂定高雄市旗津區公所提升服務執行計畫。"
    found = agency.in_text(body)
    assert found is not None and found.name == "高雄市旗津區公所"


def test_agencies_the_data_cannot_romanise_never_share_an_id():
    first, second = ids.agency_id(None, "行政院農業部"), ids.agency_id(None, "國家發展委員會")
    assert first != second and first.startswith("agency-") and second.startswith("agency-")
    unknown_bureau = agency.in_title("高雄市政府捷運局")
    assert unknown_bureau is not None and ids.agency_id(unknown_bureau, unknown_bureau.name).startswith("kaohsiung-bureau-")


def test_plan_ids_say_place_agency_genre_and_year():
    office = agency.in_title("高雄市旗津區公所")
    land = agency.in_title("高雄市政府地政局岡山地政事務所")
    assert ids.plan_id(office, "x", 115, PlanGenre.service, "") == "kaohsiung-cijin-115"
    assert ids.plan_id(land, "x", 113, PlanGenre.service, "") == "kaohsiung-gangshan-land-113"
    assert ids.plan_id(office, "x", None, PlanGenre.service, "") == "kaohsiung-cijin-service-plan"
    assert ids.plan_id(office, "x", 115, PlanGenre.goals, "") == "kaohsiung-cijin-goals-115"


@pytest.mark.parametrize(
    ("title", "year", "years"),
    [
        ("岡山區公所106年參訪實施計畫", 106, None),
        ("106年度提升服務計畫", 106, None),
        ("106年4月25日所行字第1060259708號函", None, None),
        ("高雄市政府104至107年度中程施政計畫", 107, (104, 107)),
    ],
)
def test_years_as_titles_write_them(title: str, year: int | None, years: tuple[int, int] | None):
    assert year_of(title) == year and year_range(title) == years


def test_two_documents_without_an_agency_do_not_share_an_agency_id(tmp_path):
    from build_scripts.importer.run import import_file

    ids_seen = set()
    for title in ("參訪實施計畫", "志工服務實施計畫"):
        path = tmp_path / f"{title}.txt"
        path.write_text(f"{title}\n一、目的：增進交流。\n二、方式：實地參訪。\n", "utf-8")
        result = import_file(path)
        assert result.data["agency"]["name"] == "（請填寫機關全銜）" and result.data["draft"] is True
        ids_seen.add(result.data["agency"]["id"])
    assert len(ids_seen) == 2
