"""The read-only answer sheet: what graded notebooks keep of the participant's answers.

Paper notebooks built before the interactive sheet (:mod:`widgets.answer_sheet`) call
:func:`show_answer_sheet`; it reads ``paper.json`` (the keyless paper view) and
``answers.json`` from the notebook's directory as data and never raises.
"""

from __future__ import annotations

from pathlib import Path

from quizzes.answers import PAPER_FILE, AnswerSheet, SheetProblem, read_answer_sheet

__all__ = ["PAPER_FILE", "show_answer_sheet", "sheet_html"]


def sheet_html(paper: dict | None, sheet: AnswerSheet | None, problem: str | None) -> str:
    from widgets.answer_sheet_view import sheet_summary_html

    return sheet_summary_html(paper, sheet, problem)


def show_answer_sheet(directory: str | Path = ".") -> AnswerSheet | None:
    from widgets.answer_sheet import show_summary

    show_summary(Path(directory))
    try:
        return read_answer_sheet(_read(Path(directory) / "answers.json"))
    except SheetProblem:
        return None


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes() if path.is_file() and not path.is_symlink() else None
    except OSError:
        return None
