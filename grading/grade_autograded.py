"""The graded notebook the fast engine leaves, where nbgrader's autograde leaves its own.

``<course>/autograded/<student>/<assignment>/<round>.ipynb``: formgrader opens it to show a
submission (and to grade essays by hand), ``nbgrader generate_feedback`` reads it. It is the
instructor's source notebook with each hidden-test cell carrying the outcome the test would
have had — nothing on success, the test's ``AssertionError`` otherwise — and each essay answer
cell filled as :mod:`grading.grade_essays` fills it. Written atomically, read-only (0444) like
nbgrader's output.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from quizzes.i18n import translate
from quizzes.schema import QuestionType

from .grade_essays import essay_markdown
from .grade_record import GradedAttempt
from .grade_submission import Submission, cell_grade_id
from .messages import MESSAGES

__all__ = ["autograded_path", "autograded_notebook", "write_autograded"]

_SOURCES: dict[Path, dict] = {}


def autograded_path(root: Path, student: str, assignment: str, notebook: str) -> Path:
    return Path(root) / "autograded" / student / assignment / notebook


def _source(root: Path, assignment: str, notebook: str) -> dict:
    path = Path(root) / "source" / assignment / notebook
    if path not in _SOURCES:
        _SOURCES[path] = json.loads(path.read_text(encoding="utf-8"))
    return _SOURCES[path]


def _error(message: str) -> dict:
    return {
        "output_type": "error",
        "ename": "AssertionError",
        "evalue": message,
        "traceback": [f"\x1b[0;31mAssertionError\x1b[0m: {message}"],
    }


def autograded_notebook(root: Path, grader, record: GradedAttempt) -> dict:
    job = record.job
    source = _source(root, job.assignment, job.notebook_name)
    questions = grader.contest.questions(job.round_id)
    paper = grader.paper(job)
    problem = next((r[8:] for r in record.facts.reasons if r.startswith("answers_")), None)
    problem = None if problem == "unknown_questions" else problem
    cells = []
    for cell in source["cells"]:
        cell = dict(cell)
        name = cell_grade_id(cell)
        if cell.get("cell_type") == "code":
            cell["outputs"], cell["execution_count"] = [], None
        if name in record.grades:
            number = int(name.split("-")[1])
            question = questions[paper.slots[number - 1].question_id]
            if question.type is QuestionType.essay:
                text = record.facts.essays.get(number)
                if text:
                    points = cell["metadata"]["nbgrader"]["points"]
                    cell["source"] = essay_markdown(number, question, text, points)
            elif record.grades[name] == 0:
                key = "sheet_unusable" if problem else "slot_wrong"
                message = translate(MESSAGES, key, code=problem, number=number)
                cell["outputs"] = [_error(message)]
        cells.append(cell)
    return {**source, "cells": cells}


def write_autograded(root: Path, grader, record: GradedAttempt, submission: Submission) -> Path:
    job = record.job
    path = autograded_path(root, job.participant, job.assignment, job.notebook_name)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(autograded_notebook(root, grader, record), ensure_ascii=False, indent=1)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text + "\n", encoding="utf-8")
    os.chmod(temporary, 0o444)
    os.replace(temporary, path)
    return path
