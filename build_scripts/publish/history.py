"""Dates a plan's history gives it: the last commit that touched its file.

A plan page shows when the page itself last changed (「本頁更新日期」): the date of the last commit
that touched the plan's file, else ``SOURCE_DATE_EPOCH`` — never the clock. It is not the plan's own
amendment date, which only the plan's ``updated`` field states.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterable
from pathlib import Path

from ..plan.load import SourcedPlan
from ..settings import source_date_epoch


def _last_commit(folder: Path, format: str, *paths: str) -> str:
    """``git log -1 --format=…`` in folder (limited to paths), or "" when git has no answer."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", f"--format={format}", "--", *paths],
            cwd=folder,
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def last_commit_date(path: Path) -> dt.date | None:
    """The committer date of the last commit that touched ``path``, if it is tracked."""
    text = _last_commit(path.parent, "%cs", path.name)
    return dt.date.fromisoformat(text) if text else None


def last_commit_epoch(folder: Path) -> int | None:
    """Unix time of the last commit of the repository holding ``folder``, if any."""
    text = _last_commit(folder, "%ct")
    return int(text) if text.isdigit() else None


def page_dates(plans: Iterable[SourcedPlan]) -> dict[str, dt.date | None]:
    """When each plan's page last changed: its file's last commit, else SOURCE_DATE_EPOCH."""
    epoch = source_date_epoch()
    fallback = dt.datetime.fromtimestamp(epoch, tz=dt.UTC).date() if epoch is not None else None
    return {p.plan.id: last_commit_date(p.path) or fallback for p in plans}
