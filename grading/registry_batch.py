"""Group commit: writes from several threads share one SQLite transaction and one fsync.

    batch = GroupCommit(open_db, apply)   # open_db() -> context manager of a connection
    result = batch.submit(item)           # apply(db, item) inside a shared transaction

A committed SQLite transaction costs an fsync, and SQLite takes one writer at a time, so
writers that each commit alone queue behind each other's fsyncs. Here the callers queue
instead: the first becomes the writer (the *leader*) and writes everything queued when it
starts — each item inside its own savepoint, so an item that raises is rolled back alone and
its caller gets its own exception, while the others go on — then commits once. Callers that
arrived meanwhile wait; when the commit is done the leader hands the writer's role to the
first of them, which writes the next batch the same way. There is no timer: a batch is
whatever queued during the previous commit, so a lone caller is written at once. The
leaders of one burst share one connection, closed when the queue runs dry (closing a WAL
database's last connection checkpoints it: once a burst, not once a batch).

Durability is unchanged: ``submit`` returns only after the commit that holds its item. If
the transaction itself fails (the commit, or an error that makes SQLite roll the whole
transaction back, such as a full disk), nothing of the batch was stored and every caller in
it gets that error.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager, ExitStack
from typing import Generic, TypeVar

__all__ = ["GroupCommit"]

T = TypeVar("T")
R = TypeVar("R")


class _Request(Generic[T, R]):
    __slots__ = ("item", "result", "error", "done", "promoted", "wake")

    def __init__(self, item: T):
        self.item = item
        self.result: R | None = None
        self.error: BaseException | None = None
        self.done = False  # result or error is final
        self.promoted = False  # this caller is the next leader
        self.wake = threading.Event()


class GroupCommit(Generic[T, R]):
    """Apply items submitted from any thread in shared transactions, one commit each."""

    def __init__(
        self,
        open_db: Callable[[], AbstractContextManager[sqlite3.Connection]],
        apply: Callable[[sqlite3.Connection, T], R],
        *,
        max_batch: int = 64,
    ):
        self._open_db = open_db
        self._apply = apply
        self._max_batch = max_batch
        self._lock = threading.Lock()
        self._queued = threading.Condition(self._lock)
        self._pending: list[_Request[T, R]] = []
        self._leading = False  # a leader is writing, or promoted and about to
        self._db: sqlite3.Connection | None = None  # the leaders' connection, during a burst
        self._held = ExitStack()
        self.commits = 0  # transactions committed (for tests and diagnostics)

    def submit(self, item: T) -> R:
        """``apply(db, item)``'s result once committed; its exception if it raised."""
        request: _Request[T, R] = _Request(item)
        with self._lock:
            self._pending.append(request)
            self._queued.notify_all()
            lead = not self._leading
            self._leading = True
        if not lead:
            request.wake.wait()
        if not request.done:  # the first caller, or promoted by the previous leader
            try:
                self._write_batch()
            finally:
                self._hand_over()
        if request.error is not None:
            raise request.error
        return request.result  # type: ignore[return-value]

    def wait_queued(self, count: int, timeout: float | None = None) -> bool:
        """Block until at least ``count`` callers wait for the next batch (for tests)."""
        with self._lock:
            return self._queued.wait_for(lambda: len(self._pending) >= count, timeout)

    def _write_batch(self) -> None:
        with self._lock:
            batch = self._pending[: self._max_batch]
            del self._pending[: self._max_batch]
        try:
            if self._db is None:
                self._db = self._held.enter_context(self._open_db())
            self._transaction(self._db, batch)
        except BaseException as error:  # nothing of the batch is stored
            for request in batch:
                request.result, request.error = None, error
            self._close()  # a fresh connection for the next batch
            raise
        finally:
            for request in batch:
                request.done = True
                request.wake.set()

    def _transaction(self, db: sqlite3.Connection, batch: list[_Request[T, R]]) -> None:
        db.execute("BEGIN IMMEDIATE")
        try:
            for request in batch:
                db.execute("SAVEPOINT item")
                try:
                    request.result = self._apply(db, request.item)
                except Exception as error:
                    if not db.in_transaction:  # SQLite rolled the whole transaction back
                        raise
                    db.execute("ROLLBACK TO item")
                    request.error = error
                db.execute("RELEASE item")
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        self.commits += 1

    def _hand_over(self) -> None:
        """Promote the first waiting caller to leader, or close and leave the role free."""
        with self._lock:
            if self._pending:
                successor = self._pending[0]
                successor.promoted = True
                successor.wake.set()
                return
            held, self._held, self._db = self._held, ExitStack(), None
            self._leading = False
        self._close(held)

    def _close(self, held: ExitStack | None = None) -> None:
        if held is None:
            held, self._held, self._db = self._held, ExitStack(), None
        # The batches are committed: a failing checkpoint on close must not report them lost.
        with contextlib.suppress(sqlite3.Error):
            held.close()
