"""PDF rendering for a whole site: cached by what a PDF depends on, misses rendered in parallel."""

from __future__ import annotations

import shutil

from build_scripts import cache
from build_scripts.pdf import batch as printing
from build_scripts.plan.load import load_plan_file

from ..support.project import ROOT

PLANS = ["tainan-shanshang-106", "tainan-yujing-household-service-plan"]


def _jobs(**changes):
    jobs = []
    for plan_id in PLANS:
        plan = load_plan_file(ROOT / "plans" / f"{plan_id}.yaml")
        if plan_id in changes:
            plan = plan.model_copy(update={"title": changes[plan_id]})
        jobs.append(plan)
    return jobs


def test_nothing_changed_renders_nothing_and_a_change_renders_only_that_plan(tmp_path, monkeypatch):
    calls = []
    original = printing._render
    monkeypatch.setattr(printing, "_render", lambda item: calls.append(item[0].id) or original(item))

    first = printing.render_pdfs(_jobs(), tmp_path, workers=1)
    assert sorted(calls) == sorted(PLANS)
    assert not any(r.cached for r in first.values())
    assert all(r.pages >= 1 for r in first.values())

    calls.clear()
    again = printing.render_pdfs(_jobs(), tmp_path, workers=1)
    assert calls == []
    assert all(r.cached for r in again.values())
    assert {k: v.data for k, v in again.items()} == {k: v.data for k, v in first.items()}

    changed = printing.render_pdfs(
        _jobs(**{"tainan-shanshang-106": "臺南市山上區公所提升服務品質實施計畫（修正）"}), tmp_path, workers=1
    )
    assert calls == ["tainan-shanshang-106"]
    assert changed["tainan-shanshang-106"].data != first["tainan-shanshang-106"].data
    assert changed["tainan-yujing-household-service-plan"].cached


def test_the_cache_key_follows_the_fonts_and_the_code(monkeypatch):
    job = _jobs()[0]
    before = printing.cache_key(job)
    assert printing.cache_key(job) == before
    monkeypatch.setattr(printing, "environment_fingerprint", lambda: "other fonts or versions")
    assert printing.cache_key(job) != before


def test_changing_a_module_in_any_subpackage_renders_the_pdfs_again(tmp_path, monkeypatch):
    """The code digest covers every module of every subpackage (odt/ here, which PDFs do not even use)."""
    package = tmp_path / "build_scripts"
    shutil.copytree(cache.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "PACKAGE", package)
    calls = []
    original = printing._render
    monkeypatch.setattr(printing, "_render", lambda item: calls.append(item[0].id) or original(item))

    def build() -> None:
        cache.code_digest.cache_clear()  # a new build is a new process: the digest is computed again
        cache._package_digest.cache_clear()
        printing._installed.cache_clear()
        printing.render_pdfs(_jobs()[:1], tmp_path / "cache", workers=1)

    build()
    assert calls == [PLANS[0]]
    build()
    assert calls == [PLANS[0]]  # nothing changed: from the cache
    module = package / "odt" / "styles.py"
    module.write_text(module.read_text("utf-8") + "\n# a change\n", "utf-8")
    build()
    assert calls == [PLANS[0], PLANS[0]]


def test_editing_the_sites_own_print_template_renders_the_pdfs_again(tmp_path, monkeypatch):
    """An agency's templates/ folder is part of the PDF's cache key: a changed print.css is printed."""
    from build_scripts.render import environment

    own = tmp_path / "templates"
    shutil.copytree(environment.TEMPLATES, own, ignore=shutil.ignore_patterns("__pycache__"))
    calls = []
    original = printing._render
    monkeypatch.setattr(printing, "_render", lambda item: calls.append(item[0].id) or original(item))
    environment.use_templates(own)
    try:
        first = printing.render_pdfs(_jobs()[:1], tmp_path / "cache", workers=1)[PLANS[0]]
        printing.render_pdfs(_jobs()[:1], tmp_path / "cache", workers=1)
        assert calls == [PLANS[0]]
        stylesheet = own / "print.css"
        stylesheet.write_text(stylesheet.read_text("utf-8").replace("size: A4", "size: A5"), "utf-8")
        again = printing.render_pdfs(_jobs()[:1], tmp_path / "cache", workers=1)[PLANS[0]]
        assert calls == [PLANS[0], PLANS[0]] and again.pages > first.pages  # A5: more pages
    finally:
        environment.use_templates(None)


def test_parallel_rendering_gives_the_same_files_as_one_by_one():
    jobs = _jobs()
    parallel = printing.render_pdfs(jobs, None, workers=2)
    serial = printing.render_pdfs(jobs, None, workers=1)
    assert {k: v.data for k, v in parallel.items()} == {k: v.data for k, v in serial.items()}


def test_progress_is_reported_as_plans_done_out_of_total(tmp_path):
    seen = []
    printing.render_pdfs(_jobs(), tmp_path, workers=1, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(0, 2), (1, 2), (2, 2)]


def test_a_damaged_cache_file_is_rendered_again(tmp_path):
    job = _jobs()[0]
    printing.render_pdfs([job], tmp_path, workers=1)
    (entry,) = tmp_path.glob("*.pdf")
    entry.write_bytes(b"not a pdf")
    result = printing.render_pdfs([job], tmp_path, workers=1)
    assert not result[job.id].cached and result[job.id].data.startswith(b"%PDF")


def _die(item):
    import os

    os._exit(137)  # what the kernel's out-of-memory killer leaves


def test_a_worker_that_dies_is_a_message_not_a_traceback(tmp_path, monkeypatch):
    import pytest

    from build_scripts.workers import WorkerLost

    monkeypatch.setattr(printing, "_render", _die)
    with pytest.raises(WorkerLost) as failed:
        printing.render_pdfs(_jobs(), tmp_path, workers=2)
    assert "PDF" in str(failed.value) and "背景程序意外結束" in str(failed.value) and "記憶體不足" in str(failed.value)


def test_an_odt_worker_that_dies_is_a_message_too(tmp_path, monkeypatch):
    import pytest

    from build_scripts.publish import downloads
    from build_scripts.workers import WorkerLost

    monkeypatch.setattr(downloads, "_odt", _die)
    batch = downloads.Batch(_jobs(), tmp_path, workers=2)
    with pytest.raises(WorkerLost) as failed:
        downloads.ODT.make(downloads.ODT, batch)
    assert "ODT" in str(failed.value) and "背景程序意外結束" in str(failed.value)


def test_a_core_the_last_pdfs_leave_free_is_announced_before_they_are_all_made():
    """Three PDFs on two workers: ``at_tail`` is called once two are made (the third still being made,
    the other core free for other work, such as the search index), and at once when asked later."""
    jobs = [*_jobs(), load_plan_file(ROOT / "plans" / "kaohsiung-cijin-114.yaml")]
    found, run = printing.start_pdfs(jobs, None, workers=2)
    assert run is not None and not found
    seen: list[int] = []
    run.at_tail(lambda: seen.append(len(run.made)))
    assert seen == []  # three to make on two workers: no core free yet
    made = run.wait()
    assert len(made) == 3
    assert seen == [2]
    run.at_tail(lambda: seen.append(len(run.made)))
    assert seen == [2, 3]
