"""Where plans come from: the plan files and the dates their history gives them.

Dates never come from the clock: a plan's ``updated`` field wins, then the date
of the last commit that touched its file, then ``SOURCE_DATE_EPOCH``.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Iterable
from pathlib import Path

from .cache import FileCache
from .load import SourcedPlan, load_plans
from .problems import Problem


def plan_files(plans_dir: Path) -> list[Path]:
    return sorted(p for p in plans_dir.glob("*.y*ml") if p.suffix in (".yaml", ".yml") and p.is_file())


def load_directory(
    plans_dir: Path, root: Path | None = None, cache: FileCache | None = None
) -> tuple[list[SourcedPlan], list[Problem]]:
    if not plans_dir.is_dir():
        problem = Problem(str(plans_dir), 0, 0, "", "找不到計畫資料夾", "應該有一個放 .yaml 計畫檔的資料夾", "確認 mkdocs.yml 的 plans_dir 設定。")
        return [], [problem]
    return load_plans(plan_files(plans_dir), root, cache)


def _source_date_epoch() -> dt.date | None:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(value), tz=dt.timezone.utc).date()


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


def updated_dates(plans: Iterable[SourcedPlan]) -> dict[str, dt.date | None]:
    fallback = _source_date_epoch()
    return {p.plan.id: p.plan.updated or last_commit_date(p.path) or fallback for p in plans}
