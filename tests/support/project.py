"""Paths of the repository and its test data, and the real tools the tests run (MkDocs, pdftotext)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from build_scripts.plan.model import Plan
from build_scripts.plan.results_load import is_results_file

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
FIXTURES = TESTS / "fixtures"
SEEDS = TESTS / "seeds"

COMMIT_DATE = "2025-03-04T10:00:00+08:00"

# The example site's plan files, and its results files (<plan-id>.results.yaml) beside them.
PLAN_FILES = sorted(p for p in (ROOT / "plans").glob("*.yaml") if not is_results_file(p))
RESULTS_FILES = sorted(p for p in (ROOT / "plans").glob("*.yaml") if is_results_file(p))

# seed document → the plan file that carries it
SEED_PLANS = {
    "000_2056d4662825457c.txt": "kaohsiung-cijin-114",
    "001_d9cdb0a578fd14b5.txt": "kaohsiung-zuoying-health-113",
    "002_7cb823a2f9c6017f.txt": "tainan-yujing-household-service-plan",
    "003_e4d0f534c35f2671.txt": "kaohsiung-linyuan-service-plan",
    "004_b8f3f39838d851ff.txt": "tainan-shanshang-106",
}


def mkdocs(project: Path, *args: str, env_changes: dict[str, str | None] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real MkDocs command line in a project folder (``env_changes``: None removes a variable)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for name, value in (env_changes or {}).items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def pdftotext(path: Path, *args: str) -> str:
    """The text of a PDF as poppler's pdftotext gives it (what copying out of a reader gives)."""
    return subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True).stdout


def commit_all(target: Path, message: str = "plans") -> None:
    """A repository of its own, so "last updated" comes from a known commit date."""
    env = {**os.environ, "GIT_AUTHOR_DATE": COMMIT_DATE, "GIT_COMMITTER_DATE": COMMIT_DATE}
    commands = (["init", "-q"], ["add", "-A"])
    commit = ["-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", message]
    for command in (*commands, commit):
        subprocess.run(["git", *command], cwd=target, env=env, check=True, capture_output=True)


def copy_project(target: Path) -> Path:
    """A copy of this repository's site sources (mkdocs.yml, content, plans, templates), committed."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "content", "plans", "templates"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("disclosure", "sitemap.md", "__pycache__"))
        else:
            shutil.copy2(source, target / name)
    commit_all(target)
    return target


def render_seed_pdfs(plan_ids: Iterable[str], folder: Path) -> dict[str, tuple[Plan, Path]]:
    """Seed plans rendered once, in parallel, through the path the site build takes, written to folder."""
    from build_scripts.pdf.batch import render_pdfs
    from build_scripts.plan.load import load_plan_file

    plans = {plan_id: load_plan_file(ROOT / "plans" / f"{plan_id}.yaml") for plan_id in plan_ids}
    rendered = render_pdfs(list(plans.values()), cache_dir=None, workers=2)
    out = {}
    for plan_id, plan in plans.items():
        path = folder / f"{plan_id}.pdf"
        path.write_bytes(rendered[plan_id].data)
        out[plan_id] = (plan, path)
    return out
