"""Scoring one attempt from its answers file — what every hidden test of the paper runs.

The paper notebook's hidden test for slot *k* is ``check_slot(k)``. nbgrader's autograde
runs it in ``<course>/autograded/<student>/<assignment>/``; from that place (not from
anything the participant wrote) it learns the participant and the attempt, recomputes their
paper from the frozen contest, reads ``answers.json`` as data, and fails unless slot *k* holds
the key. A faster grader calls :func:`score_attempt` directly and gets the same verdicts.

    score = score_attempt(contest, "ts-3f9a2c1b", "vong-1", 2, answers_bytes)
    score.correct, score.points, score.prediction, score.problem
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from quizzes.answers import ANSWERS_FILE, MAX_ANSWERS_BYTES, SheetProblem, read_answer_sheet
from quizzes.i18n import translate
from quizzes.papers import is_correct

from .contest_store import FrozenContest, load_frozen
from .messages import MESSAGES

__all__ = ["SlotResult", "AttemptScore", "score_attempt", "submission_score", "check_slot"]


@dataclass(frozen=True)
class SlotResult:
    number: int
    question_id: str
    shown: object  # the answer as the participant chose it (letters as displayed)
    correct: bool
    points: float


@dataclass(frozen=True)
class AttemptScore:
    participant: str
    round_id: str
    attempt: int
    slots: tuple[SlotResult, ...]
    prediction: int | None
    problem: str | None  # SheetProblem code when the answers file was unusable

    @property
    def correct(self) -> int:
        return sum(slot.correct for slot in self.slots)

    @property
    def points(self) -> float:
        return sum(slot.points for slot in self.slots)


def score_attempt(
    contest: FrozenContest,
    participant: str,
    round_id: str,
    attempt: int,
    answers: bytes | None,
    kind: str = "official",
) -> AttemptScore:
    paper = contest.paper(participant, round_id, attempt, kind)
    questions = contest.questions(round_id)
    points = contest.round(round_id).paper.points_per_question
    try:
        sheet = read_answer_sheet(answers)
        problem = None
    except SheetProblem as error:
        sheet, problem = None, error.code
    results = []
    for slot in paper.slots:
        shown = sheet.answer(slot.number) if sheet else None
        right = is_correct(questions[slot.question_id], slot, shown)
        results.append(
            SlotResult(slot.number, slot.question_id, shown, right, points if right else 0.0)
        )
    prediction = sheet.prediction if sheet else None
    return AttemptScore(participant, round_id, attempt, tuple(results), prediction, problem)


def _course_root(directory: Path) -> Path:
    """``<root>`` of ``<root>/<step>/<student>/<assignment>``, exactly three levels up.

    Never searched from the submission upwards: a participant could plant a ``contest/``
    folder with a forged key inside their own submission.
    """
    parents = directory.parents
    if len(parents) >= 3 and (parents[2] / "contest" / "spec.json").is_file():
        return parents[2]
    raise LookupError(translate(MESSAGES, "not_in_course", path=directory))


def _read_answers(directory: Path) -> bytes | None:
    path = directory / ANSWERS_FILE
    # A symlink could point anywhere (another participant, the key): never follow it.
    if path.is_symlink() or not path.is_file():
        return None
    with path.open("rb") as handle:
        return handle.read(MAX_ANSWERS_BYTES + 1)


def submission_score(directory: Path) -> AttemptScore:
    """Score the submission in ``<course>/<step>/<student>/<assignment>/`` (any nbgrader step)."""
    directory = directory.resolve()
    root = _course_root(directory)
    student, assignment = directory.parent.name, directory.name
    contest = load_frozen(root)
    found = contest.assignment(assignment)
    if found is None:
        raise LookupError(translate(MESSAGES, "unknown_assignment", assignment=assignment))
    round_id, attempt = found
    return score_attempt(contest, student, round_id, attempt, _read_answers(directory))


@lru_cache(maxsize=4)
def _cached_score(directory: str, stamp: tuple) -> AttemptScore:
    return submission_score(Path(directory))


def check_slot(number: int, directory: str | Path = ".") -> None:
    """The hidden test of slot ``number``: passes only if the participant chose the key."""
    folder = Path(directory).resolve()
    if folder.parent.name == "source" or folder.parent.parent.name == "source":
        return  # the instructor's source has no participant: nothing to check (nbgrader validate)
    answers = folder / ANSWERS_FILE
    stamp = answers.stat().st_mtime_ns if answers.is_file() else None
    score = _cached_score(str(folder), (stamp,))
    if score.problem is not None:
        raise AssertionError(translate(MESSAGES, "sheet_unusable", code=score.problem))
    if not 1 <= number <= len(score.slots):
        raise AssertionError(translate(MESSAGES, "no_such_slot", number=number))
    if not score.slots[number - 1].correct:
        raise AssertionError(translate(MESSAGES, "slot_wrong", number=number))
