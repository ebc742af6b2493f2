"""What ranking needs, per attempt: ``results/attempts.parquet`` and ``responses.parquet``.

Written after every grading run from the gradebook (nbgrader's score of each submission,
manual essay grades included), our state table (correct count, prediction, responses,
reasons) and the attempt ledger (server start and submit times, flags), in the frames of
:mod:`grading.results_model` through :func:`grading.results_files.write_results`. Every graded
official attempt is written; the ranking core applies the round's counting policy.

- ``flags``: the ledger's flags that keep an attempt out of the ranking
  (:data:`grading.attempts.NOT_COUNTED`), plus ``unreadable`` when the answers file could not
  be used (it scores 0 and does not count as taking part).
- An attempt without a server start time (JupyterLab's ``nbgrader submit``) is given the whole
  time limit as its duration: no advantage from a time nobody measured.
- ``unit_id``/``group`` come from the private registry (ids only); a participant missing from
  it gets :data:`UNKNOWN_UNIT`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
from sqlalchemy import case, func, select

from .attempts import NOT_COUNTED, AttemptLedger
from .contest_store import FrozenContest
from .course_layout import CourseLayout
from .grade_record import decode_responses
from .gradebook_db import GradebookTables

__all__ = ["UNKNOWN_UNIT", "gradebook_scores", "results_frames", "write_grade_results"]

UNKNOWN_UNIT = "khong-xac-dinh"
UNREADABLE = ("answers_not_json", "answers_not_utf8", "answers_schema", "answers_too_large")


def gradebook_scores(book: GradebookTables) -> dict[tuple[str, str], float]:
    """nbgrader's score of every submission: ``{(assignment, student): score}``."""
    g, sn = book["grade"], book["submitted_notebook"]
    sa, a = book["submitted_assignment"], book["assignment"]
    extra = func.coalesce(g.c.extra_credit, 0.0)
    score = case(
        (g.c.manual_score.isnot(None), g.c.manual_score + extra),
        (g.c.auto_score.isnot(None), g.c.auto_score + extra),
        else_=0.0,
    )
    # One pass over the grades, then a small join: cheaper than joining millions of grades.
    per_notebook = select(g.c.notebook_id, func.sum(score)).group_by(g.c.notebook_id)
    owners = (
        select(sn.c.id, sn.c.assignment_id, a.c.name, sa.c.student_id)
        .select_from(sn)
        .join(sa, sn.c.assignment_id == sa.c.id)
        .join(a, sa.c.assignment_id == a.c.id)
    )
    with book.engine.connect() as db:
        sums = dict(db.execute(per_notebook).all())
        scores: dict[tuple[str, str], float] = {}
        for notebook, _, assignment, student in db.execute(owners):
            key = (assignment, student)
            scores[key] = scores.get(key, 0.0) + float(sums.get(notebook) or 0.0)
    return scores


def _units(layout: CourseLayout, contest: FrozenContest) -> dict[str, tuple]:
    if not layout.people_file.exists():
        return {}
    from .registry_people import PeopleRegistry

    return PeopleRegistry(layout.people_file, contest.spec).units()


def results_frames(layout: CourseLayout, contest: FrozenContest, book: GradebookTables):
    import pandas as pd

    state = book.state
    with book.engine.connect() as db:
        rows = db.execute(select(state)).all()
    attempts = {a.id: a for a in AttemptLedger(layout.ledger_file).attempts(kind="official")}
    scores = gradebook_scores(book)
    units = _units(layout, contest)
    records = []
    answers_columns: dict[str, list] = {name: [] for name in _RESPONSE_COLUMNS}
    for row in rows:
        attempt = attempts.get(row.attempt_id)
        if attempt is None:
            continue
        submitted = dt.datetime.fromisoformat(row.submitted_at)
        limit = dt.timedelta(minutes=contest.round(row.round_id).paper.time_limit_minutes)
        started = attempt.started_at or submitted - limit
        started = min(started, submitted)
        structure = book.structure(row.assignment)
        score = scores.get((row.assignment, row.student), row.points) if structure else row.points
        reasons = set(filter(None, row.reasons.split(",")))
        flags = set(attempt.flags & NOT_COUNTED)
        if reasons & set(UNREADABLE):
            flags.add("unreadable")
        unit, group = units.get(row.student, (None, None))
        records.append(
            {
                "contest_id": contest.spec.id,
                "round_id": row.round_id,
                "participant_id": row.student,
                "unit_id": unit or UNKNOWN_UNIT,
                "group": group,
                "attempt_no": row.attempt_no,
                "started_at": started,
                "submitted_at": submitted,
                "duration_s": (submitted - started).total_seconds(),
                "correct": row.correct,
                "score": min(score, structure.max_score if structure else row.max_points),
                "max_score": structure.max_score if structure else row.max_points,
                "prediction": row.prediction,
                "flags": ",".join(sorted(flags)),
            }
        )
        _add_responses(answers_columns, row)
    frame = pd.DataFrame.from_records(records, columns=_ATTEMPT_COLUMNS)
    for column in ("started_at", "submitted_at"):
        frame[column] = pd.to_datetime(frame[column], utc=True).dt.tz_convert("Asia/Ho_Chi_Minh")
    frame["prediction"] = pd.array(frame["prediction"].tolist(), dtype="Int64")
    frame = frame.astype(
        {"attempt_no": "int64", "correct": "int64", "score": "float64", "max_score": "float64"}
    )
    frame = frame.astype({"group": "string", "flags": "string"})
    answers = pd.DataFrame(
        {
            "round_id": pd.array(answers_columns["round_id"], dtype="string"),
            "participant_id": pd.array(answers_columns["participant_id"], dtype="string"),
            "attempt_no": np.array(answers_columns["attempt_no"], dtype="int64"),
            "question_id": pd.array(answers_columns["question_id"], dtype="string"),
            "chosen": pd.array(answers_columns["chosen"], dtype="string"),
            "correct": np.array(answers_columns["correct"], dtype=bool),
            "paper_position": np.array(answers_columns["paper_position"], dtype="int64"),
        }
    )
    return frame, answers


def _add_responses(columns: dict[str, list], row) -> None:
    """Append an attempt's decoded responses, column by column (millions of rows: no tuples)."""
    items = decode_responses(row.responses)
    count = len(items)
    columns["round_id"] += [row.round_id] * count
    columns["participant_id"] += [row.student] * count
    columns["attempt_no"] += [row.attempt_no] * count
    for position, question, letter, ok in items:
        columns["paper_position"].append(position)
        columns["question_id"].append(question)
        columns["chosen"].append(letter)
        columns["correct"].append(ok)


_ATTEMPT_COLUMNS = [
    "contest_id",
    "round_id",
    "participant_id",
    "unit_id",
    "group",
    "attempt_no",
    "started_at",
    "submitted_at",
    "duration_s",
    "correct",
    "score",
    "max_score",
    "prediction",
    "flags",
]
_RESPONSE_COLUMNS = [
    "round_id",
    "participant_id",
    "attempt_no",
    "question_id",
    "chosen",
    "correct",
    "paper_position",
]


def write_grade_results(
    layout: CourseLayout, contest: FrozenContest, book: GradebookTables
) -> Path:
    from .results_files import write_results

    attempts, responses = results_frames(layout, contest, book)
    return write_results(layout.root, attempts=attempts, responses=responses)
