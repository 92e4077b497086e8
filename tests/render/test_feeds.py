"""Atom feeds, checked against the rules of RFC 4287 by parsing them."""

from __future__ import annotations

import datetime as dt
import re

from lxml import etree

from build_scripts.plan.load import load_plan_file
from build_scripts.render.feeds import atom_feed, feed_entries
from build_scripts.settings import Publication

from ..support.project import ROOT

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
PUBLICATION = Publication(site_url="https://plans.example.gov.tw/", site_name="範例網站")


def _date(element: etree._Element, name: str) -> dt.datetime:
    text = element.findtext(ATOM + name)
    assert text is not None and RFC3339.match(text), (name, text)
    return dt.datetime.fromisoformat(text)


def check_atom(data: bytes) -> etree._Element:
    """The MUST rules of RFC 4287 §4.1 that a feed of this kind can break."""
    feed = etree.fromstring(data)
    assert feed.tag == ATOM + "feed"
    for name in ("id", "title", "updated"):
        assert len(feed.findall(ATOM + name)) == 1, name  # atom:feed MUST contain exactly one
    _date(feed, "updated")
    assert feed.find(f"{ATOM}link[@rel='self']") is not None  # SHOULD, and feed readers need it
    entries = feed.findall(ATOM + "entry")
    feed_author = feed.find(ATOM + "author") is not None
    ids = set()
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert len(entry.findall(ATOM + name)) == 1, name
        assert feed_author or entry.find(ATOM + "author") is not None  # an author somewhere
        assert entry.find(f"{ATOM}author/{ATOM}name") is not None
        links = entry.findall(ATOM + "link")
        assert any(link.get("rel", "alternate") == "alternate" for link in links)  # no content: an alternate link
        assert entry.find(ATOM + "content") is not None or entry.find(ATOM + "summary") is not None
        assert _date(entry, "updated") >= _date(entry, "published")
        ids.add(entry.findtext(ATOM + "id"))
        assert entry.findtext(ATOM + "id", "").startswith("https://")  # an IRI
    assert len(ids) == len(entries)  # no two entries share an id
    if entries:
        assert _date(feed, "updated") == max(_date(e, "updated") for e in entries)
    return feed


def _plans():
    return [load_plan_file(ROOT / "tests" / "fixtures" / "yearly" / f"kaohsiung-cijin-{y}.yaml") for y in (113, 114)]


def test_a_changed_plan_is_an_updated_entry_with_its_change_note():
    plans = _plans()
    urls = {p.id: f"https://plans.example.gov.tw/{p.id}/" for p in plans}
    data = atom_feed(
        "旗津",
        "https://plans.example.gov.tw/feed.xml",
        "https://plans.example.gov.tw/",
        feed_entries(plans, urls, {}),
        PUBLICATION,
    )
    feed = check_atom(data)
    first, second = feed.findall(ATOM + "entry")
    assert first.findtext(ATOM + "id") == urls["kaohsiung-cijin-114"]  # the latest change first
    assert first.findtext(ATOM + "updated") == "2025-06-02T00:00:00+08:00"
    assert first.findtext(ATOM + "published") == "2025-01-22T00:00:00+08:00"
    assert first.findtext(ATOM + "summary") == "更新：新增線上申辦說明"
    assert second.findtext(ATOM + "summary", "").startswith("新公開：")
    assert feed.findtext(ATOM + "updated") == "2025-06-02T00:00:00+08:00"


def test_dates_come_from_the_plans_never_the_clock():
    plans = _plans()
    urls = {p.id: f"https://x.invalid/{p.id}/" for p in plans}
    make = lambda: atom_feed("t", "https://x.invalid/f.xml", "https://x.invalid/", feed_entries(plans, urls, {}), PUBLICATION)  # noqa: E731
    assert make() == make()
    assert str(dt.date.today().year) not in make().decode()


def test_a_plan_without_dates_takes_its_files_date_and_text_is_escaped():
    plan = load_plan_file(ROOT / "plans" / "kaohsiung-cijin-114.yaml")
    hostile = plan.model_copy(update={"title": "<b>標題</b> & ]]>"})
    entries = feed_entries([hostile], {plan.id: "https://x.invalid/p/"}, {plan.id: dt.date(2025, 3, 4)})
    feed = check_atom(atom_feed("t", "https://x.invalid/f.xml", "https://x.invalid/", entries, PUBLICATION))
    assert feed.find(ATOM + "entry").findtext(ATOM + "title") == "<b>標題</b> & ]]>"
    assert feed.find(ATOM + "entry").findtext(ATOM + "updated") == "2025-03-04T00:00:00+08:00"
