"""The cache never hands back damage: each entry carries the digest of its content, damaged entries
are dropped with a notice, a cache that cannot be written is skipped, and entries unused for a month
and temporary files of a stopped build are cleaned up (at most once a day)."""

from __future__ import annotations

import errno
import io
import logging
import os
import time
import zipfile
from pathlib import Path

import pytest

from build_scripts.cache import KEEP_DAYS, MAGIC, PRUNE_HOURS, FileCache
from build_scripts.publish.downloads import whole_odt


def _entry(cache: FileCache, key: str) -> Path:
    return cache.folder / f"{key}{cache.suffix}"


def test_an_entry_carries_the_digest_of_its_content(tmp_path: Path):
    cache = FileCache(tmp_path, ".bin")
    cache.put("k", b"content")
    assert _entry(cache, "k").read_bytes().startswith(MAGIC)
    assert cache.get("k") == b"content"


@pytest.mark.parametrize(
    "damage",
    [
        lambda stored: stored[: len(stored) // 2],  # truncated by a full disk or a killed copy
        lambda stored: b"",  # emptied
        lambda stored: stored[:-3] + b"XYZ",  # edited by hand, same length
        lambda stored: stored[len(MAGIC) + 65 :],  # the content alone, from an older version of the cache
    ],
)
def test_a_damaged_entry_is_dropped_with_a_notice(tmp_path: Path, damage, caplog: pytest.LogCaptureFixture):
    cache = FileCache(tmp_path, ".bin")
    cache.put("k", b"the whole content of a file")
    path = _entry(cache, "k")
    path.write_bytes(damage(path.read_bytes()))
    with caplog.at_level(logging.WARNING, "plansite.cache"):
        assert cache.get("k") is None
    assert not path.exists()
    assert "快取裡的檔案損壞，已刪除並重新產生" in caplog.text and str(path) in caplog.text


def _odt(mimetype: bytes = b"application/vnd.oasis.opendocument.text") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("mimetype", mimetype)
        package.writestr("content.xml", "<office:document-content/>" * 50, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def test_an_odt_must_be_a_whole_package():
    assert whole_odt(_odt())
    assert not whole_odt(b"")
    assert not whole_odt(_odt()[:-40])  # truncated: no central directory
    assert not whole_odt(_odt(b"application/zip"))
    broken = bytearray(_odt())
    broken[len(broken) // 2] ^= 0xFF  # a flipped byte inside the deflated content.xml
    assert not whole_odt(bytes(broken))


@pytest.mark.parametrize("when", ["check", "accept"])
def test_a_structurally_wrong_entry_is_never_handed_back_even_with_a_good_digest(tmp_path: Path, when: str):
    cache = FileCache(tmp_path, ".odt", **{when: whole_odt})
    cache.put("k", b"PK\x03\x04 not really an ODT")
    assert cache.get("k") is None and not _entry(cache, "k").exists()
    cache.put("k", _odt())
    assert cache.get("k") == _odt()


def test_a_cache_that_cannot_be_written_is_skipped_with_one_notice(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder should be")
    cache = FileCache(blocked, ".bin")
    with caplog.at_level(logging.WARNING, "plansite.cache"):
        cache.put("a", b"1")
        cache.put("b", b"2")
    assert caplog.text.count("無法寫入快取") == 1 and "不使用快取" in caplog.text
    assert cache.get("a") is None


def test_a_full_disk_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    cache = FileCache(tmp_path, ".bin")

    def full(self: Path, data: bytes) -> int:
        with open(self, "wb") as handle:
            handle.write(data[:10])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", full)
    cache.put("k", b"0123456789" * 100)
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == [] and not cache.writable


def test_temporary_files_of_a_stopped_build_are_removed(tmp_path: Path):
    cache = FileCache(tmp_path, ".bin")
    dead = tmp_path / ".abc.999999999.tmp"  # no process has this number
    alive = tmp_path / f".def.{os.getpid()}.tmp"  # being written right now
    dead.write_bytes(b"half")
    alive.write_bytes(b"half")
    cache.prune()
    assert not dead.exists() and alive.exists()


def _aged(path: Path, days: float) -> None:
    then = time.time() - days * 86400
    os.utime(path, (then, then))


def test_entries_unused_for_a_month_are_removed_once_a_day(tmp_path: Path):
    cache = FileCache(tmp_path, ".bin")
    for key in ("old", "used"):
        cache.put(key, key.encode())
    _aged(_entry(cache, "old"), KEEP_DAYS + 1)
    _aged(_entry(cache, "used"), KEEP_DAYS + 1)
    assert cache.get("used") == b"used"  # read by this build: kept
    cache.prune()
    assert not _entry(cache, "old").exists() and cache.get("used") == b"used"

    cache.put("later", b"later")
    _aged(_entry(cache, "later"), KEEP_DAYS + 1)
    cache.prune()  # the same day: the folder is not looked through again
    assert _entry(cache, "later").exists()
    for stamp in tmp_path.glob(".pruned*"):
        _aged(stamp, PRUNE_HOURS / 24 + 0.01)
    cache.prune()
    assert not _entry(cache, "later").exists() and cache.get("used") == b"used"


def test_caches_sharing_a_folder_are_each_pruned(tmp_path: Path):
    documents, counts = FileCache(tmp_path, ".pdf"), FileCache(tmp_path, ".pages")
    documents.put("a", b"%PDF")
    counts.put("a", b"3")
    _aged(_entry(documents, "a"), KEEP_DAYS + 1)
    _aged(_entry(counts, "a"), KEEP_DAYS + 1)
    documents.prune()
    counts.prune()
    assert list(tmp_path.glob("a.*")) == []
