"""Who is learning: JupyterHub user first, else a name entered once and checked."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from widgets import LearnerNameError, NameForm, current_learner, validate_name


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "Bạn chưa nhập họ và tên."),
        ("   \t ", "Bạn chưa nhập họ và tên."),
        ("A", "Họ và tên quá ngắn: cần ít nhất 2 chữ cái."),
        ("0912345678", "Họ và tên chỉ gồm chữ cái"),
        ("<script>alert(1)</script>", "Họ và tên chỉ gồm chữ cái"),
        ("Lan; DROP TABLE attempts", "Họ và tên chỉ gồm chữ cái"),
        ("Nguyễn " * 20, "Họ và tên quá dài (tối đa 80 ký tự)."),
    ],
    ids=["empty", "blank", "one-letter", "digits", "html", "sql", "too-long"],
)
def test_absurd_names_are_refused_in_vietnamese(raw: str, message: str) -> None:
    with pytest.raises(LearnerNameError) as caught:
        validate_name(raw)
    assert str(caught.value).startswith(message)


def test_a_real_name_is_tidied() -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn  Thị   Lan ")
    assert validate_name(decomposed) == "Nguyễn Thị Lan"
    assert validate_name("Ka'Sô H'Nhi") == "Ka'Sô H'Nhi"  # ethnic-minority names keep '


def test_jupyterhub_user_wins(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (data_dir / "learner.json").write_text('{"name": "Trần Văn Bình"}', encoding="utf-8")
    assert current_learner() == "Trần Văn Bình"
    monkeypatch.setenv("JUPYTERHUB_USER", "canbo-xa-01")
    assert current_learner() == "canbo-xa-01"


def test_an_unreadable_learner_file_just_asks_again(data_dir: Path) -> None:
    (data_dir / "learner.json").write_text("{not json", encoding="utf-8")
    assert current_learner() is None


def test_name_form_saves_once_and_reports_bad_input(data_dir: Path) -> None:
    saved: list[str] = []
    form = NameForm(on_saved=saved.append)
    form.name_input.value = "12"
    form.save_button.click()
    assert "Họ và tên chỉ gồm chữ cái" in form.message.value
    assert not (data_dir / "learner.json").exists() and saved == []
    form.name_input.value = "Lê Thị Hoa"
    form.save_button.click()
    assert saved == ["Lê Thị Hoa"]
    assert json.loads((data_dir / "learner.json").read_text(encoding="utf-8")) == {
        "name": "Lê Thị Hoa"
    }
    assert form.save_button.disabled and "Đã lưu tên: Lê Thị Hoa." in form.message.value
