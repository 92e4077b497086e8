"""Shared fixtures. Tests under tests/e2e/ (real site builds, long PDFs, Chromium, Java) are the slow
tier: they are marked ``e2e`` by their folder, so ``make unit`` (-m "not e2e") leaves them out."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .support.project import copy_project, mkdocs

E2E = Path(__file__).resolve().parent / "e2e"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(E2E):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session", autouse=True)
def shared_pdf_cache(tmp_path_factory: pytest.TempPathFactory):
    """One PDF cache for every site the tests build (each test project is a fresh copy)."""
    os.environ["PLANSITE_CACHE"] = str(tmp_path_factory.mktemp("pdf-cache"))
    yield
    os.environ.pop("PLANSITE_CACHE", None)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site, built once per test session with `mkdocs build`."""
    project = copy_project(tmp_path_factory.mktemp("site-project"))
    result = mkdocs(project, "build")
    assert result.returncode == 0, result.stderr
    (project / "build-output.txt").write_text(result.stdout + result.stderr, "utf-8")  # what the webmaster saw
    return project / "site"
