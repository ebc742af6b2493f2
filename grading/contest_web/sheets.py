"""Answer sheets as the page sends them: checked before anything is stored, and compared.

sheet, seq = checked_sheet(body, round_id, question_count)   # PageError 400 if not one

A sheet is ``{"answers", "essays", "prediction"}``: letters per slot, the text of each essay
(tự luận) slot, the prediction. An essay is at most ``MAX_ESSAY_CHARS`` characters, and the
whole sheet must stay a readable ``answers.json`` (``MAX_ANSWERS_BYTES``), or the grader could
not use it: a bigger sheet is refused here, before it is stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from pydantic import ValidationError

from quizzes.answers import (
    ANSWERS_FILE,
    MAX_ANSWERS_BYTES,
    MAX_ESSAY_CHARS,
    AnswerSheet,
    SheetProblem,
    dump_answer_sheet,
    read_answer_sheet,
)

from .errors import PageError

__all__ = ["SHEET_KEYS", "checked_sheet", "stored_sheet", "differs"]

SHEET_KEYS = frozenset({"answers", "essays", "prediction", "seq"})
# What the stored file adds to the sheet at most: informational fields at their longest.
_LONGEST = {"round": "r" * 80, "attempt": 999, "participant": "p" * 80}
_SAVED_AT = dt.datetime(2000, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def _integer(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _slots(value: object, count: int) -> bool:
    """A dict whose keys are slot numbers 1…count."""
    return isinstance(value, dict) and all(
        isinstance(k, str) and k.isascii() and k.isdigit() and 1 <= int(k) <= count for k in value
    )


def checked_sheet(body: Mapping, round_id: str, count: int) -> tuple[dict, int | None]:
    """``({"answers", "essays", "prediction"}, seq)`` of a request body, or PageError 400: only
    slot numbers 1…count, letters A–F, essays as text within the limits, an integer prediction
    ≥ 0 — what Intake.save_draft accepts and the grader can read."""
    unknown = set(body) - SHEET_KEYS
    if unknown:
        raise PageError(400, "bad_answers", detail=", ".join(sorted(unknown))[:60])
    answers = body.get("answers", {})
    essays = body.get("essays", {})
    prediction = body.get("prediction")
    seq = body.get("seq")
    if not _slots(answers, count):
        raise PageError(400, "bad_answers", detail="answers")
    if not _slots(essays, count) or not all(isinstance(v, str) for v in essays.values()):
        raise PageError(400, "bad_answers", detail="essays")
    if prediction is not None and not _integer(prediction):
        raise PageError(400, "bad_answers", detail="prediction")
    if seq is not None and not _integer(seq):
        raise PageError(400, "bad_answers", detail="seq")
    sheet = {"answers": answers, "essays": essays, "prediction": prediction}
    try:
        valid = AnswerSheet.model_validate({**_LONGEST, **sheet, "saved_at": _SAVED_AT})
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"][:2])
        if first["loc"][:1] == ("essays",) and first["type"] == "string_too_long":
            number, limit = where.split(".")[-1], f"{MAX_ESSAY_CHARS:,}".replace(",", ".")
            raise PageError(400, "essay_too_long", number=number, limit=limit) from None
        raise PageError(400, "bad_answers", detail=where[:60]) from None
    if essays and len(dump_answer_sheet(valid)) > MAX_ANSWERS_BYTES:
        raise PageError(400, "essays_too_large", limit=MAX_ANSWERS_BYTES // 1024)
    return sheet, seq


def stored_sheet(folder: Path) -> dict | None:
    """The answers, essays and prediction of a stored submission, None if unreadable."""
    try:
        sheet = read_answer_sheet((folder / ANSWERS_FILE).read_bytes())
    except (OSError, SheetProblem):
        return None
    return {
        "answers": dict(sheet.answers),
        "essays": dict(sheet.essays),
        "prediction": sheet.prediction,
    }


def differs(stored: dict | None, sheet: Mapping) -> bool:
    """Whether ``sheet`` says something ``stored`` does not (blank answers and essays
    ignored)."""
    if stored is None:
        return True

    def given(answers: Mapping, essays: Mapping) -> tuple[dict, dict]:
        return (
            {k: v for k, v in answers.items() if v not in (None, [])},
            {k: v for k, v in essays.items() if v.strip()},
        )

    mine = given(sheet["answers"], sheet.get("essays", {}))
    kept = given(stored["answers"], stored.get("essays", {}))
    return mine != kept or stored["prediction"] != sheet["prediction"]
