"""``plansite build [--engine mkdocs|properdocs|zensical]``: build the site with one of the engines.

MkDocs and ProperDocs run the ``disclosure`` plugin; Zensical, which has no plugins, gets every page
written out first and is finished afterwards. Each goes through the same build session
(``pipeline.session``): the same pages, downloads, page metadata and search index.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..engines import ENGINES, build_with
from ..settings import DEFAULT_CONFIG_FILE


def add_parser(sub: Any) -> None:
    command = sub.add_parser("build", help="建置網站到 site/（可選擇網站引擎）")
    command.add_argument(
        "--engine",
        choices=sorted(ENGINES),
        default="mkdocs",
        help="網站引擎：mkdocs（預設）、properdocs 或 zensical（見 README「網站引擎」）",
    )
    command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    config_file = Path(args.config_file or DEFAULT_CONFIG_FILE).resolve()
    return build_with(args.engine, config_file, args.settings)
