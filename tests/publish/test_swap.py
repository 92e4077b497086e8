"""Publishing a build always leaves a site: one build at a time, the new site swapped in whole, a
stopped swap put right by the next build, a mount point filled in place, undeletable leftovers
reported without stopping later builds, and every OS error told in Chinese with its path."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from build_scripts.publish import swap as swapping
from build_scripts.publish.swap import BuildLocked, SiteSwap, SwapError


def _site(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, "utf-8")


def _tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): p.read_text("utf-8") for p in sorted(folder.rglob("*")) if p.is_file()}


def _build(tmp_path: Path, files: dict[str, str]) -> SiteSwap:
    swap = SiteSwap(tmp_path / "site")
    swap.staging.mkdir()
    _site(swap.staging, files)
    swap.built = True
    return swap


OLD = {"index.html": "old", "gone.html": "only in the old site"}
NEW = {"index.html": "new", "disclosure/index.html": "new page"}


def _leftovers(tmp_path: Path) -> list[str]:
    return sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site"))


def test_a_finished_build_replaces_the_site_in_one_step(tmp_path: Path):
    _site(tmp_path / "site", OLD)
    swap = _build(tmp_path, NEW)
    assert swap.finish()
    assert _tree(tmp_path / "site") == NEW
    assert _leftovers(tmp_path) == []


def test_without_an_atomic_exchange_the_two_renames_give_the_same_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(swapping, "_exchange", lambda a, b: False)
    _site(tmp_path / "site", OLD)
    assert _build(tmp_path, NEW).finish()
    assert _tree(tmp_path / "site") == NEW and _leftovers(tmp_path) == []


def test_a_second_build_is_turned_away_while_the_first_runs(tmp_path: Path):
    first = SiteSwap(tmp_path / "site")
    with pytest.raises(BuildLocked) as refused:
        SiteSwap(tmp_path / "site")
    assert f"另一個建置正在進行（PID {os.getpid()}）" in str(refused.value)
    first.finish()
    SiteSwap(tmp_path / "site").finish()  # free again


def test_a_swap_stopped_between_its_two_renames_is_put_right_by_the_next_build(tmp_path: Path):
    # What a crash after "site → .site.old-<pid>" and before ".site.building → site" leaves behind.
    _site(tmp_path / ".site.old-4242", OLD)
    _site(tmp_path / ".site.building", NEW)
    swap = SiteSwap(tmp_path / "site")
    assert _tree(tmp_path / "site") == OLD  # the old site is back before anything else happens
    assert any("已還原先前的網站" in notice for notice in swap.notices)
    assert swap.untouched() == "已發布的網站（site/）保持原樣。"
    swap.finish()  # a failed build: nothing published, nothing lost
    assert _tree(tmp_path / "site") == OLD and _leftovers(tmp_path) == []


def test_a_first_build_that_fails_does_not_claim_a_site_was_kept(tmp_path: Path):
    swap = SiteSwap(tmp_path / "site")
    assert swap.untouched() == "目前還沒有已發布的網站（site/ 不存在）。"
    assert not swap.finish() and not (tmp_path / "site").exists()


def test_a_site_folder_that_is_a_mount_point_is_filled_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    site = tmp_path / "site"
    _site(site, OLD)
    inode = site.stat().st_ino
    monkeypatch.setattr(swapping.os.path, "ismount", lambda path: Path(path) == site)
    monkeypatch.setattr(swapping, "_exchange", lambda a, b: pytest.fail("a mount point cannot be renamed"))
    assert _build(tmp_path, NEW).finish()
    assert _tree(site) == NEW and site.stat().st_ino == inode
    assert _leftovers(tmp_path) == []


def test_a_site_folder_that_cannot_be_renamed_is_filled_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A bind mount on the same disk: os.path.ismount does not see it, the rename says EBUSY."""
    site = tmp_path / "site"
    _site(site, OLD)

    def busy(a: Path, b: Path) -> bool:
        raise OSError(errno.EBUSY, "Device or resource busy", str(a), None, str(b))

    monkeypatch.setattr(swapping, "_exchange", busy)
    assert _build(tmp_path, NEW).finish()
    assert _tree(site) == NEW and _leftovers(tmp_path) == []


def test_an_undeletable_old_file_is_reported_and_later_builds_still_publish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    real_unlink = os.unlink

    def stuck(path, *args, **kwargs):
        if os.fspath(path).endswith("stuck.html"):
            raise PermissionError(errno.EPERM, "Operation not permitted", os.fspath(path))
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", stuck)
    _site(tmp_path / "site", {**OLD, "stuck.html": "cannot be deleted"})
    first = _build(tmp_path, NEW)
    assert first.finish()
    assert _tree(tmp_path / "site") == NEW
    assert any("刪不掉" in notice and "stuck.html" in notice for notice in first.notices)
    second = _build(tmp_path, {"index.html": "newer"})
    assert any("刪不掉" in notice for notice in second.notices)  # named again, not fatal
    assert second.finish()
    assert _tree(tmp_path / "site") == {"index.html": "newer"}


def test_an_os_error_during_the_swap_is_told_in_chinese_with_its_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    _site(tmp_path / "site", OLD)
    swap = _build(tmp_path, NEW)

    def read_only(a: Path, b: Path) -> bool:
        raise OSError(errno.EROFS, "Read-only file system", str(b))

    monkeypatch.setattr(swapping, "_exchange", read_only)
    with pytest.raises(SwapError) as failed:
        swap.finish()
    message = str(failed.value)
    assert "無法換上新建置的網站" in message and "唯讀" in message and str(tmp_path / "site") in message
    assert "提示：" in message and "Read-only" not in message
    assert _tree(tmp_path / "site") == OLD
