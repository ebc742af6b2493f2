"""The answers file of one attempt (``answers.json``): answers are data, never code.

The answer sheet (widget or contest page) writes it next to the paper notebook; the grader
reads it with :func:`read_answer_sheet`, which never raises on bad input but says why it could
not use it. Answers are the letters *as shown to the participant*; the grader maps them back
to bank letters through the recomputed paper (``quizzes.papers``).

    {"schema_version": 1, "round": "vong-1", "attempt": 2, "participant": "ts-3f9a2c1b",
     "answers": {"1": "B", "2": null, "3": ["A", "C"]}, "prediction": 1250,
     "essays": {"4": "Theo Điều 11, …"},
     "saved_at": "2026-12-01T09:14:03+07:00"}

``round``, ``attempt`` and ``participant`` are informational: the grader takes them from the
server's records and the submission's place in nbgrader's directories.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError, field_validator

__all__ = [
    "ANSWERS_FILE",
    "PAPER_FILE",
    "MAX_ANSWERS_BYTES",
    "MAX_ESSAY_CHARS",
    "AnswerSheet",
    "SheetProblem",
    "read_answer_sheet",
    "dump_answer_sheet",
]

ANSWERS_FILE = "answers.json"
PAPER_FILE = "paper.json"  # the keyless paper view kept beside it (never trusted by the grader)
MAX_ANSWERS_BYTES = 256 * 1024  # a full sheet is < 2 KB; anything this big is not a sheet
MAX_ESSAY_CHARS = 20_000  # per essay answer (a few pages)
Letter = Annotated[str, Field(pattern=r"^[A-F]$")]


class AnswerSheet(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1] = Field(1, description="Version of this format; currently 1.")
    round: str = Field(max_length=80, description="Round id (informational).")
    attempt: StrictInt = Field(ge=0, description="Attempt number (informational).")
    participant: str = Field(max_length=80, description="Participant id (informational).")
    answers: dict[str, Letter | list[Letter] | None] = Field(
        default_factory=dict,
        description="Slot number ('1'…) → the letter shown, a list of letters, or null.",
    )
    essays: dict[str, Annotated[str, Field(max_length=MAX_ESSAY_CHARS)]] = Field(
        default_factory=dict,
        description="Slot number ('1'…) → the written answer of an essay question (tự luận).",
    )
    prediction: StrictInt | None = Field(
        None, ge=0, le=10**9, description="Prediction (integer ≥ 0), or null."
    )
    saved_at: dt.datetime | None = Field(None, description="When the sheet was last saved.")

    @field_validator("answers", "essays")
    @classmethod
    def _slot_keys(cls, value: dict) -> dict:
        for key in value:
            if not (key.isascii() and key.isdigit() and 1 <= int(key) <= 200):
                raise ValueError(f"answers: '{key[:20]}' is not a question number")
        return value

    def answer(self, slot: int) -> str | list[str] | None:
        return self.answers.get(str(slot))

    def essay(self, slot: int) -> str:
        return self.essays.get(str(slot), "")

    def unanswered(self, slots: int) -> list[int]:
        return [n for n in range(1, slots + 1) if self.answer(n) in (None, [])]


class SheetProblem(ValueError):
    """Why an answers file could not be used: code in {missing, too_large, not_utf8,
    not_json, schema}."""

    def __init__(self, code: str, detail: str = ""):
        self.code = code
        self.detail = detail
        super().__init__(f"{code}: {detail}" if detail else code)


def _no_constants(name: str) -> object:
    raise ValueError(f"{name} is not allowed")


def read_answer_sheet(data: bytes | None) -> AnswerSheet:
    """Parse an answers file strictly; raises SheetProblem (never anything else)."""
    if data is None:
        raise SheetProblem("missing")
    if len(data) > MAX_ANSWERS_BYTES:
        raise SheetProblem("too_large", f"{len(data)} bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SheetProblem("not_utf8", str(error)) from None
    try:
        raw = json.loads(text, parse_constant=_no_constants)
    except (ValueError, RecursionError) as error:
        raise SheetProblem("not_json", str(error)[:200]) from None
    try:
        return AnswerSheet.model_validate(raw)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        raise SheetProblem("schema", f"{where}: {first['msg']}"[:200]) from None


def dump_answer_sheet(sheet: AnswerSheet) -> bytes:
    return (sheet.model_dump_json(indent=1) + "\n").encode("utf-8")
