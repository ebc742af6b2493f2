"""The project's own bank: every file loads through the schema with no error."""

from __future__ import annotations

from quizzes import BANK_DIR, check_bank, load_bank, load_questions
from quizzes.schema import Status


def test_whole_bank_is_valid() -> None:
    loaded = load_bank([BANK_DIR])
    errors = [p.render() for p in check_bank(loaded) if p.severity == "error"]
    assert errors == []
    assert len(loaded.documents) >= 1


def test_reviewed_questions_say_where_their_key_rests() -> None:
    for question in load_questions().values():
        if question.status is Status.reviewed:
            assert question.basis, question.id
        else:
            assert question.notes, f"{question.id}: a draft must say what is left to check"
