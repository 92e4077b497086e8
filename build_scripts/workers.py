"""Documents made in worker processes, one per CPU core, for the PDFs and the ODTs of a build.

The workers are forked from the build with its whole heap; it is frozen for them (``gc.freeze``), so
their garbage collections do not walk, and copy, the build's objects: at 1,000 plans that was a
sixth of the PDF time. A worker ends with the build, even one killed outright; a failed job or a
stopped build stops every worker.
"""

from __future__ import annotations

import ctypes
import gc
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from typing import Generic, TypeVar

Job = TypeVar("Job")
Made = TypeVar("Made")

_PR_SET_PDEATHSIG = 1


class WorkerLost(Exception):
    """A worker process ended in the middle of a job (most often: the machine ran out of memory)."""


def in_workers(
    make: Callable[[Job], Made], jobs: Sequence[Job], workers: int, lost: Callable[[Job], str]
) -> Iterator[tuple[Job, Made]]:
    """Each job with what ``make`` made of it, in the order they finish, from ``workers`` processes
    (in this process when one is enough). A worker that died raises ``WorkerLost`` with ``lost(job)``,
    the webmaster's message; an error of ``make`` is raised as it is."""
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield job, make(job)
        return
    yield from Running(make, jobs, workers, lost).results()


class Running(Generic[Job, Made]):
    """Jobs started in worker processes (at least one, however few the jobs) while the build goes on;
    ``results()`` collects them. ``stop()`` ends the workers of a build that will not collect them."""

    def __init__(self, make: Callable[[Job], Made], jobs: Sequence[Job], workers: int, lost: Callable[[Job], str]) -> None:
        self.lost = lost
        gc.freeze()  # the workers are forked at the first submit: they inherit a frozen heap
        try:
            self.pool = ProcessPoolExecutor(max_workers=max(1, min(workers, len(jobs))), initializer=end_with_parent)
            self.futures = {self.pool.submit(make, job): job for job in jobs}
        except BaseException:
            if hasattr(self, "pool"):
                _stop(self.pool)
            raise
        finally:
            gc.unfreeze()

    def results(self) -> Iterator[tuple[Job, Made]]:
        """Each job with what was made of it, in the order they finish."""
        try:
            for future in as_completed(self.futures):
                try:
                    made = future.result()
                except BrokenProcessPool:
                    raise WorkerLost(self.lost(self.futures[future])) from None
                yield self.futures[future], made
        except BaseException:  # a failed job, or the build stopped (Ctrl-C, SIGTERM): no worker goes on
            self.stop()
            raise
        self.pool.shutdown()

    def done(self, wanted: Callable[[Job], bool]) -> bool:
        """Whether the jobs ``wanted`` picks are all finished (made or failed), without waiting."""
        return all(future.done() for future, job in self.futures.items() if wanted(job))

    def stop(self) -> None:
        _stop(self.pool)


def _stop(pool: ProcessPoolExecutor) -> None:
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=5)


def end_with_parent() -> None:
    """In a worker: end when the build that started it ends, even if it was killed outright (Linux's
    PR_SET_PDEATHSIG); elsewhere a worker ends when its current job is done."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (AttributeError, OSError):
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the build stops its workers
