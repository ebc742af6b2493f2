"""SelfCheck as a learner uses it: answer, press "Kiểm tra", read the feedback.

The key, the explanation, the rubric and the citation must not be in any synced widget
state before the learner answers (they are in the kernel only).
"""

from __future__ import annotations

import pytest

from widgets import Attempt, SelfCheck, draw_from_topic, passed
from widgets.citations import citation_text

ALL = [
    "w-single-pham-vi",
    "w-multiple-co-so",
    "w-true-false-nghia-vu",
    "w-short-so-chuong",
    "w-essay-nguyen-tac",
]


def secrets_of(question) -> list[str]:
    """Texts that would give the answer away."""
    found = [question.explanation, "Đáp án đúng", "Đúng rồi", "Lời giải thích kín"]
    found += [citation_text(c) for c in question.citations]
    if question.type == "short":
        found += [a for a in question.answer if len(a) > 1]  # "6" alone is everywhere
    found += [item.criterion for item in question.rubric or []]
    return found


def test_key_and_explanation_stay_in_the_kernel_until_answered(bank, synced_text) -> None:
    check = SelfCheck(ALL, bank=bank)
    state = synced_text()
    assert "Theo Luật Thực hiện dân chủ ở cơ sở, nội dung nào KHÔNG" in state  # sanity: stems go
    for qid in ALL:
        for secret in secrets_of(bank[qid]):
            assert secret not in state, (qid, secret)
    # Nothing marks the right option either: the radio has no value and no selected index.
    single = check.cards[0].answer_input
    assert single.index is None and single.get_state()["index"] is None

    check.cards[0].answer_input.value = "A"
    check.cards[0].check_button.click()
    after = synced_text()
    assert bank["w-single-pham-vi"].explanation in after  # revealed only now
    assert bank["w-multiple-co-so"].explanation not in after  # the others stay hidden


def test_single_choice_right_and_wrong(bank) -> None:
    check = SelfCheck(["w-single-pham-vi"], bank=bank)
    card = check.cards[0]
    assert card.answer_input.options[0][0].startswith("A. ")  # bank order, lettered A–D
    card.answer_input.set_state({"index": 0})
    card.check_button.click()
    assert "✘ Chưa đúng." in card.feedback.value
    assert "Đáp án đúng: D." in card.feedback.value
    assert "Lời giải thích kín số một" in card.feedback.value
    assert (
        "Căn cứ:</strong> Điều 1 Luật Thực hiện dân chủ ở cơ sở (Luật số 10/2022/QH15), "
        "thuộc Chương I: Những quy định chung." in card.feedback.value
    )
    card.answer_input.set_state({"index": 3})
    card.check_button.click()
    assert "✔ Đúng rồi!" in card.feedback.value
    assert card.result is True and card.attempts == 2
    assert card.check_button.description == "Kiểm tra lại"


def test_multiple_choice_needs_exactly_the_key(bank) -> None:
    check = SelfCheck(["w-multiple-co-so"], bank=bank)
    card = check.cards[0]
    for box in card.checkboxes[:2]:
        box.set_state({"value": True})
    card.check_button.click()
    assert card.result is False
    card.checkboxes[2].set_state({"value": True})
    card.check_button.click()
    assert card.result is True
    assert "Đáp án đúng: A, B, C." in card.feedback.value
    assert "Khoản 1 Điều 2 Luật Thực hiện dân chủ ở cơ sở" in card.feedback.value


def test_true_false_and_short_answer(bank) -> None:
    check = SelfCheck(["w-true-false-nghia-vu", "w-short-so-chuong"], bank=bank)
    true_false, short = check.cards
    assert [label for label, _ in true_false.answer_input.options] == ["Đúng", "Sai"]
    true_false.answer_input.value = True
    true_false.check_button.click()
    assert true_false.result is True
    assert "Khoản 4 Điều 6 Luật Thực hiện dân chủ ở cơ sở" in true_false.feedback.value
    short.answer_input.value = "  Sáu. "  # case, spaces and punctuation do not matter
    short.check_button.click()
    assert short.result is True
    short.answer_input.value = "bảy"
    short.check_button.click()
    assert short.result is False and "Đáp án đúng: 6." in short.feedback.value


def test_essay_is_recorded_unmarked_and_shows_the_rubric(bank) -> None:
    attempts: list[Attempt] = []
    check = SelfCheck(["w-essay-nguyen-tac"], bank=bank, on_attempt=attempts.append)
    card = check.cards[0]
    card.answer_input.value = "Dân biết, dân bàn, dân làm, dân kiểm tra."
    card.check_button.click()
    assert "không chấm tự động" in card.feedback.value
    assert "Tiêu chí kín — nêu đúng nguyên tắc (2 điểm)" in card.feedback.value
    assert attempts == [
        Attempt("w-essay-nguyen-tac", "Dân biết, dân bàn, dân làm, dân kiểm tra.", None, 0)
    ]
    assert check.summary.value == ""  # nothing to score


def test_blank_answer_is_not_an_attempt(bank) -> None:
    attempts: list[Attempt] = []
    check = SelfCheck(
        ["w-single-pham-vi", "w-short-so-chuong"], bank=bank, on_attempt=attempts.append
    )
    for card in check.cards:
        card.answer_input.value = "   " if card.question.type == "short" else None
        card.check_button.click()
        assert "Bạn chưa trả lời câu này." in card.feedback.value
        assert card.attempts == 0
    assert attempts == []


def test_summary_and_attempts_report_the_check_size(bank) -> None:
    attempts: list[Attempt] = []
    check = SelfCheck(ALL, bank=bank, on_attempt=attempts.append)
    assert check.check_size == 4  # the essay is not marked
    check.cards[0].answer_input.value = "D"
    check.cards[0].check()
    assert check.score() == (1, 4)
    assert "đúng 1/4 câu (25 %)" in check.summary.value
    assert "Chưa đạt 50 %" in check.summary.value
    check.cards[2].answer_input.value = True
    check.cards[2].check()
    assert "đúng 2/4 câu (50 %)" in check.summary.value
    assert "Đạt yêu cầu" in check.summary.value
    assert [a.check_size for a in attempts] == [4, 4]
    assert [(a.question_id, a.response, a.correct) for a in attempts] == [
        ("w-single-pham-vi", "D", True),
        ("w-true-false-nghia-vu", True, True),
    ]


def test_unknown_question_id_gives_a_vietnamese_message(bank) -> None:
    check = SelfCheck(["w-single-pham-vi", "khong-co-cau-nay"], bank=bank)
    assert check.question_ids == ["w-single-pham-vi"]
    assert "Không tìm thấy câu hỏi “khong-co-cau-nay”" in check.notice.value
    only_unknown = SelfCheck(["khong-co-cau-nay"], bank=bank)
    assert only_unknown.cards == []
    assert "chưa có câu hỏi" in only_unknown.notice.value


def test_step_mode_shows_one_question_at_a_time(bank) -> None:
    check = SelfCheck(ALL[:3], bank=bank, mode="step")
    shown = [card.layout.display for card in check.cards]
    assert shown == [None, "none", "none"]
    assert check.previous_button.disabled and not check.next_button.disabled
    check.next_button.click()
    check.next_button.click()
    assert [card.layout.display for card in check.cards] == ["none", "none", None]
    assert check.next_button.disabled
    assert "Câu 3/3" in check.position_label.value


def test_topic_draw_is_seeded_and_reviewed_only(bank) -> None:
    topic = {"document": "luat-10-2022-qh15", "chapter": "I"}
    first = draw_from_topic(bank, topic, 3, seed="m02")
    assert first == draw_from_topic(bank, topic, 3, seed="m02")
    assert len(first) == 3 and set(first) <= set(ALL)
    check = SelfCheck(topic=topic, n=9, seed="m02", bank=bank)
    assert len(check.cards) == 5
    assert "Chỉ có 5 câu hỏi phù hợp (cần 9)" in check.notice.value
    with pytest.raises(ValueError, match="unknown keys"):
        draw_from_topic(bank, {"chuong": "I"}, 1)


@pytest.mark.parametrize(
    ("correct", "total", "expected"),
    [(0, 0, False), (0, 1, False), (1, 2, True), (1, 3, False), (2, 3, True), (5, 10, True)],
)
def test_pass_mark_is_half(correct: int, total: int, expected: bool) -> None:
    assert passed(correct, total) is expected


def test_citations_read_like_the_law() -> None:
    from quizzes.schema import Citation

    assert (
        citation_text(Citation(document="luat-10-2022-qh15", article=6, clause=4))
        == "Khoản 4 Điều 6 Luật Thực hiện dân chủ ở cơ sở (Luật số 10/2022/QH15), "
        "thuộc Chương I: Những quy định chung"
    )
    assert citation_text(
        Citation(document="luat-10-2022-qh15", article=21, clause=1, point="a")
    ).startswith("Điểm a khoản 1 Điều 21 Luật")
    assert citation_text(Citation(document="nd-59-2023", article=4)) == (
        "Điều 4 Nghị định 59/2023/NĐ-CP"
    )
    assert citation_text(Citation(document="nq-28-2024-travinh", part="measure-4")) == (
        "Biện pháp 4: Ứng dụng công nghệ thông tin, khoa học công nghệ — "
        "Nghị quyết 28/2024/NQ-HĐND tỉnh Trà Vinh"
    )


def test_feedback_quotes_the_imported_official_text(bank, tmp_path, monkeypatch) -> None:
    from pathlib import Path

    from quizzes.legal_library import import_document

    fixture = Path(__file__).parents[1] / "quizzes" / "files" / "sources" / "luat-mau.txt"
    monkeypatch.setenv("DANCOSO_DATA", str(tmp_path))
    import_document(fixture, document="luat-10-2022-qh15", root=tmp_path)
    card = SelfCheck(["w-single-pham-vi"], bank=bank).cards[0]
    card.answer_input.set_state({"index": 0})
    card.check_button.click()
    assert "Nguyên văn (văn bản chính thức đã nhập)" in card.feedback.value
    assert "Luật này quy định về nội dung, cách thức thực hiện dân chủ" in card.feedback.value


def test_without_an_import_the_feedback_keeps_our_paraphrase(bank, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("DANCOSO_DATA", str(tmp_path))
    card = SelfCheck(["w-single-pham-vi"], bank=bank).cards[0]
    card.answer_input.set_state({"index": 0})
    card.check_button.click()
    assert "Nguyên văn" not in card.feedback.value
    assert "Lời giải thích kín số một" in card.feedback.value
