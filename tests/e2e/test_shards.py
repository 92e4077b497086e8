"""The PDF stage on several machines: two shards fill the cache, the final build renders no PDF and
gives the same bytes as one ordinary build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from ..support.project import copy_project, mkdocs


def _plansite(project: Path, cache: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PLANSITE_CACHE": str(cache), "CI": "true"}
    return subprocess.run([sys.executable, "-m", "build_scripts", *args], cwd=project, capture_output=True, text=True, env=env)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_shards_and_a_final_build_give_the_same_site_as_one_build(tmp_path: Path):
    ordinary = copy_project(tmp_path / "ordinary")
    result = mkdocs(ordinary, "build", env_changes={"PLANSITE_CACHE": str(tmp_path / "cache-ordinary"), "CI": "true"})
    assert result.returncode == 0, result.stderr

    sharded = copy_project(tmp_path / "sharded")
    shares = []
    for number in (1, 2):
        cache = tmp_path / f"cache-shard-{number}"
        result = _plansite(sharded, cache, "pdf", "--shard", f"{number}/2")
        assert result.returncode == 0, result.stderr
        assert f"分片 {number}/2" in result.stdout
        shares.append({p.name for p in (cache / "pdf").glob("*.pdf")})
    assert shares[0] and shares[1] and not shares[0] & shares[1]  # each shard renders its own part

    # The CI's final job: every shard's cache folder (its artifact) in one place.
    final_cache = tmp_path / "cache-final"
    for number in (1, 2):
        shutil.copytree(tmp_path / f"cache-shard-{number}", final_cache, dirs_exist_ok=True)
    before = sorted(p.name for p in (final_cache / "pdf").glob("*.pdf"))
    result = mkdocs(sharded, "build", env_changes={"PLANSITE_CACHE": str(final_cache), "CI": "true"})
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (final_cache / "pdf").glob("*.pdf")) == before  # no PDF rendered

    assert _files(sharded / "site") == _files(ordinary / "site")
