"""Ways into the plans for citizens: the latest plans, and plans by 縣市, 機關類型 and 年度.

Pure: plans in, pages (and Markdown for the home page's markers) out. Every list is a static
page that works without JavaScript; a long one is split into pages of ``PAGE_SIZE`` plans, so
no page grows with the site.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby

from markupsafe import Markup

from ..plan.dates import ROC_OFFSET, publication_date, roc_date, roc_year_label
from ..plan.model import AgencyType, Plan
from .environment import render
from .site_layout import SECTION_TITLE, Layout, Page, link, paged

LATEST_COUNT = 10  # plans in 最新公開的計畫


def year_title(year: int | None) -> str:
    return roc_year_label(year) if year is not None else "未載明年度"


def latest(plans: Sequence[Plan], count: int = LATEST_COUNT) -> list[Plan]:
    """The newest plans first: by publication date, else the start of their year (plans with
    neither last)."""

    def key(plan: Plan) -> tuple[dt.date, str]:
        # A plan that states only its 年度 counts from the start of that year.
        year_start = dt.date(plan.year + ROC_OFFSET, 1, 1) if plan.year is not None else dt.date.min
        return (publication_date(plan) or year_start, plan.title)

    return sorted(plans, key=key, reverse=True)[:count]


@dataclass(frozen=True)
class Listed:
    """A plan as a list shows it: a link, its agency and its date."""

    plan: Plan
    link: str
    date: str  # 民國 date of publication, or its year

    @staticmethod
    def of(plan: Plan, link: str) -> Listed:
        date = publication_date(plan)
        shown = roc_date(date) if date else (roc_year_label(plan.year) if plan.year is not None else "")
        return Listed(plan, link, shown)


def by_year(plans: Sequence[Plan]) -> list[tuple[int | None, list[Plan]]]:
    """Plans grouped by 年度, newest year first (plans without a year last)."""
    ordered = sorted(plans, key=lambda p: (p.year is None, -(p.year or 0), p.agency.city, p.agency.name, p.title))
    return [(year, list(group)) for year, group in groupby(ordered, key=lambda p: p.year)]


def by_type(plans: Sequence[Plan]) -> list[tuple[AgencyType, list[Plan]]]:
    """Plans grouped by 機關類型, in the order the types are declared."""
    order = {kind: i for i, kind in enumerate(AgencyType)}
    ordered = sorted(plans, key=lambda p: (order[p.agency.type], p.agency.city, p.agency.name, -(p.year or 0), p.title))
    return [(kind, list(group)) for kind, group in groupby(ordered, key=lambda p: p.agency.type)]


def by_city(plans: Sequence[Plan]) -> list[tuple[str, int, int]]:
    """Each 縣市 with its number of agencies and plans, in the order of the 主動公開資訊 index."""
    ordered = sorted(plans, key=lambda p: p.agency.city)
    return [
        (city, len({p.agency.id for p in group}), len(group))
        for city, group in ((c, list(g)) for c, g in groupby(ordered, key=lambda p: p.agency.city))
    ]


_MARKER = re.compile(r"^<!--\s*plansite:\s*(latest|browse)\s*-->\s*$", re.M)


def has_markers(markdown: str) -> bool:
    return _MARKER.search(markdown) is not None


def expand_markers(markdown: str, blocks: Mapping[str, str]) -> str:
    """A hand-written page with ``<!-- plansite: latest -->`` / ``<!-- plansite: browse -->`` lines
    replaced by the generated lists (see ``home_blocks``)."""
    return _MARKER.sub(lambda m: blocks[m.group(1)].rstrip("\n") + "\n", markdown)


def home_blocks(plans: Sequence[Plan], layout: Layout, page: str) -> dict[str, Markup]:
    """The generated parts of a page that lists plans (the home page's ``<!-- plansite: … -->``
    markers, the 主動公開資訊 index): ``latest`` and ``browse``, Markdown with links from ``page``."""
    listed = [Listed.of(p, link(page, layout.plan(p))) for p in latest(plans)]
    cities = [(city, link(page, layout.city(city)), agencies, count) for city, agencies, count in by_city(plans)]
    types = [(kind.value, link(page, layout.type(kind)), len(group)) for kind, group in by_type(plans)]
    years = [(year_title(year), link(page, layout.year(year)), len(group)) for year, group in by_year(plans)]
    return {  # already escaped by their own templates
        "latest": Markup(render("_latest.md.j2", listed=listed)),
        "browse": Markup(render("_browse.md.j2", cities=cities, types=types, years=years)),
    }


def browse_pages(plans: Sequence[Plan], layout: Layout) -> list[Page]:
    """依年度瀏覽 and 依機關類型瀏覽: an index of each, and for each year and each type its plans,
    newest first, ``PAGE_SIZE`` to a page."""
    pages: list[Page] = []
    years = [(year_title(y), (lambda n, y=y: layout.year(y, n)), g) for y, g in by_year(plans)]
    kinds = [(k.value, (lambda n, k=k: layout.type(k, n)), g) for k, g in by_type(plans)]
    for title, index, groups in (("依年度瀏覽", layout.years(), years), ("依機關類型瀏覽", layout.types(), kinds)):
        entries = [(name, link(index, place(1)), len(group)) for name, place, group in groups]
        crumbs = layout.crumbs(index, current=title)
        content = render(
            "browse_index.md.j2", title=title, description=f"{SECTION_TITLE}：{title}", entries=entries, crumbs=crumbs
        )
        pages.append(Page(index, title, content, kind="browse"))
        for name, place, group in groups:
            pages += _list_pages(f"{name}的計畫", latest(group, len(group)), place, (title, index), layout)
    return pages


def _list_pages(
    title: str, plans: Sequence[Plan], place: Callable[[int], str], parent: tuple[str, str], layout: Layout
) -> list[Page]:
    """A list of plans over as many pages as it takes, each linking to every other."""
    pages = []
    listing = paged(plans, place)
    for number, path, chunk, pager in listing:
        shown = title if len(listing) == 1 else f"{title}（第 {number} 頁，共 {len(listing)} 頁）"
        content = render(
            "browse.md.j2",
            title=shown,
            description=f"{SECTION_TITLE}：{title}",
            intro=f"共 {len(plans)} 份計畫，新的在前。",
            listed=[Listed.of(p, link(path, layout.plan(p))) for p in chunk],
            pager=pager,
            number=number,
            crumbs=layout.crumbs(path, parent, current=shown),
        )
        pages.append(Page(path, shown, content, kind="browse", beside=number == 1))
    return pages
