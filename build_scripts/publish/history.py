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


def _git_log(folder: Path, *args: str, timeout: int = 30) -> str:
    """``git log …`` in folder, or "" when git has no answer (not installed, not a repository)."""
    try:
        result = subprocess.run(["git", "log", *args], cwd=folder, capture_output=True, text=True, check=False, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return result.stdout if result.returncode == 0 else ""


def last_commit_epoch(folder: Path) -> int | None:
    """Unix time of the last commit of the repository holding ``folder``, if any."""
    text = _git_log(folder, "-1", "--format=%ct").strip()
    return int(text) if text.isdigit() else None


def folder_dates(folder: Path) -> dict[str, dt.date]:
    """The date of the last commit that touched each file in ``folder``, by file name: one
    ``git log`` for the folder, newest commit first (the first date a file gets is its last)."""
    log = _git_log(folder, "--format=%x00%cs", "--name-only", "--relative", "--", ".", timeout=120)
    dates: dict[str, dt.date] = {}
    for commit in log.split("\0")[1:]:
        day, *names = commit.strip().splitlines()
        for name in (n.strip() for n in names):
            if name:
                dates.setdefault(name, dt.date.fromisoformat(day.strip()))
    return dates


def page_dates(plans: Iterable[SourcedPlan]) -> dict[str, dt.date | None]:
    """When each plan's page (and each results report's) last changed: its file's last commit, else
    SOURCE_DATE_EPOCH; by plan id and results id."""
    epoch = source_date_epoch()
    fallback = dt.datetime.fromtimestamp(epoch, tz=dt.UTC).date() if epoch is not None else None
    by_folder: dict[Path, dict[str, dt.date]] = {}
    dates: dict[str, dt.date | None] = {}
    for sourced in plans:
        files = [(sourced.plan.id, sourced.path), *((r.results.id, r.path) for r in sourced.results)]
        for name, path in files:
            if path.parent not in by_folder:
                by_folder[path.parent] = folder_dates(path.parent)
            dates[name] = by_folder[path.parent].get(path.name) or fallback
    return dates
