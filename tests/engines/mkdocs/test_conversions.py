"""Remembered Markdown conversions (``engines/mkdocs/conversions.py``), with real MkDocs pages, files
and configuration: a page is converted again exactly when what it is made from changed, and MkDocs'
warnings are given by every build."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from build_scripts.engines.mkdocs.conversions import Conversions

SETTINGS = """site_name: 測試
docs_dir: docs
markdown_extensions:
  - attr_list
  - md_in_html
  - toc:
      permalink: false
validation:
  links:
    not_found: warn
    anchors: warn
"""
PAGE = "# 服務計畫\n\n## 一、目標 {#goal}\n\n見[另一頁](other.md#top)與[本頁](#goal)。\n"


@pytest.fixture
def site(tmp_path: Path) -> MkDocsConfig:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(PAGE, "utf-8")
    (tmp_path / "docs" / "other.md").write_text("# 另一頁 {#top}\n", "utf-8")
    (tmp_path / "mkdocs.yml").write_text(SETTINGS, "utf-8")
    return load_config(str(tmp_path / "mkdocs.yml"))


def _files(config: MkDocsConfig, *names: str) -> Files:
    return Files([File(name, config.docs_dir, config.site_dir, config.use_directory_urls) for name in names])


def _convert(config: MkDocsConfig, files: Files, cache: Path, markdown: str = PAGE) -> tuple[Page, Conversions]:
    """One build's conversion of index.md: its page and the build's conversions."""
    conversions = Conversions(cache, config)
    file = files.get_file_from_path("index.md")
    assert file is not None
    page = Page(None, file, config)
    conversions.attach(page, config, files)
    page.markdown = markdown
    page.render(config, files)
    return page, conversions


def _seen(page: Page) -> tuple[object, ...]:
    toc = [(item.title, item.id, [(child.title, child.id) for child in item.children]) for item in page.toc]
    links = {target.src_uri: anchors for target, anchors in (page.links_to_anchors or {}).items()}
    return page.content, toc, page.title, page.present_anchor_ids, links


def test_an_unchanged_page_is_not_converted_again_and_is_given_what_the_conversion_gave(site: MkDocsConfig, tmp_path: Path):
    files = _files(site, "index.md", "other.md")
    first, conversions = _convert(site, files, tmp_path / "cache")
    assert conversions.converted == 1
    assert 'href="other/#top"' in (first.content or "") and first.title == "服務計畫"
    again, conversions = _convert(site, _files(site, "index.md", "other.md"), tmp_path / "cache")
    assert conversions.converted == 0
    assert _seen(again) == _seen(first)
    changed, conversions = _convert(site, files, tmp_path / "cache", PAGE.replace("目標", "願景"))
    assert conversions.converted == 1 and "願景" in (changed.content or "")


def test_a_page_whose_link_lost_its_target_is_converted_again_and_warned_about(
    site: MkDocsConfig, tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    _convert(site, _files(site, "index.md", "other.md"), tmp_path / "cache")
    for _ in range(2):  # the warning is given by every build: a conversion that warned is not remembered
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="mkdocs"):
            page, conversions = _convert(site, _files(site, "index.md"), tmp_path / "cache")
        assert conversions.converted == 1
        assert "contains a link 'other.md#top', but the target 'other.md' is not found" in caplog.text
        assert 'href="other.md#top"' in (page.content or "")


def test_a_page_whose_link_target_moved_gets_the_new_address(site: MkDocsConfig, tmp_path: Path):
    _convert(site, _files(site, "index.md", "other.md"), tmp_path / "cache")
    flat = load_config(str(Path(site.config_file_path)), use_directory_urls=False)
    page, conversions = _convert(flat, _files(flat, "index.md", "other.md"), tmp_path / "cache")
    assert conversions.converted == 1 and 'href="other.html#top"' in (page.content or "")


def test_a_damaged_conversion_is_made_again(site: MkDocsConfig, tmp_path: Path):
    files = _files(site, "index.md", "other.md")
    first, _ = _convert(site, files, tmp_path / "cache")
    for entry in (tmp_path / "cache").glob("*.json"):
        entry.write_bytes(entry.read_bytes()[:-20])
    again, conversions = _convert(site, files, tmp_path / "cache")
    assert conversions.converted == 1 and _seen(again) == _seen(first)


def test_sites_whose_markdown_reads_other_files_are_converted_every_time(tmp_path: Path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(PAGE, "utf-8")
    (tmp_path / "mkdocs.yml").write_text(SETTINGS.replace("  - attr_list\n", "  - attr_list\n  - pymdownx.snippets\n"), "utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    for _ in range(2):
        _, conversions = _convert(config, _files(config, "index.md"), tmp_path / "cache")
        assert conversions.converted == 1
