"""Answer sheets as the page sends them: checked before anything is stored, and compared.

sheet, seq = checked_sheet(body, round_id, question_count)   # PageError 400 if not one
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from pydantic import ValidationError

from quizzes.answers import ANSWERS_FILE, AnswerSheet, SheetProblem, read_answer_sheet

from .errors import PageError

__all__ = ["SHEET_KEYS", "checked_sheet", "stored_sheet", "differs"]

SHEET_KEYS = frozenset({"answers", "prediction", "seq"})


def _integer(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def checked_sheet(body: Mapping, round_id: str, count: int) -> tuple[dict, int | None]:
    """``({"answers", "prediction"}, seq)`` of a request body, or PageError 400: only slot
    numbers 1…count, letters A–F, an integer prediction ≥ 0 — what Intake.save_draft accepts."""
    unknown = set(body) - SHEET_KEYS
    if unknown:
        raise PageError(400, "bad_answers", detail=", ".join(sorted(unknown))[:60])
    answers = body.get("answers", {})
    prediction = body.get("prediction")
    seq = body.get("seq")
    if not isinstance(answers, dict) or not all(
        isinstance(k, str) and k.isascii() and k.isdigit() and 1 <= int(k) <= count for k in answers
    ):
        raise PageError(400, "bad_answers", detail="answers")
    if prediction is not None and not _integer(prediction):
        raise PageError(400, "bad_answers", detail="prediction")
    if seq is not None and not _integer(seq):
        raise PageError(400, "bad_answers", detail="seq")
    sheet = {"answers": answers, "prediction": prediction}
    try:
        AnswerSheet.model_validate({"round": round_id, "attempt": 1, "participant": "-", **sheet})
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"][:2])
        raise PageError(400, "bad_answers", detail=where[:60]) from None
    return sheet, seq


def stored_sheet(folder: Path) -> dict | None:
    """The answers and prediction of a stored submission, None if unreadable."""
    try:
        sheet = read_answer_sheet((folder / ANSWERS_FILE).read_bytes())
    except (OSError, SheetProblem):
        return None
    return {"answers": dict(sheet.answers), "prediction": sheet.prediction}


def differs(stored: dict | None, sheet: Mapping) -> bool:
    """Whether ``sheet`` says something ``stored`` does not (blank answers ignored)."""
    if stored is None:
        return True
    given = {k: v for k, v in sheet["answers"].items() if v not in (None, [])}
    kept = {k: v for k, v in stored["answers"].items() if v not in (None, [])}
    return given != kept or stored["prediction"] != sheet["prediction"]
