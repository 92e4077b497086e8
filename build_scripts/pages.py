"""The pages generated from plans: where each goes and what it says.

Pure: takes loaded plans (and their last-updated dates) and returns ``Page``
values; writing them to disk or handing them to MkDocs is the adapters' job.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby

from .downloads import Download
from .model import Agency, Plan
from .render import render

# 導盲磚 regions: accesskey → the title of its ::: link (also the 網站導覽 wording).
ACCESSKEYS: tuple[tuple[str, str], ...] = (
    ("U", "上方功能區塊"),
    ("C", "中央內容區塊"),
    ("Z", "下方功能區塊"),
)

HOME = "index.md"
SITEMAP = "sitemap.md"


@dataclass(frozen=True)
class Page:
    path: str  # relative to the docs folder, with / separators, e.g. disclosure/index.md
    title: str
    content: str
    source: str | None = None  # the plan file it was generated from, if any
    files: tuple[tuple[str, bytes], ...] = ()  # companion files (downloads), paths relative to the docs folder


@dataclass(frozen=True)
class SitemapEntry:
    title: str
    path: str | None  # a page path relative to the docs folder, or None for a plain heading
    children: tuple[SitemapEntry, ...] = ()


def link(from_page: str, to_page: str) -> str:
    """A relative link between two Markdown pages, as MkDocs resolves them."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


def _recency(plan: Plan) -> tuple[int, str]:
    """Sort key: newest first; plans without a year go last."""
    dates = [d for d in (plan.published, plan.approved, plan.issued.date if plan.issued else None) if d]
    year = plan.year if plan.year is not None else (max(dates).year - 1911 if dates else -1)
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


def build_pages(
    plans: Sequence[tuple[Plan, str]],
    updated: Mapping[str, dt.date | None],
    layout: Layout = Layout(),
    downloads: Mapping[str, Sequence[Download]] | None = None,
) -> list[Page]:
    """All pages of the 主動公開資訊 section.

    ``plans`` pairs each plan with the name of its source file; ``updated`` maps
    plan ids to their last-updated date.
    """
    ordered = sorted(plans, key=lambda pair: (pair[0].agency.city, pair[0].agency.name, _recency(pair[0])))
    pages: list[Page] = []
    index_path = layout.index()
    by_city = []
    home_crumb = ("首頁", link(index_path, HOME))

    for city, in_city in groupby(ordered, key=lambda pair: pair[0].agency.city):
        agencies = []
        for _, in_agency in groupby(in_city, key=lambda pair: pair[0].agency.id):
            in_agency = list(in_agency)
            agency = in_agency[0][0].agency
            agency_path = layout.agency(agency)
            agencies.append(
                (agency, link(index_path, agency_path), [(p, link(index_path, layout.plan(p))) for p, _ in in_agency])
            )
            pages.append(
                Page(
                    agency_path,
                    agency.name,
                    render(
                        "agency.md.j2",
                        agency=agency,
                        plans=[(p, link(agency_path, layout.plan(p))) for p, _ in in_agency],
                        crumbs=[
                            ("首頁", link(agency_path, HOME)),
                            ("主動公開資訊", link(agency_path, index_path)),
                            (agency.name, ""),
                        ],
                    ),
                )
            )
            for plan, source in in_agency:
                path = layout.plan(plan)
                last_updated = plan.updated or updated.get(plan.id)
                plan_files = list((downloads or {}).get(plan.id, ()))
                folder = posixpath.dirname(path)
                pages.append(
                    Page(
                        path,
                        plan.title,
                        render(
                            "plan.md.j2",
                            plan=plan,
                            updated=last_updated,
                            downloads=plan_files,
                            crumbs=[
                                ("首頁", link(path, HOME)),
                                ("主動公開資訊", link(path, index_path)),
                                (agency.name, link(path, agency_path)),
                                (plan.title, ""),
                            ],
                        ),
                        source,
                        tuple((posixpath.join(folder, d.filename), d.data) for d in plan_files),
                    )
                )
        by_city.append((city, agencies))

    index = Page(
        index_path,
        "主動公開資訊",
        render("disclosure.md.j2", by_city=by_city, crumbs=[home_crumb, ("主動公開資訊", "")]),
    )
    return [index, *pages]


def sitemap_page(entries: Sequence[SitemapEntry]) -> Page:
    """The 網站導覽 page: every page of the site and the accesskey table."""

    def tree(items: Sequence[SitemapEntry]) -> list[tuple[str, str | None, list]]:
        return [(e.title, link(SITEMAP, e.path) if e.path else None, tree(e.children)) for e in items]

    return Page(SITEMAP, "網站導覽", render("sitemap.md.j2", entries=tree(entries), accesskeys=ACCESSKEYS))


def section_entries(pages: Sequence[Page], layout: Layout = Layout()) -> SitemapEntry:
    """The 主動公開資訊 branch of the site map, built from the generated pages."""
    by_path = {p.path: p for p in pages}
    index = by_path[layout.index()]
    agencies = []
    for page in pages:
        parts = page.path.split("/")
        if len(parts) == 3 and parts[2] == "index.md":
            prefix = "/".join(parts[:2]) + "/"
            children = tuple(
                SitemapEntry(p.title, p.path) for p in pages if p.path.startswith(prefix) and p.path != page.path
            )
            agencies.append(SitemapEntry(page.title, page.path, children))
    return SitemapEntry(index.title, index.path, tuple(agencies))
