"""The course one-liners: header, self-check, home and "Tiến độ của tôi" working together."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from widgets import ProgressStore, course

IDS = ["w-single-pham-vi", "w-multiple-co-so", "w-true-false-nghia-vu"]


def html_of(widget) -> str:
    """All HTML shown by a widget tree (what the learner reads)."""
    parts = [getattr(widget, "value", "") if hasattr(widget, "value") else ""]
    for child in getattr(widget, "children", ()):
        parts.append(html_of(child))
    return "\n".join(p for p in parts if isinstance(p, str))


def text_of(widget) -> str:
    """What the learner reads: the HTML without its tags."""
    return re.sub(r"<[^>]+>", "", html_of(widget))


def answer(check, index: int, value) -> None:
    card = check.cards[index]
    if card.checkboxes:
        for letter, box in zip("ABCDEF", card.checkboxes, strict=False):
            box.value = letter in value
    else:
        card.answer_input.value = value
    card.check_button.click()


@pytest.fixture
def named(data_dir: Path, courses_dir: Path) -> course.CourseSession:
    (data_dir / "learner.json").write_text('{"name": "Nguyễn Thị Lan"}', encoding="utf-8")
    return course.reset_session(courses_dir=courses_dir)


def test_self_check_records_progress_and_the_header_follows(named) -> None:
    header = course.make_header("m02")
    assert "Học viên: Nguyễn Thị Lan" in html_of(header)
    assert "Chưa bắt đầu" in html_of(header)
    assert 'href="index.ipynb"' in html_of(header)  # relative: works in Voilà and in Lab
    box = course.make_self_check("m02", IDS)
    check = box.self_check
    answer(check, 0, "D")
    assert "Đang học — Tự kiểm tra: đúng 1/3 câu" in text_of(header)
    answer(check, 1, ["A"])
    answer(check, 2, True)
    assert "Hoàn thành — Tự kiểm tra: đúng 2/3 câu" in text_of(header)
    assert '<progress class="dancoso-bar" value="2" max="3"' in html_of(header)


def test_home_lists_modules_with_time_status_and_relative_links(named) -> None:
    home = course.make_home()
    text = html_of(home)
    assert text.index("Giới thiệu khoá học (bài mẫu)") < text.index("Chương I — Những quy")
    assert '<a href="02-chuong-1.ipynb">' in text
    assert "khoảng 25 phút" in text and "Đã hoàn thành 0/2 bài học." in text
    check = course.make_self_check("m02", IDS).self_check
    answer(check, 0, "D")
    answer(check, 2, True)
    text = html_of(home)
    assert "Đã hoàn thành 1/2 bài học." in text
    assert "Hoàn thành · Tự kiểm tra: đúng 2/3 câu" in text_of(home).replace(" — ", " · ")


def test_my_progress_table(named) -> None:
    check = course.make_self_check("m02", IDS).self_check
    answer(check, 0, "A")
    view = course.make_my_progress()
    text = html_of(view)
    assert "Tiến độ của tôi" in text
    assert "<td>Chưa bắt đầu</td>" in text and "<td>Đang học</td>" in text
    assert "<td>0/3</td>" in text


def test_answers_given_before_the_name_are_kept(data_dir: Path, courses_dir: Path) -> None:
    course.reset_session(courses_dir=courses_dir)
    header = course.make_header("m02")
    box = course.make_self_check("m02", IDS)
    assert len(box.children) == 2, "the header already asks for the name: no second form"
    answer(box.self_check, 0, "D")
    assert "Kết quả chưa được lưu vì chưa có tên học viên" in html_of(box)
    form = header.children[3].children[0]
    form.name_input.value = "Phạm Văn Đức"
    form.save_button.click()
    assert "Đã lưu 1 câu trả lời trước đó" in html_of(header)
    assert "Học viên: Phạm Văn Đức" in html_of(header)
    assert "Tự kiểm tra: đúng 1/3 câu" in text_of(header)
    store = ProgressStore(data_dir / "progress.sqlite")
    assert store.module("Phạm Văn Đức", "m02").correct == 1


def test_a_self_check_alone_asks_for_the_name(data_dir: Path) -> None:
    box = course.make_self_check("m02", IDS)
    assert "Nhập họ và tên của bạn" in html_of(box)


def test_unknown_question_and_broken_bank_are_messages_not_tracebacks(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, project_root: Path
) -> None:
    box = course.make_self_check("m02", ["w-single-pham-vi", "cau-khong-ton-tai"])
    assert "Không tìm thấy câu hỏi “cau-khong-ton-tai”" in html_of(box)
    broken = project_root / "tests" / "quizzes" / "files" / "bad-yaml-syntax.yaml"
    monkeypatch.setenv("DANCOSO_BANK", str(broken))
    course.reset_session()
    box = course.make_self_check("m02", ["w-single-pham-vi"])
    assert "Ngân hàng câu hỏi đang có lỗi" in html_of(box)


def test_a_damaged_progress_file_is_reported_to_the_learner(named, data_dir: Path) -> None:
    (data_dir / "progress.sqlite").write_bytes(b"hong" * 1000)
    header = course.make_header("m02")
    text = html_of(header)
    assert "Tệp tiến độ học tập bị hỏng nên đã được cất sang “progress.sqlite.hong-" in text
    aside = list(data_dir.glob("progress.sqlite.hong-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == b"hong" * 1000
    check = course.make_self_check("m02", IDS).self_check
    answer(check, 0, "D")
    with sqlite3.connect(data_dir / "progress.sqlite") as db:
        assert db.execute("SELECT COUNT(*) FROM attempts").fetchone() == (1,)
    db.close()


def test_one_liners_display_and_return_nothing(named, monkeypatch) -> None:
    shown = []
    monkeypatch.setattr(course, "_show", shown.append)
    assert course.header("m02") is None
    assert course.self_check("m02", IDS[:1]) is None
    assert course.home() is None
    assert course.my_progress() is None
    assert len(shown) == 4


def test_a_pre_started_kernel_reads_the_learner_when_the_visitor_arrives(
    data_dir: Path, courses_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import voila.utils

    from widgets import session

    course.reset_session(courses_dir=courses_dir)
    course.session()  # created at kernel start, before anyone opened the page
    monkeypatch.setattr(session, "_waited", False)
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    waited = []

    def visitor_arrives() -> None:  # meanwhile, the learner entered a name on another page
        (data_dir / "learner.json").write_text('{"name": "Võ Minh Tâm"}', encoding="utf-8")
        waited.append(True)

    monkeypatch.setattr(voila.utils, "wait_for_request", visitor_arrives)
    header = course.make_header("m02")
    course.make_self_check("m02", IDS)
    assert waited == [True], "waits once per kernel"
    assert "Học viên: Võ Minh Tâm" in text_of(header)
