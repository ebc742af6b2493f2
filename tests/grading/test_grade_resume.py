"""Grading is idempotent and resumable: ``kill -9`` at any moment, then a re-run, leaves the
gradebook an uninterrupted run leaves; a re-run grades only new or changed attempts."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from grade_fixtures import clone_course, graded_pair

from grading.exchange_inbound import write_submission
from grading.grade_run import grade_contest
from grading.gradebook_db import GradebookTables
from grading.gradebook_dump import canonical_dump
from grading.results_files import read_results

pytestmark = pytest.mark.slow

SCRIPT = """
import sys
from pathlib import Path
from grading.grade_run import grade_contest
grade_contest(course_dir=Path(sys.argv[1]), engine=sys.argv[2], workers=int(sys.argv[3]), batch=1)
"""


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    return graded_pair(tmp_path_factory)


def _graded_rows(course, table: str = "dancoso_graded") -> int:
    try:
        with sqlite3.connect(f"file:{course / 'gradebook.db'}?mode=ro", uri=True, timeout=5) as db:
            return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    except sqlite3.OperationalError:  # the table is not created yet
        return 0


def _kill_after(
    course, rows: int, extra: float, engine: str = "fast", workers: int = 1, table=None
) -> int:
    """Start a grading run, kill -9 it once ``rows`` rows of ``table`` (graded attempts by
    default) are committed, plus a random moment; return the graded attempts at its death."""
    process = subprocess.Popen([sys.executable, "-c", SCRIPT, str(course), engine, str(workers)])
    deadline = time.monotonic() + 120
    try:
        while process.poll() is None and time.monotonic() < deadline:
            if _graded_rows(course, table or "dancoso_graded") >= rows:
                process.wait(timeout=extra) if extra else None
                break
            time.sleep(0.005)  # polling the database, with a deadline
    except subprocess.TimeoutExpired:
        pass
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
    return _graded_rows(course)


def _dump(course):
    book = GradebookTables.open(course)
    try:
        return canonical_dump(book)
    finally:
        book.close()


def test_kill_nine_then_rerun_equals_an_uninterrupted_run(pair, tmp_path) -> None:
    source = pair.base / "kiem-thu"  # the populated course, never graded itself
    reference = clone_course(source, tmp_path / "reference")
    grade_contest(course_dir=reference, engine="fast")
    total = len(_dump(reference)["state"])
    course = clone_course(source, tmp_path / "killed")
    rng = random.Random(os.environ.get("PYTEST_SEED", "kill-9"))
    partial = []
    for _ in range(4):
        done = _graded_rows(course)
        if done >= total:
            break
        target = rng.randint(done + 1, max(done + 1, total - 1))
        partial.append(_kill_after(course, target, rng.uniform(0, 0.05)))
    assert any(0 < count < total for count in partial), partial  # really killed mid-way
    report = grade_contest(course_dir=course, engine="fast")
    assert report.graded == total - partial[-1] and report.skipped == partial[-1]
    assert _dump(course) == _dump(reference)
    mine, theirs = read_results(course).attempts, read_results(reference).attempts
    assert mine.equals(theirs)


def test_kill_nine_during_nbgrader_autograde(pair, tmp_path) -> None:
    source = pair.base / "kiem-thu"
    course = clone_course(source, tmp_path / "killed-nbgrader")
    # Killed once nbgrader's autograde has graded two papers, while it works on the next ones.
    committed = _kill_after(course, 2, 0.0, "nbgrader", workers=2, table="submitted_assignment")
    assert _graded_rows(course, "submitted_assignment") >= 2 and committed < 100
    report = grade_contest(course_dir=course, engine="fast")  # engines agree: finish fast
    assert report.skipped == committed
    assert _dump(course)["grades"] == _dump(pair.fast)["grades"]


def test_only_new_or_changed_attempts_are_regraded(pair, tmp_path) -> None:
    course = clone_course(pair.fast, tmp_path / "resubmitted")
    book = GradebookTables.open(course)
    state = canonical_dump(book)["state"]
    book.close()
    assignment, student = next((r[0], r[1]) for r in state if r[0] == "vong-1-lan-1")
    inbound = course / "exchange" / "kiem-thu" / "inbound"
    first = next(inbound.glob(f"{student}+{assignment}+*"))
    files = {p.name: p.read_bytes() for p in first.iterdir() if p.suffix in (".ipynb", ".json")}
    files["answers.json"] = b'{"schema_version": 1, "round": "vong-1", "attempt": 1, ' + (
        f'"participant": "{student}", "answers": {{}}}}'.encode()
    )
    later = dt.datetime(2026, 11, 29, 12, 0, tzinfo=dt.UTC)
    write_submission(inbound, student, assignment, files, later)  # JupyterLab's nbgrader submit
    report = grade_contest(course_dir=course, engine="fast")
    assert report.graded == 1 and report.skipped == report.planned - 1
    book = GradebookTables.open(course)
    row = next(r for r in canonical_dump(book)["state"] if r[:2] == (assignment, student))
    book.close()
    assert row[5] == 0  # the later, blank submission is the one graded (nbgrader's rule)
