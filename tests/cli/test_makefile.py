"""The make targets a webmaster runs end with our Chinese message, not with make's own English error line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from ..support.project import FIXTURES, ROOT

VENV = Path(sys.prefix)


def make(project: Path, *targets: str) -> subprocess.CompletedProcess[str]:
    """`make` in the project with this test run's environment, which is not reinstalled (-o: taken as up to date)."""
    return subprocess.run(
        ["make", "--no-print-directory", "-o", str(VENV / ".installed"), f"VENV={VENV}", *targets],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_failing_validate_ends_with_our_message_not_makes_error_line(tmp_path: Path):
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    (tmp_path / "plans").mkdir()
    plan = (FIXTURES / "plans" / "sample-114.yaml").read_text("utf-8")
    (tmp_path / "plans" / "sample-114.yaml").write_text(plan.replace("year: 114", "year: 一一四"), "utf-8")
    for _ in range(3):  # make's signal handling once raced with the recipe's shell: a few runs show it
        done = make(tmp_path, "validate")
        told = done.stdout + done.stderr
        assert done.returncode != 0
        assert "plans/sample-114.yaml" in told and "year" in told, told
        assert "make:" not in told and "Error" not in told, told


def test_a_passing_validate_says_so_and_succeeds(tmp_path: Path):
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    (tmp_path / "plans").mkdir()
    shutil.copy(FIXTURES / "plans" / "sample-114.yaml", tmp_path / "plans")
    done = make(tmp_path, "validate")
    assert done.returncode == 0 and "1 個計畫檔都正確" in done.stdout, done.stdout + done.stderr


def test_make_import_without_a_file_says_how_to_use_it(tmp_path: Path):
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    done = make(tmp_path, "import")
    told = done.stdout + done.stderr
    assert done.returncode != 0 and "用法：make import FILE=計畫.docx" in told and "make:" not in told, told
