"""本頁更新日期: each plan file's last commit, found with one git log for the whole folder."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from build_scripts.publish.history import folder_dates


def _commit(repo: Path, date: str, message: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", message],
        cwd=repo,
        check=True,
        env=env,
    )


def test_each_file_gets_the_date_of_the_last_commit_that_touched_it(tmp_path: Path):
    plans = tmp_path / "plans"
    plans.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (plans / "a.yaml").write_text("a", "utf-8")
    (plans / "b.yaml").write_text("b", "utf-8")
    (tmp_path / "README.md").write_text("x", "utf-8")
    _commit(tmp_path, "2024-05-01T10:00:00+08:00", "first")
    (plans / "b.yaml").write_text("b2", "utf-8")
    (tmp_path / "README.md").write_text("y", "utf-8")  # outside the folder: not counted
    _commit(tmp_path, "2025-03-04T10:00:00+08:00", "second")
    (plans / "new.yaml").write_text("not committed", "utf-8")
    dates = folder_dates(plans)
    assert {name: str(day) for name, day in dates.items()} == {"a.yaml": "2024-05-01", "b.yaml": "2025-03-04"}


def test_a_folder_outside_git_has_no_dates(tmp_path: Path):
    assert folder_dates(tmp_path) == {}
