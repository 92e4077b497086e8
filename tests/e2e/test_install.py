"""The package as a webmaster's machine would have it: installed (not editable), used in another folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from ..support.project import ROOT, copy_project, mkdocs


def test_an_installed_package_builds_a_site_in_another_folder(tmp_path: Path):
    source = tmp_path / "source"  # a copy, so building the wheel writes nothing into the repository
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "build_scripts", source / "build_scripts", ignore=shutil.ignore_patterns("__pycache__"))
    target = tmp_path / "installed"
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--disable-pip-version-check"]
    subprocess.run([*pip, "--target", str(target), str(source)], check=True, capture_output=True)
    assert (target / "build_scripts" / "templates" / "plan.md.j2").is_file()
    assert (target / "build_scripts" / "py.typed").is_file()

    (tmp_path / "agency-site").mkdir()
    project = copy_project(tmp_path / "agency-site")
    env = {"PYTHONPATH": str(target)}
    where = subprocess.run(
        [sys.executable, "-c", "from build_scripts.render.environment import TEMPLATES; print(TEMPLATES)"],
        cwd=project,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()).is_relative_to(target)  # the templates come from the installed package

    result = mkdocs(project, "build", env_changes=env)
    assert result.returncode == 0, result.stderr
    page = project / "site" / "disclosure" / "tainan" / "tainan-shanshang-district-office" / "tainan-shanshang-106" / "index.html"
    assert "山上區公所" in page.read_text("utf-8")
    assert (page.parent.parent / "tainan-shanshang-106.pdf").read_bytes().startswith(b"%PDF")
