"""The docs folder as the session reads it: the hand-written pages beside the generated ones."""

from __future__ import annotations

from pathlib import Path


def handwritten_pages(docs_dir: Path) -> list[tuple[str, str]]:
    """Every Markdown page of the docs folder as (path with / separators, text)."""
    if not docs_dir.is_dir():
        return []
    return [(p.relative_to(docs_dir).as_posix(), p.read_text("utf-8")) for p in sorted(docs_dir.rglob("*.md"))]
