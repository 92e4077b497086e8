"""The pages generated from plans: what each says (where each goes is ``site_layout``).

Pure: takes loaded plans (and their last-updated dates) and returns ``Page`` values; writing
them to disk or handing them to MkDocs is the adapters' job. The section is a tree: the
主動公開資訊 index (latest plans, ways to browse, the cities), a page per 縣市 (its agencies by
機關類型, ``AGENCY_PAGE_SIZE`` to a page), a page per agency (its plans) and a page per plan; then
the browse pages (``browse``).
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from itertools import groupby

from ..plan.dates import first_published, last_changed, roc_year
from ..plan.model import AgencyType, Plan
from ..plan.results_model import PlanResults
from ..plan.schema import schema_text
from ..settings import Publication
from .browse import browse_pages, home_blocks
from .catalogue import catalogue_pages, dataset
from .comparison import carried_over, compare, consecutive_pairs
from .environment import render
from .feeds import SITE_FEED_ENTRIES, FeedEntry, atom_feed, feed_entries, newest_first, results_entry
from .page_metadata import dublin_core, plan_json_ld
from .remember import FORGET, Remember
from .results import ResultsView, results_view
from .site_layout import (
    AGENCY_PAGE_SIZE,
    HOME,
    SECTION_TITLE,
    Attachment,
    Layout,
    Page,
    PageHead,
    city_slug,
    link,
    paged,
    type_slug,
)

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
    publication: Publication = Publication(),
    results: Mapping[str, Sequence[tuple[PlanResults, str]]] | None = None,
    remember: Remember = FORGET,
) -> list[Page]:
    """All pages of the 主動公開資訊 section: the index, each city, each agency and its plans, their
    results reports and year-over-year comparisons, the browse pages and the data catalogue; the Atom
    feeds travel with the index and agency pages.

    ``plans`` pairs each plan with the name of its source file; ``page_dates`` maps plan ids (and results
    ids) to the date their page last changed; ``downloads`` maps plan ids (and results ids) to the files
    offered on their page; ``results`` maps plan ids to their results reports (oldest year first), each
    with the name of its source file; ``remember``: the text of each plan page and comparison, from the
    last build if unchanged."""
    ordered = sorted(plans, key=lambda pair: (pair[0].agency.city, pair[0].agency.name, _recency(pair[0])))
    every = [plan for plan, _ in ordered]
    site = _Site(layout, publication, page_dates, downloads or {}, results or {}, remember)
    pages: list[Page] = []
    for city, in_city in groupby(ordered, key=lambda pair: pair[0].agency.city):
        agencies = []
        city_pages: list[Page] = []
        for _, in_agency in groupby(in_city, key=lambda pair: pair[0].agency.id):
            sourced = list(in_agency)
            agency_plans = [plan for plan, _ in sourced]
            agencies.append(agency_plans)
            pairs = consecutive_pairs(agency_plans)
            feeds = PageHead((), site.agency_feeds(agency_plans[0]))
            agency = agency_page(agency_plans, layout, site.agency_feed(agency_plans), pairs, site.results_links)
            city_pages.append(replace(agency, head=feeds, beside=False))
            for plan, source in sourced:
                city_pages.append(site.plan_page(plan, source, pairs))
                city_pages += [site.results_page(report, report_source) for report, report_source in site.reports(plan)]
            city_pages += [replace(site.comparison_page(old, new), head=feeds) for old, new in pairs]
        pages += [*city_pages_of(city, agencies, layout), *city_pages]
    return [index_page(every, layout, site.site_feed(every)), *pages, *browse_pages(every, layout), *site.catalogue(every)]


class _Site:
    """What the pages of a site share: where it is published, the plans' dates, downloads and results."""

    def __init__(
        self,
        layout: Layout,
        publication: Publication,
        page_dates: Mapping[str, dt.date | None],
        downloads: Mapping[str, Sequence[Attachment]],
        results: Mapping[str, Sequence[tuple[PlanResults, str]]],
        remember: Remember,
    ) -> None:
        self.layout, self.publication, self.page_dates, self.downloads = layout, publication, page_dates, downloads
        self.results, self.remember = results, remember
        self.views: dict[str, ResultsView] = {}

    def reports(self, plan: Plan) -> Sequence[tuple[PlanResults, str]]:
        return self.results.get(plan.id, ())

    def view(self, plan: Plan, year: int | None) -> ResultsView | None:
        """The results report of a plan for a year, if there is one."""
        found = next((r for r, _ in self.reports(plan) if r.year == year), None)
        if found is None:
            return None
        if found.id not in self.views:
            self.views[found.id] = results_view(found)
        return self.views[found.id]

    def results_links(self, plan: Plan, page: str) -> list[tuple[int, str, str]]:
        """(year, link from ``page``, summary) of each of a plan's results reports, oldest first."""
        links = []
        for report, _ in self.reports(plan):
            view = self.view(plan, report.year)
            if view is not None:
                links.append((report.year, link(page, self.layout.results(report)), view.summary))
        return links

    def urls(self, plans: Sequence[Plan]) -> dict[str, str]:
        return {p.id: self.publication.url(self.layout.plan(p)) for p in plans}

    def entries(self, plans: Sequence[Plan]) -> list[FeedEntry]:
        """The plans' feed entries and their results reports', newest first."""
        entries = feed_entries(plans, self.urls(plans), self.page_dates)
        for plan in plans:
            for report, _ in self.reports(plan):
                view = self.view(plan, report.year)
                url = self.publication.url(self.layout.results(report))
                entry = results_entry(report, url, view.summary if view else "", self.page_dates.get(report.id))
                entries += [entry] if entry else []
        return newest_first(entries)

    def site_feed(self, plans: Sequence[Plan]) -> tuple[str, bytes]:
        path, index = self.layout.feed(), self.publication.url(self.layout.index())
        entries = self.entries(plans)[:SITE_FEED_ENTRIES]
        title = f"{self.publication.site_name}：新公開與更新的計畫"
        return path, atom_feed(title, self.publication.url(path), index, entries, self.publication)

    def agency_feed(self, plans: Sequence[Plan]) -> tuple[str, bytes]:
        agency = plans[0].agency
        path, page = self.layout.feed(agency), self.publication.url(self.layout.agency(agency))
        entries = self.entries(plans)
        return path, atom_feed(f"{agency.name}：新公開與更新的計畫", self.publication.url(path), page, entries, self.publication)

    def results_page(self, report: PlanResults, source: str) -> Page:
        view = self.view(report.plan, report.year)
        assert view is not None  # the report is one of the plan's
        downloads = self.downloads.get(report.id, ())
        others = [
            (y, target, summary)
            for y, target, summary in self.results_links(report.plan, self.layout.results(report))
            if y != report.year
        ]
        page = results_page(view, source, self.page_dates.get(report.id), self.layout, downloads, others)
        url, date = self.publication.url(page.path), report.report.reported or self.page_dates.get(report.id)
        description = f"{report.plan.agency.name}｜{report.title}：{view.summary}"
        head = PageHead(
            meta=dublin_core(report.title, description, url, date, self.publication, report.plan),
            feeds=self.agency_feeds(report.plan),
        )
        return replace(page, head=head)

    def plan_page(self, plan: Plan, source: str, pairs: Sequence[tuple[Plan, Plan]]) -> Page:
        compared = [(old, new) for old, new in pairs if plan in (old, new)]
        downloads = self.downloads.get(plan.id, ())
        results = self.results_links(plan, self.layout.plan(plan))
        date, key = self.page_dates.get(plan.id), self.remember.plan_key
        parts = (
            key(plan),
            source,
            repr(date),
            repr([(d.filename, d.label, d.title, d.media_type) for d in downloads]),
            repr([(key(old), key(new)) for old, new in compared]),
            repr(results),
        )
        make = lambda: plan_page(plan, source, date, self.layout, downloads, compared, results).content  # noqa: E731
        content = self.remember.text("plan", parts, make)
        page = plan_page(plan, source, date, self.layout, downloads, compared, results, content)
        url, date = self.publication.url(page.path), self.page_dates.get(plan.id)
        head = PageHead(
            meta=dublin_core(
                plan.title,
                f"{plan.agency.name}｜{plan.title}",
                url,
                last_changed(plan, date),
                self.publication,
                plan,
                relation=self.publication.url(self.layout.agency(plan.agency)),
            ),
            feeds=self.agency_feeds(plan),
            json_ld=plan_json_ld(plan, url, _resources(page.path, downloads), date, self.publication),
        )
        return replace(page, head=head)

    def comparison_page(self, old: Plan, new: Plan) -> Page:
        view = self.view(old, old.year)
        parts = (self.remember.plan_key(old), self.remember.plan_key(new), view.results.report.model_dump_json() if view else "")
        make = lambda: comparison_page(old, new, self.layout, view).content  # noqa: E731
        return comparison_page(old, new, self.layout, view, self.remember.text("comparison", parts, make))

    def agency_feeds(self, plan: Plan) -> tuple[tuple[str, str], ...]:
        return ((f"{plan.agency.name}：新公開與更新的計畫", self.layout.feed(plan.agency)),)

    def catalogue(self, plans: Sequence[Plan]) -> list[Page]:
        datasets = []
        for plan in plans:  # in the section's order: 縣市, 機關, newest first
            page = self.layout.plan(plan)
            reports = [report for report, _ in self.reports(plan)]
            offered = [*self.downloads.get(plan.id, ()), *(d for r in reports for d in self.downloads.get(r.id, ()))]
            files = _resources(page, [d for d in offered if d.open_data])
            years = [r.year for r in reports]
            datasets.append(dataset(plan, page, files, self.page_dates.get(plan.id), self.publication, years))
        feeds = {"site": self.layout.feed()}
        return catalogue_pages(datasets, self.layout, self.publication, feeds, schema_text().encode("utf-8"))


def _resources(page: str, downloads: Sequence[Attachment]) -> list[tuple[str, str]]:
    """(site path, media type) of each file offered on a plan page."""
    folder = posixpath.dirname(page)
    return [(posixpath.join(folder, d.filename), d.media_type) for d in downloads]


def index_page(plans: Sequence[Plan], layout: Layout, feed: tuple[str, bytes] | None = None) -> Page:
    """主動公開資訊: the latest plans and the ways to browse (縣市, 機關類型, 年度: pages of their own)."""
    path = layout.index()
    crumbs = [("首頁", link(path, HOME)), (SECTION_TITLE, "")]
    extra = {"data": link(path, layout.data()), "feed": link(path, feed[0]) if feed else ""}
    content = render("disclosure.md.j2", crumbs=crumbs, **extra, **home_blocks(plans, layout, path))
    return Page(path, SECTION_TITLE, content, files=(feed,) if feed else (), kind="index")


def city_pages_of(city: str, agencies: Sequence[Sequence[Plan]], layout: Layout) -> list[Page]:
    """A 縣市: its agencies (each with its number of plans) grouped by 機關類型, in the order the types
    are declared, ``AGENCY_PAGE_SIZE`` to a page; every page names each type and where its agencies
    start, and a type whose agencies run over a page break is headed again, 「（續）」."""
    order = {kind: i for i, kind in enumerate(AgencyType)}
    ordered = sorted(agencies, key=lambda plans: (order[plans[0].agency.type], plans[0].agency.name, plans[0].agency.id))
    listing = paged(ordered, lambda n: layout.city(city, n), AGENCY_PAGE_SIZE)
    starts: dict[AgencyType, tuple[int, int]] = {}  # type → (its first page, its number of agencies)
    for number, _, chunk, _ in listing:
        for plans in chunk:
            first, count = starts.get(plans[0].agency.type, (number, 0))
            starts[plans[0].agency.type] = (first, count + 1)
    pages = []
    for number, path, chunk, pager in listing:
        title = city if number == 1 else f"{city}（第 {number} 頁，共 {len(listing)} 頁）"
        kinds = [
            (kind.value, _on_page(path, layout.city(city, first), number == first, f"type-{type_slug(kind)}"), count)
            for kind, (first, count) in starts.items()
        ]
        groups = []
        for kind, group in groupby(chunk, key=lambda plans: plans[0].agency.type):
            entries = [(plans[0].agency, link(path, layout.agency(plans[0].agency)), len(plans)) for plans in group]
            groups.append((kind.value, f"type-{type_slug(kind)}", starts[kind][0] < number, entries))
        content = render(
            "city.md.j2",
            city=city,
            title=title,
            slug=city_slug(city),
            agencies=len(agencies),
            plans=sum(len(plans) for plans in agencies),
            kinds=kinds if len(kinds) > 1 else [],
            groups=groups,
            pager=pager,
            number=number,
            crumbs=layout.crumbs(path, current=title),
        )
        pages.append(Page(path, title, content, kind="city", beside=number == 1))
    return pages


def _on_page(page: str, target: str, same: bool, anchor: str) -> str:
    """A link to ``anchor`` on ``target``, from ``page``."""
    return f"#{anchor}" if same else f"{link(page, target)}#{anchor}"


ResultsLinks = Callable[[Plan, str], list[tuple[int, str, str]]]


def agency_page(
    plans: Sequence[Plan],
    layout: Layout,
    feed: tuple[str, bytes] | None = None,
    pairs: Sequence[tuple[Plan, Plan]] = (),
    results: ResultsLinks | None = None,
) -> Page:
    """One agency's page: its plans, newest first (each beside its results, when any has some), its
    year-over-year comparisons and its feed. ``results(plan, page)``: (year, link, summary) of each of
    a plan's results reports."""
    agency = plans[0].agency
    path = layout.agency(agency)
    reported = {p.id: results(p, path) for p in plans} if results else {}
    content = render(
        "agency.md.j2",
        agency=agency,
        plans=[(p, link(path, layout.plan(p))) for p in plans],
        results=reported if any(reported.values()) else {},
        comparisons=[(old, new, link(path, layout.comparison(old, new))) for old, new in reversed(pairs)],
        feed=link(path, feed[0]) if feed else "",
        crumbs=layout.crumbs(path, (agency.city, layout.city(agency.city)), current=agency.name),
    )
    return Page(path, agency.name, content, files=(feed,) if feed else (), kind="agency")


def comparison_page(
    old: Plan, new: Plan, layout: Layout, old_results: ResultsView | None = None, content: str | None = None
) -> Page:
    """What changed from an agency's plan of one year to the next; with the earlier year's results, the
    items it put off or did not do, and whether the new plan lists them again (``content``: its text,
    if already rendered)."""
    path = layout.comparison(old, new)
    agency = new.agency
    title = f"{old.year}年度與{new.year}年度計畫比較"
    if content is not None:
        return Page(path, title, content, kind="comparison")
    carried = carried_over(old_results, new) if old_results else []
    content = render(
        "compare.md.j2",
        title=title,
        comparison=compare(old, new),
        carried=carried,
        old_results=link(path, layout.results(old_results.results)) if old_results else "",
        old_link=link(path, layout.plan(old)),
        new_link=link(path, layout.plan(new)),
        crumbs=layout.crumbs(path, (agency.city, layout.city(agency.city)), (agency.name, layout.agency(agency)), current=title),
    )
    return Page(path, title, content, kind="comparison")


def plan_page(
    plan: Plan,
    source: str,
    page_date: dt.date | None,
    layout: Layout,
    downloads: Sequence[Attachment] = (),
    compared: Sequence[tuple[Plan, Plan]] = (),
    results: Sequence[tuple[int, str, str]] = (),
    content: str | None = None,
) -> Page:
    """A plan's page: metadata, its results (year, link, summary of each report), downloads, the full
    text and its change notes; its downloads travel with it (``content``: its text, if already rendered)."""
    path = layout.plan(plan)
    agency = plan.agency
    content = (
        content
        if content is not None
        else render(
            "plan.md.j2",
            plan=plan,
            results=list(results),
            page_date=page_date,
            first_published=first_published(plan),
            comparisons=[(old, new, link(path, layout.comparison(old, new))) for old, new in compared],
            downloads=list(downloads),
            crumbs=layout.crumbs(
                path, (agency.city, layout.city(agency.city)), (agency.name, layout.agency(agency)), current=plan.title
            ),
        )
    )
    folder = posixpath.dirname(path)
    files = tuple((posixpath.join(folder, d.filename), d.data) for d in downloads)
    return Page(path, plan.title, content, source, files, kind="plan")


def results_page(
    view: ResultsView,
    source: str,
    page_date: dt.date | None,
    layout: Layout,
    downloads: Sequence[Attachment] = (),
    others: Sequence[tuple[int, str, str]] = (),
) -> Page:
    """A plan's results for one year: the summary, then each item's result in the plan's own structure;
    ``others`` are the plan's other years' reports (year, link, summary). Its downloads travel with it."""
    report = view.results
    plan = report.plan
    path = layout.results(report)
    crumbs = layout.crumbs(
        path,
        (plan.agency.city, layout.city(plan.agency.city)),
        (plan.agency.name, layout.agency(plan.agency)),
        (plan.title, layout.plan(plan)),
        current=f"{report.year}年度執行成果",
    )
    content = render(
        "results.md.j2",
        view=view,
        plan_link=link(path, layout.plan(plan)),
        downloads=list(downloads),
        others=list(others),
        page_date=page_date,
        crumbs=crumbs,
    )
    folder = posixpath.dirname(path)
    files = tuple((posixpath.join(folder, d.filename), d.data) for d in downloads)
    return Page(path, report.title, content, source, files, kind="results")
