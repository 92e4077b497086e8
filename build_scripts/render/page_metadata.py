"""What each page says about itself in its <head>: Dublin Core and Category meta tags (行政機關
電子資料流通詮釋資料及分類檢索規範), the Atom feeds it belongs to, and for plan pages schema.org
JSON-LD (a ``Dataset`` with its downloads). ``head_html`` writes them into a built page, whatever
engine built it (``pipeline.session.finish_page``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from html import escape

from ..plan.dates import ROC_OFFSET, last_changed, publication_date
from ..plan.model import Plan
from ..settings import Publication, build_date
from .catalogue import LICENCE_NAME, LICENCE_URL
from .documents import letter_line
from .metadata import keywords
from .site_layout import Layout, PageHead

SITE_FEED_TITLE = "新公開與更新的計畫（全站）"


DC_ELEMENTS = (  # the 15 elements of 行政機關電子資料流通詮釋資料及分類檢索規範 (all required)
    "Title", "Creator", "Subject", "Description", "Contributor", "Publisher", "Date", "Type",
    "Format", "Identifier", "Source", "Language", "Relation", "Coverage", "Rights",
)  # fmt: skip
SITE_COVERAGE = "臺灣"


def dublin_core(
    title: str,
    description: str,
    url: str,
    date: dt.date | None,
    publication: Publication,
    plan: Plan | None = None,
    *,
    media_type: str = "text/html",
    relation: str = "",
) -> tuple[tuple[str, str], ...]:
    """All 15 Dublin Core elements (``DC.Title`` …) and the three classification codes of a page or
    a document: a plan's own (creator, its source letter, its city and year), else the site's.
    ``relation``: the address of the resource it belongs to (a plan's agency page, a file's plan page)."""
    publisher = publication.publisher_name
    theme, cake, service = publication.categories
    values = {
        "Title": title,
        "Creator": plan.agency.name if plan else publisher,
        "Subject": "、".join(keywords(plan)) if plan else "主動公開資訊",
        "Description": description or title,
        "Contributor": (plan.agency.parent or publisher) if plan else publisher,
        "Publisher": publisher,
        "Date": date.isoformat() if date else _year(plan),
        "Type": "文字",
        "Format": media_type,
        "Identifier": url,
        "Source": _source(plan) if plan else publication.site_url,
        "Language": "zh-TW",
        "Relation": relation or publication.site_url,
        "Coverage": _coverage(plan) if plan else SITE_COVERAGE,
        "Rights": f"{publisher}；{LICENCE_NAME}",
    }
    fields = [(f"DC.{name}", values[name]) for name in DC_ELEMENTS]
    fields += [("Category.Theme", theme), ("Category.Cake", cake), ("Category.Service", service)]
    return tuple((name, value) for name, value in fields if value)


def _year(plan: Plan | None) -> str:
    """A plan that gives no date is dated by its year (W3C-DTF allows a year alone: 2025)."""
    return str(plan.year + ROC_OFFSET) if plan and plan.year is not None else ""


def _source(plan: Plan) -> str:
    """Where the plan comes from: the letter that issued it, else the agency's own document."""
    if plan.issued:
        return f"{plan.agency.name} {letter_line(plan.issued)}"
    return f"{plan.agency.name}「{plan.title}」"


def _coverage(plan: Plan) -> str:
    """The plan's place and time: 高雄市；民國114年度."""
    return f"{plan.agency.city}；民國{plan.year}年度" if plan.year is not None else plan.agency.city


def plan_json_ld(
    plan: Plan, url: str, files: Sequence[tuple[str, str]], page_date: dt.date | None, publication: Publication
) -> str:
    """schema.org ``Dataset``: the plan, who made it, when, under which licence, and its files
    (``files``: site path and media type of each)."""
    published, modified = publication_date(plan), last_changed(plan, page_date)
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": plan.title,
        "description": f"{plan.agency.name}依政府資訊公開法第7條主動公開的「{plan.title}」。",
        "url": url,
        "inLanguage": "zh-Hant-TW",
        "keywords": keywords(plan),
        "creator": {
            "@type": "GovernmentOrganization",
            "name": plan.agency.name,
            "address": {"@type": "PostalAddress", "addressRegion": plan.agency.city, "addressCountry": "TW"},
        },
        "publisher": {"@type": "GovernmentOrganization", "name": publication.publisher_name},
        "license": LICENCE_URL,
        "isAccessibleForFree": True,
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": media_type, "contentUrl": publication.url(path)}
            for path, media_type in files
        ],
    }
    if published:
        data["datePublished"] = published.isoformat()
    if modified:
        data["dateModified"] = modified.isoformat()
    # "<" escaped: the text can never close the <script> element it is written into.
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


def head_html(head: PageHead, root: str) -> str:
    """The <head> elements of ``head``, every value escaped; ``root`` is the site's root relative
    to the page (feed addresses are relative, so a site works in any folder)."""
    lines = [f'<meta name="{escape(name)}" content="{escape(content)}">' for name, content in head.meta]
    # "alternate feed", not "alternate" alone: feed readers find it all the same, and mkdocs-material's
    # script, which takes every exact rel="alternate" for a language version of the site, does not go
    # looking for a sitemap.xml beside each feed (a failed request on every page view).
    lines += [
        f'<link rel="alternate feed" type="application/atom+xml" title="{escape(title)}" href="{escape(root)}/{escape(path)}">'
        for title, path in head.feeds
    ]
    if head.json_ld:
        lines.append(f'<script type="application/ld+json">{head.json_ld}</script>')
    return "".join(line + "\n" for line in lines)


def head_for(head: PageHead | None, title: str, description: str, url: str, publication: Publication, layout: Layout) -> PageHead:
    """A page's whole <head> metadata: its own (a plan page's), else the defaults, with the site's
    feed on every page. A page without a date of its own is dated by the last commit."""
    section = publication.url(layout.index())
    meta = head.meta if head and head.meta else dublin_core(title, description, url, build_date(), publication, relation=section)
    feeds = ((SITE_FEED_TITLE, layout.feed()), *(head.feeds if head else ()))
    return PageHead(meta, feeds, head.json_ld if head else "")
