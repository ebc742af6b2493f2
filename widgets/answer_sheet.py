"""The answer sheet of a contest paper in JupyterLab (the nbgrader Assignment List way in).

The paper notebook's locked sheet cell runs ``answer_sheet()`` in the folder nbgrader fetched
(``<home>/<round>-lan-<n>/``). The participant types their access code; the sheet opens
their own sealed paper from ``papers/`` (:mod:`quizzes.sealed_papers`), shows it, and saves
every change to ``answers.json`` atomically — answers are data, never code. The participant
then submits with the Assignment List as nbgrader users do; the grader recomputes the paper
from the account name nbgrader files the submission under, so the sheet refuses a code that
belongs to somebody else's account.

Once opened, the keyless paper is kept in ``paper.json`` beside the notebook, so re-running
the cell (or reopening the notebook) goes straight to the questions with the answers restored.
In nbgrader's own folders (autograde, feedback) the cell shows a read-only summary instead.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import ipywidgets as w
from pydantic import ValidationError

from quizzes.answers import (
    ANSWERS_FILE,
    MAX_ESSAY_CHARS,
    PAPER_FILE,
    AnswerSheet,
    SheetProblem,
    dump_answer_sheet,
)
from quizzes.sealed_papers import SealError

from .answer_sheet_clock import Countdown
from .answer_sheet_text import st
from .answer_sheet_view import PredictionControl, SlotControl, sheet_summary_html
from .paper_folder import PaperFolder, jupyter_account
from .style import style_widget

__all__ = ["AnswerSheetApp", "answer_sheet", "jupyter_account", "show_summary"]

GRADING_STEPS = frozenset({"autograded", "feedback", "submitted"})
VIETNAM = dt.timezone(dt.timedelta(hours=7))


class AnswerSheetApp(w.VBox):
    """Code entry, then the participant's own paper with autosave to ``answers.json``."""

    def __init__(self, folder: Path, *, account: str | None = None) -> None:
        self.folder = PaperFolder(Path(folder).resolve())
        self.assignment = self.folder.assignment
        self.account = account or jupyter_account()
        self.paper: dict | None = None
        self.locked = False
        self.clock: Countdown | None = None
        self.slots: list[SlotControl] = []
        self.prediction: PredictionControl | None = None
        self.message = w.HTML("")
        self.status = w.HTML("")
        self.code = w.Text(description=st("code_label"), placeholder="XXXX-XXXX-XXXX")
        self.open_button = w.Button(description=st("open"), button_style="primary")
        self.open_button.on_click(lambda _button: self.unlock(self.code.value))
        self.body = w.VBox([])
        super().__init__([style_widget(), self.body], layout=w.Layout(width="100%"))
        self.add_class("dancoso")
        if not self._resume():
            self._show_code_entry()

    # -- opening the paper ------------------------------------------------------------------

    def _show_code_entry(self) -> None:
        help_text = w.HTML(f"<p>{st('code_help')}</p>")
        title = w.HTML(f"<h3>{st('title')}</h3>")
        self.body.children = [title, help_text, self.code, self.open_button, self.message]

    def _fail(self, key: str, **values: object) -> bool:
        self.message.value = f'<p role="alert" style="color:#a00000">{st(key, **values)}</p>'
        return False

    def unlock(self, typed: str) -> bool:
        """Open the paper sealed for the code ``typed``; False (with a message) if it cannot."""
        try:
            payload = self.folder.open_sealed(typed)
        except SealError as error:
            return self._fail(error.code, assignment=self.assignment)
        view = payload.get("view")
        participant = payload.get("participant")
        if not isinstance(view, dict) or payload.get("assignment") != self.assignment:
            return self._fail("damaged")
        if participant != self.account:
            return self._fail("wrong_account", participant=participant, account=self.account)
        opened = dt.datetime.now(VIETNAM).isoformat(timespec="seconds")
        paper = {**view, "participant": participant, "assignment": self.assignment}
        paper["opened_at"] = opened
        self.folder.write(PAPER_FILE, json.dumps(paper, ensure_ascii=False).encode())
        self.message.value = ""
        self._show_paper(paper)
        return True

    def _resume(self) -> bool:
        """Show the paper opened earlier (``paper.json``), if it is this account's."""
        paper = self.folder.paper()
        if (
            paper is None
            or paper.get("assignment") != self.assignment
            or paper.get("participant") != self.account
            or not isinstance(paper.get("questions"), list)
        ):
            return False
        self._show_paper(paper)
        return True

    # -- the paper --------------------------------------------------------------------------

    def _show_paper(self, paper: dict) -> None:
        self.paper = paper
        self.slots = [SlotControl(item) for item in paper["questions"]]
        prediction = paper.get("prediction")
        self.prediction = (
            PredictionControl(str(prediction.get("text", "")))
            if isinstance(prediction, dict)
            else None
        )
        sheet = self.folder.saved_sheet()
        if sheet is not None:
            for slot in self.slots:
                slot.restore(sheet)
            if self.prediction is not None:
                self.prediction.restore(sheet)
        for slot in self.slots:
            slot.observe_changes(self.save)
        if self.prediction is not None:
            self.prediction.input.observe(lambda _change: self.save(), "value")
        self.mode = w.ToggleButtons(options=[(st("view_all"), "all"), (st("view_one"), "one")])
        self.mode.observe(lambda _change: self._layout_questions(), "value")
        self.map = w.HBox(layout=w.Layout(flex_flow="row wrap"))
        self.current = 0
        self.questions = w.VBox([])
        self._layout_questions()
        minutes = paper.get("time_limit_minutes", "?")
        who = st(
            "who",
            participant=paper.get("participant"),
            round_title=paper.get("round_title", paper.get("round", "")),
            attempt=paper.get("attempt"),
            count=len(self.slots),
            minutes=minutes,
        )
        opened = str(paper.get("opened_at", ""))[11:16]
        note = st("time_note", opened=opened, minutes=minutes)
        header = [
            w.HTML(f"<h3>{st('title')}</h3><p>{who}</p>"),
            w.HTML(f'<p class="dancoso-hint">{note}</p>'),
        ]
        how = st("how_to_submit", assignment=self.assignment)
        footer = [self.status, w.HTML(f"<p>{how}</p>")]
        self._refresh_status(saved_at=None)
        self.clock = self._countdown(paper)
        header += [self.clock] if self.clock is not None else []
        self.body.children = [*header, self.mode, self.map, self.questions, *footer, self.message]

    def _countdown(self, paper: dict) -> Countdown | None:
        try:
            opened = dt.datetime.fromisoformat(str(paper.get("opened_at")))
            minutes = int(paper.get("time_limit_minutes"))
        except (TypeError, ValueError):
            return None  # an older paper.json: no clock, nothing else changes
        if opened.tzinfo is None:
            return None
        return Countdown(opened + dt.timedelta(minutes=minutes), on_time_up=self.lock)

    def lock(self) -> None:
        """Time is up: every change so far was saved as it happened; take no more."""
        self.locked = True
        for slot in self.slots:
            slot.disable()
        if self.prediction is not None:
            self.prediction.input.disabled = True

    def _layout_questions(self) -> None:
        cards: list[w.Widget] = list(self.slots)
        if self.mode.value == "one" and self.slots:
            self.current = min(self.current, len(self.slots) - 1)
            back = w.Button(description=st("previous"), disabled=self.current == 0)
            ahead = w.Button(description=st("next"), disabled=self.current == len(self.slots) - 1)
            back.on_click(lambda _b: self.go(self.current - 1))
            ahead.on_click(lambda _b: self.go(self.current + 1))
            cards = [self.slots[self.current], w.HBox([back, ahead])]
        if self.prediction is not None and (
            self.mode.value == "all" or self.current == len(self.slots) - 1
        ):
            cards.append(self.prediction)
        self.questions.children = cards
        self._refresh_map()

    def go(self, index: int) -> None:
        """Show question ``index`` (0-based) in one-at-a-time mode."""
        if self.clock is not None:
            self.clock.start()
        self.current = max(0, min(index, len(self.slots) - 1))
        self.mode.value = "one"
        self._layout_questions()

    def _refresh_map(self) -> None:
        buttons = []
        for index, slot in enumerate(self.slots):
            button = w.Button(
                description=str(slot.number),
                button_style="success" if slot.answered() else "",
                tooltip=st("question", number=slot.number),
                layout=w.Layout(width="3.2rem"),
            )
            button.on_click(lambda _b, i=index: self.go(i))
            buttons.append(button)
        self.map.children = buttons

    # -- saving -----------------------------------------------------------------------------

    def unanswered(self) -> list[int]:
        return [slot.number for slot in self.slots if not slot.answered()]

    def save(self) -> bool:
        """Write every answer to ``answers.json`` (atomically); False with a message if not."""
        if self.clock is not None:
            self.clock.start()  # the participant is here: let the page count
            self.clock.tick()  # past the limit, this locks the sheet
        if self.locked:
            return False  # after the time limit the saved sheet stays as it was
        self.message.value = ""
        try:
            prediction = self.prediction.value if self.prediction is not None else None
        except ValueError:
            self.prediction.problem.value = f'<p style="color:#a00000">{st("prediction_bad")}</p>'
            return False
        if self.prediction is not None:
            self.prediction.problem.value = ""
        answers, essays = {}, {}
        for slot in self.slots:
            value = slot.value
            if slot.kind == "essay":
                if len(value) > MAX_ESSAY_CHARS:
                    return self._fail("essay_too_long", number=slot.number, limit=MAX_ESSAY_CHARS)
                if value.strip():
                    essays[str(slot.number)] = value
            elif value:
                answers[str(slot.number)] = value
        moment = dt.datetime.now(VIETNAM).replace(microsecond=0)
        try:
            sheet = AnswerSheet(
                round=str(self.paper.get("round", "")),
                attempt=int(self.paper.get("attempt", 0)),
                participant=self.account,
                answers=answers,
                essays=essays,
                prediction=prediction,
                saved_at=moment,
            )
            self.folder.write(ANSWERS_FILE, dump_answer_sheet(sheet))
        except (OSError, ValidationError, ValueError) as error:
            return self._fail("save_failed", detail=type(error).__name__)
        self._refresh_status(saved_at=moment)
        self._refresh_map()
        return True

    def _refresh_status(self, saved_at: dt.datetime | None) -> None:
        missing = self.unanswered()
        parts = []
        if saved_at is not None:
            parts.append(st("saved", time=saved_at.strftime("%H:%M:%S")))
        parts.append(
            st("unanswered", numbers=", ".join(map(str, missing)))
            if missing
            else st("all_answered")
        )
        self.status.value = f'<p role="status">{" ".join(parts)}</p>'


def show_summary(directory: Path) -> None:
    """Display the read-only summary of the answers in ``directory`` (never raises)."""
    from IPython.display import HTML, display

    folder, problem = PaperFolder(Path(directory)), None
    try:
        sheet = folder.sheet()
    except SheetProblem as error:
        sheet = None
        problem = st("no_answers") if error.code == "missing" else st("unreadable", code=error.code)
    display(HTML(sheet_summary_html(folder.paper(), sheet, problem)))


def answer_sheet(directory: str | Path = ".") -> None:
    """Show the answer sheet of the paper in ``directory`` (the notebook's folder).

    Returns nothing: the cell ends with this call, and a returned widget would be shown twice.
    """
    from IPython.display import HTML, display

    folder = Path(directory).resolve()
    if folder.parent.parent.name in GRADING_STEPS or folder.parent.name in {"release", "source"}:
        show_summary(folder)  # nbgrader's own folders: the record, not a form
        return
    if not PaperFolder(folder).fetched:
        display(HTML(f"<p>{st('not_fetched')}</p>"))
        show_summary(folder)
        return
    display(AnswerSheetApp(folder))
