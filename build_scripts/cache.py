"""A folder of files named by a hash of everything they were made from (PDFs, ODTs).

Writes are atomic (a half-written file is never read back); entries no build has used for a
month are removed by ``prune``.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

KEEP_DAYS = 30


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
