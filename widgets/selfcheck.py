"""SelfCheck: a few bank questions with instant feedback, as a list or one at a time.

    SelfCheck(["l10-d1-pham-vi-dieu-chinh", "l10-d2-co-so-gom"])
    SelfCheck(topic={"document": "luat-10-2022-qh15", "chapter": "I"}, n=5, seed="m02")

Each check reports an :class:`Attempt` to ``on_attempt`` (the course records it in the
learner's progress). Unknown question ids and a broken bank give a Vietnamese message in the
widget, never a traceback.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from html import escape
from typing import Literal

import ipywidgets as w

from quizzes.problems import ContentError
from quizzes.schema import Question, Status
from quizzes.sources import Registry

from .answers import Response, graded
from .card import QuestionCard
from .messages import tr
from .style import style_widget

__all__ = ["Attempt", "SelfCheck", "draw_from_topic", "passed"]


def passed(correct: int, total: int) -> bool:
    """The training pass mark: at least 50 % (integers, no rounding surprises)."""
    return total > 0 and 2 * correct >= total


@dataclass(frozen=True)
class Attempt:
    """One checked answer, as the progress store records it."""

    question_id: str
    response: Response
    correct: bool | None
    check_size: int  # marked questions in the self-check it belongs to


def draw_from_topic(
    bank: Mapping[str, Question],
    topic: Mapping[str, str],
    n: int,
    *,
    seed: object = 0,
    reviewed_only: bool = True,
) -> list[str]:
    """``n`` question ids whose topic matches (document/chapter/section), in a seeded order."""
    wanted = {key: str(value) for key, value in topic.items() if value is not None}
    unknown = set(wanted) - {"document", "chapter", "section"}
    if unknown:
        raise ValueError(f"topic: unknown keys {sorted(unknown)}; use document/chapter/section")

    def matches(question: Question) -> bool:
        if reviewed_only and question.status is not Status.reviewed:
            return False
        return all(getattr(question.topic, key) == value for key, value in wanted.items())

    pool = sorted(qid for qid, question in bank.items() if matches(question))
    random.Random(str(seed)).shuffle(pool)
    return pool[:n]


class SelfCheck(w.VBox):
    """Questions with a "Kiểm tra" button each and a running summary."""

    def __init__(
        self,
        question_ids: Iterable[str] = (),
        *,
        bank: Mapping[str, Question] | None = None,
        load_bank: Callable[[], Mapping[str, Question]] | None = None,
        topic: Mapping[str, str] | None = None,
        n: int | None = None,
        seed: object = 0,
        mode: Literal["list", "step"] = "list",
        on_attempt: Callable[[Attempt], None] | None = None,
        registry: Registry | None = None,
    ) -> None:
        self._on_attempt = on_attempt
        self.notices: list[str] = []
        self.cards: list[QuestionCard] = []
        bank = self._load_bank(bank, load_bank)
        ids = list(question_ids)
        if bank is not None and topic is not None:
            wanted = n or 5
            ids += [i for i in draw_from_topic(bank, topic, wanted, seed=seed) if i not in ids]
            if len(ids) < wanted:
                self.notices.append(tr("topic_short", found=len(ids), wanted=wanted))
        questions: list[Question] = []
        for qid in ids if bank is not None else []:
            if qid in bank:
                questions.append(bank[qid])
            else:
                self.notices.append(tr("unknown_question", id=qid))
        if bank is not None and not questions:
            self.notices.append(tr("no_questions"))
        self.check_size = sum(1 for q in questions if graded(q))
        self.cards = [
            QuestionCard(q, number, registry=registry, on_attempt=self._attempted)
            for number, q in enumerate(questions, start=1)
        ]
        self.notice = w.HTML(self._notice_html())
        self.summary = w.HTML("")
        self.mode = mode
        self.position = 0
        self.navigation = self._navigation() if mode == "step" and len(self.cards) > 1 else None
        children = [style_widget(), self.notice, *self.cards]
        if self.navigation is not None:
            children.append(self.navigation)
        children.append(self.summary)
        super().__init__(children, layout=w.Layout(width="100%"))
        self.add_class("dancoso")
        self.add_class("dancoso-selfcheck")
        self._show_position()

    # -- results --------------------------------------------------------------------------
    @property
    def question_ids(self) -> list[str]:
        return [card.question_id for card in self.cards]

    def results(self) -> dict[str, bool | None]:
        """Latest mark per answered question (None for essays)."""
        return {card.question_id: card.result for card in self.cards if card.attempts}

    def score(self) -> tuple[int, int]:
        """(correct, marked questions) over the latest answers."""
        correct = sum(1 for card in self.cards if card.attempts and card.result is True)
        return correct, self.check_size

    # -- internals ------------------------------------------------------------------------
    def _load_bank(self, bank, load_bank) -> Mapping[str, Question] | None:
        """The given bank, else ``load_bank()`` (default: the project's bank)."""
        if bank is not None:
            return bank
        if load_bank is None:
            from quizzes.bank import load_questions as load_bank
        try:
            return load_bank()
        except ContentError:
            self.notices.append(tr("bank_broken"))
            return None

    def _notice_html(self) -> str:
        if not self.notices:
            return ""
        items = "".join(f"<li>{escape(text)}</li>" for text in self.notices)
        return f'<ul class="dancoso-warning" role="alert">{items}</ul>'

    def _attempted(self, card: QuestionCard, response: Response, correct: bool | None) -> None:
        self._update_summary()
        if self._on_attempt is not None:
            self._on_attempt(Attempt(card.question_id, response, correct, self.check_size))

    def _update_summary(self) -> None:
        correct, total = self.score()
        if total == 0:
            self.summary.value = ""
            return
        percent = round(100 * correct / total)
        verdict = tr("summary_pass") if passed(correct, total) else tr("summary_fail")
        text = tr("summary", correct=correct, total=total, percent=percent)
        self.summary.value = (
            f'<p class="dancoso-summary" role="status"><strong>{escape(text)}</strong> '
            f"{escape(verdict)}</p>"
        )

    def _navigation(self) -> w.HBox:
        self.previous_button = w.Button(description=tr("previous"), layout=w.Layout(width="auto"))
        self.next_button = w.Button(description=tr("next"), layout=w.Layout(width="auto"))
        self.position_label = w.HTML("")
        self.previous_button.on_click(lambda _b: self.go(self.position - 1))
        self.next_button.on_click(lambda _b: self.go(self.position + 1))
        box = w.HBox([self.previous_button, self.position_label, self.next_button])
        box.add_class("dancoso-nav")
        return box

    def go(self, position: int) -> None:
        """Step mode: show question ``position`` (0-based), clamped to the list."""
        self.position = max(0, min(position, len(self.cards) - 1))
        self._show_position()

    def _show_position(self) -> None:
        if self.navigation is None:
            return
        for index, card in enumerate(self.cards):
            card.layout.display = None if index == self.position else "none"
        self.previous_button.disabled = self.position == 0
        self.next_button.disabled = self.position == len(self.cards) - 1
        label = tr("position", number=self.position + 1, total=len(self.cards))
        self.position_label.value = f'<span class="dancoso-position">{escape(label)}</span>'
