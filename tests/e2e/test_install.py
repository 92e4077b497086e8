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
    for folder in ("build_scripts", "templates"):
        shutil.copytree(ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
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


def test_the_sites_own_templates_come_first_and_the_package_gives_the_rest(tmp_path: Path):
    """An agency keeps in templates/ only what it changed: the rest comes from the package."""
    project = copy_project(tmp_path / "agency-site")
    own = project / "templates"
    for path in sorted(own.rglob("*"), reverse=True):
        if path.is_file() and path.name not in ("plan.md.j2", "footer.html"):
            path.unlink()
    plan_template = own / "plan.md.j2"
    plan_template.write_text(plan_template.read_text("utf-8").replace("</dl>\n", "</dl>\n\n本機關自訂的文字。\n", 1), "utf-8")
    footer = own / "theme" / "partials" / "footer.html"
    footer.write_text(footer.read_text("utf-8").replace("網站導覽</a></li>", "網站導覽</a></li><li>本機關頁尾</li>", 1), "utf-8")
    result = mkdocs(project, "build")
    assert result.returncode == 0, result.stderr
    page = (
        project / "site" / "disclosure" / "kaohsiung" / "kaohsiung-cijin-district-office" / "kaohsiung-cijin-114" / "index.html"
    ).read_text("utf-8")
    assert "本機關自訂的文字。" in page and "本機關頁尾" in page  # the site's own templates
    assert "跳到主要內容" in page and 'class="plan-meta"' in page  # main.html and the rest from the package
