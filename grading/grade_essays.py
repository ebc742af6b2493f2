"""Essay answers (tự luận) in the graded notebook: the marker's view of one answer cell.

The answer comes from ``answers.json`` (``essays``: slot → text) — data, shown as text, never
rendered as HTML or run. The cell shows the question, the participant's text in a fenced
block, and the rubric for the marker (hướng dẫn chấm); nbgrader's formgrader shows it with a
score box, and the score counts in the totals once entered.
"""

from __future__ import annotations

from quizzes.schema import Question

__all__ = ["essay_markdown", "rubric_lines"]


def rubric_lines(question: Question) -> list[str]:
    return [f"- {item.criterion} ({item.points:g} điểm)" for item in question.rubric or []]


def _fence(text: str) -> str:
    longest = max((len(run) for run in text.split("\n") if set(run) == {"`"}), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}text\n{text}\n{ticks}"


def essay_markdown(number: int, question: Question, text: str, points: float) -> str:
    """The graded answer cell of essay slot ``number`` (participant's ``text`` as plain text)."""
    cleaned = text.replace("\r\n", "\n").replace("\x00", "")
    lines = [
        f"**Câu {number} (tự luận, tối đa {points:g} điểm).** {question.stem}",
        "",
        "**Bài làm của người dự thi:**",
        "",
        _fence(cleaned),
        "",
        "**Hướng dẫn chấm** (chỉ giám khảo xem):",
        *rubric_lines(question),
    ]
    return "\n".join(lines)
