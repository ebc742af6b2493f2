"""The attempt ledger: every attempt, with server-side start and submit times, never dropped.

``<course>/contest/attempts.sqlite`` (WAL; safe for many processes). It holds participant ids,
never personal data. One row per attempt — official or practice — numbered per participant,
round and kind; a re-submission of a closed attempt is kept as an *extra* row pointing at its
own stored copy. Flags record what the rules say about an attempt; flagged attempts are kept
and shown, and ranking decides what they mean (:data:`NOT_COUNTED` by default):

``over_allowance``  started beyond the round's attempts;
``before_open`` / ``after_close``  started before the window or after it closed, or
                    submitted after closing time plus grace;
``over_time``       submitted after start + time limit + grace;
``malformed_answers``  the answers file did not validate (it is still kept, and scores 0);
``no_start_time``   imported without a start time; ``unregistered``  unknown participant.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from quizzes.answers import SheetProblem, read_answer_sheet
from quizzes.contest_spec import Round

from .clock import in_vietnam, iso

__all__ = [
    "FLAGS",
    "NOT_COUNTED",
    "Attempt",
    "ExtraSubmission",
    "AttemptLedger",
    "submission_flags",
]

FLAGS = (
    "over_allowance",
    "before_open",
    "after_close",
    "over_time",
    "malformed_answers",
    "no_start_time",
    "unregistered",
)
NOT_COUNTED = frozenset(
    {"over_allowance", "before_open", "after_close", "over_time", "unregistered"}
)

SCHEMA = """
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY,
    participant TEXT NOT NULL,
    round TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('official', 'practice')),
    number INTEGER NOT NULL,
    assignment TEXT,
    started_at TEXT,
    deadline TEXT,
    submitted_at TEXT,
    location TEXT,
    name TEXT,
    source TEXT NOT NULL,
    flags TEXT NOT NULL DEFAULT '',
    UNIQUE (participant, round, kind, number)
);
CREATE INDEX IF NOT EXISTS attempts_round ON attempts (round, kind);
CREATE TABLE IF NOT EXISTS extra_submissions (
    id INTEGER PRIMARY KEY,
    attempt INTEGER NOT NULL REFERENCES attempts (id),
    received_at TEXT NOT NULL,
    location TEXT NOT NULL,
    name TEXT NOT NULL,
    reason TEXT NOT NULL
);
"""


def _time(text: str | None) -> dt.datetime | None:
    return None if text is None else dt.datetime.fromisoformat(text)


@dataclass(frozen=True)
class Attempt:
    id: int
    participant: str
    round_id: str
    kind: str
    number: int
    assignment: str | None
    started_at: dt.datetime | None
    deadline: dt.datetime | None
    submitted_at: dt.datetime | None
    location: str | None  # inbound | practice | held
    name: str | None  # the submission's directory name
    source: str
    flags: frozenset[str]

    @classmethod
    def _from_row(cls, row: sqlite3.Row) -> Attempt:
        return cls(
            id=row["id"],
            participant=row["participant"],
            round_id=row["round"],
            kind=row["kind"],
            number=row["number"],
            assignment=row["assignment"],
            started_at=_time(row["started_at"]),
            deadline=_time(row["deadline"]),
            submitted_at=_time(row["submitted_at"]),
            location=row["location"],
            name=row["name"],
            source=row["source"],
            flags=frozenset(f for f in row["flags"].split(",") if f),
        )

    @property
    def submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def duration(self) -> dt.timedelta | None:
        if self.started_at is None or self.submitted_at is None:
            return None
        return self.submitted_at - self.started_at

    @property
    def counts(self) -> bool:
        """Submitted, official, and no flag that the rules exclude by default."""
        return self.kind == "official" and self.submitted and not (self.flags & NOT_COUNTED)


@dataclass(frozen=True)
class ExtraSubmission:
    attempt: int
    received_at: dt.datetime
    location: str
    name: str
    reason: str


def submission_flags(
    round_: Round, attempt: Attempt, moment: dt.datetime, raw_answers: bytes | None
) -> set[str]:
    """What the rules say about submitting ``attempt`` at ``moment`` with these answers."""
    grace = dt.timedelta(seconds=round_.paper.grace_seconds)
    flags = set()
    if attempt.deadline is not None and moment > attempt.deadline + grace:
        flags.add("over_time")
    if moment > round_.closes + grace:
        flags.add("after_close")
    try:
        read_answer_sheet(raw_answers)
    except SheetProblem:
        flags.add("malformed_answers")
    return flags


class AttemptLedger:
    def __init__(self, path: Path):
        self.path = Path(path)
        with self._connect() as db:
            db.executescript(SCHEMA)

    @contextmanager
    def _connect(self):
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        db.row_factory = sqlite3.Row
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            yield db
        finally:
            db.close()

    def begin(
        self,
        participant: str,
        round_id: str,
        kind: str,
        *,
        started_at: dt.datetime | None,
        deadline: dt.datetime | None,
        allowed: int | None,
        assignment_for,
        source: str,
        flags: Iterable[str] = (),
        number: int | None = None,
    ) -> Attempt:
        """Record a new attempt; its number is the next free one unless ``number`` is given.

        Numbering happens in one write transaction, so two tabs starting at once get two
        numbers. An attempt numbered beyond ``allowed`` is flagged ``over_allowance``.
        Raises ``sqlite3.IntegrityError`` if ``number`` is taken.
        """
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                if number is None:
                    row = db.execute(
                        "SELECT COALESCE(MAX(number), 0) FROM attempts "
                        "WHERE participant = ? AND round = ? AND kind = ?",
                        (participant, round_id, kind),
                    ).fetchone()
                    number = row[0] + 1
                marks = set(flags)
                if allowed is not None and number > allowed:
                    marks.add("over_allowance")
                cursor = db.execute(
                    "INSERT INTO attempts (participant, round, kind, number, assignment, "
                    "started_at, deadline, source, flags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        participant,
                        round_id,
                        kind,
                        number,
                        assignment_for(number),
                        iso(started_at),
                        iso(deadline),
                        source,
                        ",".join(sorted(marks)),
                    ),
                )
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
            return self._get(db, cursor.lastrowid)

    def complete(
        self,
        attempt_id: int,
        *,
        submitted_at: dt.datetime,
        location: str,
        name: str,
        flags: Iterable[str] = (),
    ) -> Attempt | None:
        """Mark an open attempt submitted; None if it was already submitted (nothing changes)."""
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                row = db.execute("SELECT * FROM attempts WHERE id = ?", (attempt_id,)).fetchone()
                if row is None or row["submitted_at"] is not None:
                    db.execute("ROLLBACK")
                    return None
                marks = {f for f in row["flags"].split(",") if f} | set(flags)
                db.execute(
                    "UPDATE attempts SET submitted_at = ?, location = ?, name = ?, flags = ? "
                    "WHERE id = ?",
                    (
                        iso(in_vietnam(submitted_at)),
                        location,
                        name,
                        ",".join(sorted(marks)),
                        attempt_id,
                    ),
                )
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
            return self._get(db, attempt_id)

    def add_extra(
        self, attempt_id: int, *, received_at: dt.datetime, location: str, name: str, reason: str
    ) -> None:
        with self._connect() as db:
            db.execute(
                "INSERT INTO extra_submissions (attempt, received_at, location, name, reason) "
                "VALUES (?, ?, ?, ?, ?)",
                (attempt_id, iso(received_at), location, name, reason),
            )

    def _get(self, db, attempt_id: int) -> Attempt:
        return Attempt._from_row(
            db.execute("SELECT * FROM attempts WHERE id = ?", (attempt_id,)).fetchone()
        )

    def get(
        self, participant: str, round_id: str, number: int, kind: str = "official"
    ) -> Attempt | None:
        with self._connect() as db:
            row = db.execute(
                "SELECT * FROM attempts "
                "WHERE participant = ? AND round = ? AND kind = ? AND number = ?",
                (participant, round_id, kind, number),
            ).fetchone()
            return None if row is None else Attempt._from_row(row)

    def attempts(
        self, round_id: str | None = None, participant: str | None = None, kind: str | None = None
    ) -> list[Attempt]:
        clauses, values = [], []
        for column, value in (("round", round_id), ("participant", participant), ("kind", kind)):
            if value is not None:
                clauses.append(f"{column} = ?")
                values.append(value)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        with self._connect() as db:
            rows = db.execute(f"SELECT * FROM attempts{where} ORDER BY id", values).fetchall()
            return [Attempt._from_row(row) for row in rows]

    def open_attempts(self) -> list[Attempt]:
        """Attempts started and not submitted, oldest first."""
        with self._connect() as db:
            rows = db.execute("SELECT * FROM attempts WHERE submitted_at IS NULL ORDER BY id")
            return [Attempt._from_row(row) for row in rows.fetchall()]

    def extras(self) -> list[ExtraSubmission]:
        with self._connect() as db:
            rows = db.execute("SELECT * FROM extra_submissions ORDER BY id").fetchall()
            return [
                ExtraSubmission(
                    r["attempt"], _time(r["received_at"]), r["location"], r["name"], r["reason"]
                )
                for r in rows
            ]

    def counts_by_round(self) -> dict[str, int]:
        with self._connect() as db:
            rows = db.execute("SELECT round, COUNT(*) FROM attempts GROUP BY round").fetchall()
            return {row[0]: row[1] for row in rows}
