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
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..cache import FileCache, code_digest, folders_digest, hashed
from ..pdf.batch import environment_fingerprint, stylesheet_fonts
from ..plan.load import SourcedPlan, plan_digest, results_digest
from ..plan.model import Plan
from ..plan.yaml_positions import YAML_LIBRARIES
from ..render.environment import THEME_FOLDER, template_folders
from ..render.site_layout import Layout, Page, PageHead
from ..settings import Publication

PAGES, FILES, RENDERED = "pages", "files", "rendered"  # folders inside the cache folder
FORMAT = "2"  # of an entry: bumped when the JSON below changes
# The libraries whose output is in a generated page or file (with this package's code).
LIBRARIES = (
    "jinja2",
    "markupsafe",
    "pydantic",
    "pydantic-core",
    *YAML_LIBRARIES,
    "feedgen",
    "lxml",
    "odfpy",
    "weasyprint",
    "pydyf",
    "pikepdf",
    "tinyhtml5",
    "fonttools",
)


def generation_context(layout: Layout, publication: Publication) -> str:
    """What every generated page depends on besides its plans: the code and its libraries, the
    templates (the site's own first), where the section goes and what the site says about itself."""
    parts = (
        FORMAT,
        sys.version,
        code_digest(LIBRARIES),
        folders_digest(tuple(template_folders()), skip=(THEME_FOLDER,)),
        repr(layout),
        repr(publication),
    )
    return hashed(*parts)


def generation_key(
    plans: Sequence[SourcedPlan],
    displayed: Sequence[str],
    dates: Mapping[str, dt.date | None],
    handwritten: Sequence[tuple[str, str]],
    layout: Layout,
    publication: Publication,
    *,
    pdf_tokens: bool = False,
) -> str:
    """A digest of everything the generated pages and files are made from; ``pdf_tokens``: pages that
    write each PDF's page count and size as a token (``downloads.Pending``), kept apart."""
    digest = hashlib.sha256(b"pdf tokens\0" if pdf_tokens else b"")
    fonts = stylesheet_fonts()
    for part in (generation_context(layout, publication), environment_fingerprint(), fonts.named, fonts.everything):
        digest.update(part.encode() + b"\0")
    for sourced, shown in zip(plans, displayed, strict=True):
        digest.update(f"{shown}\0{dates.get(sourced.id)!r}\0{sourced.digest}\0".encode())
        for r in sourced.results:
            report_key = results_digest(sourced.digest, r.results.report)
            digest.update(f"{r.path.name}\0{dates.get(r.results.id)!r}\0{report_key}\0".encode())
    for path, text in handwritten:
        digest.update(f"{path}\0{text}\0".encode())
    return digest.hexdigest()[:40]


class PageStore:
    """The generated pages by ``generation_key``, their files by the digest of their bytes."""

    def __init__(self, cache_dir: Path) -> None:
        self.pages = FileCache(cache_dir / PAGES, ".json")
        self.files = FileCache(cache_dir / FILES, ".bin")

    def get(self, key: str) -> tuple[list[Page], dict[str, dict[str, str]], dict[str, str]] | None:
        """The pages, the lists of the hand-written pages' markers, and the details of their PDFs by
        token (``downloads.Pending``)."""
        stored = self.pages.get(key)
        if stored is None:
            return None
        try:
            whole = json.loads(stored)
        except ValueError:
            self.pages.discard(key)
            return None
        digests = sorted({digest for entry in whole["pages"] for _, digest in entry["files"]})
        with ThreadPoolExecutor(max_workers=4) as pool:  # reading and checking digests let other threads run
            contents = dict(zip(digests, pool.map(self.files.get, digests), strict=True))
        if None in contents.values():  # lost or damaged: the whole generation is made again
            return None
        pages = []
        for entry in whole["pages"]:
            files = [(path, contents[digest]) for path, digest in entry["files"]]
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
        return pages, whole["blocks"], whole.get("details", {})

    def put(
        self, key: str, pages: Sequence[Page], blocks: Mapping[str, Mapping[str, str]], details: Mapping[str, str] | None = None
    ) -> None:
        entries = []
        for page in pages:
            files = []
            for path, data in page.files:
                digest = hashed(data)
                if not self.files.has(digest):  # named by its content: a stored file is this one
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
        whole = {"pages": entries, "blocks": blocks, "details": details or {}}
        self.pages.put(key, json.dumps(whole, ensure_ascii=False).encode("utf-8"))

    def prune(self) -> None:
        self.pages.prune()
        self.files.prune()


def _pairs(items: Sequence[Sequence[str]]) -> tuple[tuple[str, str], ...]:
    return tuple((first, second) for first, second in items)


class RenderMemo:
    """The text of single pages by a digest of what each is made from (``render.remember``): when a
    plan changes, the pages of the other plans are not rendered again."""

    def __init__(self, cache_dir: Path, plans: Sequence[SourcedPlan], context: str) -> None:
        self.cache = FileCache(cache_dir / RENDERED, ".md")
        self.context = context
        self.keys = {id(sourced.plan): sourced.digest for sourced in plans}

    def plan_key(self, plan: Plan) -> str:
        return self.keys.get(id(plan)) or plan_digest(plan.model_dump_json())

    def text(self, kind: str, parts: Sequence[str], make: Callable[[], str]) -> str:
        key = hashed(self.context, kind, *parts)
        stored = self.cache.get(key)
        if stored is not None:
            return stored.decode("utf-8")
        text = make()
        self.cache.put(key, text.encode("utf-8"))
        return text

    def prune(self) -> None:
        self.cache.prune()
