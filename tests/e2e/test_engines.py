"""The site outlives its engine: MkDocs, ProperDocs and ``plansite build`` make the same bytes;
Zensical, which runs no plugins, makes every plan page complete, and passes every check."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html

from build_scripts.audit.site_audit import audit_site

from ..support.every_field import every_field_plan
from ..support.project import copy_project
from .test_every_field import CITY, _plan_text, _unsafe, payload


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _run(project: Path, *command: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", *command], cwd=project, capture_output=True, text=True, env=env, check=False)


def test_mkdocs_properdocs_and_plansite_build_make_the_same_bytes(tmp_path: Path, built_site: Path):
    sites = {"mkdocs build": _files(built_site)}
    for name, command in (
        ("properdocs build", ("properdocs", "build")),
        ("plansite build", ("build_scripts", "build")),
        ("plansite build --engine properdocs", ("build_scripts", "build", "--engine", "properdocs")),
    ):
        project = copy_project(tmp_path / name.replace(" ", "-"))
        result = _run(project, *command)
        assert result.returncode == 0, result.stdout + result.stderr
        sites[name] = _files(project / "site")
    reference = sites.pop("mkdocs build")
    assert len(reference) > 100
    for name, files in sites.items():
        assert set(files) == set(reference), name
        assert [path for path in reference if files[path] != reference[path]] == [], name


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("zensical"))
    result = _run(project, "build_scripts", "build", "--engine", "zensical")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "網站已更新（Zensical）" in result.stdout
    return project / "site"


def test_zensical_gives_every_plan_page_with_its_downloads_metadata_and_search(zensical_site: Path, built_site: Path):
    """Every plan page, and every results page (a plan's 執行成果)."""
    pages = sorted(p.relative_to(built_site) for p in built_site.glob("disclosure/*/*/*/index.html"))
    results_pages = [p for p in pages if p.parent.name.endswith("-results")]
    assert len(pages) == 7 and len(results_pages) == 2
    for relative in pages:
        page = lxml_html.fromstring((zensical_site / relative).read_bytes())
        names = set(page.xpath("//meta/@name"))
        assert {"DC.Title", "DC.Creator", "DC.Identifier", "Category.Theme", "Category.Cake", "Category.Service"} <= names
        assert relative in results_pages or page.xpath("//script[@type='application/ld+json']")
        assert page.xpath("//link[@type='application/atom+xml']")
        assert {a.get("accesskey") for a in page.xpath("//a[@accesskey]")} == {"U", "C", "Z"}
        downloads = page.xpath("//div[contains(@class,'plan-downloads')]//a/@href")
        formats = [".pdf", ".odt", ".csv"] if relative in results_pages else [".pdf", ".odt", ".json", ".csv"]
        assert [Path(d).suffix for d in downloads][:4] == formats[: len(downloads[:4])]
        for href in downloads:
            assert ((zensical_site / relative).parent / href).resolve().is_file(), href
        # the same text as the MkDocs build
        article = "".join(page.xpath("//article")[0].itertext())
        reference = lxml_html.fromstring((built_site / relative).read_bytes())
        assert " ".join(article.split()) == " ".join("".join(reference.xpath("//article")[0].itertext()).split())
    assert (zensical_site / "pagefind" / "pagefind.js").is_file()
    assert not (zensical_site.parent / ".site.building").exists()


def test_axe_nu_the_taiwan_rules_and_pdf_ua_find_nothing_in_the_zensical_site(zensical_site: Path):
    audit = audit_site(zensical_site)
    assert [(f.page, f.rule, f.element) for f in audit.findings] == []
    assert set(audit.seconds) == {"taiwan", "axe", "vnu", "pdf"}  # every checker ran


def test_plan_text_is_text_in_the_zensical_site_too(tmp_path: Path):
    data, _ = every_field_plan(payload, city=CITY)
    project = copy_project(tmp_path / "project")
    (project / "plans" / f"{data['id']}.yaml").write_text(_plan_text(data), "utf-8")
    result = _run(project, "build_scripts", "build", "--engine", "zensical")
    assert result.returncode == 0, result.stdout + result.stderr
    problems = []
    for path in sorted((project / "site").rglob("*.html")):
        problems += _unsafe(lxml_html.fromstring(path.read_bytes()), path)
    assert problems == []
