"""The paper notebook of a round: the same for every participant and every attempt.

Each participant gets their own questions, so the notebook holds no question: it holds

1. a locked rules cell (thể lệ);
2. a locked code cell that loads the participant's answers file (``answers.json``, written by
   the answer sheet — answers are data, never code) and shows the answer sheet;
3. one nbgrader autograder-test cell per question slot, worth the slot's points, whose hidden
   test recomputes the participant's paper and compares the chosen option with the key
   (:func:`grading.paper_check.check_slot`) — nbgrader strips hidden tests from the release,
   so the release holds no key and no way to reach one; an essay slot (tự luận) gets a
   manually graded answer cell instead, filled from ``answers.json`` when graded
   (:mod:`grading.preprocessors.fill_essays`) and scored by hand in formgrader;
4. a locked cell stating the prediction question (its answer is in ``answers.json``).
"""

from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from quizzes.contest_spec import ContestSpec, Round
from quizzes.schema import QuestionType

__all__ = ["paper_notebook", "rules_text", "SHEET_CELL", "ESSAY_STUB", "slot_grade_id"]

SHEET_CELL = "phieu-tra-loi"
LAB_HINT = (
    "\n\n## Cách làm bài trên JupyterLab\n"
    "1. Chạy ô Phiếu trả lời bên dưới (Run › Run All Cells).\n"
    "2. Nhập mã làm bài Ban Tổ chức cấp cho bạn và bấm «Mở đề thi».\n"
    "3. Trả lời; câu trả lời được lưu tự động.\n"
    "4. Làm xong, mở Assignments (menu Nbgrader) và bấm Submit ở lượt thi này. Trên "
    "JupyterLab bài không tự nộp khi hết giờ: hãy tự nộp trong thời gian làm bài; giờ nộp do "
    "máy chủ ghi nhận."
)
# nbgrader replaces an essay's answer cell with this text in the release (ClearSolutions).
ESSAY_STUB = "Viết bài làm của câu này trong Phiếu trả lời ở đầu bài thi."
COUNTING = {
    "best": "kết quả cao nhất trong các lượt được tính",
    "earliest_full": "lượt sớm nhất đạt điểm tối đa được tính (nếu không có, lượt cao điểm nhất)",
    "sum": "tổng điểm các lượt được tính",
}
RANK_TEXT = {
    "correct": "nhiều câu trả lời đúng hơn",
    "prediction_error": "dự đoán gần đúng hơn",
    "duration": "thời gian làm bài ngắn hơn",
    "started_at": "bắt đầu làm bài sớm hơn",
    "submitted_at": "nộp bài sớm hơn",
    "full_score_attempts": "nhiều lượt đạt điểm tối đa hơn",
}


def slot_grade_id(number: int) -> str:
    return f"cau-{number:02d}"


def _locked(cell, grade_id: str):
    cell.metadata["nbgrader"] = {
        "grade": False,
        "solution": False,
        "locked": True,
        "grade_id": grade_id,
        "schema_version": 3,
    }
    cell.metadata["deletable"] = False
    cell.metadata["editable"] = False
    return cell


def _essay_cell(number: int, points: float):
    """A manually graded answer cell (nbgrader: grade + solution): the text comes from the
    answers file at grading time; the marker sees question, answer and rubric in formgrader."""
    cell = new_markdown_cell(
        f"**Câu {number} (tự luận).** Bài làm được viết trong Phiếu trả lời ở đầu bài thi và "
        "chấm tay theo hướng dẫn chấm của Ban Tổ chức."
    )
    cell.metadata["nbgrader"] = {
        "grade": True,
        "solution": True,
        "locked": False,
        "points": points,
        "grade_id": slot_grade_id(number),
        "schema_version": 3,
    }
    return cell


def _when(moment) -> str:
    return moment.strftime("%H giờ %M ngày %d/%m/%Y")


def _question_kinds(paper) -> str:
    """ "20 câu hỏi trắc nghiệm", or "18 câu hỏi trắc nghiệm và 2 câu hỏi tự luận"."""
    essays = sum(q.count for q in paper.quotas if q.type is QuestionType.essay)
    choices = paper.question_count - essays
    parts = [f"{choices} câu hỏi trắc nghiệm"] if choices else []
    if essays:
        parts.append(f"{essays} câu hỏi tự luận (chấm tay theo hướng dẫn chấm)")
    return " và ".join(parts)


def rules_text(spec: ContestSpec, round_: Round) -> str:
    paper = round_.paper
    points = f"{paper.points_per_question:g}"
    prediction_part = " và 1 câu hỏi dự đoán" if spec.prediction_for(round_) is not None else ""
    lines = [
        f"# {spec.title}",
        f"**{round_.title}** — {spec.organiser}",
        "",
        "## Thể lệ",
        f"- Thời gian: từ {_when(round_.opens)} đến {_when(round_.closes)} (giờ Việt Nam).",
        f"- Mỗi lượt thi gồm {_question_kinds(paper)} ({points} điểm/câu, "
        f"tối đa {paper.max_points:g} điểm){prediction_part}.",
        f"- Thời gian làm bài {paper.time_limit_minutes} phút mỗi lượt, tính theo giờ máy chủ "
        "từ khi bắt đầu; hết giờ, bài được nộp tự động.",
        f"- Mỗi người được thi tối đa {paper.attempts} lượt; {COUNTING[paper.counting]}.",
        "- Câu hỏi và thứ tự phương án của mỗi người, mỗi lượt là khác nhau.",
        "- Khi bằng điểm, người có "
        + ", rồi ".join(RANK_TEXT[key] for key in spec.ranking[1:])
        + " xếp trên."
        + (" Câu hỏi dự đoán không tính điểm." if prediction_part else ""),
    ]
    if paper.practice:
        lines.append("- Có chế độ thi thử; kết quả thi thử không được tính.")
    if spec.rules:
        lines += ["", spec.rules]
    return "\n".join(lines)


def paper_notebook(spec: ContestSpec, round_: Round) -> nbformat.NotebookNode:
    cells = [_locked(new_markdown_cell(rules_text(spec, round_) + LAB_HINT), "the-le")]
    sheet = new_code_cell(
        "# Phiếu trả lời: chạy ô này, nhập mã làm bài và trả lời; câu trả lời được lưu tự động\n"
        "# vào answers.json (không sửa ô này).\n"
        "from widgets.answer_sheet import answer_sheet\n"
        "answer_sheet()"
    )
    sheet.metadata["jupyter"] = {"source_hidden": True}  # participants see the sheet, not code
    cells.append(_locked(sheet, SHEET_CELL))
    points = round_.paper.points_per_question
    kinds = [q.type for q in round_.paper.quotas for _ in range(q.count)]
    for number in range(1, round_.paper.question_count + 1):
        if kinds[number - 1] is QuestionType.essay:
            cells.append(_essay_cell(number, points))
            continue
        cell = new_code_cell(
            f"# Câu {number}: chấm tự động theo đáp án của Ban Tổ chức (không sửa ô này).\n"
            "### BEGIN HIDDEN TESTS\n"
            "from grading.paper_check import check_slot\n"
            f"check_slot({number})\n"
            "### END HIDDEN TESTS"
        )
        cell.metadata["nbgrader"] = {
            "grade": True,
            "solution": False,
            "locked": True,
            "points": points,
            "grade_id": slot_grade_id(number),
            "schema_version": 3,
        }
        cell.metadata["deletable"] = False
        cell.metadata["editable"] = False
        cell.metadata["jupyter"] = {"source_hidden": True}
        cells.append(cell)
    prediction = spec.prediction_for(round_)
    if prediction is not None:
        text = (
            "## Câu hỏi dự đoán\n"
            f"{prediction.shown_text(round_.title)}\n\n"
            "Câu trả lời (số nguyên, không âm) được ghi trong phiếu trả lời. Câu này không tính "
            "điểm, chỉ dùng để xếp hạng khi bằng điểm."
        )
        cells.append(_locked(new_markdown_cell(text), "du-doan"))
    notebook = new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "name": "python3",
    }
    notebook.metadata["language_info"] = {"name": "python"}
    return notebook
