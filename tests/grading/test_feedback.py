"""Feedback pages: only after the round closes; score, answers, key, explanation, citation (and
the article's text once imported); no hidden-test source (nbgrader #917), nobody else's data."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from contest_fixtures import at
from grade_fixtures import graded_pair

from grading.contest_store import load_frozen
from grading.feedback import FeedbackRefused, write_feedback
from grading.gradebook_db import GradebookTables
from grading.gradebook_dump import canonical_dump

pytestmark = pytest.mark.slow
AFTER = at(1, 9, month=12)  # vong-1 closed on 30/11 at 17:00; vong-2 is still open
LAW_TEXT = Path(__file__).parents[1] / "quizzes" / "files" / "sources" / "luat-mau.txt"


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    return graded_pair(tmp_path_factory)


@pytest.fixture(scope="module")
def pages(pair, tmp_path_factory) -> list[Path]:
    return write_feedback(pair.fast, out=tmp_path_factory.mktemp("feedback"), now=AFTER)


def test_refused_before_the_round_closes(pair, tmp_path) -> None:
    with pytest.raises(FeedbackRefused, match="vong-1"):
        write_feedback(pair.fast, rounds=["vong-1"], out=tmp_path, now=at(20, 9))
    with pytest.raises(FeedbackRefused, match="vong-2"):
        write_feedback(pair.fast, rounds=["vong-2"], out=tmp_path, now=AFTER)
    assert not any(tmp_path.iterdir())


def test_a_page_per_graded_attempt_of_closed_rounds(pair, pages) -> None:
    state = canonical_dump(GradebookTables.open(pair.fast))["state"]
    expected = {(row[1], row[0]) for row in state if row[0].startswith("vong-1-")}
    assert {(p.parts[-3], p.parts[-2]) for p in pages} == expected


def test_pages_show_the_paper_and_leak_nothing(pair, pages) -> None:
    contest = load_frozen(pair.fast)
    questions = contest.questions("vong-1")
    state = canonical_dump(GradebookTables.open(pair.fast))["state"]
    people = {row[1] for row in state}
    forbidden = ["check_slot", "HIDDEN TESTS", "paper_check", "import ", contest.spec.seed]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        text = unescape(html)
        assert not [word for word in forbidden if word in text], page
        assert "<script" not in html and "http" not in html  # self-contained, nothing runs
        participant, assignment = page.parts[-3], page.parts[-2]
        assert not [p for p in people - {participant} if p in text]  # nobody else's id
        paper = contest.paper(participant, "vong-1", int(assignment.rsplit("-", 1)[1]))
        stems = {questions[s.question_id].stem for s in paper.slots}
        shown = {q.stem for q in questions.values() if q.stem in text}
        assert shown == stems  # exactly this participant's questions
        assert "Đáp án:" in text and "Giải thích:" in text and "Căn cứ:" in text
        assert re.search(r"Điểm: \d+ / 20", text)
    broken = pair.hostile["answers-truncated"]
    page = next(p for p in pages if p.parts[-3] == broken)
    assert "không câu nào được tính điểm" in page.read_text(encoding="utf-8")
    big = pair.hostile["ten-mb-output"]
    page = next(p for p in pages if p.parts[-3] == big)
    assert page.stat().st_size < 100_000  # no 10 MB line, whatever the notebook carried


def test_the_imported_article_text_is_quoted(pair, tmp_path, monkeypatch) -> None:
    from quizzes.legal_library import import_document

    monkeypatch.setenv("DANCOSO_DATA", str(tmp_path / "data"))
    import_document(LAW_TEXT, document="luat-10-2022-qh15", root=tmp_path / "data")
    written = write_feedback(
        pair.fast, rounds=["vong-1"], out=tmp_path / "out", now=AFTER, library=tmp_path / "data"
    )
    text = unescape(written[0].read_text(encoding="utf-8"))
    assert "<blockquote>" in written[0].read_text(encoding="utf-8")
    assert "Giải thích:" in text  # our explanation stays beside the official words
