"""The two pages every Taiwanese agency site carries, written for the agency that runs the site:
「隱私權及資訊安全政策」 and 「政府網站資料開放宣告」 (the data.gov.tw licence). A hand-written page of
the same path in the docs folder (``content/privacy.md``) takes the place of the generated one."""

from __future__ import annotations

from collections.abc import Iterable

from ..settings import Publication
from .catalogue import LICENCE_NAME, LICENCE_URL
from .environment import render
from .site_layout import Page

PRIVACY = ("privacy.md", "隱私權及資訊安全政策", "privacy.md.j2")
OPEN_DATA = ("open-data.md", "政府網站資料開放宣告", "open_data.md.j2")
POLICIES = (PRIVACY, OPEN_DATA)


def policy_pages(handwritten: Iterable[str], publication: Publication, data_page: str) -> list[Page]:
    """The policy pages the site does not have in its own words (``handwritten``: docs paths)."""
    own = set(handwritten)
    return [
        Page(
            path,
            title,
            render(
                template,
                title=title,
                publication=publication,
                who=publication.identity.agency or publication.publisher_name,
                licence=(LICENCE_NAME, LICENCE_URL),
                data_page=data_page,
            ),
            kind="page",
        )
        for path, title, template in POLICIES
        if path not in own
    ]


def policy_links() -> list[tuple[str, str]]:
    """(title, docs path) of each policy page, for the footer."""
    return [(title, path) for path, title, _ in POLICIES]
