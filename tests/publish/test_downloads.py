"""The output formats: a registry, and quiet progress in CI."""

from __future__ import annotations

import os

from build_scripts.plan.load import load_plan_file
from build_scripts.publish import downloads
from build_scripts.publish.progress import terminal_progress

from ..support.project import ROOT

PLANS = ["tainan-shanshang-106"]


def _plans():
    return [load_plan_file(ROOT / "plans" / f"{plan}.yaml") for plan in PLANS]


def test_progress_is_quiet_in_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    assert terminal_progress() is None


def test_a_new_format_is_one_entry_and_reaches_the_page_the_catalogue_and_the_json_ld(monkeypatch, tmp_path):
    """The formats are a registry: one more entry is offered on the plan page, listed in the data
    catalogue (open data) and described in the page's JSON-LD, with no other edit."""
    import json

    from build_scripts.plan.load import SourcedPlan
    from build_scripts.publish.generate import generate_pages
    from build_scripts.render.plain_text import blocks_text
    from build_scripts.render.site_layout import Layout

    def text_files(kind, batch):
        return {p.id: [downloads.Download(kind, f"{p.id}.txt", blocks_text(p.sections[0].blocks).encode())] for p in batch.plans}

    text = downloads.OutputFormat("TXT", ".txt", "text/plain", "純文字", True, (), text_files)
    monkeypatch.setattr(downloads, "FORMATS", (downloads.JSON, text))
    plan = _plans()[0]
    pages = generate_pages([SourcedPlan(plan, ROOT / "plans" / f"{plan.id}.yaml")], [], Layout(), tmp_path)
    page = next(p for p in pages if p.kind == "plan")
    assert "下載 TXT" in page.content and any(path.endswith(".txt") for path, _ in page.files)
    distribution = json.loads(page.head.json_ld)["distribution"]
    assert [d["encodingFormat"] for d in distribution] == ["application/json", "text/plain"]
    catalogue = next(p for p in pages if p.kind == "data")
    listed = json.loads(dict(catalogue.files)["disclosure/data/catalog.json"])
    assert listed["資料集"][0]["資源網址"].endswith(f"{plan.id}.txt") and "TXT" in listed["資料集"][0]["檔案格式"]


def test_a_worker_is_warmed_up_for_pdfs_only_when_a_plan_or_template_changed_since_the_pdfs(tmp_path):
    from build_scripts.publish.downloads import PDF_FOLDER, pdfs_may_change

    plans, templates, config = tmp_path / "plans", tmp_path / "templates", tmp_path / "mkdocs.yml"
    for folder in (plans, templates / "theme"):
        folder.mkdir(parents=True)
    (plans / "a.yaml").write_text("id: a\n", "utf-8")
    (templates / "theme" / "main.html").write_text("{{ page }}", "utf-8")
    config.write_text("site_name: x\n", "utf-8")
    cache = tmp_path / "cache"
    assert pdfs_may_change(cache, [plans, templates], [config])  # no PDF made yet
    (cache / PDF_FOLDER).mkdir(parents=True)
    later = (cache / PDF_FOLDER).stat().st_mtime + 10
    os.utime(cache / PDF_FOLDER, (later, later))
    assert not pdfs_may_change(cache, [plans, templates], [config])  # nothing changed since
    for edited in (plans / "a.yaml", templates / "theme" / "main.html", config):
        os.utime(edited, (later + 5, later + 5))
        assert pdfs_may_change(cache, [plans, templates], [config]), edited
        os.utime(edited, (later - 5, later - 5))
    (plans / "a.yaml").unlink()  # a plan removed: its folder changed
    os.utime(plans, (later + 5, later + 5))
    assert pdfs_may_change(cache, [plans, templates], [config])
