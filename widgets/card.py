"""One self-check question as a widget: the stem, the answer control, "Kiểm tra", feedback.

Only what the learner may see before answering goes into synced widget state: the stem and
the options in bank order (A, B, C…). The key, the explanation, the rubric and the citation
stay in this Python object and reach the browser only in the feedback, after a check.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as w

from quizzes.schema import OPTION_LETTERS, Question, QuestionType
from quizzes.sources import Registry

from .answers import Response, is_blank, key_text, mark
from .citations import citation_text, official_text
from .messages import tr

__all__ = ["QuestionCard", "AttemptHandler"]

AttemptHandler = Callable[["QuestionCard", Response, "bool | None"], None]


class QuestionCard(w.VBox):
    """A question and its feedback. ``result`` is None until checked, then the latest mark."""

    def __init__(
        self,
        question: Question,
        number: int,
        *,
        registry: Registry | None = None,
        on_attempt: AttemptHandler | None = None,
    ) -> None:
        self._question = question
        self._registry = registry
        self._on_attempt = on_attempt
        self.number = number
        self.attempts = 0
        self.result: bool | None = None
        label = tr("question_number", number=number)
        self.stem = w.HTML(
            f'<p class="dancoso-stem"><strong>{escape(label)}.</strong> {escape(question.stem)}</p>'
        )
        self.hint = w.HTML(f'<p class="dancoso-hint">{escape(self._hint())}</p>')
        self.answer_input, self.checkboxes = self._build_input(label)
        self.check_button = w.Button(
            description=tr("check"), button_style="primary", layout=w.Layout(width="auto")
        )
        self.check_button.add_class("dancoso-check")
        self.check_button.on_click(lambda _button: self.check())
        self.feedback = w.HTML("")
        super().__init__(
            [self.stem, self.hint, self.answer_input, self.check_button, self.feedback],
            layout=w.Layout(width="100%"),
        )
        self.add_class("dancoso-card")

    @property
    def question_id(self) -> str:
        return self._question.id

    @property
    def question(self) -> Question:
        return self._question

    def response(self) -> Response:
        kind = self._question.type
        if kind is QuestionType.multiple:
            pairs = zip(OPTION_LETTERS, self.checkboxes, strict=False)
            return [letter for letter, box in pairs if box.value]
        return self.answer_input.value

    def check(self) -> bool | None:
        """Mark the current answer, show feedback and report the attempt. Returns the mark."""
        response = self.response()
        if is_blank(response):
            self.feedback.value = (
                f'<p class="dancoso-feedback dancoso-warning" role="alert">{tr("no_answer")}</p>'
            )
            return None
        result = mark(self._question, response)
        self.attempts += 1
        self.result = result
        self.feedback.value = self._feedback_html(result)
        self.check_button.description = tr("check_again")
        if self._on_attempt is not None:
            self._on_attempt(self, response, result)
        return result

    # -- building -------------------------------------------------------------------------
    def _hint(self) -> str:
        kind = self._question.type
        if kind is QuestionType.multiple:
            return tr("choose_many")
        if kind in (QuestionType.single, QuestionType.true_false):
            return tr("choose_one")
        return ""

    def _build_input(self, label: str) -> tuple[w.Widget, list[w.Checkbox]]:
        question = self._question
        kind = question.type
        full = w.Layout(width="100%")
        if kind is QuestionType.single:
            options = [
                (f"{letter}. {text}", letter)
                for letter, text in zip(OPTION_LETTERS, question.options or [], strict=False)
            ]
            control = w.RadioButtons(
                options=options, index=None, description=label, tooltip=label, layout=full
            )
            return control, []
        if kind is QuestionType.true_false:
            options = [(tr("true"), True), (tr("false"), False)]
            control = w.RadioButtons(
                options=options, index=None, description=label, tooltip=label, layout=full
            )
            return control, []
        if kind is QuestionType.multiple:
            boxes = [
                w.Checkbox(value=False, description=f"{letter}. {text}", indent=False, layout=full)
                for letter, text in zip(OPTION_LETTERS, question.options or [], strict=False)
            ]
            group = w.VBox(boxes, layout=full)
            group.add_class("dancoso-options")
            return group, boxes
        if kind is QuestionType.short:
            control = w.Text(
                description=tr("short_label"),
                tooltip=tr("short_label"),
                placeholder=tr("short_placeholder"),
                layout=full,
            )
            return control, []
        control = w.Textarea(
            description=tr("essay_label"),
            tooltip=tr("essay_label"),
            placeholder=tr("essay_placeholder"),
            layout=w.Layout(width="100%", height="8em"),
        )
        return control, []

    def _feedback_html(self, result: bool | None) -> str:
        question = self._question
        parts = []
        if result is None:
            parts.append(f'<p class="dancoso-verdict">{escape(tr("essay_saved"))}</p>')
            items = "".join(
                f"<li>{escape(item.criterion)} ({escape(tr('points', points=f'{item.points:g}'))})"
                "</li>"
                for item in question.rubric or []
            )
            parts.append(f"<p><strong>{escape(tr('rubric_title'))}:</strong></p><ul>{items}</ul>")
            css = "dancoso-essay"
        else:
            verdict = ("✔ " + tr("right")) if result else ("✘ " + tr("wrong"))
            key = tr("key_is", key=key_text(question))
            parts.append(
                f'<p class="dancoso-verdict"><strong>{escape(verdict)}</strong> {escape(key)}</p>'
            )
            css = "dancoso-right" if result else "dancoso-wrong"
        parts.append(
            f"<p><strong>{escape(tr('explanation_title'))}:</strong> "
            f"{escape(question.explanation)}</p>"
        )
        sources = "; ".join(citation_text(c, self._registry) for c in question.citations)
        parts.append(
            f'<p class="dancoso-citation"><strong>{escape(tr("citation_title"))}:</strong> '
            f"{escape(sources)}.</p>"
        )
        for citation in question.citations:
            words = official_text(citation)
            if words:
                parts.append(
                    f'<blockquote class="dancoso-official"><strong>'
                    f"{escape(tr('official_text_title'))}:</strong> {escape(words)}</blockquote>"
                )
        return f'<div class="dancoso-feedback {css}" role="status">{"".join(parts)}</div>'
