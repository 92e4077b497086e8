"""A damaged cache is never published: truncated, emptied or edited entries (the stored pages and
their files, finished pages, checked plans, PDF, ODT, composed YAML, search index) are dropped and
made again, and the site comes out as from a clean cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..support.project import copy_project, mkdocs


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("damaged-cache"))


def _damage(entry: Path, how: int) -> None:
    stored = bytearray(entry.read_bytes())
    if how == 0:
        stored[len(stored) // 2] ^= 0x55  # a damaged byte, same length
    elif how == 1:
        stored = stored[: len(stored) // 3]  # truncated
    else:
        stored = bytearray()  # emptied
    entry.write_bytes(bytes(stored))


def test_every_damaged_entry_is_made_again_and_the_site_is_as_from_a_clean_cache(project: Path, tmp_path: Path):
    env = {"PLANSITE_CACHE": str(tmp_path / "cache")}
    first = mkdocs(project, "build", env_changes=env)
    assert first.returncode == 0, first.stderr
    clean = _files(project / "site")
    cache = tmp_path / "cache"
    damaged: dict[str, list[Path]] = {}
    for number, folder in enumerate(sorted(p for p in cache.iterdir() if p.is_dir())):
        entries = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
        # Every checked plan (so its YAML is read again) and every compiled template (an entry's name
        # hashes the template's path, so which one sorts first varies with where the project lies, and
        # a template the rebuild does not render, such as the results page's, is never read).
        chosen = entries if folder.name in ("checked", "templates") else entries[:1]
        for entry in chosen:
            _damage(entry, number % 3)
        damaged[folder.name] = chosen
    assert {"pages", "files", "finished", "checked", "pdf", "odt", "yaml", "markdown", "templates"} <= set(damaged)

    again = mkdocs(project, "build", env_changes=env)
    assert again.returncode == 0, again.stderr
    assert _files(project / "site") == clean
    # The stored pages were damaged: everything they are made from was read again, and each damaged
    # entry named and made again; a damaged file of theirs is simply written anew.
    reported = {
        name
        for name, entries in damaged.items()
        if any(f"快取裡的檔案損壞，已刪除並重新產生：{entry}" in again.stderr for entry in entries)
    }
    assert reported == set(damaged) - {"files"}, again.stderr


def test_a_damaged_file_of_the_stored_pages_makes_them_again(project: Path, tmp_path: Path):
    env = {"PLANSITE_CACHE": str(tmp_path / "cache")}
    assert mkdocs(project, "build", env_changes=env).returncode == 0
    clean = _files(project / "site")
    entries = [p for p in (tmp_path / "cache" / "files").iterdir() if not p.name.startswith(".")]  # not the prune stamp
    pdf = next(p for p in entries if p.read_bytes().split(b"\n", 1)[1].startswith(b"%PDF"))
    _damage(pdf, 0)
    again = mkdocs(project, "build", env_changes=env)
    assert again.returncode == 0, again.stderr
    assert f"快取裡的檔案損壞，已刪除並重新產生：{pdf}" in again.stderr
    assert _files(project / "site") == clean
