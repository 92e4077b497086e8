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

from markupsafe import Markup

from ..plan.dates import roc_year
from ..plan.model import Agency, AgencyType, Plan
from .browse import Listed, by_city, by_type, by_year, city_slug, latest, type_slug, year_slug, year_title
from .environment import render

HOME = "index.md"
SEARCHED_KINDS = frozenset({"plan", "agency"})  # generated pages in the search index (the others list plans)
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
    kind: str = "page"  # index, agency, plan, browse or page (the site map and the search index use it)


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

    def years(self) -> str:
        return f"{self.section}/years/index.md"

    def year(self, year: int | None) -> str:
        return f"{self.section}/years/{year_slug(year)}.md"

    def types(self) -> str:
        return f"{self.section}/types/index.md"

    def type(self, kind: AgencyType) -> str:
        return f"{self.section}/types/{type_slug(kind)}.md"

    def city(self, city: str) -> str:
        """A 縣市 on the 主動公開資訊 index (an anchor there)."""
        return f"{self.index()}#city-{city_slug(city)}"

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
    cities = []
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
        cities.append((city, city_slug(city), agencies))
    every = [plan for plan, _ in ordered]
    return [index_page(cities, every, layout), *pages, *browse_pages(every, layout)]


def _index_entry(plans: Sequence[Plan], layout: Layout) -> tuple[Agency, str, list[tuple[Plan, str]]]:
    index = layout.index()
    agency = plans[0].agency
    return agency, link(index, layout.agency(agency)), [(p, link(index, layout.plan(p))) for p in plans]


def index_page(cities: list, plans: Sequence[Plan], layout: Layout) -> Page:
    """主動公開資訊: the latest plans, the ways to browse, then every agency and its plans by city."""
    path = layout.index()
    crumbs = [("首頁", link(path, HOME)), (SECTION_TITLE, "")]
    content = render("disclosure.md.j2", by_city=cities, crumbs=crumbs, **home_blocks(plans, layout, path, heading_level=2))
    return Page(path, SECTION_TITLE, content, kind="index")


def home_blocks(plans: Sequence[Plan], layout: Layout, page: str, heading_level: int = 2) -> dict[str, str]:
    """The generated parts of a page that lists plans (the home page's ``<!-- plansite: … -->``
    markers, the 主動公開資訊 index): ``latest`` and ``browse``, Markdown with links from ``page``."""
    listed = [Listed.of(p, link(page, layout.plan(p))) for p in latest(plans)]
    index = link(page, layout.index())
    cities = [(city, f"{index}#city-{city_slug(city)}", agencies, count) for city, agencies, count in by_city(plans)]
    types = [(kind.value, link(page, layout.type(kind)), len(group)) for kind, group in by_type(plans)]
    years = [(year_title(year), link(page, layout.year(year)), len(group)) for year, group in by_year(plans)]
    return {  # already escaped by their own templates
        "latest": Markup(render("_latest.md.j2", listed=listed)),
        "browse": Markup(render("_browse.md.j2", cities=cities, types=types, years=years)),
    }


def browse_pages(plans: Sequence[Plan], layout: Layout) -> list[Page]:
    """依年度瀏覽 and 依機關類型瀏覽: an index of each, and a page for each year and each type."""
    pages: list[Page] = []
    for title, index, groups in (
        ("依年度瀏覽", layout.years(), [(year_title(y), layout.year(y), g) for y, g in by_year(plans)]),
        ("依機關類型瀏覽", layout.types(), [(k.value, layout.type(k), g) for k, g in by_type(plans)]),
    ):
        entries = [(name, link(index, target), len(group)) for name, target, group in groups]
        content = render(
            "browse_index.md.j2",
            title=title,
            description=f"{SECTION_TITLE}：{title}",
            entries=entries,
            crumbs=layout.crumbs(index, current=title),
        )
        pages.append(Page(index, title, content, kind="browse"))
        for name, target, group in groups:
            page_title = f"{name}的計畫"
            listed = [Listed.of(p, link(target, layout.plan(p))) for p in latest(group, len(group))]
            content = render(
                "browse.md.j2",
                title=page_title,
                description=f"{SECTION_TITLE}：{page_title}",
                intro=f"共 {len(group)} 份計畫，新的在前。",
                groups=[("", listed)],
                crumbs=layout.crumbs(target, (title, index), current=page_title),
            )
            pages.append(Page(target, page_title, content, kind="browse"))
    return pages


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
    return Page(path, agency.name, content, kind="agency")


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
    return Page(path, plan.title, content, source, files, kind="plan")
