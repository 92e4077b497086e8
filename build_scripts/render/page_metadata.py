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

from ..plan.dates import last_changed, publication_date
from ..plan.model import Plan
from ..settings import Publication, build_date
from .catalogue import LICENCE_URL
from .metadata import keywords
from .site_layout import Layout, PageHead

SITE_FEED_TITLE = "新公開與更新的計畫（全站）"


def dublin_core(
    title: str,
    description: str,
    url: str,
    date: dt.date | None,
    publication: Publication,
    plan: Plan | None = None,
) -> tuple[tuple[str, str], ...]:
    publisher = publication.publisher_name
    theme, cake, service = publication.categories
    fields = [
        ("DC.Title", title),
        ("DC.Creator", plan.agency.name if plan else publisher),
        ("DC.Subject", "、".join(keywords(plan)) if plan else "主動公開資訊"),
        ("DC.Description", description or title),
        ("DC.Publisher", publisher),
        ("DC.Date", date.isoformat() if date else ""),
        ("DC.Type", "文字"),
        ("DC.Format", "text/html"),
        ("DC.Language", "zh-TW"),
        ("DC.Identifier", url),
        ("DC.Rights", publisher),
        ("Category.Theme", theme),
        ("Category.Cake", cake),
        ("Category.Service", service),
    ]
    return tuple((name, value) for name, value in fields if value)


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
    lines += [
        f'<link rel="alternate" type="application/atom+xml" title="{escape(title)}" href="{escape(root)}/{escape(path)}">'
        for title, path in head.feeds
    ]
    if head.json_ld:
        lines.append(f'<script type="application/ld+json">{head.json_ld}</script>')
    return "".join(line + "\n" for line in lines)


def head_for(head: PageHead | None, title: str, description: str, url: str, publication: Publication, layout: Layout) -> PageHead:
    """A page's whole <head> metadata: its own (a plan page's), else the defaults, with the site's
    feed on every page. A page without a date of its own is dated by the last commit."""
    meta = head.meta if head and head.meta else dublin_core(title, description, url, build_date(), publication)
    feeds = ((SITE_FEED_TITLE, layout.feed()), *(head.feeds if head else ()))
    return PageHead(meta, feeds, head.json_ld if head else "")
