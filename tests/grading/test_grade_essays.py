"""Essays (tự luận): a manually graded nbgrader cell with the question, the answer as text and
the rubric; formgrader's manual score counts in the totals once entered."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from contest_fixtures import BANK, at
from grade_fixtures import clone_course, perfect_answers

from grading.course_build import build_course
from grading.feedback import write_feedback
from grading.grade_results import gradebook_scores
from grading.grade_run import grade_contest
from grading.gradebook_db import GradebookTables, course_db_url
from grading.gradebook_dump import canonical_dump
from grading.intake import Intake
from grading.results_files import read_results

pytestmark = pytest.mark.slow
FILES = Path(__file__).parent / "files"
ESSAY = "Nguyên tắc 1: quyền được biết, tham gia ý kiến.\n```\n<script>alert('x')</script>"
ESSAY_CELL = "cau-04"  # three single-choice questions, then the essay


def _sheet(participant: str, answers: dict, essays: dict) -> bytes:
    data = {
        "schema_version": 1,
        "round": "vong-1",
        "attempt": 1,
        "participant": participant,
        "answers": answers,
        "essays": essays,
        "prediction": 30,
    }
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


@pytest.fixture(scope="module")
def essay_course(tmp_path_factory) -> Path:
    course = tmp_path_factory.mktemp("essays") / "tu-luan"
    build_course(
        spec_path=FILES / "essay-contest.yaml",
        course_dir=course,
        bank_paths=[BANK, FILES / "essay-bank"],
        now=at(1, 7),
    )
    intake = Intake(course)
    contest = intake.contest
    for participant, essays in (("ts-essay-full", {"4": ESSAY}), ("ts-essay-blank", {})):
        intake.start(participant, "vong-1", now=at(5, 9))
        answers = perfect_answers(contest, participant)
        raw = _sheet(participant, answers, essays)
        intake.submit(participant, "vong-1", 1, raw_answers=raw, now=at(5, 9, 20))
    return course


def test_essay_cells_wait_for_a_marker_in_both_engines(essay_course, tmp_path) -> None:
    slow = clone_course(essay_course, tmp_path / "nbgrader")
    fast = clone_course(essay_course, tmp_path / "fast")
    grade_contest(course_dir=slow, engine="nbgrader", workers=1)
    grade_contest(course_dir=fast, engine="fast")
    dumps = [canonical_dump(GradebookTables.open(course)) for course in (slow, fast)]
    for table in ("grades", "comments", "state"):
        assert dumps[0][table] == dumps[1][table], table
    essay = {row[1]: row for row in dumps[1]["grades"] if row[3] == ESSAY_CELL}
    assert essay["ts-essay-full"][4:] == (None, None, None, True)  # needs manual grading
    assert essay["ts-essay-blank"][4:] == (0.0, None, None, False)
    comments = {row[1]: row[4] for row in dumps[1]["comments"]}
    assert comments == {"ts-essay-full": None, "ts-essay-blank": "No response."}
    for course in (slow, fast):
        graded = course / "autograded" / "ts-essay-full" / "vong-1-lan-1" / "vong-1.ipynb"
        cells = json.loads(graded.read_text(encoding="utf-8"))["cells"]
        cell = next(c for c in cells if c["metadata"]["nbgrader"].get("grade_id") == ESSAY_CELL)
        source = "".join(cell["source"])
        assert "Nguyên tắc 1: quyền được biết" in source and "Hướng dẫn chấm" in source
        assert "````text\n" in source  # fenced longer than any fence inside: shown as text
        assert "Nêu đúng nguyên tắc ở khoản 1 (2 điểm)" in source


def test_a_manual_grade_counts_in_the_totals_and_the_feedback(essay_course, tmp_path) -> None:
    from nbgrader.api import Gradebook

    course = clone_course(essay_course, tmp_path / "manual")
    grade_contest(course_dir=course, engine="fast")
    key = ("vong-1-lan-1", "ts-essay-full")
    assert gradebook_scores(GradebookTables.open(course))[key] == 12.0  # 3 × 4, essay pending
    with Gradebook(course_db_url(course), course_id="kiem-thu-tu-luan") as gradebook:
        grade = gradebook.find_grade(ESSAY_CELL, "vong-1", *key)  # what formgrader does
        grade.manual_score = 3.0
        gradebook.db.commit()
    again = grade_contest(course_dir=course, engine="fast")
    assert again.graded == 0  # nothing to re-grade; the results are refreshed
    attempts = read_results(course).attempts.set_index("participant_id")
    assert attempts.loc["ts-essay-full", "score"] == 15.0
    assert attempts.loc["ts-essay-full", "max_score"] == 16.0
    assert attempts.loc["ts-essay-blank", "score"] == 12.0
    pages = write_feedback(course, out=tmp_path / "pages", now=at(1, 9, month=12))
    page = next(p for p in pages if "ts-essay-full" in p.parts).read_text(encoding="utf-8")
    assert "Điểm: 15 / 16" in page and "3 / 4" in page
    assert "&lt;script&gt;" in page and "<script>" not in page
