"""Worker processes with a deadline per job and a hard kill — for grading, where a job may hang.

Each worker is a forked process that runs ``setup()`` once (open what it needs) and then the
handler it returns, job after job. The parent waits on all of them at once; a job that passes
its deadline has its whole process tree killed with SIGKILL — the worker *and* the kernels it
started, which run in sessions of their own and may ignore SIGINT (a ``while True`` loop with
``signal.SIG_IGN``) — and a fresh worker takes the next job. A worker that dies reports its
job as failed; nothing else is lost. Workers die with the parent (``PR_SET_PDEATHSIG``), and
their kernels with them (ipykernel watches its parent), so ``kill -9`` leaves no orphan.

    pool = WorkerPool(workers=2, setup=make_handler, timeout=120)
    for job, outcome in pool.run(jobs):     # in completion order
        outcome.ok, outcome.value, outcome.error   # error: "timeout", "crashed" or a message
"""

from __future__ import annotations

import multiprocessing
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any

__all__ = ["Outcome", "WorkerPool", "kill_tree"]


@dataclass(frozen=True)
class Outcome:
    ok: bool
    value: Any = None
    error: str | None = None  # "timeout", "crashed" or the handler's exception


def kill_tree(pid: int) -> None:
    """SIGKILL a process and all its descendants (found before anything is killed)."""
    import psutil

    try:
        root = psutil.Process(pid)
        family = root.children(recursive=True) + [root]
    except psutil.NoSuchProcess:
        return
    for process in family:
        try:
            process.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(family, timeout=10)


def _die_with_parent() -> None:
    """Linux: the kernel kills this worker when the grading process dies (``kill -9``)."""
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _serve(connection, setup: Callable[[], Callable[[Any], Any]]) -> None:
    _die_with_parent()
    handler = setup()
    while True:
        message = connection.recv()
        if message is None:
            return
        index, job = message
        try:
            outcome = Outcome(True, handler(job))
        except Exception as error:  # the job failed; the worker goes on with the next
            outcome = Outcome(False, error=f"{type(error).__name__}: {error}"[:500])
        connection.send((index, outcome))


class _Worker:
    def __init__(self, context, setup):
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, setup), daemon=True)
        self.process.start()
        child.close()
        self.job: tuple[int, Any] | None = None
        self.deadline = float("inf")

    def give(self, index: int, job: Any, timeout: float | None) -> None:
        self.job = (index, job)
        self.deadline = time.monotonic() + timeout if timeout else float("inf")
        self.connection.send((index, job))

    def stop(self) -> None:
        try:
            self.connection.send(None)
        except OSError:
            pass
        self.process.join(timeout=10)
        if self.process.is_alive():
            kill_tree(self.process.pid)
        self.connection.close()


class WorkerPool:
    def __init__(
        self,
        *,
        workers: int,
        setup: Callable[[], Callable[[Any], Any]],
        timeout: float | None = None,
    ):
        self.size = max(1, workers)
        self.setup = setup
        self.timeout = timeout
        self.context = multiprocessing.get_context("fork")

    def run(self, jobs: Iterable[Any]) -> Iterator[tuple[Any, Outcome]]:
        queue = deque(enumerate(jobs))
        workers = [_Worker(self.context, self.setup) for _ in range(min(self.size, len(queue)))]
        try:
            while queue or any(w.job for w in workers):
                for worker in workers:
                    if worker.job is None and queue:
                        worker.give(*queue.popleft(), self.timeout)
                busy = [w for w in workers if w.job is not None]
                soonest = min(w.deadline for w in busy)
                wait_for = None if soonest == float("inf") else max(0, soonest - time.monotonic())
                waitables = [w.connection for w in busy] + [w.process.sentinel for w in busy]
                ready = set(wait(waitables, timeout=wait_for))
                for position, worker in enumerate(workers):
                    if worker.job is None:
                        continue
                    index, job = worker.job
                    outcome = None
                    if worker.connection in ready:
                        try:
                            got, outcome = worker.connection.recv()
                            assert got == index
                        except (EOFError, OSError):
                            outcome = Outcome(False, error="crashed")
                    elif worker.process.sentinel in ready:
                        outcome = Outcome(False, error="crashed")
                    elif time.monotonic() >= worker.deadline:
                        outcome = Outcome(False, error="timeout")
                    if outcome is None:
                        continue
                    worker.job = None
                    if not outcome.ok and outcome.error in ("crashed", "timeout"):
                        kill_tree(worker.process.pid)
                        worker.connection.close()
                        workers[position] = _Worker(self.context, self.setup)
                    yield job, outcome
        finally:
            for worker in workers:
                if worker.job is not None:
                    kill_tree(worker.process.pid)
                    worker.connection.close()
                else:
                    worker.stop()
