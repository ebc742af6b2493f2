"""The question-bank schema: one strict definition, enforced on every load.

A bank file is ``{schema_version: 1, questions: [...]}``. Choice answers are option letters
(A = first option) so that per-participant shuffling never touches the key's meaning.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .text import nfc

__all__ = [
    "SCHEMA_VERSION",
    "OPTION_LETTERS",
    "QuestionType",
    "Status",
    "Citation",
    "Topic",
    "RubricItem",
    "Question",
    "BankFile",
]

SCHEMA_VERSION = 1
OPTION_LETTERS = "ABCDEF"
SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
CHOICE_TYPES = {"single", "multiple"}


class QuestionType(StrEnum):
    single = "single"
    multiple = "multiple"
    true_false = "true_false"
    short = "short"
    essay = "essay"


class Status(StrEnum):
    draft = "draft"
    reviewed = "reviewed"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


Text = Annotated[str, Field(min_length=1)]


class Citation(_Strict):
    """Where the key rests: a document of ``quizzes/sources.yaml`` and its article."""

    document: str = Field(
        description="Document id from quizzes/sources.yaml, e.g. luat-10-2022-qh15."
    )
    article: int | None = Field(None, ge=1, description="Article number (Điều).")
    clause: int | None = Field(None, ge=1, description="Clause number (khoản), if any.")
    point: str | None = Field(
        None, pattern=r"^[a-zđ]$", description="Point letter (điểm), e.g. a, b, đ."
    )
    part: str | None = Field(
        None,
        pattern=SLUG,
        description="Named part, for documents whose article numbers we do not hold "
        "(e.g. measure-3 of Resolution 28/2024).",
    )

    @model_validator(mode="after")
    def _locatable(self) -> Citation:
        if self.article is None and self.part is None:
            raise ValueError(
                "article: a citation needs an article (or a part, where articles are unknown)"
            )
        if self.point is not None and self.clause is None:
            raise ValueError("clause: a point (điểm) needs its clause (khoản)")
        return self

    def label(self) -> str:
        pieces = []
        if self.point:
            pieces.append(f"điểm {self.point}")
        if self.clause:
            pieces.append(f"khoản {self.clause}")
        if self.article:
            pieces.append(f"Điều {self.article}")
        if self.part:
            pieces.append(self.part)
        return " ".join(pieces)


class Topic(_Strict):
    """Where a question sits in the syllabus: document / chapter (Chương) / section (Mục)."""

    document: str = Field(description="Document id from quizzes/sources.yaml.")
    chapter: str | None = Field(None, description="Chapter id as in sources.yaml, e.g. II.")
    section: str | None = Field(None, description="Section (Mục) id within the chapter, e.g. 4.")

    @model_validator(mode="after")
    def _section_needs_chapter(self) -> Topic:
        if self.section is not None and self.chapter is None:
            raise ValueError("chapter: a section (Mục) needs its chapter (Chương)")
        return self


class RubricItem(_Strict):
    criterion: Text = Field(description="What the marker looks for, in Vietnamese.")
    points: float = Field(gt=0, description="Points for meeting the criterion.")


Answer = str | list[str] | bool | None


class Question(_Strict):
    id: str = Field(pattern=SLUG, max_length=80, description="Stable slug, unique in the bank.")
    type: QuestionType = Field(description="single | multiple | true_false | short | essay.")
    stem: Text = Field(description="The question text, Vietnamese, NFC.")
    options: list[Text] | None = Field(
        None, description="2–6 options for single/multiple, in key order A, B, C…"
    )
    answer: Answer = Field(
        None,
        description="single: a letter; multiple: a list of letters; true_false: true/false; "
        "short: a list of accepted answers; essay: none.",
    )
    explanation: Text = Field(description="Why the key is right and the distractors wrong.")
    rubric: list[RubricItem] | None = Field(None, description="Essay scoring rubric.")
    citations: list[Citation] = Field(min_length=1, description="Legal sources of the key.")
    topic: Topic = Field(description="Syllabus position, checked against the citations.")
    difficulty: Literal[1, 2, 3] = Field(description="1 easy, 2 medium, 3 hard.")
    tags: list[Annotated[str, Field(pattern=SLUG)]] = Field(
        default_factory=list, description="Free slugs; 'tinh-huong' marks a situational question."
    )
    status: Status = Field(description="draft until a reviewer confirms the key against the text.")
    in_force_from: dt.date = Field(description="Date from which the cited text applies.")
    basis: str | None = Field(
        None, description="Where in the reference material the key rests (file and section)."
    )
    reviewed_by: str | None = Field(None, description="Who reviewed the question.")
    reviewed_on: dt.date | None = Field(None, description="When it was reviewed.")
    notes: str | None = Field(None, description="Reviewer notes: what must still be checked.")

    @field_validator("stem", "explanation", "basis", "notes", mode="before")
    @classmethod
    def _nfc(cls, value: object) -> object:
        return nfc(value) if isinstance(value, str) else value

    @field_validator("options", mode="before")
    @classmethod
    def _nfc_options(cls, value: object) -> object:
        if isinstance(value, list):
            return [nfc(v) if isinstance(v, str) else v for v in value]
        return value

    @model_validator(mode="after")
    def _answer_fits_type(self) -> Question:
        kind = self.type
        if kind in CHOICE_TYPES:
            if self.options is None or not 2 <= len(self.options) <= 6:
                raise ValueError(f"options: a {kind} question needs 2–6 options")
        elif self.options is not None:
            raise ValueError(f"options: a {kind} question has no options")
        if kind is QuestionType.single and not (
            isinstance(self.answer, str) and re.fullmatch(r"[A-F]", self.answer)
        ):
            raise ValueError("answer: a single-choice answer is one option letter, e.g. B")
        if kind is QuestionType.multiple and not (
            isinstance(self.answer, list)
            and len(self.answer) >= 1
            and all(isinstance(a, str) and re.fullmatch(r"[A-F]", a) for a in self.answer)
            and len(set(self.answer)) == len(self.answer)
        ):
            raise ValueError(
                "answer: a multiple-choice answer is a list of distinct letters, e.g. [A, C]"
            )
        if kind is QuestionType.true_false and not isinstance(self.answer, bool):
            raise ValueError("answer: a true/false answer is true or false")
        if kind is QuestionType.short and not (
            isinstance(self.answer, list)
            and self.answer
            and all(isinstance(a, str) and a.strip() for a in self.answer)
        ):
            raise ValueError("answer: a short answer is a list of accepted answers")
        if kind is QuestionType.essay:
            if self.answer is not None:
                raise ValueError("answer: an essay has no answer key; give a rubric")
            if not self.rubric:
                raise ValueError("rubric: an essay needs a rubric")
        elif self.rubric is not None:
            raise ValueError("rubric: only essays have a rubric")
        if self.status is Status.reviewed and not (self.reviewed_by and self.reviewed_on):
            raise ValueError("reviewed_by: a reviewed question needs reviewed_by and reviewed_on")
        return self

    @property
    def situational(self) -> bool:
        return "tinh-huong" in self.tags

    def answer_letters(self) -> list[str]:
        """The key as letters; empty for types without options."""
        if self.type is QuestionType.single:
            return [self.answer]
        if self.type is QuestionType.multiple:
            return list(self.answer)
        return []


class BankFile(_Strict):
    schema_version: Literal[1] = Field(description="Version of this schema; currently 1.")
    questions: list[Question] = Field(min_length=1, description="The questions in this file.")
