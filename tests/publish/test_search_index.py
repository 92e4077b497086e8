"""The search index: Pagefind over the searched pages, one Han character a word, cached."""

from __future__ import annotations

import re
from pathlib import Path

import pagefind_bin_extended
import pytest

from build_scripts.publish.search_index import OUTPUT, SearchIndexError, index_site, page_url, searchable

PAGE = """<!DOCTYPE html><html lang="zh-TW"><head><title>{title}</title></head><body>
<nav class="tw-breadcrumbs">首頁</nav><article><h1>{title}</h1><p>{text}</p></article></body></html>"""


def site(folder: Path, text: str) -> Path:
    (folder / "a").mkdir(parents=True)
    (folder / "a" / "index.html").write_text(PAGE.format(title="旗津區公所計畫", text=text), "utf-8")
    return folder


def test_han_characters_are_indexed_one_by_one_but_tags_and_attributes_are_untouched():
    html = '<p title="民國114年">民國114年度，服務品質 OK</p>'
    assert searchable(html) == '<p title="民國114年">民\u200b國\u200b114\u200b年\u200b度，服\u200b務\u200b品\u200b質 OK</p>'


def test_page_urls_are_folders():
    assert page_url("disclosure/x/index.html") == "/disclosure/x/" and page_url("a.html") == "/a.html"


def test_an_unchanged_site_takes_its_index_from_the_cache(tmp_path: Path):
    root = site(tmp_path / "site", "推動單一窗口服務。")
    cache = tmp_path / "cache"
    assert index_site(root, ["a/index.html"], cache) is False
    first = sorted(p.relative_to(root / OUTPUT).as_posix() for p in (root / OUTPUT).rglob("*") if p.is_file())
    assert "pagefind.js" in first and "pagefind-ui.js" in first and not [f for f in first if "modular" in f]
    css = (root / OUTPUT / "pagefind-ui.css").read_text("utf-8")
    assert "font-size:calc(1rem" in css and not re.search(r"font-size:[^;}]*px", css)  # sizes a reader can enlarge

    again = site(tmp_path / "again", "推動單一窗口服務。")
    assert index_site(again, ["a/index.html"], cache) is True
    assert sorted(p.relative_to(again / OUTPUT).as_posix() for p in (again / OUTPUT).rglob("*") if p.is_file()) == first

    changed = site(tmp_path / "changed", "推動線上申辦服務。")
    assert index_site(changed, ["a/index.html"], cache) is False


def test_without_pagefind_the_build_says_so_in_chinese(tmp_path: Path, monkeypatch):
    def missing() -> Path:
        raise FileNotFoundError("Could not find any of [pagefind_extended]")

    monkeypatch.setattr(pagefind_bin_extended, "get_executable", missing)
    root = site(tmp_path / "site", "推動單一窗口服務。")
    with pytest.raises(SearchIndexError, match="無法建立搜尋索引（Pagefind）"):
        index_site(root, ["a/index.html"], None)
    assert not (root / OUTPUT / "pagefind.js").exists()
