"""Bulk writes of graded attempts into nbgrader's gradebook — the single writer.

Both engines hand their :class:`~grading.grade_record.GradedAttempt` records here. One batch is
one transaction: the student rows, ``submitted_assignment``, ``submitted_notebook``, one
``grade`` per grade cell, one ``comment`` per answer cell — the rows nbgrader's
``Gradebook.add_submission`` and ``SaveAutoGrades`` create — and our state rows
(:mod:`grading.gradebook_db`). A crash (``kill -9``) rolls the whole batch back.

New submissions are plain multi-row inserts; a submission already in the gradebook (re-graded
after a change, or graded earlier by ``nbgrader autograde``) is updated in place the way
nbgrader's autograde updates it: ``auto_score`` and ``auto_comment`` are replaced, manual
scores, extra credit and manual comments are kept, and ``needs_manual_grade`` is set as
``SaveAutoGrades`` sets it (a manual score exists, or there is no automatic score).
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import time
from collections.abc import Iterable

from sqlalchemy import bindparam, or_, select, update

from .grade_record import GradedAttempt, encode_responses
from .gradebook_db import GradebookTables

__all__ = ["GradebookWriter", "nbgrader_time"]


class _Ids:
    """32 hex characters, like nbgrader's ``uuid4().hex``, but increasing within a run (time,
    random, counter): inserts land at the end of the indexes instead of all over them."""

    def __init__(self):
        self.prefix = f"{int(time.time()) & 0xFFFFFFFF:08x}{os.urandom(4).hex()}"
        self.count = itertools.count()

    def __call__(self) -> str:
        return f"{self.prefix}{next(self.count):016x}"


def _sqlite_value(value):
    if isinstance(value, dt.datetime):  # SQLAlchemy's SQLite DATETIME text
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    return value


def nbgrader_time(moment: dt.datetime) -> dt.datetime:
    """nbgrader keeps naive UTC times (``utils.parse_utc``)."""
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


class GradebookWriter:
    def __init__(self, book: GradebookTables):
        self.book = book
        dialect = book.engine.dialect.name
        if dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        self._insert = insert
        self._new_id = _Ids()
        self._submissions: dict[str, dict[str, str]] = {}  # assignment id -> student -> id
        self._notebooks: dict[str, str] = {}  # submitted_assignment id -> submitted_notebook id

    def _load_existing(self, db, assignment_id: str, notebook_id: str) -> dict[str, str]:
        if assignment_id not in self._submissions:
            sa, sn = self.book["submitted_assignment"], self.book["submitted_notebook"]
            rows = db.execute(
                select(sa.c.student_id, sa.c.id, sn.c.id.label("nb"))
                .outerjoin(sn, (sn.c.assignment_id == sa.c.id) & (sn.c.notebook_id == notebook_id))
                .where(sa.c.assignment_id == assignment_id)
            ).all()
            self._submissions[assignment_id] = {r.student_id: r.id for r in rows}
            self._notebooks.update({r.id: r.nb for r in rows if r.nb is not None})
        return self._submissions[assignment_id]

    def write(self, records: Iterable[GradedAttempt], *, now: dt.datetime) -> int:
        """Write one batch in one transaction; returns how many attempts it held."""
        records = list(records)
        if not records:
            return 0
        t = self.book
        rows: dict[str, list[dict]] = {
            name: [] for name in ("sa", "sn", "grade", "comment", "sa_up", "sn_up", "grade_up")
        }
        rows["comment_up"] = []
        pending_submissions: dict[str, dict[str, str]] = {}
        pending_notebooks: dict[str, str] = {}
        with t.engine.begin() as db:
            students = sorted({r.job.participant for r in records})
            if students:
                db.execute(
                    self._insert(t["student"]).on_conflict_do_nothing(index_elements=["id"]),
                    [{"id": s} for s in students],
                )
            for record in records:
                structure = t.structure(record.job.assignment) if record.job.in_gradebook else None
                if structure is None:
                    continue
                existing = self._load_existing(db, structure.assignment_id, structure.notebook_id)
                student = record.job.participant
                stamp = nbgrader_time(record.job.submitted_at)
                sa_id = existing.get(student)
                sn_id = self._notebooks.get(sa_id) if sa_id else None
                fresh = sa_id is None
                if fresh:
                    sa_id, sn_id = self._new_id(), self._new_id()
                    rows["sa"].append(
                        {
                            "id": sa_id,
                            "assignment_id": structure.assignment_id,
                            "student_id": student,
                            "timestamp": stamp,
                        }
                    )
                    pending_submissions.setdefault(structure.assignment_id, {})[student] = sa_id
                else:
                    rows["sa_up"].append({"b_id": sa_id, "b_timestamp": stamp})
                if sn_id is None:  # a submission without its notebook row: create it
                    sn_id = self._new_id()
                    fresh_notebook = True
                else:
                    fresh_notebook = fresh
                notebook = {
                    "id": sn_id,
                    "assignment_id": sa_id,
                    "notebook_id": structure.notebook_id,
                    "flagged": record.flagged,
                    "late_submission_penalty": None,
                }
                if fresh_notebook:
                    rows["sn"].append(notebook)
                    pending_notebooks[sa_id] = sn_id
                else:
                    rows["sn_up"].append({"b_id": sn_id, "b_flagged": record.flagged})
                target = "grade" if fresh_notebook else "grade_up"
                for name, (cell_id, _) in structure.grade_cells.items():
                    auto = record.grades.get(name, 0.0)
                    rows[target].append(
                        {
                            "id": self._new_id(),
                            "notebook_id": sn_id,
                            "cell_id": cell_id,
                            "auto_score": auto,
                            "manual_score": None,
                            "extra_credit": None,
                            "needs_manual_grade": auto is None,
                        }
                    )
                target = "comment" if fresh_notebook else "comment_up"
                cells = {**structure.solution_cells, **structure.task_cells}
                for name, cell_id in cells.items():
                    rows[target].append(
                        {
                            "id": self._new_id(),
                            "notebook_id": sn_id,
                            "cell_id": cell_id,
                            "auto_comment": record.comments.get(name),
                            "manual_comment": None,
                        }
                    )
            self._flush(db, rows)
            self._write_state(db, records, now)
        for assignment_id, students_ in pending_submissions.items():
            self._submissions[assignment_id].update(students_)
        self._notebooks.update(pending_notebooks)
        return len(records)

    def _flush(self, db, rows: dict[str, list[dict]]) -> None:
        t = self.book
        for key, table in (
            ("sa", "submitted_assignment"),
            ("sn", "submitted_notebook"),
            ("grade", "grade"),
            ("comment", "comment"),
        ):
            if rows[key]:
                self._insert_many(db, t[table], rows[key])
        sa, sn = t["submitted_assignment"], t["submitted_notebook"]
        if rows["sa_up"]:
            db.execute(
                update(sa)
                .where(sa.c.id == bindparam("b_id"))
                .values(timestamp=bindparam("b_timestamp")),
                rows["sa_up"],
            )
        if rows["sn_up"]:
            db.execute(
                update(sn)
                .where(sn.c.id == bindparam("b_id"))
                .values(flagged=bindparam("b_flagged"), late_submission_penalty=None),
                rows["sn_up"],
            )
        if rows["grade_up"]:
            grade = t["grade"]
            stmt = self._insert(grade)
            db.execute(
                stmt.on_conflict_do_update(
                    index_elements=["cell_id", "notebook_id"],
                    set_={
                        "auto_score": stmt.excluded.auto_score,
                        "needs_manual_grade": or_(
                            grade.c.manual_score.isnot(None), stmt.excluded.auto_score.is_(None)
                        ),
                    },
                ),
                rows["grade_up"],
            )
        if rows["comment_up"]:
            stmt = self._insert(t["comment"])
            db.execute(
                stmt.on_conflict_do_update(
                    index_elements=["cell_id", "notebook_id"],
                    set_={"auto_comment": stmt.excluded.auto_comment},
                ),
                rows["comment_up"],
            )

    def _insert_many(self, db, table, rows: list[dict]) -> None:
        """Plain inserts of new rows. On SQLite straight through the driver (SQLAlchemy's
        per-row parameter processing costs more than SQLite's insert), with times in the text
        form SQLAlchemy stores; elsewhere SQLAlchemy's multi-row inserts."""
        if self.book.engine.dialect.name != "sqlite":
            db.execute(table.insert(), rows)
            return
        columns = list(rows[0])
        sql = (
            f"INSERT INTO {table.name} ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)})"
        )
        values = [tuple(_sqlite_value(row[c]) for c in columns) for row in rows]
        db.exec_driver_sql(sql, values)

    def _write_state(self, db, records: list[GradedAttempt], now: dt.datetime) -> None:
        state = self.book.state
        stmt = self._insert(state)
        columns = [c.name for c in state.columns if c.name not in ("assignment", "student")]
        stmt = stmt.on_conflict_do_update(
            index_elements=["assignment", "student"],
            set_={name: getattr(stmt.excluded, name) for name in columns},
        )
        db.execute(
            stmt,
            [
                {
                    "assignment": r.job.assignment,
                    "student": r.job.participant,
                    "attempt_id": r.job.attempt_id,
                    "round_id": r.job.round_id,
                    "attempt_no": r.job.number,
                    "submission": os.path.basename(r.job.path),
                    "submitted_at": r.job.submitted_at.isoformat(),
                    "digest": r.digest,
                    "engine": r.engine,
                    "graded_at": now.isoformat(timespec="seconds"),
                    "reasons": ",".join(sorted(r.reasons)),
                    "correct": r.facts.correct,
                    "points": r.facts.points,
                    "max_points": r.facts.max_points,
                    "prediction": r.facts.prediction,
                    "responses": encode_responses(r.facts.responses),
                }
                for r in records
            ],
        )
