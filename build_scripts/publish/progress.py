"""Progress on the terminal while PDFs are rendered: 「產生 PDF：3/5」."""

from __future__ import annotations

import sys

from ..pdf.batch import Progress
from ..settings import in_ci


def terminal_progress() -> Progress | None:
    """「產生 PDF：3/5」 on a terminal; nothing in CI or when output goes to a file."""
    if in_ci() or not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        end = "\n" if done == total else ""
        print(f"\r產生 PDF：{done}/{total}", end=end, file=sys.stderr, flush=True)

    return show
