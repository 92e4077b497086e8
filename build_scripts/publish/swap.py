"""Publish a build atomically: build into a staging folder beside the site folder, swap it in at the end.

A build that fails at any point (a broken plan, a PDF that cannot be rendered, a broken link in strict
mode) leaves the site folder exactly as it was, downloads included. And whatever happens to a build,
a site stays published:

- one build at a time: a lock beside the site folder (held by the operating system, so a killed
  build never leaves it behind) turns a second build away with the first one's process id;
- the new site replaces the old in one step (Linux's ``renameat2(RENAME_EXCHANGE)``); where that is
  not available, a build stopped between its two renames is put right by the next one;
- a site folder that is a mount point (a container volume) cannot be renamed: its contents are
  replaced instead;
- an old file that cannot be deleted is reported, and does not stop later builds.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import time
from pathlib import Path
from typing import IO

from .os_errors import os_error_message

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class SwapError(Exception):
    """The site could not be published; the message says why in the webmaster's words."""


class BuildLocked(SwapError):
    pass


class SiteSwap:
    def __init__(self, site_dir: Path):
        self.site_dir = site_dir.resolve()
        self.staging = self._sibling("building")
        self.lock_path = self._sibling("lock")
        self.built = False
        self.failed = False
        self.notices: list[str] = []  # what the webmaster should know although the build went on
        self._lock: IO[str] | None = None
        self._acquire()
        self._recover()
        if self.staging.exists():  # left over from an interrupted build
            self._set_aside(self.staging)

    def _sibling(self, role: str) -> Path:
        return self.site_dir.with_name(f".{self.site_dir.name}.{role}")

    def _acquire(self) -> None:
        try:
            self.site_dir.parent.mkdir(parents=True, exist_ok=True)
            handle = open(self.lock_path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the whole build
        except OSError as exc:
            raise SwapError(os_error_message(exc, "無法建立建置鎖定檔")) from None
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            handle.close()
            raise BuildLocked(
                f"另一個建置正在進行（PID {holder}），這次建置沒有執行。\n"
                "    提示：等它完成後再建置；若確定沒有其他建置在執行，關閉其他終端機或編輯器的建置工作後再試。"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._lock = handle

    def release(self) -> None:
        if self._lock is not None:
            with contextlib.suppress(OSError):
                self.lock_path.unlink()
            self._lock.close()  # closing the file releases the lock
            self._lock = None

    def _recover(self) -> None:
        """A build stopped between taking the old site away and putting the new one in: the old one
        goes back."""
        olds = sorted(self.site_dir.parent.glob(f".{self.site_dir.name}.old-*"), key=lambda p: p.stat().st_mtime)
        if not self.site_dir.exists() and olds:
            os.replace(olds[-1], self.site_dir)
            self.notices.append(f"上一次建置在換上新網站時中斷，已還原先前的網站：{self.site_dir}")
            olds = olds[:-1]
        for old in [*olds, *self.site_dir.parent.glob(f".{self.site_dir.name}.trash-*")]:
            self._remove(old)

    def _set_aside(self, folder: Path) -> None:
        """Move a folder out of the way under a name of its own, then delete it: what cannot be
        deleted stays there (and is tried again by the next build), never in the way."""
        aside = self._sibling(f"trash-{os.getpid()}-{time.monotonic_ns()}")
        os.replace(folder, aside)
        self._remove(aside)

    @property
    def published(self) -> bool:
        return self.site_dir.is_dir()

    def untouched(self) -> str:
        """What a failed build left: the published site as it was, or (on a first build) nothing."""
        if self.published:
            return f"已發布的網站（{self.site_dir.name}/）保持原樣。"
        return f"目前還沒有已發布的網站（{self.site_dir.name}/ 不存在）。"

    def finish(self) -> bool:
        """Swap the staging folder in if the build completed; otherwise drop it. True if published.

        Raises ``SwapError`` (in Chinese, with the path and a hint) if the site cannot be replaced."""
        try:
            if not (self.built and not self.failed and self.staging.is_dir()):
                shutil.rmtree(self.staging, ignore_errors=True)
                return False
            try:
                self._publish()
            except OSError as exc:
                raise SwapError(os_error_message(exc, "無法換上新建置的網站")) from None
            return True
        finally:
            self.release()

    def _publish(self) -> None:
        if not self.site_dir.exists():
            os.replace(self.staging, self.site_dir)
        elif os.path.ismount(self.site_dir):
            self._replace_contents()
        else:
            try:
                self._swap_folders()
            except OSError as exc:
                if exc.errno != errno.EBUSY:  # a bind mount os.path.ismount cannot see: nothing moved yet
                    raise
                self._replace_contents()

    def _swap_folders(self) -> None:
        if _exchange(self.staging, self.site_dir):
            self._set_aside(self.staging)  # now holds the old site
            return
        old = self._sibling(f"old-{os.getpid()}-{time.monotonic_ns()}")
        os.replace(self.site_dir, old)
        os.replace(self.staging, self.site_dir)
        self._remove(old)

    def _replace_contents(self) -> None:
        """A mount point cannot be renamed: copy the new site over it, then remove what it no longer has."""
        shutil.copytree(self.staging, self.site_dir, dirs_exist_ok=True, copy_function=shutil.copy2)
        wanted = {p.relative_to(self.staging) for p in self.staging.rglob("*")}
        for path in sorted(self.site_dir.rglob("*"), reverse=True):
            if path.relative_to(self.site_dir) not in wanted:
                if path.is_dir() and not path.is_symlink():
                    self._remove(path)
                else:
                    self._unlink(path)
        shutil.rmtree(self.staging, ignore_errors=True)

    def _remove(self, folder: Path) -> None:
        errors: list[tuple[str, BaseException]] = []
        shutil.rmtree(folder, onerror=lambda _f, path, info: errors.append((path, info[1])))
        if errors and folder.exists():
            path, first = errors[0]
            reason = first.strerror if isinstance(first, OSError) else str(first)
            self.notices.append(
                f"舊網站的暫存資料夾 {folder} 有 {len(errors)} 個檔案刪不掉（{reason}：{path}），"
                "新網站已經發布；請有空時手動刪除這個資料夾。"
            )

    def _unlink(self, path: Path) -> None:
        try:
            path.unlink()
        except OSError as exc:
            self.notices.append(f"已不在新網站裡的檔案 {path} 刪不掉（{exc.strerror}），請手動刪除。")


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2 RENAME_EXCHANGE); False where not available."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):  # the file system cannot exchange
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))
