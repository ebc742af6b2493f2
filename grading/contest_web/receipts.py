"""The receipt a participant gets for a submission: what was answered, never how well.

Times, the questions left blank (an essay counts once it has text), the prediction, and a
confirmation code (the first 32 bits of the SHA-256 of the stored ``answers.json``, so the
organiser can match a complaint to the exact file). A practice attempt also says how many
answers were right — a count, never which ones. Official scores come from nbgrader, after the
round.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from quizzes.answers import ANSWERS_FILE, SheetProblem, read_answer_sheet

from .. import clock
from ..attempts import Attempt
from ..course_layout import CourseLayout
from ..paper_check import score_attempt
from .page_data import when

__all__ = ["attempt_ref", "make_receipt", "submission_dir", "confirmation_code"]


def attempt_ref(attempt: Attempt) -> dict:
    return {"round": attempt.round_id, "kind": attempt.kind, "number": attempt.number}


def confirmation_code(raw: bytes) -> str:
    digest = hashlib.sha256(raw).hexdigest()[:8].upper()
    return f"{digest[:4]}-{digest[4:]}"


def submission_dir(layout: CourseLayout, attempt: Attempt) -> Path | None:
    folders = {"inbound": layout.inbound, "practice": layout.practice_dir, "held": layout.held_dir}
    folder = folders.get(attempt.location or "")
    return folder / attempt.name if folder and attempt.name else None


def make_receipt(contest, layout: CourseLayout, attempt: Attempt, path: Path | None = None) -> dict:
    """The receipt of a submitted attempt (``contest`` is the FrozenContest)."""
    path = path or submission_dir(layout, attempt)
    answers = path / ANSWERS_FILE if path else None
    raw = answers.read_bytes() if answers and answers.is_file() else b""
    round_ = contest.round(attempt.round_id)
    count = round_.paper.question_count
    try:
        sheet = read_answer_sheet(raw)
        unanswered = [n for n in sheet.unanswered(count) if not sheet.essay(n).strip()]
        prediction = sheet.prediction
    except SheetProblem:
        unanswered, prediction = list(range(1, count + 1)), None
    result = {
        **attempt_ref(attempt),
        "round_title": round_.title,
        "submitted_at": clock.iso(attempt.submitted_at),
        "submitted_text": when(attempt.submitted_at),
        "duration_seconds": int(attempt.duration.total_seconds()) if attempt.duration else None,
        "questions": count,
        "answered": count - len(unanswered),
        "unanswered": unanswered,
        "prediction": prediction,
        "code": confirmation_code(raw),
    }
    if attempt.kind == "practice":
        score = score_attempt(
            contest, attempt.participant, attempt.round_id, attempt.number, raw, kind="practice"
        )
        result["score"] = {"correct": score.correct, "questions": count}
    return result
