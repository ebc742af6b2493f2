"""The parts of a contest answer sheet: one control per question, and a static summary.

Built from the keyless paper view (``quizzes.papers.paper_view``): stems and options in the
participant's order, letters as shown. Nothing here knows a key.

    slot = SlotControl(item)        # item = view["questions"][k]
    slot.value                      # "B", ["A", "C"], essay text, or None
    slot.observe_changes(callback)
    sheet_summary_html(view, sheet, problem)   # what an autograded notebook keeps
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as w

from quizzes.answers import MAX_ESSAY_CHARS, AnswerSheet

from .answer_sheet_text import st

__all__ = ["SlotControl", "PredictionControl", "sheet_summary_html"]


class SlotControl(w.VBox):
    """One question of the paper: its stem and the control that takes the answer."""

    def __init__(self, item: dict) -> None:
        self.number = int(item["number"])
        self.kind = str(item.get("type", "single"))
        options = [
            (f"{option['letter']}. {option['text']}", option["letter"])
            for option in item.get("options") or []
        ]
        label = st("question", number=self.number)
        stem = w.HTML(
            f'<p class="dancoso-stem"><strong>{escape(label)}.</strong> '
            f"{escape(str(item.get('stem', '')))}</p>"
        )
        self.boxes: list[w.Checkbox] = []
        self.counter = w.HTML("")
        if self.kind == "essay":
            self.input = w.Textarea(
                placeholder=st("essay_placeholder"), rows=8, layout=w.Layout(width="100%")
            )
            self.input.observe(lambda _change: self._count(), "value")
            self._count()
            parts = [stem, self.input, self.counter]
        elif self.kind == "multiple":
            self.boxes = [
                w.Checkbox(value=False, description=text, indent=False) for text, _ in options
            ]
            self._letters = [letter for _, letter in options]
            self.input = w.VBox(self.boxes)
            parts = [stem, w.HTML(f'<p class="dancoso-hint">{st("choose_many")}</p>'), self.input]
        else:
            self.input = w.RadioButtons(options=options, value=None, description=label)
            parts = [stem, self.input]
        super().__init__(parts, layout=w.Layout(width="100%"))
        self.add_class("dancoso-card")

    def _count(self) -> None:
        used = len(self.input.value)
        text = st("essay_count", used=used, limit=MAX_ESSAY_CHARS)
        warn = ' style="color:#a00000"' if used > MAX_ESSAY_CHARS else ""
        self.counter.value = f'<p class="dancoso-hint"{warn}>{escape(text)}</p>'

    @property
    def value(self) -> str | list[str] | None:
        if self.kind == "multiple":
            pairs = zip(self._letters, self.boxes, strict=True)
            return [letter for letter, box in pairs if box.value]
        if self.kind == "essay":
            return self.input.value
        return self.input.value

    def restore(self, sheet: AnswerSheet) -> None:
        if self.kind == "essay":
            self.input.value = sheet.essay(self.number)
            return
        answer = sheet.answer(self.number)
        if self.kind == "multiple":
            chosen = set(answer) if isinstance(answer, list) else set()
            for letter, box in zip(self._letters, self.boxes, strict=True):
                box.value = letter in chosen
        elif isinstance(answer, str) and answer in {v for _, v in self.input.options}:
            self.input.value = answer

    def answered(self) -> bool:
        value = self.value
        return bool(value.strip()) if self.kind == "essay" else bool(value)

    def disable(self) -> None:
        for control in self.boxes or [self.input]:
            control.disabled = True

    def observe_changes(self, callback: Callable[[], None]) -> None:
        for control in self.boxes or [self.input]:
            control.observe(lambda _change: callback(), "value")


class PredictionControl(w.VBox):
    """The prediction question: a whole number ≥ 0, typed as text (phones show digits)."""

    def __init__(self, text: str) -> None:
        self.input = w.Text(placeholder=st("prediction_placeholder"), continuous_update=False)
        self.problem = w.HTML("")
        heading = escape(st("prediction_label"))
        question = w.HTML(f"<p><strong>{heading}.</strong> {escape(text)}</p>")
        super().__init__(
            [question, self.input, self.problem],
            layout=w.Layout(width="100%"),
        )
        self.add_class("dancoso-card")

    @property
    def value(self) -> int | None:
        """The number, or None when blank; raises ValueError when it is not one."""
        text = self.input.value.strip().replace(".", "").replace(",", "").replace(" ", "")
        if not text:
            return None
        if not (text.isascii() and text.isdigit()) or len(text) > 9:
            raise ValueError(text)
        return int(text)

    def restore(self, sheet: AnswerSheet) -> None:
        if sheet.prediction is not None:
            self.input.value = str(sheet.prediction)


def sheet_summary_html(view: dict | None, sheet: AnswerSheet | None, problem: str | None) -> str:
    """A read-only table of the answers (kept in graded notebooks; no widget needed)."""
    rows = []
    questions = (view or {}).get("questions") or []
    for item in questions if isinstance(questions, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("number"), int):
            continue
        number = item["number"]
        if item.get("type") == "essay":
            text = sheet.essay(number) if sheet else ""
            shown = (text[:300] + "…") if len(text) > 300 else (text or "—")
        else:
            answer = sheet.answer(number) if sheet else None
            shown = ", ".join(answer) if isinstance(answer, list) else (answer or "—")
        rows.append(
            f"<tr><td>{escape(st('question', number=number))}</td>"
            f"<td>{escape(str(item.get('stem', '')))}</td>"
            f"<td><b>{escape(shown or '—')}</b></td></tr>"
        )
    parts = [f"<h3>{escape(st('title'))}</h3>"]
    if problem:
        parts.append(f"<p>{escape(problem)}</p>")
    if rows:
        parts.append("<table>" + "".join(rows) + "</table>")
    if sheet is not None and sheet.prediction is not None:
        parts.append(f"<p>{escape(st('prediction_shown'))}: <b>{sheet.prediction}</b></p>")
    return "".join(parts)
