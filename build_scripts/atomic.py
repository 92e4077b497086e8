"""Writing a file so that no reader ever sees half of it: the data goes to a temporary file beside
it, which then takes its place in one step. A failed write removes its temporary file; one left by
a process that was killed is recognised by its name (``.<name>.<pid>.tmp``) and removed later
(``remove_leftovers``)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

TEMPORARY_SUFFIX = ".tmp"


def write_atomically(path: Path, data: bytes) -> None:
    """Raises ``OSError`` (nothing is left behind then)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}{TEMPORARY_SUFFIX}")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def remove_leftovers(folder: Path) -> None:
    """Temporary files in ``folder`` whose writing process no longer runs."""
    for path in folder.glob(f".*{TEMPORARY_SUFFIX}"):
        pid = path.name[: -len(TEMPORARY_SUFFIX)].rsplit(".", 1)[-1]
        if pid.isdigit() and not _running(int(pid)):
            with contextlib.suppress(OSError):
                path.unlink()


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
