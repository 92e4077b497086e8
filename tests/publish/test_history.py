"""本頁更新日期: each plan file's last commit, found with one git log for the whole folder."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from build_scripts.plan.load import SourcedPlan
from build_scripts.publish.history import folder_dates, page_dates

from ..support.project import COMMIT_DATE, FIXTURES, commit_all


def _sourced(plan_id: str, path: Path) -> SourcedPlan:
    from build_scripts.plan.load import load_plan_file

    plan = load_plan_file(FIXTURES / "plans" / "sample-114.yaml")
    return SourcedPlan(plan.model_copy(update={"id": plan_id}), path)


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


def test_a_plan_not_yet_committed_is_dated_by_its_file_and_marked(tmp_path: Path):
    """A new plan, or one edited since the last commit, takes its file's time (marked as such)
    instead of the last commit's date, which would never change while it is edited."""
    import os

    from build_scripts.plan.dates import UncommittedDate

    folder = tmp_path / "plans"
    folder.mkdir()
    committed = folder / "a.yaml"
    committed.write_text("a", "utf-8")
    commit_all(tmp_path)
    new = folder / "b.yaml"
    new.write_text("b", "utf-8")
    os.utime(new, (1_767_268_800, 1_767_268_800))  # noon, 2026-01-01 (UTC)
    dates = page_dates([_sourced("a", committed), _sourced("b", new)])
    assert dates["a"] == dt.date.fromisoformat(COMMIT_DATE[:10]) and not isinstance(dates["a"], UncommittedDate)
    assert isinstance(dates["b"], UncommittedDate) and dates["b"] == dt.date(2026, 1, 1)
    committed.write_text("a, edited", "utf-8")
    assert isinstance(page_dates([_sourced("a", committed)])["a"], UncommittedDate)


def test_a_shallow_clone_is_named(tmp_path: Path):
    import subprocess

    from build_scripts.publish.history import shallow_clone_warning

    source = tmp_path / "source"
    source.mkdir()
    (source / "a.yaml").write_text("a", "utf-8")
    commit_all(source)
    (source / "a.yaml").write_text("b", "utf-8")
    commit_all(source, "second")
    assert shallow_clone_warning(source) is None
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{source}", str(shallow)], check=True, capture_output=True)
    warning = shallow_clone_warning(shallow)
    assert warning and "淺層複製" in warning and "fetch-depth: 0" in warning
