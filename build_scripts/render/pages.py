"""The pages generated from plans: where each goes and what it says.

Pure: takes loaded plans (and their last-updated dates) and returns ``Page`` values; writing
them to disk or handing them to MkDocs is the adapters' job. The section has three kinds of
page: the 主動公開資訊 index (every plan by city and agency), one page per agency and one per plan.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Protocol

from ..plan.dates import roc_year
from ..plan.model import Agency, Plan
from .environment import render

HOME = "index.md"
SECTION_TITLE = "主動公開資訊"


class Attachment(Protocol):
    """A file offered for download on a plan page (see ``publish.downloads``)."""

    @property
    def filename(self) -> str: ...
    @property
    def data(self) -> bytes: ...
    @property
    def label(self) -> str: ...
    @property
    def title(self) -> str: ...


@dataclass(frozen=True)
class Page:
    path: str  # relative to the docs folder, with / separators, e.g. disclosure/index.md
    title: str
    content: str
    source: str | None = None  # the plan file it was generated from, if any
    files: tuple[tuple[str, bytes], ...] = ()  # companion files (downloads), paths relative to the docs folder


def link(from_page: str, to_page: str) -> str:
    """A relative link between two Markdown pages, as MkDocs resolves them."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


def _recency(plan: Plan) -> tuple[int, str]:
    """Sort key: newest first; plans without a year go last."""
    dates = [d for d in (plan.published, plan.approved, plan.issued.date if plan.issued else None) if d]
    year = plan.year if plan.year is not None else (roc_year(max(dates)) if dates else -1)
    return (-year, plan.title)


@dataclass(frozen=True)
class Layout:
    """Where generated pages go inside the docs folder."""

    section: str = "disclosure"

    def index(self) -> str:
        return f"{self.section}/index.md"

    def agency(self, agency: Agency) -> str:
        return f"{self.section}/{agency.id}/index.md"

    def plan(self, plan: Plan) -> str:
        return f"{self.section}/{plan.agency.id}/{plan.id}.md"

    def crumbs(self, page: str, *trail: tuple[str, str], current: str) -> list[tuple[str, str]]:
        """現在位置 from ``page``: 首頁 › 主動公開資訊 › (trail: title, target page) … › current."""
        steps = [("首頁", HOME), (SECTION_TITLE, self.index()), *trail]
        return [(title, link(page, target)) for title, target in steps] + [(current, "")]


def build_pages(
    plans: Sequence[tuple[Plan, str]],
    page_dates: Mapping[str, dt.date | None],
    layout: Layout = Layout(),
    downloads: Mapping[str, Sequence[Attachment]] | None = None,
) -> list[Page]:
    """All pages of the 主動公開資訊 section: the index, then each agency's page and its plans' pages.

    ``plans`` pairs each plan with the name of its source file; ``page_dates`` maps plan ids to the
    date their page last changed; ``downloads`` maps plan ids to the files offered on the plan's page."""
    ordered = sorted(plans, key=lambda pair: (pair[0].agency.city, pair[0].agency.name, _recency(pair[0])))
    pages: list[Page] = []
    by_city = []
    for city, in_city in groupby(ordered, key=lambda pair: pair[0].agency.city):
        agencies = []
        for _, in_agency in groupby(in_city, key=lambda pair: pair[0].agency.id):
            sourced = list(in_agency)
            agency_plans = [plan for plan, _ in sourced]
            pages.append(agency_page(agency_plans, layout))
            pages += [
                plan_page(plan, source, page_dates.get(plan.id), layout, (downloads or {}).get(plan.id, ()))
                for plan, source in sourced
            ]
            agencies.append(_index_entry(agency_plans, layout))
        by_city.append((city, agencies))
    return [index_page(by_city, layout), *pages]


def _index_entry(plans: Sequence[Plan], layout: Layout) -> tuple[Agency, str, list[tuple[Plan, str]]]:
    index = layout.index()
    agency = plans[0].agency
    return agency, link(index, layout.agency(agency)), [(p, link(index, layout.plan(p))) for p in plans]


def index_page(by_city: list, layout: Layout) -> Page:
    """主動公開資訊: every agency and its plans, by city."""
    path = layout.index()
    crumbs = [("首頁", link(path, HOME)), (SECTION_TITLE, "")]
    return Page(path, SECTION_TITLE, render("disclosure.md.j2", by_city=by_city, crumbs=crumbs))


def agency_page(plans: Sequence[Plan], layout: Layout) -> Page:
    """One agency's page: its plans, newest first."""
    agency = plans[0].agency
    path = layout.agency(agency)
    content = render(
        "agency.md.j2",
        agency=agency,
        plans=[(p, link(path, layout.plan(p))) for p in plans],
        crumbs=layout.crumbs(path, current=agency.name),
    )
    return Page(path, agency.name, content)


def plan_page(plan: Plan, source: str, page_date: dt.date | None, layout: Layout, downloads: Sequence[Attachment] = ()) -> Page:
    """A plan's page: metadata, downloads and the full text; its downloads travel with it."""
    path = layout.plan(plan)
    content = render(
        "plan.md.j2",
        plan=plan,
        page_date=page_date,
        downloads=list(downloads),
        crumbs=layout.crumbs(path, (plan.agency.name, layout.agency(plan.agency)), current=plan.title),
    )
    folder = posixpath.dirname(path)
    files = tuple((posixpath.join(folder, d.filename), d.data) for d in downloads)
    return Page(path, plan.title, content, source, files)
