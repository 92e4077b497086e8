"""The generated pages of a build, stored by a digest of everything they were made from.

Generating the pages of 1,000 plans (their PDFs and ODTs from the cache, JSON and CSV, every list,
feed and catalogue page) took a third of a rebuild with nothing changed. The generation stage is a
function of what ``generation_key`` covers — the plans (as validated), the files they came from and
the dates of their pages, the hand-written pages, where the section goes and what the site says
about itself, the templates, the fonts a PDF can use, and this package's code with the versions of
the libraries it renders with — so when none of that changed, its pages come back as they were.

An entry holds the pages as JSON and names each companion file (PDF, ODT, JSON, CSV, feeds, the
catalogue) by the digest of its bytes, kept beside it in a content-addressed folder; both are
checked when read (``cache.FileCache``), so damage is made again, never published.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..cache import FileCache, code_digest, folders_digest, hashed
from ..pdf.batch import environment_fingerprint, stylesheet_fonts
from ..plan.load import SourcedPlan
from ..render.environment import THEME_FOLDER, template_folders
from ..render.site_layout import Layout, Page, PageHead
from ..settings import Publication

PAGES, FILES = "pages", "files"  # folders inside the cache folder
FORMAT = "1"  # of an entry: bumped when the JSON below changes
# The libraries whose output is in a generated page or file (with this package's code).
LIBRARIES = (
    "jinja2",
    "markupsafe",
    "pydantic",
    "pydantic-core",
    "ruamel.yaml",
    "feedgen",
    "lxml",
    "odfpy",
    "weasyprint",
    "pydyf",
    "pikepdf",
    "tinyhtml5",
    "fonttools",
)


def generation_key(
    plans: Sequence[SourcedPlan],
    displayed: Sequence[str],
    dates: Mapping[str, dt.date | None],
    handwritten: Sequence[tuple[str, str]],
    layout: Layout,
    publication: Publication,
) -> str:
    """A digest of everything the generated pages and files are made from."""
    digest = hashlib.sha256()
    fonts = stylesheet_fonts()
    parts: list[str | bytes] = [
        FORMAT,
        sys.version,
        code_digest(LIBRARIES),
        folders_digest(tuple(template_folders()), skip=(THEME_FOLDER,)),
        environment_fingerprint(),
        fonts.named,
        fonts.everything,
        repr(layout),
        repr(publication),
    ]
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\0")
    for sourced, shown in zip(plans, displayed, strict=True):
        digest.update(f"{shown}\0{dates.get(sourced.plan.id)!r}\0{sourced.digest}\0".encode())
    for path, text in handwritten:
        digest.update(f"{path}\0{text}\0".encode())
    return digest.hexdigest()[:40]


class PageStore:
    """The generated pages by ``generation_key``, their files by the digest of their bytes."""

    def __init__(self, cache_dir: Path) -> None:
        self.pages = FileCache(cache_dir / PAGES, ".json")
        self.files = FileCache(cache_dir / FILES, ".bin")

    def get(self, key: str) -> list[Page] | None:
        stored = self.pages.get(key)
        if stored is None:
            return None
        try:
            entries = json.loads(stored)
        except ValueError:
            self.pages.discard(key)
            return None
        pages = []
        for entry in entries:
            files = []
            for path, digest in entry["files"]:
                data = self.files.get(digest)
                if data is None:  # lost or damaged: the whole generation is made again
                    return None
                files.append((path, data))
            head = entry["head"]
            pages.append(
                Page(
                    entry["path"],
                    entry["title"],
                    entry["content"],
                    entry["source"],
                    tuple(files),
                    entry["kind"],
                    PageHead(_pairs(head["meta"]), _pairs(head["feeds"]), head["json_ld"]) if head else None,
                    entry["beside"],
                )
            )
        return pages

    def put(self, key: str, pages: Sequence[Page]) -> None:
        entries = []
        for page in pages:
            files = []
            for path, data in page.files:
                digest = hashed(data)
                self.files.put(digest, data)
                files.append((path, digest))
            head = page.head
            entries.append(
                {
                    "path": page.path,
                    "title": page.title,
                    "content": page.content,
                    "source": page.source,
                    "files": files,
                    "kind": page.kind,
                    "head": {"meta": head.meta, "feeds": head.feeds, "json_ld": head.json_ld} if head else None,
                    "beside": page.beside,
                }
            )
        self.pages.put(key, json.dumps(entries, ensure_ascii=False).encode("utf-8"))

    def prune(self) -> None:
        self.pages.prune()
        self.files.prune()


def _pairs(items: Sequence[Sequence[str]]) -> tuple[tuple[str, str], ...]:
    return tuple((first, second) for first, second in items)
