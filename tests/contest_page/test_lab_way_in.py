"""Way in 5a, checked with nbgrader's own command line as a student would use it (what
JupyterLab's Assignment List runs): fetch the paper from the local exchange, answer into
``answers.json`` (data, as the answer sheet writes it), run the notebook, submit — then the
organiser's ``nbgrader collect`` takes it and the ledger records it."""

from __future__ import annotations

import json
import subprocess

import nbformat
import pytest
from page_helpers import BIN, nbgrader

from grading.intake import Intake
from grading.paper_check import submission_score
from grading.reconcile import reconcile_inbound
from quizzes.answers import AnswerSheet, dump_answer_sheet

pytestmark = pytest.mark.slow

STUDENT = "ts-labstudent1"


def test_fetch_answer_submit_collect_as_an_nbgrader_student(built, tmp_path) -> None:
    _, course = built
    exchange = Intake(course).layout.exchange
    home = tmp_path / "hoc-vien"
    home.mkdir()
    common = ["--course", "kiem-thu", f"--Exchange.root={exchange}"]

    fetched = nbgrader(course, "fetch_assignment", "vong-1-lan-1", *common, cwd=home)
    assert fetched.returncode == 0, fetched.stderr
    folder = home / "vong-1-lan-1"
    notebook = folder / "vong-1.ipynb"
    text = notebook.read_text(encoding="utf-8")
    assert "BEGIN HIDDEN TESTS" not in text and "check_slot" not in text  # no key, no grader

    sheet = AnswerSheet(round="vong-1", attempt=1, participant=STUDENT, answers={"1": "A"})
    (folder / "answers.json").write_bytes(dump_answer_sheet(sheet))
    executed = subprocess.run(
        [
            str(BIN / "jupyter"),
            "nbconvert",
            "--to",
            "notebook",
            "--execute",
            "--inplace",
            str(notebook),
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert executed.returncode == 0, executed.stderr
    shown = json.dumps(nbformat.read(notebook, as_version=4).cells[1].outputs, ensure_ascii=False)
    assert "Phiếu trả lời" in shown  # the answer-sheet cell read answers.json as data

    submitted = nbgrader(
        course,
        "submit",
        "vong-1-lan-1",
        *common,
        f"--CourseDirectory.student_id={STUDENT}",
        cwd=home,
    )
    assert submitted.returncode == 0, submitted.stderr
    inbound = Intake(course).layout.inbound
    [entry] = [p for p in inbound.iterdir() if p.name.startswith(STUDENT + "+")]
    assert json.loads((entry / "answers.json").read_bytes())["answers"] == {"1": "A"}

    collected = nbgrader(course, "collect", "vong-1-lan-1")
    assert collected.returncode == 0, collected.stderr
    copy = course / "submitted" / STUDENT / "vong-1-lan-1"
    assert json.loads((copy / "answers.json").read_bytes())["answers"] == {"1": "A"}
    score = submission_score(copy)
    assert score.problem is None and len(score.slots) == 10

    intake = Intake(course)
    reconcile_inbound(intake)
    attempt = intake.ledger.get(STUDENT, "vong-1", 1)
    assert attempt.submitted and attempt.source == "nbgrader"
    assert {"no_start_time", "unregistered"} <= attempt.flags
