"""The bank review page: legal staff approve, edit or reject questions in the browser.

Shows each question with its key, explanation and citations; beside each citation the text of
the official document when it has been imported (`dancoso sources import`), otherwise a notice
that only our paraphrase (the explanation) is available. Actions go through `quizzes.review`,
which validates before writing and never deletes a question.
"""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as w

from quizzes.bank import bank_dir, load_bank
from quizzes.citation_check import load_library
from quizzes.review import ReviewError, approve, edit, reject
from quizzes.schema import OPTION_LETTERS, Question
from quizzes.sources import load_registry

__all__ = ["ReviewPanel", "question_html"]

_CSS = """<style>
.dcs-review button, .dcs-review input, .dcs-review select, .dcs-review textarea {
  min-height: 44px; font-size: 16px; }
.dcs-review .dcs-q { border: 1px solid #ccd; border-radius: 6px; padding: 12px; }
.dcs-review .dcs-key { font-weight: bold; color: #0a5c2b; }
.dcs-review blockquote { background: #f6f6fa; margin: 6px 0; padding: 6px 10px;
  white-space: pre-wrap; }
</style>"""


def question_html(question: Question, library: dict) -> str:
    registry = load_registry()
    parts = [
        f"<div class='dcs-q'><p><b>{html.escape(question.id)}</b> · "
        f"{question.type.value} · độ khó {question.difficulty} · "
        f"<i>{question.status.value}</i></p>",
        f"<p>{html.escape(question.stem)}</p>",
    ]
    keys = set(question.answer_letters())
    if question.options:
        items = []
        for index, option in enumerate(question.options):
            letter = OPTION_LETTERS[index]
            css = " class='dcs-key'" if letter in keys else ""
            mark = " ✔ (đáp án)" if letter in keys else ""
            items.append(f"<li{css}>{letter}. {html.escape(option)}{mark}</li>")
        parts.append("<ul>" + "".join(items) + "</ul>")
    elif question.answer is not None:
        shown = (
            {True: "Đúng", False: "Sai"}.get(question.answer, question.answer)
            if isinstance(question.answer, bool)
            else " / ".join(question.answer)
        )
        parts.append(f"<p class='dcs-key'>Đáp án: {html.escape(str(shown))}</p>")
    if question.rubric:
        rubric = "".join(
            f"<li>{html.escape(r.criterion)} ({r.points:g} điểm)</li>" for r in question.rubric
        )
        parts.append(f"<p>Hướng dẫn chấm:</p><ul>{rubric}</ul>")
    parts.append(f"<p><b>Giải thích:</b> {html.escape(question.explanation)}</p>")
    for citation in question.citations:
        document = registry.document(citation.document)
        name = document.short_title if document else citation.document
        parts.append(
            f"<p><b>Trích dẫn:</b> {html.escape(citation.label())} {html.escape(name)}</p>"
        )
        imported = library.get(citation.document)
        text = (
            imported.text(citation.article, citation.clause, citation.point)
            if imported and citation.article
            else None
        )
        if text:
            parts.append(f"<blockquote>{html.escape(text)}</blockquote>")
        else:
            parts.append(
                "<p><i>Chưa nhập văn bản chính thức cho trích dẫn này; chỉ có phần "
                "diễn giải ở trên. Đối chiếu với Công báo hoặc văn bản hợp nhất.</i></p>"
            )
    for label, value in (
        ("Căn cứ", question.basis),
        ("Ghi chú", question.notes),
        ("Người rà soát", question.reviewed_by),
    ):
        if value:
            parts.append(f"<p><b>{label}:</b> {html.escape(str(value))}</p>")
    return "".join(parts) + "</div>"


class ReviewPanel(w.VBox):
    """Lists questions (drafts first) and offers approve / reject / edit."""

    def __init__(self, bank: Path | None = None, data_root: Path | None = None) -> None:
        self.bank = bank or bank_dir()
        self.library = load_library(data_root)
        self.reviewer = w.Text(
            description="Người rà soát",
            placeholder="Họ và tên",
            style={"description_width": "initial"},
        )
        self.show = w.ToggleButtons(
            options=[("Bản nháp", "draft"), ("Đã duyệt", "reviewed"), ("Tất cả", "all")],
            value="draft",
        )
        self.picker = w.Select(rows=8, layout=w.Layout(width="98%"))
        self.detail = w.HTML()
        self.basis = w.Text(
            description="Căn cứ đáp án",
            placeholder="Văn bản, điều, khoản làm căn cứ",
            style={"description_width": "initial"},
            layout=w.Layout(width="98%"),
        )
        self.reason = w.Textarea(
            description="Lý do", placeholder="Lý do không duyệt", layout=w.Layout(width="100%")
        )
        self.stem = w.Textarea(description="Câu dẫn", layout=w.Layout(width="100%"))
        self.options_box = w.Textarea(
            description="Phương án",
            placeholder="Mỗi dòng một phương án",
            layout=w.Layout(width="100%", height="120px"),
        )
        self.explanation = w.Textarea(
            description="Giải thích", layout=w.Layout(width="100%", height="100px")
        )
        self.approve_button = w.Button(description="Duyệt", button_style="success")
        self.reject_button = w.Button(description="Không duyệt", button_style="danger")
        self.save_button = w.Button(description="Lưu chỉnh sửa", button_style="primary")
        self.message = w.HTML()
        self.count = w.HTML()
        self.questions: dict[str, Question] = {}
        self.show.observe(lambda _: self.refresh(), names="value")
        self.picker.observe(lambda _: self._show_selected(), names="value")
        self.approve_button.on_click(lambda _: self._act("approve"))
        self.reject_button.on_click(lambda _: self._act("reject"))
        self.save_button.on_click(lambda _: self._act("edit"))
        editor = w.Accordion(
            children=[w.VBox([self.stem, self.options_box, self.explanation, self.save_button])]
        )
        editor.set_title(0, "Sửa câu hỏi (câu hỏi sẽ trở về bản nháp)")
        super().__init__(
            [
                w.HTML(_CSS),
                self.reviewer,
                self.show,
                self.count,
                self.picker,
                self.detail,
                self.basis,
                w.HBox([self.approve_button, self.reject_button]),
                self.reason,
                editor,
                self.message,
            ]
        )
        self.add_class("dcs-review")
        self.refresh()

    def refresh(self, keep: str | None = None) -> None:
        loaded = load_bank([self.bank])
        self.questions = {item.question.id: item.question for item in loaded.questions}
        wanted = self.show.value
        chosen = [q for q in self.questions.values() if wanted == "all" or q.status.value == wanted]
        self.count.value = f"<p>{len(chosen)} câu hỏi</p>"
        self.picker.options = [(f"{q.id} — {q.stem[:70]}", q.id) for q in chosen]
        if keep in dict(self.picker.options).values():
            self.picker.value = keep
        elif chosen:
            self.picker.value = chosen[0].id
        self._show_selected()

    def _show_selected(self) -> None:
        question = self.questions.get(self.picker.value or "")
        if question is None:
            self.detail.value = "<p>Không còn câu hỏi nào ở mục này.</p>"
            return
        self.detail.value = question_html(question, self.library)
        self.basis.value = question.basis or ""
        self.stem.value = question.stem
        self.options_box.value = "\n".join(question.options or [])
        self.explanation.value = question.explanation

    def _act(self, action: str) -> None:
        question_id = self.picker.value
        if not question_id:
            return
        reviewer = self.reviewer.value.strip()
        try:
            if not reviewer:
                raise ReviewError("Vui lòng nhập tên người rà soát trước.")
            if action == "approve":
                approve(question_id, reviewer=reviewer, basis=self.basis.value, bank=self.bank)
                done = "đã duyệt"
            elif action == "reject":
                reject(question_id, reviewer=reviewer, reason=self.reason.value, bank=self.bank)
                done = "đã chuyển về bản nháp kèm lý do"
            else:
                changes = {"stem": self.stem.value, "explanation": self.explanation.value}
                question = self.questions[question_id]
                if question.options is not None:
                    changes["options"] = [
                        o.strip() for o in self.options_box.value.splitlines() if o.strip()
                    ]
                edit(question_id, changes, bank=self.bank)
                done = "đã lưu chỉnh sửa (chờ duyệt lại)"
        except ReviewError as error:
            self.message.value = f"<p role='alert' style='color:#a00'>{html.escape(str(error))}</p>"
            return
        self.message.value = f"<p role='status'>Câu {html.escape(question_id)} {done}.</p>"
        self.reason.value = ""
        self.refresh(keep=question_id)
