"""The fast engine: what every hidden test would conclude, without starting a kernel.

The hidden test of slot *k* is ``check_slot(k)``: it recomputes the participant's paper, reads
``answers.json`` as data and fails unless slot *k* holds the key; nbgrader then gives the cell
its points when the test passes and 0 when it fails. This engine calls the same
:func:`grading.paper_check.score_attempt` on the same bytes (read by
:mod:`grading.grade_submission`, as the nbgrader engine stages them) and writes the same
numbers: ``max_score`` for a passing test cell, 0 for a failing one; for an essay answer cell,
0 with nbgrader's "No response." when blank, else no automatic score (manual grading).

    grader = FastGrader(course_root, structures)
    graded = grader.grade(job)        # a GradedAttempt, never an exception for bad input
"""

from __future__ import annotations

from pathlib import Path

from quizzes.answers import SheetProblem, read_answer_sheet
from quizzes.schema import QuestionType

from .contest_store import FrozenContest, load_frozen
from .grade_record import NO_RESPONSE, GradedAttempt, Job, answer_facts, attempt_digest
from .grade_submission import ReleaseNotebook, Submission, read_submission
from .gradebook_db import NotebookStructure
from .paper_check import score_attempt

__all__ = ["ENGINE", "FastGrader", "slot_of_cell", "sheet_extras"]

ENGINE = "fast"


def slot_of_cell(name: str) -> int | None:
    """The slot number of a paper cell id ``cau-NN`` (see grading.paper_notebook)."""
    prefix, _, number = name.partition("-")
    return int(number) if prefix == "cau" and number.isdigit() else None


class _OnePaper:
    """The contest seen by ``score_attempt`` with one paper already drawn (drawn once, not
    twice: the paper is also needed for the responses)."""

    def __init__(self, contest: FrozenContest, paper):
        self._contest, self._paper = contest, paper

    def paper(self, participant_id, round_id, attempt, kind="official"):
        paper = self._paper
        if (participant_id, round_id, attempt, kind) != (
            paper.participant_id,
            paper.round_id,
            paper.attempt,
            paper.kind,
        ):
            raise ValueError("paper mismatch")
        return paper

    def questions(self, round_id):
        return self._contest.questions(round_id)

    def round(self, round_id):
        return self._contest.round(round_id)


def sheet_extras(answers: bytes | None, slots: int) -> tuple[dict[int, str], bool]:
    """Essay texts and whether answers name question numbers the paper does not have."""
    try:
        sheet = read_answer_sheet(answers)
    except SheetProblem:
        return {}, False
    unknown = any(int(key) > slots for key in sheet.answers)
    essays = getattr(sheet, "essays", None) or {}
    texts = {int(k): v for k, v in essays.items() if int(k) <= slots and v.strip()}
    unknown = unknown or any(int(k) > slots for k in essays)
    return texts, unknown


class FastGrader:
    def __init__(self, course_root: Path, structures: dict[str, NotebookStructure | None]):
        self.root = Path(course_root)
        self.contest = load_frozen(self.root)
        self.structures = structures
        self._releases: dict[str, ReleaseNotebook] = {}
        self._last = None

    def release(self, job: Job) -> ReleaseNotebook:
        if job.assignment not in self._releases:
            # Attempts beyond the allowance have no release of their own: attempt 1's is
            # the same notebook (one paper notebook per round).
            folder = self.root / "release"
            path = folder / job.assignment / job.notebook_name
            if not path.is_file():
                path = folder / f"{job.round_id}-lan-1" / job.notebook_name
            self._releases[job.assignment] = ReleaseNotebook.read(path)
        return self._releases[job.assignment]

    def read(self, job: Job) -> Submission:
        return read_submission(Path(job.path), job.notebook_name, self.release(job))

    def paper(self, job: Job):
        """The job's paper, drawn once per job (the last one is kept)."""
        key = (job.participant, job.round_id, job.number)
        if self._last is None or self._last[0] != key:
            self._last = (key, self.contest.paper(*key))
        return self._last[1]

    def facts(self, job: Job, submission: Submission):
        contest = self.contest
        paper = self.paper(job)
        score = score_attempt(
            _OnePaper(contest, paper), job.participant, job.round_id, job.number, submission.answers
        )
        essays, unknown = sheet_extras(submission.answers, len(paper.slots))
        max_points = contest.round(job.round_id).paper.max_points
        questions = contest.questions(job.round_id)
        facts = answer_facts(score, paper, questions, max_points, essays, unknown)
        return facts, score, paper

    def grade(self, job: Job, submission: Submission | None = None) -> GradedAttempt:
        submission = submission or self.read(job)
        facts, score, paper = self.facts(job, submission)
        questions = self.contest.questions(job.round_id)
        grades: dict[str, float | None] = {}
        comments: dict[str, str | None] = {}
        structure = self.structures.get(job.assignment)
        for name, (_, max_score) in (structure.grade_cells if structure else {}).items():
            number = slot_of_cell(name)
            slot = paper.slots[number - 1] if number and number <= len(paper.slots) else None
            essay = slot is not None and questions[slot.question_id].type is QuestionType.essay
            if essay or name in structure.solution_cells:
                written = number in facts.essays
                grades[name] = None if written else 0.0
            else:
                right = slot is not None and score.slots[number - 1].correct
                grades[name] = max_score if right else 0.0
        for name in structure.solution_cells if structure else {}:
            comments[name] = None if slot_of_cell(name) in facts.essays else NO_RESPONSE
        return GradedAttempt(
            job=job,
            digest=attempt_digest(job, submission.digest),
            engine=ENGINE,
            grades=grades,
            comments=comments,
            facts=facts,
            reasons=submission.reasons | facts.reasons,
        )
