"""What grading one attempt produces, whichever engine graded it.

``grades`` and ``comments`` are the rows nbgrader keeps per cell (``grade.auto_score``,
``comment.auto_comment``); the rest is what ranking, statistics and feedback need and is kept
in our state table (:mod:`grading.gradebook_db`). :func:`answer_facts` reads the answers as data
(through :func:`grading.paper_check.score_attempt`, the function every hidden test runs) and is
shared by both engines, so correct counts, predictions and responses never depend on the engine.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from quizzes.papers import Paper
from quizzes.schema import Question, QuestionType

from .paper_check import AttemptScore

__all__ = [
    "GRADER_VERSION",
    "NO_RESPONSE",
    "attempt_digest",
    "Job",
    "GradedAttempt",
    "AnswerFacts",
    "answer_facts",
    "encode_responses",
    "decode_responses",
]

GRADER_VERSION = "1"  # part of every digest: change it when grading rules change
NO_RESPONSE = "No response."  # nbgrader's auto comment for an untouched answer cell


@dataclass(frozen=True)
class Job:
    """One attempt to grade: the ledger's attempt and the submission directory chosen."""

    attempt_id: int
    participant: str
    round_id: str
    number: int
    assignment: str
    path: str  # the inbound submission directory
    submitted_at: dt.datetime  # server time (the ledger's, or the inbound name's)
    notebook_name: str
    fingerprint: str  # of the round's papers (seed, quotas, pool)
    in_gradebook: bool  # False: nbgrader has no such assignment (beyond the allowance)


def attempt_digest(job: Job, submission_digest: str) -> str:
    """What a grade depends on: the submitted bytes, the papers, the time, the rules."""
    material = "|".join(
        (
            GRADER_VERSION,
            submission_digest,
            job.fingerprint,
            job.submitted_at.isoformat(),
            job.assignment,
            str(job.in_gradebook),
        )
    )
    return hashlib.sha256(material.encode()).hexdigest()


@dataclass(frozen=True)
class AnswerFacts:
    correct: int
    points: float
    max_points: float
    prediction: int | None
    responses: tuple[tuple[int, str, str | None, bool], ...]  # position, question, letter, ok
    essays: dict[int, str]  # slot -> text of essay answers (tự luận)
    reasons: frozenset[str]


@dataclass(frozen=True)
class GradedAttempt:
    job: Job
    digest: str
    engine: str
    grades: dict[str, float | None]  # grade cell name -> auto score (None: manual grading)
    comments: dict[str, str | None]  # solution/task cell name -> auto comment
    facts: AnswerFacts
    reasons: frozenset[str] = field(default_factory=frozenset)

    @property
    def flagged(self) -> bool:
        """Shown as flagged in formgrader: something in the submission needs a look."""
        return bool(self.reasons)


def _bank_letter(question: Question, slot, shown: object) -> str | None:
    if question.type is QuestionType.true_false:
        return shown if shown in ("A", "B") else None
    if isinstance(shown, list):  # several letters: the first in bank order stands for them
        letters = sorted(filter(None, (slot.bank_letter(s) for s in shown)))
        return letters[0] if letters else None
    return slot.bank_letter(shown) if isinstance(shown, str) else None


def answer_facts(
    score: AttemptScore,
    paper: Paper,
    questions: dict[str, Question],
    max_points: float,
    essays: dict[int, str] | None = None,
    unknown_slots: bool = False,
) -> AnswerFacts:
    reasons = set()
    if score.problem is not None:
        reasons.add(f"answers_{score.problem}")
    if unknown_slots:
        reasons.add("answers_unknown_questions")
    responses = []
    for slot, result in zip(paper.slots, score.slots, strict=True):
        question = questions[slot.question_id]
        if question.type is QuestionType.essay:
            continue
        letter = _bank_letter(question, slot, result.shown)
        responses.append((slot.number, slot.question_id, letter, result.correct))
    return AnswerFacts(
        correct=score.correct,
        points=score.points,
        max_points=max_points,
        prediction=score.prediction,
        responses=tuple(responses),
        essays=dict(essays or {}),
        reasons=frozenset(reasons),
    )


def encode_responses(responses) -> str:
    """``position:question:letter:0|1`` joined by ``;`` (a blank letter is empty)."""
    return ";".join(f"{p}:{q}:{letter or ''}:{int(ok)}" for p, q, letter, ok in responses)


def decode_responses(text: str) -> list[tuple[int, str, str | None, bool]]:
    items = []
    for part in filter(None, text.split(";")):
        position, question, letter, ok = part.split(":")
        items.append((int(position), question, letter or None, ok == "1"))
    return items
