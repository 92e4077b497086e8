"""Dates a plan's history gives it: the last commit that touched its file.

A plan page shows when the page itself last changed (「本頁更新日期」): the date of the last commit
that touched the plan's file; for a file that is new or changed and not yet committed, its
modification time, marked as such (``UncommittedDate``); else ``SOURCE_DATE_EPOCH`` — never the
clock. It is not the plan's own amendment date, which only the plan's ``updated`` field states.

A shallow clone (most CI systems' default) holds only the last commits: every plan would get the
same date in silence, so ``shallow_clone_warning`` says so.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterable
from pathlib import Path

from ..plan.dates import UncommittedDate
from ..plan.load import SourcedPlan
from ..settings import source_date_epoch


def _git(folder: Path, *args: str, timeout: int = 30) -> str:
    """``git …`` in folder, or "" when git has no answer (not installed, not a repository)."""
    try:
        result = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=False, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return result.stdout if result.returncode == 0 else ""


def _git_log(folder: Path, *args: str, timeout: int = 30) -> str:
    return _git(folder, "log", *args, timeout=timeout)


SHALLOW_WARNING = (
    "注意：這是淺層複製（shallow clone）的儲存庫，git 只有最近的提交，所以各計畫的「本頁更新日期」與訂閱的日期"
    "可能都是同一天。請改用完整複製：GitHub Actions 的 actions/checkout 設 fetch-depth: 0，GitLab CI 設 "
    "GIT_DEPTH: 0，或執行 git fetch --unshallow（見 README「日期從哪裡來」）。"
)


def shallow_clone_warning(folder: Path) -> str | None:
    """A warning when the repository holding ``folder`` is a shallow clone."""
    return SHALLOW_WARNING if _git(folder, "rev-parse", "--is-shallow-repository").strip() == "true" else None


def uncommitted_files(folder: Path) -> set[str]:
    """Names of the files in ``folder`` that are new or changed since the last commit."""
    status = _git(folder, "status", "--porcelain", "--untracked-files=all", "--", ".")
    return {Path(line[3:].strip().strip('"')).name for line in status.splitlines() if len(line) > 3}


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
    changed: dict[Path, set[str]] = {}
    for sourced in plans:
        files = [(sourced.id, sourced.path), *((r.results.id, r.path) for r in sourced.results)]
        for name, path in files:
            folder = path.parent
            if folder not in by_folder:
                by_folder[folder], changed[folder] = folder_dates(folder), uncommitted_files(folder)
            if path.name in changed[folder] or (path.name not in by_folder[folder] and _in_git(folder)):
                dates[name] = UncommittedDate.fromtimestamp(path.stat().st_mtime)
            else:
                dates[name] = by_folder[folder].get(path.name) or fallback
    return dates


def _in_git(folder: Path) -> bool:
    return _git(folder, "rev-parse", "--is-inside-work-tree").strip() == "true"
