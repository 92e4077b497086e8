"""A damaged cache is never published: truncated, emptied or edited entries (PDF, ODT, composed
YAML, search index) are dropped and made again, and the site comes out as from a clean cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..support.project import copy_project, mkdocs


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("damaged-cache"))


def test_every_damaged_entry_is_made_again_and_the_site_is_as_from_a_clean_cache(project: Path, tmp_path: Path):
    env = {"PLANSITE_CACHE": str(tmp_path / "cache")}
    first = mkdocs(project, "build", env_changes=env)
    assert first.returncode == 0, first.stderr
    clean = _files(project / "site")
    cache = tmp_path / "cache"
    pdf = sorted((cache / "pdf").glob("*.pdf"))[0]
    odt = sorted((cache / "odt").glob("*.odt"))[0]
    composed = sorted((cache / "yaml").glob("*.json"))[0]
    index = sorted((cache / "search").glob("*.zip"))[0]
    stored = bytearray(pdf.read_bytes())
    stored[len(stored) // 2] ^= 0x55  # a damaged content stream, same length
    pdf.write_bytes(bytes(stored))
    odt.write_bytes(odt.read_bytes()[:3000])  # truncated
    composed.write_bytes(composed.read_bytes().replace("計畫".encode(), "討畫".encode(), 1))  # edited by hand
    index.write_bytes(b"")  # emptied

    again = mkdocs(project, "build", env_changes=env)
    assert again.returncode == 0, again.stderr
    assert again.stderr.count("快取裡的檔案損壞，已刪除並重新產生") == 4
    assert _files(project / "site") == clean
