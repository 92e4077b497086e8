"""The site engines that turn Markdown and the theme into HTML: thin adapters over ``pipeline``.

Nothing below this package imports an engine. ``mkdocs`` is the MkDocs plugin (ProperDocs runs it
unchanged); ``zensical`` writes the pages as files and runs Zensical, which has no plugins.
"""

from __future__ import annotations

from pathlib import Path

from ..settings import Settings

ENGINES = ("mkdocs", "properdocs", "zensical")


def build_with(engine: str, config_file: Path, settings: Settings) -> int:
    """Build the site of ``config_file`` with ``engine``; the exit status. Each engine is imported
    only when chosen: none of them is needed by the others."""
    if engine == "zensical":
        from .zensical.build import build as build_files

        return build_files(config_file, settings)
    from .mkdocs.run import build as run_engine

    return run_engine(engine, config_file)
