"""Worker processes: a spare warmed up ahead of the jobs, shared with the workers forked for them."""

from __future__ import annotations

import os
import signal
import time
from typing import Any

import pytest

from build_scripts.workers import Running, Spare, WorkerLost, in_workers

WARMED: list[int] = []  # in a worker: set by the warm-up


def _warm() -> None:
    WARMED.append(os.getpid())


def _failing_warm() -> None:
    raise RuntimeError("no fonts")


def _made(job: int) -> tuple[int, int, bool]:
    time.sleep(0.05)  # long enough that every worker gets jobs
    return job * job, os.getpid(), bool(WARMED)


def _broken(job: int) -> int:
    if job == 3:
        raise ValueError(f"job {job} cannot be made")
    return job


def _lost(job: int) -> str:
    return f"產生 {job} 時，背景程序意外結束"


def _die(job: int) -> int:
    os._exit(137)


def test_the_spare_makes_jobs_beside_the_workers_forked_for_them():
    spare = Spare(_warm)
    jobs = list(range(12))
    made = dict(Running(_made, jobs, 2, _lost, spare).results())
    assert sorted(made) == jobs and all(made[job][0] == job * job for job in jobs)
    processes = {pid for _, pid, _ in made.values()}
    warmed = {pid for _, pid, was_warmed in made.values() if was_warmed}
    assert len(processes) == 2 and len(warmed) == 1  # the spare, warmed up, and one forked worker
    assert spare.take() is None  # a spare serves one run


def test_one_job_goes_to_the_spare_not_to_this_process():
    made = dict(in_workers(_made, [7], 1, _lost, Spare(_warm)))
    assert made[7][0] == 49 and made[7][1] != os.getpid() and made[7][2]


def test_a_spare_whose_warm_up_fails_still_makes_its_jobs():
    made = dict(in_workers(_made, [1, 2], 1, _lost, Spare(_failing_warm)))
    assert {job: value for job, (value, _, _) in made.items()} == {1: 1, 2: 4}


def _ended(processes: list[Any], within: float = 10) -> bool:
    """Whether the processes have all ended, waiting at most ``within`` seconds. Waited for, not
    joined once: the pool's own thread may reap a process a moment before its end is recorded, and
    a join in that moment returns while the process still reads as alive."""
    deadline = time.monotonic() + within
    while any(p.is_alive() for p in processes) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not any(p.is_alive() for p in processes)


def test_a_stopped_spare_leaves_no_process():
    spare = Spare(_warm)
    pool = spare._pool
    assert pool is not None
    processes = list(pool._processes.values())  # the spare's process, started at once
    assert processes and all(p.is_alive() for p in processes)
    spare.stop()
    assert _ended(processes)
    assert spare.take() is None


def test_a_failed_job_is_raised_as_it_is_and_the_workers_stop():
    running = Running(_broken, list(range(8)), 2, _lost, Spare(_warm))
    processes = [p for pool in running.pools for p in pool._processes.values()]
    with pytest.raises(ValueError, match="job 3 cannot be made"):
        list(running.results())
    assert len(processes) == 2 and _ended(processes)


def test_a_worker_that_dies_is_the_webmasters_message():
    with pytest.raises(WorkerLost, match="背景程序意外結束"):
        list(Running(_die, [1, 2, 3], 2, _lost, Spare(_warm)).results())


def test_done_waits_for_jobs_not_yet_sent_out():
    running = Running(_made, list(range(6)), 1, _lost)
    assert not running.done(lambda job: job == 5)  # still waiting for a free worker
    dict(running.results())
    assert running.done(lambda job: job == 5)


def test_a_spare_whose_process_is_gone_leaves_its_jobs_to_a_new_worker():
    spare = Spare(_warm)
    pool = spare._pool
    assert pool is not None
    for process in list(pool._processes.values()):  # killed before the build needs it (out of memory, say)
        process.kill()
        process.join()
    time.sleep(0.2)  # the pool notices
    made = dict(in_workers(_made, [3], 1, _lost, spare))
    assert made[3][0] == 9 and not made[3][2]  # made by a worker forked for it, not warmed


def _slow(job: int) -> int:
    time.sleep(30)
    return job


def test_stopped_workers_end_at_once_though_the_build_catches_sigterm():
    """A build catches SIGTERM to stop cleanly (publish.interrupt); its workers, forked from it,
    must still end when it stops them."""
    previous = signal.signal(signal.SIGTERM, lambda number, frame: None)
    try:
        running = Running(_slow, [1, 2, 3], 2, _lost, Spare(_warm))
        processes = [p for pool in running.pools for p in pool._processes.values()]
        time.sleep(2)  # the workers set up (a fork of a large process takes a moment on a busy machine)
        started = time.monotonic()
        running.stop()
        assert len(processes) == 2 and _ended(processes)
        assert time.monotonic() - started < 5  # not the 30 s of the jobs, nor 5 s a worker
    finally:
        signal.signal(signal.SIGTERM, previous)
