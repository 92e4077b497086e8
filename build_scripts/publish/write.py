"""Write generated pages as real Markdown files (for engines that ignore plugins)."""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from pathlib import Path

from ..atomic import write_atomically
from ..render.site_layout import Layout, Page


def write_pages(pages: Sequence[Page], docs: Path, layout: Layout) -> int:
    """Write every page (and its downloads) whose content changed; remove stale generated files.

    Returns the number of files written."""
    written = 0
    wanted = set()
    for page in pages:
        for path, data in ((page.path, page.content.encode("utf-8")), *page.files):
            target = docs / path
            wanted.add(posixpath.normpath(path))
            if target.is_file() and target.read_bytes() == data:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, data)
            written += 1
    section = docs / layout.section
    if section.is_dir():
        for old in sorted(p for p in section.rglob("*") if p.is_file()):
            if old.relative_to(docs).as_posix() not in wanted:
                old.unlink()
        for folder in sorted((p for p in section.rglob("*") if p.is_dir()), reverse=True):
            if not any(folder.iterdir()):
                folder.rmdir()
    return written
