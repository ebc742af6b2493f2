"""Learner progress in SQLite: every self-check attempt kept, module completion derived.

One file, ``<data>/progress.sqlite``, shared by every kernel (WAL mode, short connections).
Nothing is ever updated or deleted: answering twice adds a row, and a module's score is taken
from each question's latest attempt. A module counts as completed from the first moment its
score reaches the pass mark (50 %); that moment is kept in ``completions``.

A file that is not a readable progress database is never overwritten: it is renamed to
``progress.sqlite.hong-<timestamp>`` and a new one is started; ``reset_notice`` says where
it went so the widgets can tell the learner.

Trainers read it through :meth:`ProgressStore.attempts_frame` and
:meth:`ProgressStore.progress_frame` (pandas DataFrames).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from .selfcheck import Attempt, passed

if TYPE_CHECKING:
    import pandas

__all__ = ["VIETNAM", "ModuleProgress", "ProgressStore", "ProgressUnavailable", "default_path"]

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
FILE_NAME = "progress.sqlite"

SCHEMA = """
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    learner TEXT NOT NULL,
    module TEXT NOT NULL,
    question_id TEXT NOT NULL,
    response TEXT NOT NULL,          -- JSON
    correct INTEGER,                 -- 1, 0, or NULL for an essay
    check_size INTEGER NOT NULL,     -- marked questions in the module's self-check
    answered_at TEXT NOT NULL        -- ISO 8601, Asia/Ho_Chi_Minh
);
CREATE INDEX IF NOT EXISTS attempts_by_learner ON attempts (learner, module, question_id);
CREATE TABLE IF NOT EXISTS completions (
    learner TEXT NOT NULL,
    module TEXT NOT NULL,
    correct INTEGER NOT NULL,
    total INTEGER NOT NULL,
    completed_at TEXT NOT NULL,
    PRIMARY KEY (learner, module)
);
"""
COLUMNS = {
    "attempts": [
        "id",
        "learner",
        "module",
        "question_id",
        "response",
        "correct",
        "check_size",
        "answered_at",
    ],
    "completions": ["learner", "module", "correct", "total", "completed_at"],
}


class ProgressUnavailable(Exception):
    """The progress file cannot be used at all (e.g. a read-only data directory)."""


def default_path() -> Path:
    from quizzes.datadir import data_dir

    return data_dir() / FILE_NAME


def now() -> dt.datetime:
    return dt.datetime.now(VIETNAM)


@dataclass(frozen=True)
class ModuleProgress:
    module: str
    answered: int
    correct: int
    total: int
    completed: bool
    completed_at: str | None
    last_activity: str | None

    @property
    def started(self) -> bool:
        return self.answered > 0


class ProgressStore:
    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.reset_notice: Path | None = None  # where a damaged file was set aside
        self._open()

    # -- writing --------------------------------------------------------------------------
    def record(self, learner: str, module: str, attempt: Attempt) -> ModuleProgress:
        """Append the attempt; note completion the first time the pass mark is reached."""
        stamp = now().isoformat(timespec="seconds")
        correct = None if attempt.correct is None else int(attempt.correct)
        with self._connect(write=True) as db:
            db.execute(
                "INSERT INTO attempts (learner, module, question_id, response, correct,"
                " check_size, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    learner,
                    module,
                    attempt.question_id,
                    json.dumps(attempt.response, ensure_ascii=False),
                    correct,
                    attempt.check_size,
                    stamp,
                ),
            )
            progress = self._module(db, learner, module)
            if progress.completed is False and _reached(progress):
                db.execute(
                    "INSERT OR IGNORE INTO completions VALUES (?, ?, ?, ?, ?)",
                    (learner, module, progress.correct, progress.total, stamp),
                )
                progress = self._module(db, learner, module)
        return progress

    # -- reading --------------------------------------------------------------------------
    def module(self, learner: str, module: str) -> ModuleProgress:
        with self._connect() as db:
            return self._module(db, learner, module)

    def modules(self, learner: str) -> dict[str, ModuleProgress]:
        with self._connect() as db:
            names = [
                row[0]
                for row in db.execute(
                    "SELECT DISTINCT module FROM attempts WHERE learner = ? ORDER BY module",
                    (learner,),
                )
            ]
            return {name: self._module(db, learner, name) for name in names}

    def attempts_frame(self) -> pandas.DataFrame:
        """Every attempt of every learner (trainer view), oldest first."""
        import pandas

        with self._connect() as db:
            frame = pandas.read_sql_query("SELECT * FROM attempts ORDER BY id", db)
        frame["response"] = frame["response"].map(json.loads)
        frame["correct"] = frame["correct"].map(lambda v: None if v is None else bool(v))
        frame["answered_at"] = pandas.to_datetime(frame["answered_at"], format="ISO8601")
        return frame

    def progress_frame(self) -> pandas.DataFrame:
        """One row per learner and module: answered, correct, total, score, completed…"""
        import pandas

        rows = []
        with self._connect() as db:
            pairs = db.execute(
                "SELECT DISTINCT learner, module FROM attempts ORDER BY learner, module"
            ).fetchall()
            for learner, module in pairs:
                progress = self._module(db, learner, module)
                rows.append(
                    {
                        "learner": learner,
                        "module": module,
                        "answered": progress.answered,
                        "correct": progress.correct,
                        "total": progress.total,
                        "score": progress.correct / progress.total if progress.total else None,
                        "completed": progress.completed,
                        "completed_at": progress.completed_at,
                        "last_activity": progress.last_activity,
                    }
                )
        columns = [
            "learner",
            "module",
            "answered",
            "correct",
            "total",
            "score",
            "completed",
            "completed_at",
            "last_activity",
        ]
        frame = pandas.DataFrame(rows, columns=columns)
        for column in ("completed_at", "last_activity"):
            frame[column] = pandas.to_datetime(frame[column], format="ISO8601")
        return frame

    # -- internals ------------------------------------------------------------------------
    def _module(self, db: sqlite3.Connection, learner: str, module: str) -> ModuleProgress:
        latest = db.execute(
            "SELECT a.correct, a.check_size, a.answered_at FROM attempts a"
            " JOIN (SELECT question_id, MAX(id) AS id FROM attempts"
            "       WHERE learner = ? AND module = ? GROUP BY question_id) last"
            " ON a.id = last.id ORDER BY a.id",
            (learner, module),
        ).fetchall()
        done = db.execute(
            "SELECT completed_at FROM completions WHERE learner = ? AND module = ?",
            (learner, module),
        ).fetchone()
        return ModuleProgress(
            module=module,
            answered=len(latest),
            correct=sum(1 for row in latest if row[0] == 1),
            total=latest[-1][1] if latest else 0,
            completed=done is not None,
            completed_at=done[0] if done else None,
            last_activity=max((row[2] for row in latest), default=None),
        )

    def _connect(self, *, write: bool = False) -> _Transaction:
        try:
            db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        except sqlite3.Error as error:
            raise ProgressUnavailable(str(error)) from error
        db.execute("PRAGMA busy_timeout = 10000")
        return _Transaction(db, "BEGIN IMMEDIATE" if write else "BEGIN")

    def _open(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ProgressUnavailable(str(error)) from error
        if self.path.exists() and not self._usable():
            self.reset_notice = self._set_aside()
        try:
            db = sqlite3.connect(self.path, timeout=10)
            with closing(db):
                db.execute("PRAGMA journal_mode = WAL")
                db.executescript(SCHEMA)
        except sqlite3.Error as error:
            raise ProgressUnavailable(str(error)) from error

    def _usable(self) -> bool:
        try:
            with closing(sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=10)) as db:
                if db.execute("PRAGMA quick_check").fetchone() != ("ok",):
                    return False
                for table, expected in COLUMNS.items():
                    found = [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
                    if found and found != expected:
                        return False
        except sqlite3.DatabaseError:
            return False
        return True

    def _set_aside(self) -> Path:
        stamp = now().strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.hong-{stamp}")
        counter = 1
        while aside.exists():
            counter += 1
            aside = self.path.with_name(f"{self.path.name}.hong-{stamp}-{counter}")
        self.path.rename(aside)
        for suffix in ("-wal", "-shm"):
            companion = self.path.with_name(self.path.name + suffix)
            if companion.exists():
                companion.rename(aside.with_name(aside.name + suffix))
        return aside


def _reached(progress: ModuleProgress) -> bool:
    if progress.total == 0:  # a self-check of essays only: answering it completes the module
        return progress.answered > 0
    return passed(progress.correct, progress.total)


class _Transaction:
    """``with store._connect() as db``: one transaction, then close the connection."""

    def __init__(self, db: sqlite3.Connection, begin: str) -> None:
        self.db = db
        self.begin = begin

    def __enter__(self) -> sqlite3.Connection:
        self.db.execute(self.begin)
        return self.db

    def __exit__(self, kind, value, traceback) -> None:
        try:
            self.db.execute("ROLLBACK" if kind else "COMMIT")
        finally:
            self.db.close()
