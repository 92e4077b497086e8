"""Atom feeds (RFC 4287) of new and changed plans: one for the site, one for each agency.

One entry a plan, GOV.UK style: it is ``published`` when the plan was first made public and
``updated`` on its latest change note, whose text is the entry's summary (a new plan says it is
new). Every date comes from the plans (or, for a plan that gives none, from git): never from the
clock, so the same plans give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..plan.dates import last_changed, publication_date
from ..plan.model import Plan
from ..plan.results_model import PlanResults
from ..settings import Publication
from .catalogue import LICENCE_NAME, LICENCE_URL

TAIWAN = dt.timezone(dt.timedelta(hours=8))
ATOM_TYPE = "application/atom+xml"
SITE_FEED_ENTRIES = 50  # the site feed keeps the latest; each agency's feed has all its plans


@dataclass(frozen=True)
class FeedEntry:
    plan: Plan
    url: str  # the plan page (or the page of its results report)
    published: dt.date
    updated: dt.date
    title: str = ""  # the entry's title, when it is not the plan's (a results report's)
    note: str = ""  # the entry's summary, when it is not told by the plan's change notes

    @property
    def heading(self) -> str:
        return self.title or self.plan.title

    @property
    def summary(self) -> str:
        if self.note:
            return self.note
        if self.plan.changes and self.updated == self.plan.changes[-1].date:
            return f"更新：{self.plan.changes[-1].note}"
        return f"新公開：{self.plan.agency.name}的「{self.plan.title}」"


def feed_entries(plans: Sequence[Plan], urls: Mapping[str, str], page_dates: Mapping[str, dt.date | None]) -> list[FeedEntry]:
    """An entry for each plan that has a date (its own, else its file's), the latest change first."""
    entries = []
    for plan in plans:
        fallback = page_dates.get(plan.id)
        updated = last_changed(plan, fallback)
        if updated is None:
            continue
        published = publication_date(plan) or updated
        entries.append(FeedEntry(plan, urls[plan.id], min(published, updated), updated))
    return newest_first(entries)


def results_entry(results: PlanResults, url: str, summary: str, fallback: dt.date | None) -> FeedEntry | None:
    """A results report's entry: published on the date it was reported (else its file's), its summary
    the counts of the plan's items in each status."""
    date = results.report.reported or fallback
    if date is None:
        return None
    note = f"執行成果：{results.plan.agency.name}「{results.plan.title}」{results.year}年度，{summary}"
    return FeedEntry(results.plan, url, date, date, results.title, note)


def newest_first(entries: Sequence[FeedEntry]) -> list[FeedEntry]:
    return sorted(entries, key=lambda e: (e.updated, e.published, e.plan.id, e.url), reverse=True)


def _moment(date: dt.date) -> dt.datetime:
    return dt.datetime.combine(date, dt.time(), TAIWAN)


def atom_feed(title: str, feed_url: str, page_url: str, entries: Sequence[FeedEntry], publication: Publication) -> bytes:
    """An Atom feed of ``entries`` (already in order), its id its own address."""
    from feedgen.feed import FeedGenerator  # lxml-based: imported only when feeds are made

    feed = FeedGenerator()
    feed.id(feed_url)
    feed.title(title)
    feed.author({"name": publication.publisher_name})
    feed.link(href=feed_url, rel="self", type=ATOM_TYPE)
    feed.link(href=page_url, rel="alternate", type="text/html")
    feed.language("zh-Hant-TW")
    feed.rights(f"{LICENCE_NAME}（{LICENCE_URL}）")
    feed.generator("plansite")
    feed.updated(_moment(max((e.updated for e in entries), default=dt.date(1970, 1, 1))))
    for entry in entries:
        item = feed.add_entry(order="append")
        item.id(entry.url)
        item.title(entry.heading)
        item.link(href=entry.url, rel="alternate", type="text/html")
        item.author({"name": entry.plan.agency.name})
        item.published(_moment(entry.published))
        item.updated(_moment(entry.updated))
        item.summary(entry.summary)
        item.category(term=entry.plan.agency.type.value)
    data: bytes = feed.atom_str(pretty=True)
    return data
