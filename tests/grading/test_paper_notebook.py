"""The paper notebook: locked rules and answer-sheet cells, one hidden-test cell per slot."""

from __future__ import annotations

import nbformat
from contest_fixtures import SPEC

from grading.answer_display import sheet_html, show_answer_sheet
from grading.paper_notebook import paper_notebook
from quizzes.contest_load import load_contest_spec


def test_structure_points_and_locks() -> None:
    spec = load_contest_spec(SPEC)
    round_ = spec.round("vong-1")
    notebook = paper_notebook(spec, round_)
    nbformat.validate(notebook)
    meta = [cell.metadata["nbgrader"] for cell in notebook.cells]
    assert all(m["locked"] for m in meta)
    assert [m["grade_id"] for m in meta] == [
        "the-le",
        "phieu-tra-loi",
        *[f"cau-{n:02d}" for n in range(1, 11)],
        "du-doan",
    ]
    tests = [m for m in meta if m["grade"]]
    assert len(tests) == 10 and sum(m["points"] for m in tests) == round_.paper.max_points == 20
    rules = notebook.cells[0].source
    assert "10 phút" in rules and "tối đa 3 lượt" in rules and "17 giờ 00 ngày 30/11/2026" in rules
    sheet = notebook.cells[1]
    assert (
        sheet.cell_type == "code"
        and "answers.json" in sheet.source
        and "import os" not in sheet.source
    )
    for number, cell in enumerate(notebook.cells[2:12], start=1):
        assert cell.source.endswith(
            f"### BEGIN HIDDEN TESTS\nfrom grading.paper_check import check_slot\n"
            f"check_slot({number})\n### END HIDDEN TESTS"
        )
    assert "Dự đoán" in notebook.cells[-1].source or "dự đoán" in notebook.cells[-1].source


def test_answer_sheet_cell_never_raises(tmp_path) -> None:
    assert show_answer_sheet(tmp_path) is None
    (tmp_path / "answers.json").write_bytes(b"\xff not json")
    (tmp_path / "paper.json").write_text("[1, 2", encoding="utf-8")
    assert show_answer_sheet(tmp_path) is None
    (tmp_path / "answers.json").write_text(
        '{"round": "vong-1", "attempt": 1, "participant": "ts-x", "answers": {"1": "C"}, "prediction": 3}',
        encoding="utf-8",
    )
    (tmp_path / "paper.json").write_text(
        '{"questions": [{"number": 1, "stem": "<script>x</script>"}]}', encoding="utf-8"
    )
    sheet = show_answer_sheet(tmp_path)
    assert sheet.answer(1) == "C"
    html = sheet_html({"questions": [{"number": 1, "stem": "<script>x</script>"}]}, sheet, None)
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b>C</b>" in html
