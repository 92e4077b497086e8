"""Documents made in worker processes, one per CPU core, for the PDFs and the ODTs of a build.

The workers are forked from the build with its whole heap; it is frozen for them (``gc.freeze``), so
their garbage collections do not walk, and copy, the build's objects: at 1,000 plans that was a
sixth of the PDF time. A worker ends with the build, even one killed outright; a failed job or a
stopped build stops every worker.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import queue
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Generic, TypeVar

Job = TypeVar("Job")
Made = TypeVar("Made")

_PR_SET_PDEATHSIG = 1


class WorkerLost(Exception):
    """A worker process ended in the middle of a job (most often: the machine ran out of memory)."""


def in_workers(
    make: Callable[[Job], Made],
    jobs: Sequence[Job],
    workers: int,
    lost: Callable[[Job], str],
    spare: Spare | None = None,
) -> Iterator[tuple[Job, Made]]:
    """Each job with what ``make`` made of it, in the order they finish, from ``workers`` processes
    (in this process when one is enough and no ``spare`` is ready). A worker that died raises
    ``WorkerLost`` with ``lost(job)``, the webmaster's message; an error of ``make`` is raised as it is."""
    if spare is None and (workers <= 1 or len(jobs) <= 1):
        for job in jobs:
            yield job, make(job)
        return
    yield from Running(make, jobs, workers, lost, spare).results()


class Spare:
    """One worker process started before anyone knows it will be needed, with ``warm`` run in it
    (for the PDFs: WeasyPrint imported, a line of Chinese laid out). A build that then has documents
    to make gives it the first of them (``Running``), so one changed plan does not wait for the
    import; a build with nothing to make stops it (``stop``). It runs beside the build's own work,
    on another core."""

    def __init__(self, warm: Callable[[], None]) -> None:
        self._pool: ProcessPoolExecutor | None = ProcessPoolExecutor(max_workers=1, initializer=_warmed, initargs=(warm,))
        self._pool.submit(_ready)  # the process starts now, not at the first job

    def take(self) -> ProcessPoolExecutor | None:
        """The spare's pool, for one run of jobs (None once taken or stopped)."""
        pool, self._pool = self._pool, None
        return pool

    def stop(self) -> None:
        if self._pool is not None:
            _stop(self._pool)
            self._pool = None


def _warmed(warm: Callable[[], None]) -> None:
    end_with_parent()
    with contextlib.suppress(Exception):  # only a head start: a job that needs what failed says why itself
        warm()


def _ready() -> None:
    """The spare's first job: nothing, so that its process starts at once."""


class Running(Generic[Job, Made]):
    """Jobs started in worker processes (at least one, however few the jobs) while the build goes on;
    ``results()`` collects them. ``stop()`` ends the workers of a build that will not collect them.

    The jobs go out one at a time, each to the first worker free: to a ``spare`` (started and warmed
    earlier) if one is given, and to processes forked now for the other cores."""

    def __init__(
        self,
        make: Callable[[Job], Made],
        jobs: Sequence[Job],
        workers: int,
        lost: Callable[[Job], str],
        spare: Spare | None = None,
    ) -> None:
        self.lost, self.make = lost, make
        self.count = len(jobs)
        self.futures: dict[Future[Made], Job] = {}
        self.pools: list[ProcessPoolExecutor] = []
        self._pending = deque(jobs)
        self._finished: queue.SimpleQueue[Future[Made]] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._stopped = False
        wanted = max(1, min(workers, len(jobs)))
        try:
            warm = spare.take() if spare else None
            if warm is not None and self._next(warm):
                self.pools.append(warm)
            elif warm is not None:  # its process is gone (killed, say): workers forked now do its share
                _stop(warm)
            others = wanted - len(self.pools)
            if others > 0 and self._pending:
                gc.freeze()  # the workers are forked at the first submit: they inherit a frozen heap
                try:
                    pool = ProcessPoolExecutor(max_workers=others, initializer=end_with_parent)
                    self.pools.append(pool)
                    for _ in range(others):
                        self._next(pool)
                finally:
                    gc.unfreeze()
        except BaseException:
            self.stop()
            raise

    def _next(self, pool: ProcessPoolExecutor) -> bool:
        """The next job to ``pool``, whose worker is free (none once all are out, or the run stopped);
        False if the pool cannot take it (stopped, or broken: the jobs it holds say so)."""
        with self._lock:
            if self._stopped or not self._pending:
                return True
            job = self._pending.popleft()
            try:
                future = pool.submit(self.make, job)
            except (RuntimeError, BrokenProcessPool):
                self._pending.appendleft(job)
                return False
            self.futures[future] = job
        future.add_done_callback(lambda done: self._done(done, pool))
        return True

    def _done(self, future: Future[Made], pool: ProcessPoolExecutor) -> None:
        self._finished.put(future)
        if not future.cancelled() and future.exception() is None:
            self._next(pool)

    def results(self) -> Iterator[tuple[Job, Made]]:
        """Each job with what was made of it, in the order they finish."""
        try:
            for _ in range(self.count):
                future = self._finished.get()
                job = self.futures[future]
                try:
                    made = future.result()
                except BrokenProcessPool:
                    raise WorkerLost(self.lost(job)) from None
                yield job, made
        except BaseException:  # a failed job, or the build stopped (Ctrl-C, SIGTERM): no worker goes on
            self.stop()
            raise
        for pool in self.pools:
            pool.shutdown()

    def done(self, wanted: Callable[[Job], bool]) -> bool:
        """Whether the jobs ``wanted`` picks are all finished (made or failed), without waiting."""
        with self._lock:
            if any(wanted(job) for job in self._pending):
                return False
            out = list(self.futures.items())
        return all(future.done() for future, job in out if wanted(job))

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            self._pending.clear()
        for pool in self.pools:
            _stop(pool)


def _stop(pool: ProcessPoolExecutor) -> None:
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=5)


def end_with_parent() -> None:
    """In a worker: end when the build that started it ends, even if it was killed outright (Linux's
    PR_SET_PDEATHSIG; elsewhere a worker ends when its current job is done), and at once when the build
    stops it."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (AttributeError, OSError):
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the build stops its workers
    # The build's own handlers (``publish.interrupt``) are inherited at the fork: in a worker, the
    # signal the build stops it with (``_stop``: SIGTERM) must end it, not become an error of its job.
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)
