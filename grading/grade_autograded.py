"""The graded notebook the fast engine leaves, where nbgrader's autograde leaves its own.

``<course>/autograded/<student>/<assignment>/<round>.ipynb``: formgrader opens it to show a
submission (and to grade essays by hand), ``nbgrader generate_feedback`` reads it. It is the
instructor's source notebook with each hidden-test cell carrying the outcome the test would
have had — nothing on success, the test's ``AssertionError`` otherwise — and each essay answer
cell filled as :mod:`grading.grade_essays` fills it.

At contest scale this is most of the fast engine's work, so every cell is serialised once per
assignment and a notebook is joined from those pieces. The file is written before the
attempt's grades are committed, so a crash leaves at worst a notebook that the re-run rewrites.
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

__all__ = ["autograded_path", "NotebookTemplate", "write_autograded"]

_TEMPLATES: dict[Path, NotebookTemplate] = {}
_MARK = "@@cells@@"


def autograded_path(root: Path, student: str, assignment: str, notebook: str) -> Path:
    return Path(root) / "autograded" / student / assignment / notebook


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _error(message: str) -> dict:
    return {
        "output_type": "error",
        "ename": "AssertionError",
        "evalue": message,
        "traceback": [f"\x1b[0;31mAssertionError\x1b[0m: {message}"],
    }


class NotebookTemplate:
    """The source notebook of an assignment, cut into serialised cells."""

    def __init__(self, source: dict):
        self.head, self.tail = _dumps({**source, "cells": _MARK}).split(f'"{_MARK}"')
        self.cells: list[tuple[str | None, dict]] = []
        for cell in source["cells"]:
            cell = dict(cell)
            if cell.get("cell_type") == "code":
                cell["outputs"], cell["execution_count"] = [], None
            self.cells.append((cell_grade_id(cell), cell))
        self.plain = [_dumps(cell) for _, cell in self.cells]
        self._failed: dict[tuple[int, str], str] = {}

    @classmethod
    def of(cls, root: Path, assignment: str, notebook: str) -> NotebookTemplate:
        path = Path(root) / "source" / assignment / notebook
        if path not in _TEMPLATES:
            _TEMPLATES[path] = cls(json.loads(path.read_text(encoding="utf-8")))
        return _TEMPLATES[path]

    def _failing(self, index: int, message: str) -> str:
        key = (index, message)
        if key not in self._failed:
            self._failed[key] = _dumps({**self.cells[index][1], "outputs": [_error(message)]})
        return self._failed[key]

    def render(self, record: GradedAttempt, questions: dict, paper) -> str:
        problem = next((r[8:] for r in record.facts.reasons if r.startswith("answers_")), None)
        problem = None if problem == "unknown_questions" else problem
        parts = []
        for index, (name, cell) in enumerate(self.cells):
            if name not in record.grades:
                parts.append(self.plain[index])
                continue
            number = int(name.split("-")[1])
            question = questions[paper.slots[number - 1].question_id]
            if question.type is QuestionType.essay:
                text = record.facts.essays.get(number)
                if text:
                    points = cell["metadata"]["nbgrader"]["points"]
                    source = essay_markdown(number, question, text, points)
                    parts.append(_dumps({**cell, "source": source}))
                else:
                    parts.append(self.plain[index])
            elif record.grades[name] == 0:
                key = "sheet_unusable" if problem else "slot_wrong"
                message = translate(MESSAGES, key, code=problem, number=number)
                parts.append(self._failing(index, message))
            else:
                parts.append(self.plain[index])
        return self.head + "[" + ",".join(parts) + "]" + self.tail + "\n"


def write_autograded(root: Path, grader, record: GradedAttempt, submission: Submission) -> Path:
    job = record.job
    path = autograded_path(root, job.participant, job.assignment, job.notebook_name)
    template = NotebookTemplate.of(root, job.assignment, job.notebook_name)
    text = template.render(record, grader.contest.questions(job.round_id), grader.paper(job))
    os.makedirs(path.parent, exist_ok=True)
    try:
        handle = open(path, "w", encoding="utf-8")
    except PermissionError:  # nbgrader leaves its files read-only (0444)
        os.unlink(path)
        handle = open(path, "w", encoding="utf-8")
    with handle:
        handle.write(text)
    return path
