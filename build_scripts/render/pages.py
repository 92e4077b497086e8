"""The pages generated from plans: what each says (where each goes is ``site_layout``).

Pure: takes loaded plans (and their last-updated dates) and returns ``Page`` values; writing
them to disk or handing them to MkDocs is the adapters' job. The section is a tree: the
主動公開資訊 index (latest plans, ways to browse, the cities), a page per 縣市 (its agencies), a
page per agency (its plans) and a page per plan; then the browse pages (``browse``).
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Mapping, Sequence
from itertools import groupby

from ..plan.dates import roc_year
from ..plan.model import Plan
from .browse import browse_pages, home_blocks
from .environment import render
from .site_layout import HOME, SECTION_TITLE, Attachment, Layout, Page, city_slug, link

__all__ = ["HOME", "SECTION_TITLE", "Layout", "Page", "build_pages", "home_blocks", "link", "plan_page"]


def _recency(plan: Plan) -> tuple[int, str]:
    """Sort key: newest first; plans without a year go last."""
    dates = [d for d in (plan.published, plan.approved, plan.issued.date if plan.issued else None) if d]
    year = plan.year if plan.year is not None else (roc_year(max(dates)) if dates else -1)
    return (-year, plan.title)


def build_pages(
    plans: Sequence[tuple[Plan, str]],
    page_dates: Mapping[str, dt.date | None],
    layout: Layout = Layout(),
    downloads: Mapping[str, Sequence[Attachment]] | None = None,
) -> list[Page]:
    """All pages of the 主動公開資訊 section: the index, each city, each agency and its plans, the browse pages.

    ``plans`` pairs each plan with the name of its source file; ``page_dates`` maps plan ids to the
    date their page last changed; ``downloads`` maps plan ids to the files offered on the plan's page."""
    ordered = sorted(plans, key=lambda pair: (pair[0].agency.city, pair[0].agency.name, _recency(pair[0])))
    pages: list[Page] = []
    for city, in_city in groupby(ordered, key=lambda pair: pair[0].agency.city):
        agencies = []
        city_pages: list[Page] = []
        for _, in_agency in groupby(in_city, key=lambda pair: pair[0].agency.id):
            sourced = list(in_agency)
            agency_plans = [plan for plan, _ in sourced]
            agencies.append(agency_plans)
            city_pages.append(agency_page(agency_plans, layout))
            city_pages += [
                plan_page(plan, source, page_dates.get(plan.id), layout, (downloads or {}).get(plan.id, ()))
                for plan, source in sourced
            ]
        pages += [city_page(city, agencies, layout), *city_pages]
    every = [plan for plan, _ in ordered]
    return [index_page(every, layout), *pages, *browse_pages(every, layout)]


def index_page(plans: Sequence[Plan], layout: Layout) -> Page:
    """主動公開資訊: the latest plans and the ways to browse (縣市, 機關類型, 年度: pages of their own)."""
    path = layout.index()
    crumbs = [("首頁", link(path, HOME)), (SECTION_TITLE, "")]
    content = render("disclosure.md.j2", crumbs=crumbs, **home_blocks(plans, layout, path))
    return Page(path, SECTION_TITLE, content, kind="index")


def city_page(city: str, agencies: Sequence[Sequence[Plan]], layout: Layout) -> Page:
    """A 縣市: its agencies, each with its type and number of plans."""
    path = layout.city(city)
    entries = [(plans[0].agency, link(path, layout.agency(plans[0].agency)), len(plans)) for plans in agencies]
    content = render("city.md.j2", city=city, slug=city_slug(city), agencies=entries, crumbs=layout.crumbs(path, current=city))
    return Page(path, city, content, kind="city")


def agency_page(plans: Sequence[Plan], layout: Layout) -> Page:
    """One agency's page: its plans, newest first."""
    agency = plans[0].agency
    path = layout.agency(agency)
    content = render(
        "agency.md.j2",
        agency=agency,
        plans=[(p, link(path, layout.plan(p))) for p in plans],
        crumbs=layout.crumbs(path, (agency.city, layout.city(agency.city)), current=agency.name),
    )
    return Page(path, agency.name, content, kind="agency")


def plan_page(plan: Plan, source: str, page_date: dt.date | None, layout: Layout, downloads: Sequence[Attachment] = ()) -> Page:
    """A plan's page: metadata, downloads and the full text; its downloads travel with it."""
    path = layout.plan(plan)
    agency = plan.agency
    content = render(
        "plan.md.j2",
        plan=plan,
        page_date=page_date,
        downloads=list(downloads),
        crumbs=layout.crumbs(
            path, (agency.city, layout.city(agency.city)), (agency.name, layout.agency(agency)), current=plan.title
        ),
    )
    folder = posixpath.dirname(path)
    files = tuple((posixpath.join(folder, d.filename), d.data) for d in downloads)
    return Page(path, plan.title, content, source, files, kind="plan")
