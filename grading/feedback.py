"""``dancoso contest feedback``: each participant's feedback page, once the round has closed.

    written = write_feedback(Path("var/demo"), rounds=["vong-1"])

One page per graded attempt, where nbgrader keeps feedback
(``<course>/feedback/<participant>/<assignment>/<round>.html``): the score (nbgrader's, essay
grades included once entered), then every question of the participant's own paper in their
option order — their answer, the key, the explanation and each citation with the article's
text when it was imported (``dancoso sources import``, :mod:`quizzes.legal_library`), else
our explanation alone. Pages are built from the frozen contest and the answers file — never
from notebooks, so no hidden test can leak (nbgrader #917) — and hold nothing of anyone else.
Before a round closes the key is secret: :class:`FeedbackRefused`.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from sqlalchemy import select

from quizzes.answers import ANSWERS_FILE, MAX_ANSWERS_BYTES, SheetProblem, read_answer_sheet
from quizzes.i18n import translate
from quizzes.papers import TRUE_FALSE_OPTIONS, is_correct, shown_key
from quizzes.schema import OPTION_LETTERS, QuestionType

from . import clock
from .contest_store import FrozenContest, load_frozen
from .course_layout import CourseLayout
from .drafts import write_atomic
from .feedback_html import FeedbackItem, FeedbackPage, render_feedback
from .grade_messages import GRADE_MESSAGES, REASONS
from .grade_results import gradebook_scores
from .grade_submission import read_capped
from .gradebook_db import GradebookTables

__all__ = ["FeedbackRefused", "write_feedback", "feedback_page"]


class FeedbackRefused(RuntimeError):
    """The round has not closed, or nothing is graded: no feedback yet."""


@lru_cache(maxsize=16)
def _imported(document: str, root: str | None):
    from quizzes.legal_library import load_imported

    return load_imported(document, Path(root) if root else None)


def _citations(question, library: str | None) -> list[tuple[str, str | None]]:
    from widgets.citations import citation_text

    items = []
    for citation in question.citations:
        text = None
        imported = _imported(citation.document, library)
        if imported is not None and citation.article is not None:
            text = imported.text(citation.article, citation.clause, citation.point)
        items.append((citation_text(citation), text))
    return items


def _essay_grades(
    book: GradebookTables, assignments: set[str]
) -> dict[tuple[str, str, str], float | None]:
    """Scores of answer cells (essays): ``{(assignment, student, cell): score or None}``.

    nbgrader keeps a grade+solution cell as two cells of one name; grades hang on the grade one.
    """
    structures = [book.structure(name) for name in assignments]
    names = {n for s in structures if s is not None for n in s.solution_cells}
    if not names:
        return {}
    t = book.tables
    g, cell, sn, sa, a = (
        t["grade"],
        t["base_cell"],
        t["submitted_notebook"],
        t["submitted_assignment"],
        t["assignment"],
    )
    query = (
        select(a.c.name, sa.c.student_id, cell.c.name.label("cell"))
        .add_columns(g.c.manual_score, g.c.extra_credit, g.c.auto_score, g.c.needs_manual_grade)
        .select_from(g)
        .join(cell, cell.c.id == g.c.cell_id)
        .join(sn, sn.c.id == g.c.notebook_id)
        .join(sa, sa.c.id == sn.c.assignment_id)
        .join(a, a.c.id == sa.c.assignment_id)
        .where(cell.c.name.in_(sorted(names)), a.c.name.in_(sorted(assignments)))
    )
    scores = {}
    with book.engine.connect() as db:
        rows = db.execute(query).all()
    for r in rows:
        structure = book.structure(r.name)
        if structure is None or r.cell not in structure.solution_cells:
            continue
        if r.manual_score is not None:
            score = r.manual_score + (r.extra_credit or 0.0)
        else:
            score = None if r.needs_manual_grade else r.auto_score
        scores[(r.name, r.student_id, r.cell)] = score
    return scores


def feedback_page(
    contest: FrozenContest,
    row,
    answers: bytes | None,
    score: float,
    max_score: float,
    essay_scores: dict,
    library: str | None = None,
) -> FeedbackPage:
    round_ = contest.round(row.round_id)
    paper = contest.paper(row.student, row.round_id, row.attempt_no)
    questions = contest.questions(row.round_id)
    try:
        sheet, notes = read_answer_sheet(answers), []
    except SheetProblem as error:
        sheet = None
        reason = f"answers_{error.code}"
        notes = [f"Phiếu trả lời: {translate(REASONS, reason)} — không câu nào được tính điểm."]
    items = []
    for slot in paper.slots:
        question = questions[slot.question_id]
        options = question.options or list(TRUE_FALSE_OPTIONS)
        shown = [(OPTION_LETTERS[i], options[bank]) for i, bank in enumerate(slot.order)]
        item = FeedbackItem(
            number=slot.number,
            stem=question.stem,
            options=shown,
            chosen=[],
            key=[],
            correct=False,
            explanation=question.explanation,
            citations=_citations(question, library),
        )
        if question.type is QuestionType.essay:
            cell = f"cau-{slot.number:02d}"
            item.essay = sheet.essay(slot.number) if sheet else ""
            item.essay_score = essay_scores.get((row.assignment, row.student, cell))
            item.essay_max = round_.paper.points_per_question
            item.rubric = [f"{r.criterion} ({r.points:g} điểm)" for r in question.rubric or []]
        else:
            answer = sheet.answer(slot.number) if sheet else None
            item.chosen = answer if isinstance(answer, list) else [answer] if answer else []
            key = shown_key(question, slot)
            item.key = key if isinstance(key, list) else [key]
            item.correct = is_correct(question, slot, answer)
        items.append(item)
    submitted = dt.datetime.fromisoformat(row.submitted_at)
    return FeedbackPage(
        contest_title=contest.spec.title,
        round_title=round_.title,
        participant=row.student,
        attempt=row.attempt_no,
        submitted_at=clock.in_vietnam(submitted).strftime("%H:%M:%S ngày %d/%m/%Y"),
        score=score,
        max_score=max_score,
        correct=row.correct,
        questions=len(paper.slots),
        prediction=row.prediction,
        notes=notes,
        items=items,
    )


def write_feedback(
    course_dir: Path,
    *,
    rounds: list[str] | None = None,
    out: Path | None = None,
    now: dt.datetime | None = None,
    library: Path | None = None,
) -> list[Path]:
    """Write the pages of every graded attempt of closed rounds; returns the files."""
    layout = CourseLayout.open(course_dir)
    contest = load_frozen(layout.root)
    moment = clock.in_vietnam(now or clock.now())
    wanted = [contest.round(r) for r in rounds] if rounds else list(contest.spec.rounds)
    still_open = [r for r in wanted if moment <= r.closes]
    if still_open and (rounds or len(still_open) == len(wanted)):
        first = still_open[0]
        closes = clock.in_vietnam(first.closes).strftime("%H:%M %d/%m/%Y")
        raise FeedbackRefused(
            translate(GRADE_MESSAGES, "round_not_closed", round=first.id, closes=closes)
        )
    closed = {r.id for r in wanted if moment > r.closes}
    folder = Path(out or layout.root / "feedback")
    book = GradebookTables.open(layout.root)
    try:
        with book.engine.connect() as db:
            rows = [r for r in db.execute(select(book.state)).all() if r.round_id in closed]
        if not rows:
            raise FeedbackRefused(translate(GRADE_MESSAGES, "not_graded"))
        scores = gradebook_scores(book)
        essays = _essay_grades(book, {row.assignment for row in rows})
        written = []
        for row in rows:
            structure = book.structure(row.assignment)
            score = scores.get((row.assignment, row.student), row.points)
            maximum = structure.max_score if structure else row.max_points
            answers = read_capped(
                layout.inbound / row.submission / ANSWERS_FILE, MAX_ANSWERS_BYTES + 1
            )
            page = feedback_page(
                contest, row, answers, score, maximum, essays, str(library) if library else None
            )
            path = folder / row.student / row.assignment / f"{row.round_id}.html"
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, render_feedback(page).encode("utf-8"))
            # nbgrader's release_feedback names the page after the submission's secret, so
            # JupyterLab's "Fetch Feedback" finds it: keep both files beside the page, as
            # nbgrader's own generate_feedback does.
            for name in ("timestamp.txt", "submission_secret.txt"):
                kept = read_capped(layout.inbound / row.submission / name, 1000)
                if kept is not None:
                    write_atomic(path.parent / name, kept)
            written.append(path)
        return written
    finally:
        book.close()
