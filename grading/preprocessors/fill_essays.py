"""Fill each essay (tự luận) answer cell with the participant's text from ``answers.json``."""

from __future__ import annotations

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor

from ..grade_submission import cell_grade_id, read_capped
from .release import course_root_of

__all__ = ["FillEssays"]


class FillEssays(NbGraderPreprocessor):
    """The text is data: shown fenced as plain text with the question and the rubric
    (:func:`grading.grade_essays.essay_markdown`), never run. A blank essay leaves the cell as
    released, so nbgrader scores it 0 with "No response."; a written one needs manual grading."""

    def preprocess(
        self, nb: NotebookNode, resources: ResourcesDict
    ) -> tuple[NotebookNode, ResourcesDict]:
        essays = [c for c in nb.cells if c.cell_type == "markdown" and _is_answer(c)]
        if not essays:
            return nb, resources
        from quizzes.answers import ANSWERS_FILE, MAX_ANSWERS_BYTES
        from quizzes.contest_spec import parse_assignment_id

        from ..contest_store import load_frozen
        from ..grade_essays import essay_markdown
        from ..grade_fast import sheet_extras, slot_of_cell

        root = course_root_of(resources)
        folder = root / "submitted" / resources["nbgrader"]["student"]
        answers = read_capped(
            folder / resources["nbgrader"]["assignment"] / ANSWERS_FILE, MAX_ANSWERS_BYTES + 1
        )
        round_id, number = parse_assignment_id(resources["nbgrader"]["assignment"])
        contest = load_frozen(root)
        paper = contest.paper(resources["nbgrader"]["student"], round_id, number)
        questions = contest.questions(round_id)
        texts, _ = sheet_extras(answers, len(paper.slots))
        for cell in essays:
            slot = slot_of_cell(cell_grade_id(cell) or "")
            if slot in texts:
                question = questions[paper.slots[slot - 1].question_id]
                points = cell.metadata.nbgrader.get("points", 0)
                cell.source = essay_markdown(slot, question, texts[slot], points)
        return nb, resources


def _is_answer(cell) -> bool:
    nbgrader = cell.metadata.get("nbgrader", {})
    return bool(nbgrader.get("solution") and nbgrader.get("grade"))
