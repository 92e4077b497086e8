"""The docs folder: read for the hand-written pages, written whole for engines that read files only."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .session import BuildSession


def handwritten_pages(docs_dir: Path, section: str = "") -> list[tuple[str, str]]:
    """Every Markdown page of the docs folder as (path with / separators, text); ``section``: the
    folder ``plansite generate`` writes the generated pages into, left unread (thousands of pages
    that ``BuildSession.generate`` would set aside)."""
    if not docs_dir.is_dir():
        return []
    skipped = docs_dir / section if section else None
    return [
        (p.relative_to(docs_dir).as_posix(), p.read_text("utf-8"))
        for p in sorted(docs_dir.rglob("*.md"))
        if skipped is None or not p.is_relative_to(skipped)
    ]


def write_docs(session: BuildSession, folder: Path) -> None:
    """The whole docs folder for an engine that reads files only (no plugin): the site's own docs
    (its hand-written pages with their ``<!-- plansite: … -->`` markers filled, and its other
    files), then every generated page and its downloads."""
    docs = session.settings.docs_dir
    section = docs / session.layout.section
    for path in sorted(docs.rglob("*")) if docs.is_dir() else []:
        if not path.is_file() or path.is_relative_to(section):
            continue
        relative = path.relative_to(docs).as_posix()
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".md":
            target.write_text(session.expand(relative, path.read_text("utf-8")), "utf-8")
        else:
            shutil.copy2(path, target)
    for page in session.pages:
        for relative, data in ((page.path, page.content.encode("utf-8")), *page.files):
            target = folder / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
