"""Marking one self-check answer, in the kernel only (the key never goes to the browser)."""

from __future__ import annotations

from quizzes.schema import Question, QuestionType
from quizzes.text import normalise_answer

from .messages import tr

__all__ = ["Response", "is_blank", "mark", "key_text", "graded"]

Response = str | list[str] | bool | None


def graded(question: Question) -> bool:
    """Essays are answered but not marked automatically."""
    return question.type is not QuestionType.essay


def is_blank(response: Response) -> bool:
    if response is None:
        return True
    if isinstance(response, str):
        return not response.strip()
    if isinstance(response, list):
        return not response
    return False


def mark(question: Question, response: Response) -> bool | None:
    """True/False for a marked question, None for an essay."""
    kind = question.type
    if kind is QuestionType.essay:
        return None
    if kind is QuestionType.single:
        return response == question.answer
    if kind is QuestionType.multiple:
        return isinstance(response, list) and sorted(response) == sorted(question.answer)
    if kind is QuestionType.true_false:
        return response is question.answer
    if kind is QuestionType.short:
        if not isinstance(response, str):
            return False
        given = normalise_answer(response)
        return any(given == normalise_answer(accepted) for accepted in question.answer)
    raise ValueError(f"unknown question type {kind!r}")  # pragma: no cover - schema forbids


def key_text(question: Question) -> str:
    """The key as shown after answering: 'B', 'A, C', 'Đúng', or the first accepted answer."""
    kind = question.type
    if kind in (QuestionType.single, QuestionType.multiple):
        return ", ".join(question.answer_letters())
    if kind is QuestionType.true_false:
        return tr("true" if question.answer else "false")
    if kind is QuestionType.short:
        return question.answer[0]
    return ""
