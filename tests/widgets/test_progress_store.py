"""The progress store: pass mark, nothing lost, damaged files set aside, trainer frames."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from widgets import Attempt, ProgressStore


def attempt(qid: str, correct: bool | None, size: int = 3, response="A") -> Attempt:
    return Attempt(question_id=qid, response=response, correct=correct, check_size=size)


def test_completion_needs_half_of_the_marked_questions(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "progress.sqlite")
    first = store.record("Lan", "m02", attempt("q1", True))
    assert (first.correct, first.total, first.completed) == (1, 3, False)
    store.record("Lan", "m02", attempt("q2", False))
    second = store.record("Lan", "m02", attempt("q3", True))
    assert (second.answered, second.correct, second.total) == (3, 2, 3)
    assert second.completed and second.completed_at is not None
    assert second.completed_at.endswith("+07:00")  # Vietnam time
    assert store.module("Lan", "m03").started is False
    assert store.module("Bình", "m02").answered == 0  # per learner


def test_answering_twice_keeps_every_attempt_and_scores_the_latest(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "progress.sqlite")
    store.record("Lan", "m02", attempt("q1", False, size=2, response="B"))
    store.record("Lan", "m02", attempt("q1", True, size=2, response="D"))
    progress = store.module("Lan", "m02")
    assert (progress.answered, progress.correct, progress.completed) == (1, 1, True)
    store.record("Lan", "m02", attempt("q1", False, size=2, response="C"))
    later = store.module("Lan", "m02")
    assert later.correct == 0
    assert later.completed, "completion, once reached, is kept"
    frame = store.attempts_frame()
    assert list(frame["response"]) == ["B", "D", "C"]
    assert list(frame["correct"]) == [False, True, False]


def test_trainer_frames(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "progress.sqlite")
    store.record("Lan", "m01", attempt("a", True, size=1))
    store.record("Lan", "m02", attempt("b", False, size=2))
    store.record("Bình", "m02", attempt("essay", None, size=0, response="Bài viết"))
    frame = store.progress_frame()
    assert list(frame.columns) == [
        "learner",
        "module",
        "answered",
        "correct",
        "total",
        "score",
        "completed",
        "completed_at",
        "last_activity",
    ]
    rows = {(r.learner, r.module): r for r in frame.itertuples()}
    assert rows["Lan", "m01"].score == 1.0 and rows["Lan", "m01"].completed
    assert rows["Lan", "m02"].score == 0.0 and not rows["Lan", "m02"].completed
    assert rows["Bình", "m02"].completed, "an essay-only self-check is done once answered"
    assert str(frame["last_activity"].dt.tz) in {"UTC+07:00", "pytz.FixedOffset(420)"}


def test_empty_store_gives_empty_frames(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "progress.sqlite")
    assert store.progress_frame().empty
    assert store.attempts_frame().empty
    assert store.modules("Lan") == {}


@pytest.mark.parametrize(
    "content",
    [b"this is not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 4000],
    ids=["garbage", "truncated-header"],
)
def test_a_damaged_file_is_set_aside_never_overwritten(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "progress.sqlite"
    path.write_bytes(content)
    store = ProgressStore(path)
    assert store.reset_notice is not None
    assert store.reset_notice.name.startswith("progress.sqlite.hong-")
    assert store.reset_notice.read_bytes() == content
    assert store.record("Lan", "m02", attempt("q1", True, size=1)).completed
    again = ProgressStore(path)  # the new file is healthy: nothing more is moved
    assert again.reset_notice is None
    assert again.module("Lan", "m02").completed


def test_a_database_with_another_schema_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE attempts (id INTEGER, something TEXT)")
        db.execute("INSERT INTO attempts VALUES (1, 'old data')")
    db.close()
    store = ProgressStore(path)
    assert store.reset_notice is not None
    with sqlite3.connect(store.reset_notice) as old:
        assert old.execute("SELECT something FROM attempts").fetchall() == [("old data",)]
    old.close()


def test_two_kernels_share_one_file(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite"
    one, two = ProgressStore(path), ProgressStore(path)
    one.record("Lan", "m02", attempt("q1", True, size=2))
    two.record("Lan", "m02", attempt("q2", True, size=2))
    assert one.module("Lan", "m02").correct == 2
