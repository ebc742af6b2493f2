"""The answer-sheet cell of the paper notebook: show the participant's answers, read-only.

Runs in the participant's kernel (JupyterLab) and in nbgrader's autograde. It reads
``paper.json`` (the keyless paper view written when the attempt started) and ``answers.json``
from the notebook's directory and never raises: a missing or broken file gives a message.
The interactive answer sheet (widgets) replaces this view; the files stay the contract.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from quizzes.answers import ANSWERS_FILE, AnswerSheet, SheetProblem, read_answer_sheet

__all__ = ["PAPER_FILE", "show_answer_sheet", "sheet_html"]

PAPER_FILE = "paper.json"


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes() if path.is_file() and not path.is_symlink() else None
    except OSError:
        return None


def sheet_html(paper: dict | None, sheet: AnswerSheet | None, problem: str | None) -> str:
    rows = []
    questions = (paper or {}).get("questions") or []
    for item in questions if isinstance(questions, list) else []:
        if not isinstance(item, dict):
            continue
        number = item.get("number")
        answer = sheet.answer(number) if sheet and isinstance(number, int) else None
        shown = ", ".join(answer) if isinstance(answer, list) else (answer or "—")
        rows.append(
            f"<tr><td>Câu {html.escape(str(number))}</td>"
            f"<td>{html.escape(str(item.get('stem', '')))}</td>"
            f"<td><b>{html.escape(shown)}</b></td></tr>"
        )
    parts = ["<h3>Phiếu trả lời</h3>"]
    if problem:
        parts.append(f"<p>{html.escape(problem)}</p>")
    if rows:
        parts.append("<table>" + "".join(rows) + "</table>")
    if sheet is not None and sheet.prediction is not None:
        parts.append(f"<p>Dự đoán: <b>{sheet.prediction}</b></p>")
    return "".join(parts)


def show_answer_sheet(directory: str | Path = ".") -> AnswerSheet | None:
    folder = Path(directory)
    problem = None
    try:
        sheet = read_answer_sheet(_read(folder / ANSWERS_FILE))
    except SheetProblem as error:
        sheet = None
        problem = (
            "Chưa có câu trả lời nào."
            if error.code == "missing"
            else f"Không đọc được phiếu trả lời ({error.code})."
        )
    try:
        paper = json.loads(_read(folder / PAPER_FILE) or b"null")
    except ValueError:
        paper = None
    try:
        from IPython.display import HTML, display

        display(HTML(sheet_html(paper if isinstance(paper, dict) else None, sheet, problem)))
    except ImportError:  # outside IPython: nothing to show
        pass
    return sheet
