"""Write generated pages as real Markdown files (for engines that ignore plugins).

Most generated pages go into the section's folder, which is the generator's own. A few go beside the
site's own pages (the site map, the policy pages a site has not written itself): those are listed,
with a digest of what was written, in ``MANIFEST`` inside the section's folder, so the next run (or
a ``mkdocs build`` over the same folder) knows them from pages the webmaster wrote. A listed page the
webmaster has since edited is theirs: it no longer matches its digest, and is never overwritten.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..atomic import write_atomically
from ..render.site_layout import Layout, Page

MANIFEST = ".plansite-generated.json"  # in the section's folder (MkDocs leaves dot files out)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def generated_beside(docs: Path, layout: Layout) -> dict[str, str]:
    """The pages outside the section's folder the generator wrote last, by path: the digest of each."""
    return _listed(docs, layout) or {}


def _listed(docs: Path, layout: Layout) -> dict[str, str] | None:
    """``generated_beside``, or None when no run has listed them yet (no list, or not one a run wrote)."""
    try:
        listed = json.loads((docs / layout.section / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(listed, dict):
        return None
    # Only pages of the docs folder outside the section (a hand-edited list names nothing else).
    return {
        str(path): str(digest)
        for path, digest in listed.items()
        if isinstance(path, str)
        and path.endswith(".md")
        and posixpath.normpath(path) == path
        and not path.startswith(("/", "../", layout.section + "/"))
    }


def still_generated(path: str, text: str, beside: Mapping[str, str]) -> bool:
    """Whether a page of the docs folder is one the generator wrote, unedited since."""
    return beside.get(path) == _digest(text)


def write_pages(pages: Sequence[Page], docs: Path, layout: Layout) -> int:
    """Write every page (and its downloads) whose content changed; remove stale generated files.

    Returns the number of files written."""
    written = 0
    wanted = set()
    listed = _listed(docs, layout)  # None before the first run that listed them: nothing is held back
    before = listed or {}
    section = layout.section + "/"
    beside: dict[str, str] = {}
    for page in pages:
        target = docs / page.path
        if not page.path.startswith(section):
            if listed is not None and target.is_file() and not still_generated(page.path, target.read_text("utf-8"), before):
                continue  # the webmaster's own page (the engine uses it instead)
            beside[page.path] = _digest(page.content)
        for path, data in ((page.path, page.content.encode("utf-8")), *page.files):
            target = docs / path
            wanted.add(posixpath.normpath(path))
            if target.is_file() and target.read_bytes() == data:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, data)
            written += 1
    _remove_stale(docs, layout, wanted, {path: before[path] for path in before.keys() - beside.keys()})
    folder = docs / layout.section
    folder.mkdir(parents=True, exist_ok=True)
    write_atomically(folder / MANIFEST, json.dumps(beside, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))
    return written


def _remove_stale(docs: Path, layout: Layout, wanted: set[str], dropped: Mapping[str, str]) -> None:
    """Remove the section's files no page wanted (and its empty folders), and the pages beside it
    the generator wrote before but no longer makes (unless edited since: those are the webmaster's)."""
    for path in dropped:
        old = docs / path
        if old.is_file() and still_generated(path, old.read_text("utf-8"), dropped):
            old.unlink()
    folder = docs / layout.section
    if folder.is_dir():
        for old in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST):
            if old.relative_to(docs).as_posix() not in wanted:
                old.unlink()
        for child in sorted((p for p in folder.rglob("*") if p.is_dir()), reverse=True):
            if not any(child.iterdir()):
                child.rmdir()
