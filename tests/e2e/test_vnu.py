"""The Nu Html Checker (a real java run) over a tiny hand-written site."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.audit.vnu import VnuUnavailable, run_vnu

GOOD = """<!DOCTYPE html>
<html lang="zh-TW">
<head><meta charset="utf-8"><title>測試網頁</title></head>
<body>
<main>
<h1>提升服務計畫</h1>
<p>本網頁符合 HTML 標準。<a href="plans/bad.html">下一頁</a></p>
</main>
</body>
</html>
"""

# A heading-less <section> is only a warning: it must not be reported.
WARNING_ONLY = GOOD.replace("<p>", "<section><p>內容</p></section><p>")

BAD = """<!DOCTYPE html>
<html lang="zh-TW">
<head><meta charset="utf-8"><title>有問題的網頁</title></head>
<body>
<main>
<h1 id="top">有問題的網頁</h1>
<p id="top">重複的 id</p>
<div><span>未關閉的元素</div></span>
</main>
</body>
</html>
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("vnu-site")
    (site / "plans").mkdir()
    (site / "index.html").write_text(GOOD, encoding="utf-8")
    (site / "warning.html").write_text(WARNING_ONLY, encoding="utf-8")
    (site / "plans" / "bad.html").write_text(BAD, encoding="utf-8")
    return site


@pytest.fixture(scope="module")
def findings(site: Path):
    return run_vnu(site)


def test_markup_errors_are_found(findings):
    bad = [f for f in findings if f.page == "plans/bad.html"]
    assert bad and {f.rule for f in bad} == {"vnu"}
    messages = "\n".join(f.message for f in bad)
    for expected in ("Duplicate ID", "Stray end tag", "Unclosed element"):
        assert expected in messages, messages
    assert all(f.message.startswith("HTML 不符合標準：") for f in bad)
    assert all("行）" in f.message and f.help for f in bad)
    duplicate = next(f for f in bad if "Duplicate ID" in f.message)
    assert 'id="top"' in duplicate.element


def test_valid_pages_and_warnings_give_no_findings(findings):
    assert [f for f in findings if f.page != "plans/bad.html"] == []


def test_only_the_pages_asked_for(site: Path):
    assert run_vnu(site, pages=["index.html"]) == []


def test_missing_java_or_jar_says_what_to_run(site: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("PLANSITE_NODE_MODULES", str(tmp_path))  # a node_modules without vnu-jar
    with pytest.raises(VnuUnavailable, match="npm ci"):
        run_vnu(site)
    monkeypatch.delenv("PLANSITE_NODE_MODULES")
    monkeypatch.delenv("JAVA", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(VnuUnavailable, match="make test"):
        run_vnu(site)
