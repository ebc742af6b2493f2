"""The bank review panel, headless: approve, reject and edit as a reviewer would."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from quizzes.legal_library import import_document
from widgets.review import ReviewPanel

FILES = Path(__file__).resolve().parent.parent / "quizzes" / "files"


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    folder = tmp_path / "bank"
    folder.mkdir()
    shutil.copy(FILES / "good.yaml", folder / "bank.yaml")
    return folder


def statuses(bank: Path) -> dict[str, str]:
    data = yaml.safe_load((bank / "bank.yaml").read_text(encoding="utf-8"))
    return {q["id"]: q["status"] for q in data["questions"]}


def test_drafts_are_listed_and_approval_needs_a_reviewer(bank: Path, tmp_path: Path) -> None:
    panel = ReviewPanel(bank=bank, data_root=tmp_path / "data")
    assert [value for _, value in panel.picker.options] == [
        "t-d6-so-nghia-vu",
        "t-nq28-bien-phap",
        "t-essay",
    ]
    panel.basis.value = "Điều 6 Luật 10/2022/QH15"
    panel.approve_button.click()
    assert "tên người rà soát" in panel.message.value
    assert statuses(bank)["t-d6-so-nghia-vu"] == "draft"  # nothing written

    panel.reviewer.value = "Nguyễn Văn Luật"
    panel.approve_button.click()
    assert "đã duyệt" in panel.message.value
    assert statuses(bank)["t-d6-so-nghia-vu"] == "reviewed"
    assert [value for _, value in panel.picker.options] == ["t-nq28-bien-phap", "t-essay"]


def test_reject_keeps_the_question_with_the_reason(bank: Path, tmp_path: Path) -> None:
    panel = ReviewPanel(bank=bank, data_root=tmp_path / "data")
    panel.reviewer.value = "Trần Thị Pháp"
    panel.picker.value = "t-essay"
    panel.reject_button.click()
    assert "lý do" in panel.message.value  # a reason is required
    panel.reason.value = "Hướng dẫn chấm thiếu ý về nghĩa vụ thứ năm"
    panel.reject_button.click()
    data = yaml.safe_load((bank / "bank.yaml").read_text(encoding="utf-8"))
    essay = next(q for q in data["questions"] if q["id"] == "t-essay")
    assert essay["status"] == "draft"
    assert "Hướng dẫn chấm thiếu ý" in essay["notes"]


def test_an_invalid_edit_is_refused_and_nothing_is_written(bank: Path, tmp_path: Path) -> None:
    before = (bank / "bank.yaml").read_bytes()
    panel = ReviewPanel(bank=bank, data_root=tmp_path / "data")
    panel.show.value = "reviewed"
    panel.reviewer.value = "Lê Văn Rà"
    panel.options_box.value = "Chỉ một phương án"  # a single-choice question needs 2–6
    panel.save_button.click()
    assert "Không lưu" in panel.message.value
    assert (bank / "bank.yaml").read_bytes() == before


def test_imported_article_text_is_shown(bank: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    import_document(FILES / "sources" / "luat-mau.txt", document="luat-10-2022-qh15", root=data)
    panel = ReviewPanel(bank=bank, data_root=data)
    assert "<blockquote>Điều 6. Nghĩa vụ của công dân" in panel.detail.value
    panel.picker.value = "t-nq28-bien-phap"
    assert "Chưa nhập văn bản chính thức" in panel.detail.value


def test_add_note_is_idempotent_and_keeps_status(bank: Path) -> None:
    from quizzes.review import add_note

    add_note("t-d4-k1-cu-tru", "Phân tích câu hỏi: quá dễ (độ khó 0,95)", bank=bank)
    add_note("t-d4-k1-cu-tru", "Phân tích câu hỏi: quá dễ (độ khó 0,95)", bank=bank)
    data = yaml.safe_load((bank / "bank.yaml").read_text(encoding="utf-8"))
    first = data["questions"][0]
    assert first["status"] == "reviewed"
    assert first["notes"] == "Phân tích câu hỏi: quá dễ (độ khó 0,95)"
