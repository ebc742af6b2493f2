"""One participant's feedback page: plain, self-contained HTML (no script, no external file).

Everything shown is escaped text from the participant's own paper — never a notebook cell, so
no hidden test and no code (nbgrader #917) — and nothing of anyone else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

__all__ = ["FeedbackItem", "FeedbackPage", "render_feedback"]

STYLE = """
body{font-family:system-ui,"Segoe UI",Roboto,"Noto Sans",sans-serif;max-width:46rem;margin:auto;
padding:1rem;line-height:1.5;color:#1b1b1b}
h1{font-size:1.35rem}h2{font-size:1.1rem;margin-top:1.6rem}
.score{font-size:1.2rem;font-weight:600}.ok{color:#0a6b2b}.no{color:#a31919}
ol.options{padding-left:1.2rem}li.key{font-weight:600}
blockquote{border-left:4px solid #ccd;margin:.5rem 0;padding:.2rem .8rem;background:#f6f7fb}
pre{white-space:pre-wrap;background:#f6f6f6;padding:.6rem}
.note{color:#555;font-size:.9rem}
"""


@dataclass
class FeedbackItem:
    number: int
    stem: str
    options: list[tuple[str, str]]  # (letter as shown, text)
    chosen: list[str]  # letters as shown
    key: list[str]  # letters as shown
    correct: bool
    explanation: str
    citations: list[tuple[str, str | None]]  # (where, article text if imported)
    essay: str | None = None  # essay answer text
    essay_score: float | None = None
    essay_max: float | None = None
    rubric: list[str] = field(default_factory=list)


@dataclass
class FeedbackPage:
    contest_title: str
    round_title: str
    participant: str
    attempt: int
    submitted_at: str
    score: float
    max_score: float
    correct: int
    questions: int
    prediction: int | None
    notes: list[str]
    items: list[FeedbackItem]


def _item(item: FeedbackItem) -> str:
    parts = [f"<h2>Câu {item.number}</h2>", f"<p>{escape(item.stem)}</p>"]
    if item.essay is not None or item.rubric:
        parts.append("<p><b>Bài làm của bạn:</b></p>")
        parts.append(f"<pre>{escape(item.essay or '(để trống)')}</pre>")
        if item.essay_score is None:
            parts.append("<p class='note'>Câu tự luận đang được chấm.</p>")
        else:
            parts.append(f"<p><b>Điểm:</b> {item.essay_score:g} / {item.essay_max or 0:g}</p>")
        if item.rubric:
            rubric = "".join(f"<li>{escape(line)}</li>" for line in item.rubric)
            parts.append(f"<p><b>Hướng dẫn chấm:</b></p><ul>{rubric}</ul>")
    else:
        options = "".join(
            f"<li class='{'key' if letter in item.key else ''}' value='{i}'>"
            f"<b>{escape(letter)}.</b> {escape(text)}</li>"
            for i, (letter, text) in enumerate(item.options, start=1)
        )
        parts.append(f"<ol class='options' type='A'>{options}</ol>")
        chosen = ", ".join(item.chosen) or "(không trả lời)"
        verdict = "<span class='ok'>Đúng</span>" if item.correct else "<span class='no'>Sai</span>"
        parts.append(
            f"<p><b>Bạn chọn:</b> {escape(chosen)} — {verdict}. "
            f"<b>Đáp án:</b> {escape(', '.join(item.key))}.</p>"
        )
    parts.append(f"<p><b>Giải thích:</b> {escape(item.explanation)}</p>")
    for where, text in item.citations:
        parts.append(f"<p><b>Căn cứ:</b> {escape(where)}</p>")
        if text:
            parts.append(f"<blockquote>{escape(text)}</blockquote>")
    return "\n".join(parts)


def render_feedback(page: FeedbackPage) -> str:
    title = f"{page.contest_title} — {page.round_title}, lượt {page.attempt}"
    prediction = "—" if page.prediction is None else str(page.prediction)
    notes = "".join(f"<p class='note'>{escape(note)}</p>" for note in page.notes)
    body = "\n".join(_item(item) for item in page.items)
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title><style>{STYLE}</style></head>
<body>
<h1>{escape(title)}</h1>
<p>Mã người dự thi: <b>{escape(page.participant)}</b> · Nộp bài: {escape(page.submitted_at)}</p>
<p class="score">Điểm: {page.score:g} / {page.max_score:g} ·
Trả lời đúng {page.correct}/{page.questions} câu · Dự đoán: {escape(prediction)}</p>
{notes}
{body}
</body></html>
"""
