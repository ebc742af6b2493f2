"""A canonical dump of a gradebook: the same grades give the same dump, whatever wrote them.

nbgrader's row ids are random, so rows are named by what they mean — assignment, student,
notebook, cell — and sorted. Used to prove that the two engines agree and that an interrupted
run ends where an uninterrupted one does.

    dump = canonical_dump(GradebookTables.open(course_dir))
    dump["grades"]    # [(assignment, student, notebook, cell, auto, manual, extra, needs_manual)]
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from sqlalchemy import select

from .gradebook_db import GradebookTables

__all__ = ["canonical_dump", "dump_digest", "SUBMISSIONS", "GRADES", "COMMENTS", "STATE"]

SUBMISSIONS = ("assignment", "student", "timestamp", "flagged", "late_submission_penalty")
GRADES = ("assignment", "student", "notebook", "cell", "auto", "manual", "extra", "needs_manual")
COMMENTS = ("assignment", "student", "notebook", "cell", "auto_comment", "manual_comment")
STATE = (
    "assignment",
    "student",
    "submission",
    "digest",
    "reasons",
    "correct",
    "points",
    "prediction",
    "responses",
)


def _value(value):
    if isinstance(value, float):
        return round(value, 9)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _rows(db, query) -> list[tuple]:
    return sorted(
        (tuple(_value(v) for v in row) for row in db.execute(query)),
        key=lambda row: tuple("" if v is None else str(v) for v in row),
    )


def canonical_dump(
    book: GradebookTables, *, state: bool = True, students: Iterable[str] | None = None
) -> dict[str, list[tuple]]:
    """The gradebook's content by meaning; ``students`` limits it to those participants."""
    t = book.tables
    a, sa, sn, nb, cell = (
        t["assignment"],
        t["submitted_assignment"],
        t["submitted_notebook"],
        t["notebook"],
        t["base_cell"],
    )
    chosen = sorted(set(students)) if students is not None else None

    def only(query, column):
        return query if chosen is None else query.where(column.in_(chosen))

    submissions = (
        select(a.c.name, sa.c.student_id, sa.c.timestamp)
        .add_columns(sn.c.flagged, sn.c.late_submission_penalty)
        .select_from(sa)
        .join(a, a.c.id == sa.c.assignment_id)
        .outerjoin(sn, sn.c.assignment_id == sa.c.id)
    )

    def per_cell(table, *columns):
        query = (
            select(a.c.name, sa.c.student_id, nb.c.name, cell.c.name, *columns)
            .select_from(table)
            .join(cell, cell.c.id == table.c.cell_id)
            .join(sn, sn.c.id == table.c.notebook_id)
            .join(nb, nb.c.id == sn.c.notebook_id)
            .join(sa, sa.c.id == sn.c.assignment_id)
            .join(a, a.c.id == sa.c.assignment_id)
        )
        return only(query, sa.c.student_id)

    g, c = t["grade"], t["comment"]
    with book.engine.connect() as db:
        dump = {
            "students": _rows(db, only(select(t["student"].c.id), t["student"].c.id)),
            "submissions": _rows(db, only(submissions, sa.c.student_id)),
            "grades": _rows(
                db,
                per_cell(
                    g, g.c.auto_score, g.c.manual_score, g.c.extra_credit, g.c.needs_manual_grade
                ),
            ),
            "comments": _rows(db, per_cell(c, c.c.auto_comment, c.c.manual_comment)),
        }
        if state:
            s = book.state
            dump["state"] = _rows(db, only(select(*(s.c[n] for n in STATE)), s.c.student))
    dump["grades"] = [(*row[:7], bool(row[7])) for row in dump["grades"]]
    dump["submissions"] = [(*row[:3], bool(row[3]), row[4]) for row in dump["submissions"]]
    return dump


def dump_digest(dump: dict[str, list[tuple]]) -> str:
    text = json.dumps(dump, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()
