"""A folder of files named by a hash of everything they were made from (PDFs, ODTs).

Writes are atomic (a half-written file is never read back); entries no build has used for a
month are removed by ``prune``.
"""

from __future__ import annotations

import hashlib
import os
import time
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

KEEP_DAYS = 30
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
    for source in package_files():
        digest.update(source.relative_to(PACKAGE).as_posix().encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


def package_files() -> list[Path]:
    """Every file of this package, in every subpackage: modules, templates and data."""
    return sorted(
        path for path in PACKAGE.rglob("*") if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    )


def hashed(*parts: str | bytes) -> str:
    """A short cache key from parts (joined with NUL)."""
    return hashlib.sha256(b"\0".join(p.encode("utf-8") if isinstance(p, str) else p for p in parts)).hexdigest()[:40]


class FileCache:
    def __init__(self, folder: Path, suffix: str):
        self.folder = folder
        self.suffix = suffix

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}{self.suffix}"

    def get(self, key: str) -> bytes | None:
        path = self._path(key)
        try:
            data = path.read_bytes()
            os.utime(path)  # recently used: kept by prune
        except OSError:
            return None
        return data

    def put(self, key: str, data: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f".{key}.{os.getpid()}.tmp"
        tmp.write_bytes(data)
        os.replace(tmp, self._path(key))

    def prune(self, keep_days: int = KEEP_DAYS) -> None:
        limit = time.time() - keep_days * 86400
        for path in self.folder.glob(f"*{self.suffix}"):
            try:
                if path.stat().st_mtime < limit:
                    path.unlink()
            except OSError:
                pass
