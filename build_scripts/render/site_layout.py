"""Where each generated page goes, and what a generated page is.

The 主動公開資訊 section is a tree that does not grow sideways with the site: 縣市 → 機關 → 計畫
(``disclosure/kaohsiung/kaohsiung-cijin-district-office/kaohsiung-cijin-114/``), with browse pages by
年度 and 機關類型 beside the cities, split into pages of ``PAGE_SIZE`` plans; a city lists its
agencies ``AGENCY_PAGE_SIZE`` to a page.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, NamedTuple, Protocol, TypeVar

from ..plan import divisions
from ..plan.model import Agency, AgencyType, Plan
from ..plan.results_model import PlanResults

HOME = "index.md"
SECTION_TITLE = "主動公開資訊"
PAGE_SIZE = 20  # plans on one page of a browse list
AGENCY_PAGE_SIZE = 50  # agencies on one page of a city's list
SEARCHED_KINDS = frozenset({"plan", "results", "agency"})  # generated pages in the search index (the others list plans)

NO_YEAR = "no-year"
BROWSE_FOLDERS = ("years", "types", "data")  # beside the city folders; never a city's slug


def city_slug(city: str) -> str:
    """高雄市 → kaohsiung (台 is read as 臺; the ids are in plan/divisions.json); any other name gets its code points."""
    known = divisions.city(city)
    return known.id if known else "city-" + "-".join(f"{ord(c):x}" for c in city)


def type_slug(kind: AgencyType) -> str:
    return kind.name.replace("_", "-")


def year_slug(year: int | None) -> str:
    return str(year) if year is not None else NO_YEAR


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
    @property
    def media_type(self) -> str: ...
    @property
    def open_data(self) -> bool: ...  # a resource of the plan's dataset in the data catalogue


@dataclass(frozen=True)
class PageHead:
    """What a page says about itself in its <head> beyond the defaults (``page_metadata``)."""

    meta: tuple[tuple[str, str], ...]  # (name, content) of each <meta>
    feeds: tuple[tuple[str, str], ...] = ()  # (title, site path) of each Atom feed
    json_ld: str = ""  # a JSON-LD document, safe inside <script>


@dataclass(frozen=True)
class Page:
    path: str  # relative to the docs folder, with / separators, e.g. disclosure/index.md
    title: str
    content: str
    source: str | None = None  # the plan file it was generated from, if any
    files: tuple[tuple[str, bytes], ...] = ()  # companion files (downloads), paths relative to the docs folder
    kind: str = "page"  # index, city, agency, plan, results, comparison, browse, data or page (the site map and search use it)
    head: PageHead | None = None  # what the page's <head> says about it beyond the defaults
    # In the sidebar of every page beside it (``render.sidebar``); False: only in the sidebar of the
    # pages on its own branch. An agency (its city's page lists it) and a list's later pages (its
    # first page links to them) are not shown beside, so no sidebar grows with the number of agencies.
    beside: bool = True


def link(from_page: str, to_page: str) -> str:
    """A relative link between two Markdown pages, as MkDocs resolves them."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


T = TypeVar("T")


class ListPage(NamedTuple, Generic[T]):
    """One page of a long list."""

    number: int  # from 1
    path: str
    items: Sequence[T]
    pager: list[tuple[int, str]]  # (number, link) of every page of the list; empty for a list of one page


def paged(items: Sequence[T], place: Callable[[int], str], size: int = PAGE_SIZE) -> list[ListPage[T]]:
    """``items`` split into pages of ``size``; ``place(n)`` is where page n goes."""
    chunks = [items[i : i + size] for i in range(0, len(items), size)] or [items[:0]]
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        path = place(number)
        pager = [(n, link(path, place(n))) for n in range(1, len(chunks) + 1)] if len(chunks) > 1 else []
        pages.append(ListPage(number, path, chunk, pager))
    return pages


@dataclass(frozen=True)
class Layout:
    """Where generated pages go inside the docs folder."""

    section: str = "disclosure"

    def index(self) -> str:
        return f"{self.section}/index.md"

    def city(self, city: str, number: int = 1) -> str:
        """A city's page, or page ``number`` of its list of agencies: agencies_2.md (an underscore,
        which no agency id has, so the page can never take an agency's folder name)."""
        folder = f"{self.section}/{city_slug(city)}"
        return f"{folder}/index.md" if number == 1 else f"{folder}/agencies_{number}.md"

    def agency(self, agency: Agency) -> str:
        return f"{self.section}/{city_slug(agency.city)}/{agency.id}/index.md"

    def plan(self, plan: Plan) -> str:
        return f"{self.section}/{city_slug(plan.agency.city)}/{plan.agency.id}/{plan.id}.md"

    def results(self, results: PlanResults) -> str:
        """A plan's results report for one year, beside the plan's page: <plan-id>-results.md."""
        return posixpath.join(posixpath.dirname(self.plan(results.plan)), f"{results.id}.md")

    def years(self) -> str:
        return f"{self.section}/years/index.md"

    def year(self, year: int | None, number: int = 1) -> str:
        return f"{self.section}/years/{year_slug(year)}{_nth(number)}.md"

    def types(self) -> str:
        return f"{self.section}/types/index.md"

    def type(self, kind: AgencyType, number: int = 1) -> str:
        return f"{self.section}/types/{type_slug(kind)}{_nth(number)}.md"

    def data(self, number: int = 1) -> str:
        """The data catalogue, page ``number``."""
        return f"{self.section}/data/index.md" if number == 1 else f"{self.section}/data/datasets-{number}.md"

    def data_file(self, name: str) -> str:
        return f"{self.section}/data/{name}"

    def feed(self, agency: Agency | None = None) -> str:
        """The Atom feed of the whole section, or of one agency."""
        folder = posixpath.dirname(self.agency(agency)) if agency else self.section
        return f"{folder}/feed.xml"

    def comparison(self, old: Plan, new: Plan) -> str:
        """The page comparing an agency's plan with its plan of the previous year."""
        folder = posixpath.dirname(self.agency(new.agency))
        return f"{folder}/compare-{old.year}-{new.year}.md"

    def crumbs(self, page: str, *trail: tuple[str, str], current: str) -> list[tuple[str, str]]:
        """現在位置 from ``page``: 首頁 › 主動公開資訊 › (trail: title, target page) … › current."""
        steps = [("首頁", HOME), (SECTION_TITLE, self.index()), *trail]
        return [(title, link(page, target)) for title, target in steps] + [(current, "")]


def _nth(number: int) -> str:
    """The file suffix of page ``number`` of a list: "" for the first, "-2" for the second …"""
    return "" if number == 1 else f"-{number}"
