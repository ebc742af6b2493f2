""":class:`grading.intake.Intake` as a long-running server needs it: same API, less overhead.

Profiling the load test (py-spy, 1,000 participants) showed two costs per answer-save that a
command-line run never notices: ``Intake.contest`` re-reads ``layout.json`` and globs and
stats the frozen pools on every call (about 17 % of the worker threads' time), and every
ledger query opens a new SQLite connection and sets its pragmas again (about 20 %). Here

* the frozen contest is re-checked at most every :data:`CONTEST_SECONDS` (a rebuild that
  adds a round shows within that time; the pools of a round with attempts never change);
* each worker thread keeps one ledger connection (autocommit, WAL — the ledger's own
  settings), so a query is a query.

Everything else — validation, atomic drafts, nbgrader's inbound layout, flags — is Intake's.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from ..attempts import AttemptLedger
from ..contest_store import FrozenContest, load_frozen
from ..intake import Intake

__all__ = ["ServerIntake", "CONTEST_SECONDS"]

CONTEST_SECONDS = 5.0


class _ThreadLedger(AttemptLedger):
    """The attempt ledger with one connection per thread, opened once."""

    def __init__(self, path: Path):
        self._local = threading.local()
        super().__init__(path)

    @contextmanager
    def _connect(self):
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            self._local.db = db
        yield db


class ServerIntake(Intake):
    def __init__(self, course_dir: Path):
        super().__init__(course_dir)
        self.ledger = _ThreadLedger(self.layout.ledger_file)
        self._frozen: FrozenContest | None = None
        self._frozen_at = 0.0

    @property
    def contest(self) -> FrozenContest:
        moment = time.monotonic()
        if self._frozen is None or moment - self._frozen_at > CONTEST_SECONDS:
            self._frozen, self._frozen_at = load_frozen(self.layout.root), moment
        return self._frozen
