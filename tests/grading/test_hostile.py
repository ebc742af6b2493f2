"""Hostile and broken submissions (files/hostile/cases.json): a reason each, the score the rules
give, nothing a participant wrote executed, nobody else's grade changed, the batch goes on.

Measured on stock nbgrader 0.9.6 (the issue): a cell reading the instructor's source scored
20/20, a loop after the answers still scored, a loop ignoring Ctrl-C scored 0 with no reason,
a 10 MB line was kept whole. Here every case is graded by both engines (the same course,
graded twice by tests/grading/grade_fixtures.graded_pair) and must agree.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from grade_fixtures import HOSTILE, graded_pair, hostile_cases

from grading.course_layout import CourseLayout
from grading.grade_results import gradebook_scores
from grading.gradebook_db import GradebookTables
from grading.gradebook_dump import canonical_dump

pytestmark = pytest.mark.slow
CASES = {case["name"]: case for case in hostile_cases()}
FULL = 20.0  # round vong-1: 10 questions × 2 points


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    return graded_pair(tmp_path_factory)


def _state(course) -> dict[str, tuple]:
    book = GradebookTables.open(course)
    try:
        rows = canonical_dump(book)["state"]
        return {(row[0], row[1]): row for row in rows}
    finally:
        book.close()


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_case_has_its_reason_and_score(pair, name) -> None:
    case = CASES[name]
    participant = pair.hostile[name]
    for course in (pair.nbgrader, pair.fast):
        row = _state(course)[("vong-1-lan-1", participant)]
        reasons = set(row[4].split(","))
        assert set(case["reasons"]) <= reasons, (course.name, reasons)
        score = gradebook_scores(GradebookTables.open(course))[("vong-1-lan-1", participant)]
        assert score == (FULL if case["score"] == "full" else 0.0), course.name


def test_nothing_a_participant_wrote_was_executed(pair, tmp_path) -> None:
    markers = [n for n, c in CASES.items() if c.get("marker")]
    assert markers and all(not (pair.markers / name).exists() for name in markers)
    # The os.system cell does work when it runs: the marker's absence above is evidence.
    code = (HOSTILE / "os-system-cell.py").read_text(encoding="utf-8")
    control = tmp_path / "control"
    subprocess.run([sys.executable, "-c", code.replace("{marker}", str(control))], check=True)
    assert control.exists()
    # The stolen answers never replaced the submitted ones: that attempt scored 0.
    stolen = pair.nbgrader / "autograded" / pair.hostile["reads-source-notebook"]
    answers = stolen / "vong-1-lan-1" / "answers.json"
    assert "stolen" not in answers.read_text(encoding="utf-8")


def test_only_released_cells_ran(pair) -> None:
    for name in ("extra-os-system-cell", "infinite-loop-after-answers", "loop-ignoring-ctrl-c"):
        path = pair.nbgrader / "autograded" / pair.hostile[name] / "vong-1-lan-1" / "vong-1.ipynb"
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        assert all(c["metadata"].get("nbgrader", {}).get("grade_id") for c in cells)
        assert not any("while True" in "".join(c["source"]) for c in cells)
        assert not any("os.system" in "".join(c["source"]) for c in cells)


def test_ten_megabytes_of_output_never_reach_the_graded_notebook(pair) -> None:
    inbound = CourseLayout.open(pair.fast).inbound
    folder = next(inbound.glob(f"{pair.hostile['ten-mb-output']}+vong-1-lan-1+*"))
    submitted = folder / "vong-1.ipynb"
    assert submitted.stat().st_size > 10_000_000  # the submission carried it
    for course in (pair.nbgrader, pair.fast):
        graded = course / "autograded" / pair.hostile["ten-mb-output"] / "vong-1-lan-1"
        assert (graded / "vong-1.ipynb").stat().st_size < 200_000


def test_no_other_participant_is_affected_and_the_batch_went_on(pair) -> None:
    clean = canonical_dump(GradebookTables.open(pair.clean_fast))
    hostile = set(pair.hostile.values())
    for course in (pair.nbgrader, pair.fast):
        dump = canonical_dump(GradebookTables.open(course))
        for table in ("submissions", "grades", "state"):
            others = [row for row in dump[table] if row[1] not in hostile]
            assert others == clean[table], (course.name, table)
        assert len(dump["state"]) == len(clean["state"]) + len(hostile)
    assert not pair.reports["nbgrader"].failed


def test_stock_nbgrader_autograde_runs_our_preprocessors(pair, tmp_path) -> None:
    """formgrader's Autograde button and ``nbgrader autograde`` use the course's config, which
    puts our preprocessors in nbgrader's pipeline: the os.system cell does not run there either."""
    from contest_fixtures import nbgrader
    from grade_fixtures import clone_course

    course = clone_course(pair.base / "kiem-thu", tmp_path / "stock")
    student = pair.hostile["extra-os-system-cell"]
    for step in ("collect", "autograde"):
        done = nbgrader(course, step, "vong-1-lan-1", f"--student={student}")
        assert done.returncode == 0, done.stderr
    assert not (pair.markers / "extra-os-system-cell").exists()
    graded = course / "autograded" / student / "vong-1-lan-1" / "vong-1.ipynb"
    cells = json.loads(graded.read_text(encoding="utf-8"))["cells"]
    assert not any("os.system" in "".join(c["source"]) for c in cells)
    assert gradebook_scores(GradebookTables.open(course))[("vong-1-lan-1", student)] == FULL
