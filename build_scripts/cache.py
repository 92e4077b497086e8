"""A folder of files named by a hash of everything they were made from (PDFs, ODTs).

Writes are atomic (a half-written file is never read back), every entry carries the digest of its
content (a damaged entry is made again, never published), and entries no build has used for a
month are removed by ``prune``, which looks through a folder at most once a day.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import time
from collections.abc import Callable
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .atomic import remove_leftovers, write_atomically

KEEP_DAYS = 30
PRUNE_HOURS = 24  # a folder is looked through for unused entries at most this often (``FileCache.prune``)
PRUNED = ".pruned"  # + "-" and the suffix (.pruned-pdf), in each folder: its modification time is when it was last looked through
PACKAGE = Path(__file__).parent


@lru_cache(maxsize=8)
def code_digest(packages: tuple[str, ...] = ()) -> str:
    """A hash of this package's files (code, templates, data) and the versions of ``packages``.

    Part of every cache key: any change to the code (more than a cached file strictly depends on,
    never less) makes the cached files be made again. Paths are relative to the package, so a
    cache can be shared between checkouts in different folders (or machines)."""
    digest = hashlib.sha256()
    for name in packages:
        try:
            digest.update(f"{name}={version(name)};".encode())
        except PackageNotFoundError:
            digest.update(f"{name}=-;".encode())
    digest.update(_package_digest().encode())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _package_digest() -> str:
    """A hash of this package's files, read once a process (the code running is the code read)."""
    digest = hashlib.sha256()
    for source in package_files():
        digest.update(source.relative_to(PACKAGE).as_posix().encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


def package_files() -> list[Path]:
    """Every file of this package, in every subpackage: modules, templates and data."""
    return sorted(
        path for path in PACKAGE.rglob("*") if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    )


def folders_digest(folders: tuple[Path, ...], skip: tuple[str, ...] = ()) -> str:
    """A hash of every file in ``folders`` (names relative to each folder, and contents), but
    for the subfolders named in ``skip``."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(
            p for p in folder.rglob("*") if p.is_file() and not {"__pycache__", *skip} & set(p.relative_to(folder).parts)
        ):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def hashed(*parts: str | bytes) -> str:
    """A short cache key from parts (joined with NUL)."""
    return hashlib.sha256(b"\0".join(p.encode("utf-8") if isinstance(p, str) else p for p in parts)).hexdigest()[:40]


MAGIC = b"plansite-cache 1 "  # then the SHA-256 of the content in hex, a newline, the content
_HEADER = len(MAGIC) + 64 + 1
log = logging.getLogger("plansite.cache")


class FileCache:
    """Files by key. Each entry carries the digest of its content and is checked when read: a
    truncated, edited or otherwise damaged entry is dropped with a notice and made again, never
    used. ``check`` (optional) also tests what a file must be (a readable PDF, a whole ODT).

    A cache is only an aid: when it cannot be written (a full or read-only disk) the build goes
    on without it, after one notice."""

    def __init__(
        self,
        folder: Path,
        suffix: str,
        check: Callable[[bytes], bool] | None = None,
        accept: Callable[[bytes], bool] | None = None,
    ):
        """``check``: what an entry must be, tested on every read; ``accept``: the same, tested once
        when it is stored (an entry read whole, its digest checked, is what was stored)."""
        self.folder = folder
        self.suffix = suffix
        self.check = check
        self.accept = accept
        self.writable = True

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}{self.suffix}"

    def get(self, key: str) -> bytes | None:
        path = self._path(key)
        try:
            stored = path.read_bytes()
        except OSError:
            return None
        data = _content(stored)
        if data is None or (self.check is not None and not self.check(data)):
            self.discard(key)
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: kept by prune
        return data

    def has(self, key: str) -> bool:
        """Whether an entry is stored (whole or not: ``get`` finds out)."""
        return self._path(key).is_file()

    def discard(self, key: str) -> None:
        """Drop a damaged entry (it is made again), with a notice."""
        path = self._path(key)
        with contextlib.suppress(OSError):
            path.unlink()
        log.warning(f"快取裡的檔案損壞，已刪除並重新產生：{path}")

    def put(self, key: str, data: bytes) -> None:
        if not self.writable or (self.accept is not None and not self.accept(data)):
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomically(self._path(key), MAGIC + hashlib.sha256(data).hexdigest().encode() + b"\n" + data)
        except OSError as exc:
            self.writable = False
            log.warning(f"無法寫入快取 {self.folder}（{exc.strerror}），這次建置不使用快取，下次建置會花較久時間。")

    def prune(self, keep_days: int = KEEP_DAYS) -> None:
        """Remove entries no build has used for ``keep_days``, and temporary files left by a build
        that was stopped (their process is gone): at most once in ``PRUNE_HOURS``, since looking
        through a folder of a city's thousands of entries costs a rebuild more than what it frees."""
        stamp = self.folder / f"{PRUNED}-{self.suffix.lstrip('.')}"  # two caches may share a folder; not named *.pdf
        now = time.time()
        with contextlib.suppress(OSError):
            if now - stamp.stat().st_mtime < PRUNE_HOURS * 3600:
                return
        limit = now - keep_days * 86400
        with contextlib.suppress(OSError):  # no folder: nothing stored yet
            with os.scandir(self.folder) as entries:
                for entry in entries:
                    if entry.name.endswith(self.suffix) and not entry.name.startswith("."):
                        with contextlib.suppress(OSError):
                            if entry.stat().st_mtime < limit:
                                os.unlink(entry.path)
            remove_leftovers(self.folder)
            stamp.touch()


def _content(stored: bytes) -> bytes | None:
    """The content of a stored entry, or None if it is not whole."""
    if not stored.startswith(MAGIC) or len(stored) < _HEADER or stored[_HEADER - 1 : _HEADER] != b"\n":
        return None
    data = stored[_HEADER:]
    if hashlib.sha256(data).hexdigest().encode() != stored[len(MAGIC) : _HEADER - 1]:
        return None
    return data
