"""Both engines grade the same ≥ 100 attempts (hostile ones included) into identical gradebooks.

nbgrader is the scorer of record: the fast engine is only allowed because it writes exactly
what nbgrader's autograde writes — per question and in total — and this proves it.
"""

from __future__ import annotations

import csv

import pytest
from contest_fixtures import nbgrader
from grade_fixtures import graded_pair

from grading.attempts import AttemptLedger
from grading.course_layout import CourseLayout
from grading.grade_results import gradebook_scores
from grading.grade_run import grade_contest
from grading.gradebook_db import GradebookTables
from grading.gradebook_dump import canonical_dump
from grading.results_files import read_results

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    return graded_pair(tmp_path_factory)


def _dump(course):
    book = GradebookTables.open(course)
    try:
        return canonical_dump(book)
    finally:
        book.close()


def test_engines_write_identical_gradebooks(pair) -> None:
    slow, fast = _dump(pair.nbgrader), _dump(pair.fast)
    assert len(slow["submissions"]) >= 100  # graded by nbgrader's autograde, kernel and all
    assert pair.reports["nbgrader"].engine == "nbgrader" and pair.reports["fast"].engine == "fast"
    for table in ("students", "submissions", "grades", "comments", "state"):
        assert slow[table] == fast[table], table
    assert not pair.reports["nbgrader"].failed and not pair.reports["fast"].failed
    # Per-question scores vary: some right, some wrong, some whole papers unreadable.
    scores = {row[4] for row in fast["grades"]}
    assert scores == {0.0, 1.0, 2.0}  # vong-1 questions are worth 2 points, vong-2 ones 1
    totals = gradebook_scores(GradebookTables.open(pair.fast))
    assert totals == gradebook_scores(GradebookTables.open(pair.nbgrader))
    assert len(set(totals.values())) > 5


def test_every_submitted_attempt_is_graded_and_in_the_results(pair) -> None:
    layout = CourseLayout.open(pair.fast)
    official = [
        a
        for a in AttemptLedger(layout.ledger_file).attempts(kind="official")
        if a.submitted and a.location == "inbound"
    ]
    assert pair.reports["fast"].planned == pair.reports["fast"].graded == len(official)
    results = read_results(pair.fast)
    attempts = results.attempts
    assert len(attempts) == len(official)
    columns = ("participant_id", "round_id", "attempt_no")
    keys = set(attempts[list(columns)].itertuples(index=False, name=None))
    assert keys == {(a.participant, a.round_id, a.number) for a in official}
    # Over the allowance: scored and kept, flagged out of the ranking.
    over = attempts[attempts["flags"].str.contains("over_allowance")]
    assert len(over) >= 1
    unreadable = attempts[attempts["flags"].str.contains("unreadable")]
    assert len(unreadable) >= 7 and (unreadable["score"] == 0).all()
    assert results.responses["correct"].sum() == attempts["correct"].sum()
    assert (attempts["duration_s"] >= 0).all() and attempts["prediction"].notna().any()
    same = read_results(pair.nbgrader).attempts
    assert (
        same.sort_values(list(same.columns))
        .reset_index(drop=True)
        .equals(attempts.sort_values(list(attempts.columns)).reset_index(drop=True))
    )


def test_formgrader_files_and_nbgrader_export_work_on_fast_grades(pair) -> None:
    book = GradebookTables.open(pair.fast)
    dump = canonical_dump(book)
    for assignment, student, *_ in dump["submissions"]:
        notebook = pair.fast / "autograded" / student / assignment / "vong-1.ipynb"
        if assignment.startswith("vong-1"):
            assert notebook.is_file()
    exported = nbgrader(pair.fast, "export", "--to", str(pair.fast / "grades.csv"))
    assert exported.returncode == 0, exported.stderr
    with open(pair.fast / "grades.csv", encoding="utf-8") as handle:
        rows = {
            (r["assignment"], r["student_id"]): float(r["score"]) for r in csv.DictReader(handle)
        }
    scores = gradebook_scores(book)
    assert {k: v for k, v in rows.items() if k in scores} == scores


def test_regrading_grades_nothing_unchanged(pair) -> None:
    again = grade_contest(course_dir=pair.fast, engine="fast", write_results=False)
    assert again.graded == 0 and again.skipped == again.planned
    again = grade_contest(course_dir=pair.nbgrader, engine="nbgrader", write_results=False)
    assert again.graded == 0 and again.skipped == again.planned
