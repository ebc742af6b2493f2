"""Schema rules checked directly on the models (the file tests cover locations)."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from pydantic import ValidationError

from quizzes.schema import Citation, Question, Topic

BASE = {
    "id": "x-1",
    "type": "single",
    "stem": "Câu hỏi?",
    "options": ["Một", "Hai"],
    "answer": "A",
    "explanation": "Vì.",
    "citations": [{"document": "luat-10-2022-qh15", "article": 1}],
    "topic": {"document": "luat-10-2022-qh15", "chapter": "I"},
    "difficulty": 1,
    "status": "draft",
    "in_force_from": "2023-07-01",
}


def make(**changes: object) -> Question:
    return Question.model_validate({**BASE, **changes})


def test_valid_single() -> None:
    question = make()
    assert question.answer_letters() == ["A"]
    assert question.in_force_from == dt.date(2023, 7, 1)


@pytest.mark.parametrize(
    "changes",
    [
        {"options": ["Một"]},  # fewer than 2
        {"options": [str(i) for i in range(7)]},  # more than 6
        {"answer": "a"},  # letters are upper case
        {"answer": ["A"]},  # single takes one letter
        {"type": "multiple", "answer": ["A", "A"]},
        {"type": "true_false"},  # options not allowed
        {"type": "true_false", "options": None, "answer": "true"},
        {"type": "short", "options": None, "answer": "5"},
        {"type": "essay", "options": None, "answer": None},  # rubric missing
        {"rubric": [{"criterion": "x", "points": 1}]},  # rubric only for essays
        {"difficulty": 4},
        {"id": "Bad Id"},
        {"citations": []},
        {"status": "reviewed"},  # reviewer missing
        {"colour": "red"},  # unknown field
        {"schema_version": 1},  # belongs to the file, not the question
    ],
)
def test_invalid(changes: dict) -> None:
    with pytest.raises(ValidationError):
        make(**changes)


def test_each_type_valid() -> None:
    make(type="multiple", options=["A1", "B1", "C1"], answer=["A", "C"])
    make(type="true_false", options=None, answer=False)
    make(type="short", options=None, answer=["năm", "5"])
    make(type="essay", options=None, answer=None, rubric=[{"criterion": "Đủ ý", "points": 2}])
    make(status="reviewed", reviewed_by="Người rà soát", reviewed_on="2026-11-27")


def test_citation_rules() -> None:
    assert Citation(document="d", article=3, clause=2, point="đ").label() == "điểm đ khoản 2 Điều 3"
    with pytest.raises(ValidationError):
        Citation(document="d")  # neither article nor part
    with pytest.raises(ValidationError):
        Citation(document="d", article=3, point="a")  # a point needs its clause
    with pytest.raises(ValidationError):
        Topic(document="d", section="1")  # a section needs its chapter


def test_text_is_stored_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Điều này đúng không?")
    question = make(stem=decomposed, options=[unicodedata.normalize("NFD", "Đúng"), "Sai"])
    assert unicodedata.is_normalized("NFC", question.stem)
    assert question.options[0] == "Đúng"
